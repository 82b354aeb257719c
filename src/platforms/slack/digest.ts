// The weekly digest, the reveal reminder and the thread summary as Block Kit. Each most-missed question carries a
// button that opens its note section privately (the lookup's own button); the chart is uploaded beside the message.
import type { QuestionCard, RevealedCard } from "../../core/cards.js";
import { boardRowText, digestLines, missedRowText, reminderText, sourcePath, threadSummaryText, topicRowText, weakestTopics, winnersText } from "../../core/digest/text.js";
import type { Digest, Reminder } from "../../core/digest/types.js";
import { sectionValue } from "../../core/notes/lookup.js";
import { ACTION, button, context, fallback, header, questionCard, section, type Block, type Rendered } from "./blocks.js";
import { ts as t } from "./messages.js";
import { escapeText, inline } from "./mrkdwn.js";

const name = (s: string) => inline(s, 80);

export function digestBlocks(d: Digest): Rendered {
  const l = d.locale;
  const names = t(l, "schedule.days.names").split(",");
  const blocks: Block[] = [header(t(l, "digest.title", { from: d.firstDay, to: d.lastDay.slice(5) })), context(t(l, "digest.summary", { rounds: d.rounds, answers: d.answers }))];
  const winners = winnersText(l, d, name);
  if (winners) blocks.push(section(`*${winners}*`));
  blocks.push(section(`*${t(l, "digest.board")}*\n${d.board.length ? d.board.map((r) => boardRowText(l, r, name)).join("\n") : t(l, "digest.board_empty")}`));
  blocks.push(context(`${t(l, "digest.days")}: ${d.days.map((x) => `${names[x.weekday]} ${x.answers}`).join(" · ")}`));
  if (d.topics.length) blocks.push(section(`*${t(l, "digest.weakest")}*\n${weakestTopics(d).map((x) => `• ${topicRowText(l, x, name)}`).join("\n")}`));
  if (d.missed.length) {
    blocks.push(section(`*${t(l, "digest.missed")}*`));
    d.missed.forEach((m, i) => {
      const where = sourcePath(m);
      const text = `${i + 1}. ${missedRowText(l, m, escapeText)}${where ? `\n📖 ${t(l, "digest.read", { path: inline(where, 300) })}` : ""}`;
      const block = section(text, `digest_missed_${i}`);
      if (m.source && m.source.line > 0 && block.type === "section") block.accessory = button(t(l, "digest.open_source", { heading: m.source.heading }), `${ACTION.lookupOpen}:${i}`, sectionValue(m.source));
      blocks.push(block);
    });
  }
  if (d.milestones.length) blocks.push(section(`*${t(l, "digest.milestones")}*\n${d.milestones.map((m) => t(l, "digest.milestone_row", { name: name(m.displayName), streak: m.streak })).join("\n")}`));
  return { text: fallback(escapeText(digestLines(d).slice(0, 2).join(" · "))), blocks };
}

/** The open card with the time left and how many answered. */
export function reminderBlocks(card: QuestionCard, reminder: Reminder): Rendered {
  const r = questionCard(card);
  return { text: r.text, blocks: [...r.blocks, context(reminderText(card.locale, reminder))] };
}

/** The reveal's summary in the card's thread. */
export function threadReply(card: RevealedCard): string {
  return threadSummaryText(card, escapeText);
}
