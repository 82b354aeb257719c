// Plain-text rendering of the core's results for a terminal: one renderer per result kind.
import type { GroupStatus, PauseNotice, PracticeResult } from "../../core/app.js";
import type { Leaderboard, MemberStats, QuestionCard, RevealedCard } from "../../core/cards.js";
import type { Renderers } from "../../core/commands/index.js";
import type { Locale } from "../../core/locale.js";
import { answerOutcomeText, historyParts, nobodyText, secondsText } from "../../core/messages/format.js";
import { pausedText, pauseWarnings, revealedText, scheduleSavedText, settingsLines, statusParts, unscheduledText, usageText } from "../../core/messages/replies.js";
import { forgottenLines, groupQuestionLines, importedLines, nextLines, organiserLines, seasonLines, type OrganiserMarkup } from "../../core/messages/organiser-replies.js";
import type { LookupResult, Section } from "../../core/notes/types.js";
import { config as configSpec } from "../../core/commands/organiser.js";
import { dueTodayText, readinessParts, reminderText, reviewHeadText, reviewSummaryText } from "../../core/review/format.js";
import type { Readiness, ReviewPrompt } from "../../core/review/types.js";
import { tc } from "./messages.js";

export interface ConsoleRenderContext {
  locale: Locale;
  /** the group's time zone, for showing times */
  timezone: string;
  /** who typed the command (private replies name them) */
  speaker: string;
  /** where a file result was written */
  savedTo?: string;
}

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

function cardTitle(card: QuestionCard, head: string): string {
  return `${head} · ${card.topic.name} · ${tc(card.locale, "quiz.difficulty", { level: card.difficulty })}`;
}

const choiceLines = (card: QuestionCard) => card.choices.map((c) => `  ${c.label}) ${c.text}`);

export function renderCard(card: QuestionCard, timezone: string): string {
  const l = card.locale;
  return box(
    cardTitle(card, tc(l, "card.daily", { round: card.roundId })),
    [...card.prompt.split("\n"), ...choiceLines(card)],
    tc(l, "console.card_footer", { labels: card.choices.map((c) => c.label).join("|"), revealAt: formatTime(card.revealAt, l, timezone) }),
  );
}

export function renderPracticeCard(card: QuestionCard, speaker: string): string {
  const l = card.locale;
  return box(`${cardTitle(card, tc(l, "card.practice"))} · ${tc(l, "card.practice_note")}`, [...card.prompt.split("\n"), ...choiceLines(card)], tc(l, "console.practice_footer", { name: speaker }));
}

function revealLines(card: RevealedCard, opts: { counts: boolean }): string[] {
  const l = card.locale;
  const right = card.choices[card.correctIndex];
  const lines = [tc(l, "quiz.correct_answer", { label: right?.label ?? "?", text: right?.text ?? "" })];
  if (card.explanation) lines.push(...card.explanation.split("\n"));
  if (opts.counts) lines.push(tc(l, "card.counts", { counts: card.choices.map((c, i) => `${c.label} ${card.counts[i] ?? 0}`).join(" · "), answered: card.answered }));
  if (card.source) lines.push(tc(l, "console.source", { path: card.source.path.join(" › "), file: card.source.file, line: card.source.line }));
  return lines;
}

export function renderReveal(card: RevealedCard): string {
  const l = card.locale;
  const fastest = card.fastestCorrect.length
    ? `${tc(l, "card.fastest")}: ${card.fastestCorrect.map((f) => `${f.displayName} (${secondsText(l, f.seconds)})`).join(", ")}`
    : (nobodyText(l, card) ?? "");
  return box(`${tc(l, "card.daily", { round: card.roundId })} · ${tc(l, "card.revealed")} · ${card.topic.name}`, revealLines(card, { counts: true }), fastest);
}

function renderPracticeAnswer(r: PracticeResult, speaker: string): string {
  const l = r.locale;
  const right = r.choices[r.correctIndex]!;
  const head = r.repeated
    ? tc(l, "quiz.practice_repeated", { label: r.choiceLabel })
    : r.correct
      ? tc(l, "quiz.practice_correct", { label: r.choiceLabel })
      : tc(l, "quiz.practice_wrong", { label: r.choiceLabel, correct: `${right.label}) ${right.text}` });
  const note = r.after.section ? [`${tc(l, "review.note")}:`, ...r.after.section.text.split("\n").map((x) => `  ${x}`)] : [];
  return [tc(l, "console.private", { name: speaker, text: head }), ...[...revealLines(r, { counts: false }).slice(1), ...note, dueTodayText(l, r.after.dueToday)].map((x) => `  ${x}`)].join("\n");
}

