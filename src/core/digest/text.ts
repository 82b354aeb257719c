// The digest's lines, worded once: each platform lays them out its own way (an embed, Block Kit, terminal text) and
// passes how it escapes a member's name or a question's text.
import type { ScheduleView } from "../app.js";
import type { QuestionCard, RevealedCard } from "../cards.js";
import { t } from "../messages/index.js";
import type { Locale } from "../locale.js";
import { DEFAULT_SCHEDULE_EXTRAS } from "../store/digest.js";
import type { Digest, DigestBoardRow, DigestMissed, DigestTopic, Reminder } from "./types.js";
import { WEAKEST_TOPICS } from "./types.js";

const pct = (x: number) => Math.round(x * 100);
const same = (s: string) => s;

/** "▲2", "▼1", "new", or "" for no change. */
export function movementText(l: Locale, movement: number | null): string {
  if (movement === null) return t(l, "digest.moved_new");
  if (movement > 0) return t(l, "digest.moved_up", { count: movement });
  if (movement < 0) return t(l, "digest.moved_down", { count: -movement });
  return "";
}

export function boardRowText(l: Locale, r: DigestBoardRow, name: (s: string) => string = same): string {
  const line = t(l, "digest.board_row", { rank: r.rank, name: name(r.displayName), points: r.points, accuracy: pct(r.accuracy), correct: r.correct, answered: r.answered });
  const moved = movementText(l, r.movement);
  return moved ? `${line} ${moved}` : line;
}

export function topicRowText(l: Locale, x: DigestTopic, name: (s: string) => string = same): string {
  return t(l, "digest.topic_row", { name: name(x.name), accuracy: pct(x.accuracy), correct: x.correct, answered: x.answered });
}

/** A question's prompt on one line, at most `max` characters. */
export function promptLine(prompt: string, max = 120): string {
  const one = prompt.replace(/\s+/g, " ").trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

export function missedRowText(l: Locale, m: DigestMissed, escape: (s: string) => string = same): string {
  return t(l, "digest.missed_row", { prompt: escape(promptLine(m.prompt)), missed: m.missed, answered: m.answered, label: m.correct.label, text: escape(promptLine(m.correct.text, 60)) });
}

/** The source a missed question points to, as a breadcrumb ("note › heading"). */
export function sourcePath(m: DigestMissed): string | null {
  return m.source ? m.source.path.join(" › ") || m.source.heading : null;
}

export function weakestTopics(d: Digest): DigestTopic[] {
  return d.topics.slice(0, WEAKEST_TOPICS);
}

export function winnersText(l: Locale, d: Digest, name: (s: string) => string = same): string | null {
  return d.winners.length ? t(l, "digest.winners", { names: d.winners.map((w) => name(w.displayName)).join(", ") }) : null;
}

/** The whole digest as plain lines (the console, a preview, a notification's text). */
export function digestLines(d: Digest, opts: { title?: "digest.title" | "digest.preview_title" } = {}): string[] {
  const l = d.locale;
  const names = t(l, "schedule.days.names").split(",");
  const lines = [t(l, opts.title ?? "digest.title", { from: d.firstDay, to: d.lastDay.slice(5) }), t(l, "digest.summary", { rounds: d.rounds, answers: d.answers })];
  if (d.rounds === 0) return [...lines, t(l, "digest.empty")];
  const winners = winnersText(l, d);
  if (winners) lines.push(winners);
  lines.push("", t(l, "digest.board"), ...(d.board.length ? d.board.map((r) => `  ${boardRowText(l, r)}`) : [`  ${t(l, "digest.board_empty")}`]));
  lines.push("", `${t(l, "digest.days")}: ${d.days.map((x) => `${names[x.weekday]} ${x.answers}`).join(" · ")}`);
  if (d.topics.length) lines.push("", t(l, "digest.weakest"), ...weakestTopics(d).map((x) => `  ${topicRowText(l, x)}`));
  if (d.missed.length) {
    lines.push("", t(l, "digest.missed"));
    d.missed.forEach((m, i) => {
      lines.push(`  ${i + 1}. ${missedRowText(l, m)}`);
      const where = sourcePath(m);
      if (where) lines.push(`     ${t(l, "digest.read", { path: where })}`);
    });
  }
  if (d.milestones.length) lines.push("", t(l, "digest.milestones"), ...d.milestones.map((m) => `  ${t(l, "digest.milestone_row", { name: m.displayName, streak: m.streak })}`));
  return lines;
}

/**
 * A schedule's digest, reminder and thread settings as one line, and a second one naming the permissions the bot
 * lacks for the threads asked for; empty while they are the defaults (a Sunday 20:00 digest, no reminder, no thread).
 */
export function scheduleExtrasLines(l: Locale, v: ScheduleView, channel: (id: string) => string, escape: (s: string) => string = same): string[] {
  const x = v.extras;
  if (!x || (JSON.stringify(x) === JSON.stringify(DEFAULT_SCHEDULE_EXTRAS) && !v.threadMissing?.length)) return [];
  const names = t(l, "schedule.days.names").split(",");
  const off = t(l, "schedule.extras_off");
  const reminder = x.reminderMinutes === null ? off : t(l, "schedule.extras_reminder", { minutes: x.reminderMinutes });
  const line = t(l, "schedule.extras", {
    digest: x.digest ? t(l, "schedule.extras_digest", { day: names[x.digest.weekday] ?? "?", time: x.digest.time }) : off,
    reminder: x.reminderMinutes !== null && x.reminderMention ? t(l, "schedule.extras_mention", { reminder, mention: escape(x.reminderMention) }) : reminder,
    thread: t(l, x.thread ? "schedule.extras_on" : "schedule.extras_off"),
  });
  const missing = v.threadMissing?.length ? [`⚠️ ${t(l, "thread.missing_permissions", { channel: channel(v.channelId), permissions: v.threadMissing.join(", ") })}`] : [];
  return [line, ...missing];
}

/** The reveal's summary posted in a card's discussion thread. */
export function threadSummaryText(card: RevealedCard, escape: (s: string) => string = same): string {
  const l = card.locale;
  const right = card.choices[card.correctIndex];
  const params = { label: right?.label ?? "?", text: escape(promptLine(right?.text ?? "", 80)) };
  if (card.answered === 0) return t(l, "thread.nobody", params);
  const correct = card.counts[card.correctIndex] ?? 0;
  return t(l, "thread.revealed", { ...params, correct, answered: card.answered, accuracy: pct(correct / card.answered) });
}

/** A card's thread name: the question number and topic, within `max` characters. */
export function threadName(card: QuestionCard, max = 100): string {
  const name = t(card.locale, "thread.name", { round: card.roundId, topic: card.topic.name });
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

/** The reminder line shown on the card. */
export function reminderText(l: Locale, r: Reminder): string {
  return t(l, "reminder.left", { minutes: r.minutesLeft, count: r.answered });
}

/** The reminder's reply that carries the mention (null when there is none). */
export function reminderMentionText(l: Locale, r: Reminder, mention: (m: string) => string = same): string | null {
  return r.mention ? t(l, "reminder.mention", { mention: mention(r.mention), minutes: r.minutesLeft, count: r.answered }) : null;
}
