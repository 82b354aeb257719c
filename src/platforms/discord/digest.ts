// The weekly digest, the reveal reminder and the thread summary as Discord message bodies. The digest's chart goes
// with the message as an attachment that its embed shows (`attachment://<name>`); each most-missed question gets a
// button that opens its note section (the same button the revealed card has).
import { ButtonStyle, ComponentType, escapeMarkdown, type APIButtonComponent, type APIEmbed } from "discord.js";
import type { FileAttachment, QuestionCard, RevealedCard } from "../../core/cards.js";
import { boardRowText, digestLines, missedRowText, reminderText, sourcePath, threadSummaryText, topicRowText, weakestTopics, winnersText } from "../../core/digest/text.js";
import type { Digest, Reminder } from "../../core/digest/types.js";
import { sectionId } from "./customId.js";
import { clip, fitEmbeds, LIMITS } from "./limits.js";
import { td as t } from "./messages.js";
import { questionCard, type MessageBody } from "./render.js";

const COLOR = 0xf59e0b;

export function digestMessage(d: Digest, chart: FileAttachment): MessageBody {
  const l = d.locale;
  const names = t(l, "schedule.days.names").split(",");
  const name = (s: string) => escapeMarkdown(s);
  const embed: APIEmbed = { color: COLOR, title: t(l, "digest.title", { from: d.firstDay, to: d.lastDay.slice(5) }), image: { url: `attachment://${chart.name}` } };
  const lines = [t(l, "digest.summary", { rounds: d.rounds, answers: d.answers })];
  const winners = winnersText(l, d, name);
  if (winners) lines.push("", `**${winners}**`);
  embed.description = lines.join("\n");
  const fields: NonNullable<APIEmbed["fields"]> = [
    { name: t(l, "digest.board"), value: d.board.length ? d.board.map((r) => boardRowText(l, r, name)).join("\n") : t(l, "digest.board_empty") },
    { name: t(l, "digest.days"), value: d.days.map((x) => `${names[x.weekday]} ${x.answers}`).join(" · ") },
  ];
  if (d.topics.length) fields.push({ name: t(l, "digest.weakest"), value: weakestTopics(d).map((x) => `• ${topicRowText(l, x, name)}`).join("\n") });
  if (d.missed.length) {
    fields.push({
      name: t(l, "digest.missed"),
      value: d.missed
        .map((m, i) => {
          const where = sourcePath(m);
          return `${i + 1}. ${missedRowText(l, m, escapeMarkdown)}${where ? `\n📖 ${t(l, "digest.read", { path: escapeMarkdown(where) })}` : ""}`;
        })
        .join("\n"),
    });
  }
  if (d.milestones.length) fields.push({ name: t(l, "digest.milestones"), value: d.milestones.map((m) => t(l, "digest.milestone_row", { name: name(m.displayName), streak: m.streak })).join("\n") });
  embed.fields = fields;
  const buttons: APIButtonComponent[] = [];
  for (const m of d.missed) {
    const id = m.source && sectionId(m.source.file, m.source.line);
    if (id && !buttons.some((b) => "custom_id" in b && b.custom_id === id)) {
      buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: clip(t(l, "digest.open_source", { heading: m.source!.heading }), LIMITS.buttonLabel), custom_id: id, emoji: { name: "📖" } });
    }
  }
  return {
    // the text a notification or a reader without embeds sees
    content: clip(digestLines(d).slice(0, 2).join(" · "), LIMITS.content),
    embeds: fitEmbeds([embed]),
    components: buttons.length ? [{ type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) }] : [],
    allowed_mentions: { parse: [] },
    files: [chart],
  };
}

/** The open card with the time left and how many answered (the reveal's edit replaces the whole embed). */
export function reminderCard(card: QuestionCard, reminder: Reminder): MessageBody {
  const body = questionCard(card);
  const [embed, ...rest] = body.embeds;
  const footer = embed?.footer ? `${reminderText(card.locale, reminder)} · ${embed.footer.text}` : reminderText(card.locale, reminder);
  return { ...body, embeds: fitEmbeds([{ ...embed, footer: { text: footer } }, ...rest]) };
}

/** The reveal's summary in the card's thread. */
export function threadSummary(card: RevealedCard): MessageBody {
  return { content: clip(threadSummaryText(card, escapeMarkdown), LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] } };
}

/** Who a stored mention pings, for allowed_mentions; null when it is not a Discord mention. */
export function mentionTarget(mention: string): { roles: string[] } | { users: string[] } | { parse: ["everyone"] } | null {
  let m: RegExpExecArray | null;
  if ((m = /^<@&(\d+)>$/.exec(mention))) return { roles: [m[1]!] };
  if ((m = /^<@(\d+)>$/.exec(mention))) return { users: [m[1]!] };
  if (mention === "@here") return { parse: ["everyone"] };
  return null;
}