function renderReview(r: ReviewPrompt, speaker: string, timezone: string): string {
  const head = `${tc(r.locale, "review.title")} · ${reviewHeadText(r.locale, r, (d) => formatTime(d, r.locale, timezone))}`;
  if (!r.card) return [head, `  ${reviewSummaryText(r.locale, r.summary)}`].join("\n");
  return [head, renderPracticeCard(r.card, speaker)].join("\n");
}

function renderReadiness(r: Readiness): string {
  const p = readinessParts(r.locale, r);
  if (p.none) return [p.title, `  ${p.none}`].join("\n");
  return [p.title, ...p.exams.flatMap((e) => [`  ${e.head}`, ...(e.group ? [`    ${e.group}`] : []), ...e.domains.map((d) => `    - ${d}`)]), `  (${p.formula})`].join("\n");
}

const pct = (x: number) => Math.round(x * 100);

function renderLeaderboard(b: Leaderboard, timezone: string): string {
  const l = b.locale;
  const title = (b.season ? tc(l, "leaderboard.season", { name: b.season.name }) : tc(l, `period.${b.period}`)) + (b.topic ? ` · ${b.topic.name}` : "");
  if (b.rows.length === 0) return `${title}\n  ${tc(l, "leaderboard.empty")}`;
  const row = (r: Leaderboard["rows"][number]) =>
    "  " + tc(l, "leaderboard.row", { rank: r.rank, name: r.displayName, points: r.points, accuracy: pct(r.accuracy), correct: r.correct, answered: r.answered, streak: r.streak });
  const closed = b.season?.to ? [`  ${tc(l, "leaderboard.season_closed", { from: formatTime(b.season.from, l, timezone), to: formatTime(b.season.to, l, timezone) })}`] : [];
  const lines = [title, ...closed, ...b.rows.map(row)];
  if (b.caller) lines.push(`  ${tc(l, "leaderboard.you")}:`, row(b.caller));
  if (!b.season?.to && b.from) lines.push(`  (${tc(l, "leaderboard.since", { from: formatTime(b.from, l, timezone) })})`);
  return lines.join("\n");
}

function renderStats(s: MemberStats): string {
  const l = s.locale;
  if (s.answered === 0) return [tc(l, "stats.title", { name: s.displayName }), "  " + tc(l, "stats.none"), "  " + reviewSummaryText(l, s.review)].join("\n");
  return [
    tc(l, "stats.title", { name: s.displayName }),
    "  " + tc(l, "stats.summary", { answered: s.answered, correct: s.correct, accuracy: pct(s.accuracy), points: s.points }),
    "  " + tc(l, "stats.streak", { current: s.currentStreak, best: s.bestStreak }),
    ...(s.bySchedule ? ["  " + tc(l, "stats.schedules", { list: s.bySchedule.map((x) => `#${x.channelId} ${x.name} ${x.current}`).join(" · ") })] : []),
    "  " + (s.rank === null ? tc(l, "stats.rank_none") : tc(l, "stats.rank", { rank: s.rank })),
    ...(s.byTopic.length ? [`  ${tc(l, "stats.by_topic")}:`] : []),
    ...s.byTopic.map((x) => "    " + tc(l, "stats.topic", { name: x.name, correct: x.correct, answered: x.answered, accuracy: pct(x.accuracy) })),
    "  " + reviewSummaryText(l, s.review),
  ].join("\n");
}

/** How the terminal writes what the shared organiser replies name (times in the group's time zone). */
const markup = (timezone: string): OrganiserMarkup => ({ channel: (id) => `#${id}`, when: (d, l) => formatTime(d, l, timezone), code: (text) => text, escape: (text) => text, user: (id) => id, role: (id) => id });

/** One warning line per schedule the bot paused, printed above the organiser's next reply. */
export function consoleWarnings(locale: Locale, notices: readonly PauseNotice[], timezone: string): string[] {
  return pauseWarnings(locale, notices, markup(timezone));
}

function renderStatus(s: GroupStatus): string {
  const p = statusParts(s, markup(s.settings.timezone));
  return [p.title, p.settings, p.questions, ...(p.schedules.length ? p.schedules : [p.noSchedule]), ...p.open].join("\n  ");
}

