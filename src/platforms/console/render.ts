// Plain-text rendering of the core's results for a terminal.
import type { Leaderboard, MemberStats, QuestionCard, RevealedCard } from "../../core/cards.js";
import type { GroupStatus, ScheduleView } from "../../core/app.js";
import { scheduleParams, settingsParams } from "../../core/messages/format.js";
import { t, type Locale } from "../../core/messages/index.js";
import type { LookupResult } from "../../core/notes/types.js";

export function formatTime(d: Date | null, locale: Locale, timezone: string): string {
  if (!d) return "—";
  const s = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-GB", {
    timeZone: timezone,
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);
  return `${s} (${timezone})`;
}

function box(title: string, body: string[], footer: string): string {
  return [`┌─ ${title}`, ...body.map((l) => `│ ${l}`), `└─ ${footer}`].join("\n");
}

export function renderCard(card: QuestionCard, timezone: string): string {
  const l = card.locale;
  return box(
    t(l, "console.card_title", { round: card.roundId, topic: card.topic.name, difficulty: card.difficulty }),
    [...card.prompt.split("\n"), ...card.choices.map((c) => `  ${c.label}) ${c.text}`)],
    t(l, "console.card_footer", { revealAt: formatTime(card.revealAt, l, timezone) }),
  );
}

export function renderPracticeCard(card: QuestionCard): string {
  const l = card.locale;
  return box(
    t(l, "console.practice_title", { topic: card.topic.name, difficulty: card.difficulty }),
    [...card.prompt.split("\n"), ...card.choices.map((c) => `  ${c.label}) ${c.text}`)],
    t(l, "console.practice_footer"),
  );
}

export function revealLines(card: RevealedCard): string[] {
  const l = card.locale;
  const right = card.choices[card.correctIndex];
  const lines = [t(l, "quiz.correct_answer", { label: right?.label ?? "?", text: right?.text ?? "" })];
  if (card.explanation) lines.push(...card.explanation.split("\n"));
  lines.push(t(l, "console.counts", { counts: card.choices.map((c, i) => `${c.label} ${card.counts[i] ?? 0}`).join(" · "), answered: card.answered }));
  if (card.source) lines.push(t(l, "console.source", { path: card.source.path.join(" › "), file: card.source.file, line: card.source.line }));
  return lines;
}

export function renderReveal(card: RevealedCard): string {
  const l = card.locale;
  const fastest = card.fastestCorrect.length
    ? t(l, "console.fastest", { names: card.fastestCorrect.map((f) => `${f.displayName} (${f.seconds}s)`).join(", ") })
    : t(l, "console.no_fastest");
  return box(t(l, "console.reveal_title", { round: card.roundId, topic: card.topic.name }), revealLines(card), fastest);
}

const pct = (x: number) => Math.round(x * 100);

export function renderLeaderboard(b: Leaderboard): string {
  const l = b.locale;
  const title = t(l, `leaderboard.title.${b.period}`) + (b.topic ? ` · ${b.topic.name}` : "");
  if (b.rows.length === 0) return `${title}\n  ${t(l, "leaderboard.empty")}`;
  const row = (r: Leaderboard["rows"][number]) =>
    "  " + t(l, "leaderboard.row", { rank: r.rank, name: r.displayName, points: r.points, accuracy: pct(r.accuracy), correct: r.correct, answered: r.answered, streak: r.streak });
  const lines = [title, ...b.rows.map(row)];
  if (b.caller) lines.push(`  ${t(l, "leaderboard.you")}:`, row(b.caller));
  return lines.join("\n");
}

export function renderStats(s: MemberStats): string {
  const l = s.locale;
  return [
    t(l, "stats.title", { name: s.displayName }),
    "  " + t(l, "stats.summary", { answered: s.answered, correct: s.correct, accuracy: pct(s.accuracy), points: s.points }),
    "  " + t(l, "stats.streak", { current: s.currentStreak, best: s.bestStreak }),
    "  " + (s.rank === null ? t(l, "stats.rank_none") : t(l, "stats.rank", { rank: s.rank })),
    ...s.byTopic.map((x) => t(l, "stats.topic", { name: x.name, correct: x.correct, answered: x.answered, accuracy: pct(x.accuracy) })),
  ].join("\n");
}

export function renderSchedule(v: ScheduleView, locale: Locale): string {
  return t(locale, "schedule.saved", scheduleParams(locale, v, { channel: v.channelId, next: formatTime(v.nextRun, locale, v.timezone) }));
}

export function renderStatus(s: GroupStatus): string {
  const l = s.locale;
  const lines = [t(l, "admin.status_title"), "  " + t(l, "admin.status_settings", settingsParams(l, s.settings)), "  " + t(l, "admin.status_questions", { count: s.questions })];
  if (s.schedules.length === 0) lines.push("  " + t(l, "admin.status_no_schedule"));
  for (const v of s.schedules) lines.push("  " + t(l, "admin.status_schedule", scheduleParams(l, v, { channel: v.channelId, next: formatTime(v.nextRun, l, v.timezone) })));
  for (const r of s.openRounds) lines.push("  " + t(l, "admin.status_open", { round: r.roundId, channel: r.channelId, revealAt: formatTime(r.revealAt, l, s.settings.timezone) }));
  return lines.join("\n");
}

export function renderLookup(r: LookupResult, locale: Locale): string {
  const [best, ...more] = r.hits;
  if (!best) {
    const lines = [t(locale, "console.lookup_none", { query: r.query })];
    if (r.suggestions.length) lines.push(t(locale, "console.lookup_suggest", { labels: r.suggestions.slice(0, 5).map((s) => s.label).join(" | ") }));
    return lines.join("\n");
  }
  const lines = [`${best.section.path.join(" › ")}  (${best.section.file}:${best.section.line})`, ...best.snippet.split("\n").map((x) => `  ${x}`)];
  if (best.truncated) lines.push(`  ${t(locale, "console.lookup_truncated")}`);
  if (more.length) {
    lines.push(t(locale, "console.lookup_more"));
    for (const h of more.slice(0, 4)) lines.push(`  - ${h.section.path.join(" › ")}  (${h.section.file}:${h.section.line})`);
  }
  return lines.join("\n");
}