function renderLookup(r: LookupResult, locale: Locale): string {
  const [best, ...more] = r.hits;
  if (!best) {
    const lines = [tc(locale, "lookup.none", { query: r.query })];
    if (r.suggestions.length) lines.push(`${tc(locale, "lookup.maybe")} ${r.suggestions.slice(0, 5).map((s) => s.label).join(" | ")}`);
    else lines.push(tc(locale, "lookup.try_other"));
    return lines.join("\n");
  }
  const lines = [`${best.section.path.join(" › ")}  (${best.section.file}:${best.section.line})`, ...best.snippet.split("\n").map((x) => `  ${x}`)];
  if (best.truncated) lines.push(`  ${tc(locale, "lookup.trimmed", { file: best.section.file, line: best.section.line })}`);
  if (more.length) {
    lines.push(`${tc(locale, "lookup.more")}:`);
    for (const h of more.slice(0, 4)) lines.push(`  - ${h.section.path.join(" › ")}  (${h.section.file}:${h.section.line})`);
  }
  return lines.join("\n");
}

function renderSection(s: Section, locale: Locale): string {
  return [`${s.path.join(" › ")}  (${s.file}:${s.line})`, ...(s.text.trim() ? s.text.split("\n") : [tc(locale, "lookup.empty_section")]).map((x) => `  ${x}`)].join("\n");
}

/**
 * Posting and revealing print the card through the console's port as it happens, so those results add nothing
 * here (an empty string prints nothing).
 */
export const consoleRenderers: Renderers<string, ConsoleRenderContext> = {
  lookup: (r, c) => renderLookup(r.result, c.locale),
  section: (r, c) => renderSection(r.section, c.locale),
  practice: (r, c) => renderPracticeCard(r.card, c.speaker),
  practiceAnswer: (r, c) => renderPracticeAnswer(r.result, c.speaker),
  answer: (r, c) => tc(c.locale, "console.answer_to", { name: c.speaker, round: r.roundId, text: answerOutcomeText(c.locale, r.outcome, r.chosen) }),
  leaderboard: (r, c) => renderLeaderboard(r.board, c.timezone),
  stats: (r) => renderStats(r.stats),
  history: (r, c) => {
    const l = r.history.locale;
    if (r.history.entries.length === 0) return tc(l, "history.empty");
    const lines = [tc(l, "history.title", { count: r.history.entries.length })];
    for (const e of r.history.entries) {
      const p = historyParts(l, e);
      lines.push(`  ${p.title}`, `    ${p.answer}`, `    ${p.yours} · ${p.group} · ${formatTime(e.revealedAt, l, c.timezone)}`);
      if (e.source) lines.push(`    ${tc(l, "console.source", { path: e.source.path.join(" › "), file: e.source.file, line: e.source.line })}`);
    }
    return lines.join("\n");
  },
  review: (r, c) => renderReview(r.review, c.speaker, c.timezone),
  reminder: (r) => reminderText(r.reminder.locale, r.reminder),
  readiness: (r) => renderReadiness(r.readiness),
  scheduled: (r, c) => scheduleSavedText(c.locale, r.view, markup(c.timezone)),
  unscheduled: (r, c) => unscheduledText(c.locale, r),
  paused: (r, c) => pausedText(c.locale, r.view, markup(c.timezone)),
  status: (r) => renderStatus(r.status),
  posted: () => "",
  revealed: (r, c) => (r.card ? "" : revealedText(c.locale, null, r.channelId, markup(c.timezone))),
  settings: (r, c) => settingsLines(c.locale, r, configSpec, markup(c.timezone)).join("\n  "),
  file: (r, c) => `${tc(c.locale, r.message.key, r.message.params)}\n  → ${c.savedTo ?? r.file.name}`,
  usage: (r, c) => usageText(c.locale, r, markup(c.timezone), { title: (x) => x, line: (x) => `  ${x}` }).join("\n"),
  imported: (r, c) => importedLines(c.locale, r, markup(c.timezone)).join("\n  "),
  groupQuestions: (r, c) => groupQuestionLines(c.locale, r, markup(c.timezone)).join("\n  "),
  questionRemoved: (r, c) => tc(c.locale, "questions.removed", { id: r.id }),
  seasonStarted: (r, c) => seasonLines(c.locale, r, markup(c.timezone)).join("\n"),
  organisers: (r, c) => organiserLines(c.locale, r, markup(c.timezone)).join("\n  "),
  nextQuestion: (r, c) => nextLines(c.locale, r, markup(c.timezone)).join("\n  "),
  forgetConfirm: (_r, c) => `${tc(c.locale, "forget.confirm")}\n  ${tc(c.locale, "forget.confirm_text")}`,
  forgotten: (r, c) => forgottenLines(c.locale, r, markup(c.timezone)).join("\n"),
};
