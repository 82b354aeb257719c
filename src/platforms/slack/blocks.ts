// Block Kit renderers: plain results from the core → Slack messages and the App Home view. Each renderer
// stays within Slack's limits by construction (50 blocks a message, 100 in a Home tab, 3000 characters a
// section, 150 a header, 75 a button label), measured on the escaped text that is actually sent.
import type { types } from "@slack/bolt";
import type { GroupStatus, PracticeResult } from "../../core/app.js";
import type { FileAttachment, History, Leaderboard, LeaderboardRow, MemberStats, QuestionCard, RevealedCard, SourceRef } from "../../core/cards.js";
import type { Renderers } from "../../core/commands/index.js";
import { config as configSpec } from "../../core/commands/organiser.js";
import { allUsage } from "../../core/commands/text.js";
import type { Locale } from "../../core/locale.js";
import { answerOutcomeText, historyParts, nobodyText, secondsText } from "../../core/messages/format.js";
import { pausedText, postedText, revealedText, scheduleSavedText, settingsLines, statusParts, unscheduledText, usageText } from "../../core/messages/replies.js";
import { forgottenLines, groupQuestionLines, importedLines, nextLines, organiserLines, seasonLines, type OrganiserMarkup } from "../../core/messages/organiser-replies.js";
import { sectionValue } from "../../core/notes/lookup.js";
import type { LookupResult, Section } from "../../core/notes/types.js";
import { dueTodayText, readinessParts, reminderText, reviewHeadText, reviewSummaryText } from "../../core/review/format.js";
import type { Readiness, ReviewPrompt } from "../../core/review/types.js";
import { ts as t } from "./messages.js";
import { escapeText, inline, markdownToMrkdwn, plain, splitMrkdwn } from "./mrkdwn.js";

export type Block = types.KnownBlock;

export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  fieldText: 2000,
  contextText: 3000,
  /** the notification / fallback text: Slack shows at most about 4000 characters of it */
  fallbackText: 3000,
} as const;

/** How many section blocks a note section may fill (so a lookup shows up to ~6000 characters). */
export const NOTE_SECTIONS = 2;

/** Action ids: the handlers match on these. Values carry what the click needs, validated on return. */
export const ACTION = {
  answer: "answer", // answer:<choice index>, value "<roundId>:<choice index>"
  practice: "practice", // practice:<choice index>, value "<practiceRoundId>:<choice index>"
  practiceMore: "practice_more", // value: topic key or ""
  reviewNext: "review_next", // value: ""
  lookupOpen: "lookup_open", // lookup_open:<n>, value: "section:<file>#<line>"
  lookupShare: "lookup_share", // value: "section:<file>#<line>"
  forget: "forget_confirm", // value: the user id whose /forget-me it confirms
} as const;

export interface Rendered {
  /** the notification and accessibility text (required next to blocks) */
  text: string;
  blocks: Block[];
}

// ------------------------------------------------------------------------------------------ small pieces

export function header(text: string): Block {
  return { type: "header", text: { type: "plain_text", text: plain(text, LIMITS.headerText), emoji: true } };
}

export function section(text: string, blockId?: string): Block {
  return { type: "section", text: { type: "mrkdwn", text: capMrkdwn(text, LIMITS.sectionText) }, ...(blockId ? { block_id: blockId } : {}) };
}

export function context(...texts: string[]): Block {
  return { type: "context", elements: texts.slice(0, 10).map((s) => ({ type: "mrkdwn" as const, text: capMrkdwn(s, LIMITS.contextText) })) };
}

export function button(text: string, actionId: string, value: string, style?: "primary" | "danger"): types.Button {
  return { type: "button", text: { type: "plain_text", text: plain(text, LIMITS.buttonText), emoji: true }, action_id: actionId, value: value.slice(0, LIMITS.buttonValue), ...(style ? { style } : {}) };
}

/** Last line of defence: a text that is still too long is cut at a line (never inside an entity). */
function capMrkdwn(s: string, max: number): string {
  if (s.length <= max) return s;
  return splitMrkdwn(s, max, 1).chunks[0] ?? s.slice(0, max);
}

/** Mrkdwn split into section blocks (each within the limit), and whether something was left out. */
function sections(mrkdwn: string, maxSections: number): { blocks: Block[]; truncated: boolean } {
  const { chunks, truncated } = splitMrkdwn(mrkdwn, LIMITS.sectionText, maxSections);
  return { blocks: chunks.map((c) => section(c)), truncated };
}

/** The message's `text` (notifications, screen readers): one escaped line. */
export function fallback(s: string): string {
  return inline(s, LIMITS.fallbackText);
}

/** A date Slack renders in each viewer's own time zone; the fallback is UTC. */
export function slackDate(d: Date, format = "{date_short_pretty} {time}"): string {
  const fallbackText = d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  return `<!date^${Math.floor(d.getTime() / 1000)}^${format}|${fallbackText}>`;
}

/** A member as Slack shows them: a mention (rendered as their current name) when the id is a Slack user id. */
export function who(userId: string, displayName: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : inline(displayName, 80);
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
const dots = (d: 1 | 2 | 3) => "●".repeat(d) + "○".repeat(3 - d);

// ------------------------------------------------------------------------------------------ question cards

function promptBlocks(card: QuestionCard): Block[] {
  return sections(escapeText(card.prompt.trim()), 1).blocks;
}

/** The daily question as posted in the channel: prompt, choices, a button per choice. */
export function questionCard(card: QuestionCard): Rendered {
  const L = card.locale;
  const choices = card.choices.map((c) => `*${c.label}.* ${inline(c.text, 600)}`).join("\n");
  return {
    text: fallback(t(L, "slack.card.fallback", { prompt: card.prompt })),
    blocks: [
      header(t(L, "slack.card.header", { topic: card.topic.name })),
      ...promptBlocks(card),
      section(choices),
      context(t(L, "slack.card.meta", { difficulty: dots(card.difficulty), revealAt: slackDate(card.revealAt) })),
      {
        type: "actions",
        block_id: `round:${card.roundId}`,
        elements: card.choices.map((c, i) => button(c.label, `${ACTION.answer}:${i}`, `${card.roundId}:${i}`)),
      },
      context(t(L, "card.choose")),
    ],
  };
}

function sourceLine(L: Locale, source: SourceRef | null): string | null {
  if (!source) return null;
  return t(L, "slack.card.source", { path: inline(source.path.join(" › "), 400), file: inline(source.file, 200), line: source.line });
}

function explanationBlocks(L: Locale, card: RevealedCard): Block[] {
  if (!card.explanation.trim()) return [];
  const body = `*${t(L, "card.explanation")}*\n${markdownToMrkdwn(card.explanation)}`;
  return sections(body, 2).blocks;
}

/** The card edited in place at reveal: correct choice, counts, explanation, source, fastest correct. No buttons. */
export function revealedCard(card: RevealedCard): Rendered {
  const L = card.locale;
  const correct = card.choices[card.correctIndex];
  const choices = card.choices
    .map((c, i) => {
      const count = t(L, "slack.card.choice_count", { count: card.counts[i] ?? 0 });
      return i === card.correctIndex ? `✅ *${c.label}. ${inline(c.text, 600)}* — ${count}` : `▫️ ${c.label}. ${inline(c.text, 600)} — ${count}`;
    })
    .join("\n");
  const fastest =
    nobodyText(L, card) ??
    `*${t(L, "card.fastest")}*\n` +
      card.fastestCorrect
        .slice(0, 10)
        .map((f, i) => t(L, "card.fastest_row", { rank: i + 1, name: who(f.userId, f.displayName), seconds: secondsText(L, f.seconds) }))
        .join("\n");
  const meta = [t(L, "quiz.answered_count", { count: card.answered }), sourceLine(L, card.source)].filter((s): s is string => s !== null);
  return {
    text: fallback(t(L, "slack.card.fallback_revealed", { label: correct?.label ?? "?", choice: correct?.text ?? "" })),
    blocks: [header(t(L, "slack.card.header_revealed", { topic: card.topic.name })), ...promptBlocks(card), section(choices), ...explanationBlocks(L, card), context(...meta), section(fastest)],
  };
}

/** A /quiz practice question, shown only to the caller. */
export function practiceCard(card: QuestionCard): Rendered {
  const L = card.locale;
  const choices = card.choices.map((c) => `*${c.label}.* ${inline(c.text, 600)}`).join("\n");
  return {
    text: fallback(t(L, "slack.card.fallback", { prompt: card.prompt })),
    blocks: [
      header(t(L, "slack.card.header_practice", { topic: card.topic.name })),
      ...promptBlocks(card),
      section(choices),
      context(`${dots(card.difficulty)} · ${t(L, "card.practice")} · ${t(L, "card.practice_note")}`),
      {
        type: "actions",
        block_id: `practice:${card.roundId}`,
        elements: card.choices.map((c, i) => button(c.label, `${ACTION.practice}:${i}`, `${card.roundId}:${i}`)),
      },
    ],
  };
}

/** A practice question after the caller answered: right or wrong, the explanation, the note, what is due, "another one". */
export function practiceResult(card: PracticeResult): Rendered {
  const L = card.locale;
  const right = card.choices[card.correctIndex];
  const chosenIndex = card.choices.findIndex((c) => c.label === card.choiceLabel);
  const verdict = card.repeated
    ? t(L, "quiz.practice_repeated", { label: card.choiceLabel })
    : card.correct
      ? t(L, "quiz.practice_correct", { label: card.choiceLabel })
      : t(L, "quiz.practice_wrong", { label: card.choiceLabel, correct: right?.label ?? "?" });
  const choices = card.choices
    .map((c, i) => {
      const mark = i === card.correctIndex ? "✅" : i === chosenIndex ? "❌" : "▫️";
      const text = `${c.label}. ${inline(c.text, 600)}`;
      return i === card.correctIndex ? `${mark} *${text}*` : `${mark} ${text}`;
    })
    .join("\n");
  const source = sourceLine(L, card.source);
  return {
    text: fallback(verdict),
    blocks: [
      header(t(L, "slack.card.header_practice", { topic: card.topic.name })),
      ...promptBlocks(card),
      section(choices),
      section(`*${escapeText(verdict)}*`),
      ...explanationBlocks(L, card),
      ...(source ? [context(source)] : []),
      ...(card.after.section ? sections(`*${t(L, "review.note")}*\n${markdownToMrkdwn(card.after.section.text)}`, 1).blocks : []),
      context(escapeText(dueTodayText(L, card.after.dueToday))),
      {
        type: "actions",
        block_id: "practice_more",
        elements: [
          ...(card.after.dueToday > 0 ? [button(t(L, "review.next_button"), ACTION.reviewNext, "", "primary")] : []),
          button(t(L, "slack.card.practice_more"), ACTION.practiceMore, card.topic.key, card.after.dueToday > 0 ? undefined : "primary"),
        ],
      },
    ],
  };
}

/** /review: the next question (answered like a practice question) under why it is asked, or what is next. */
export function reviewPrompt(r: ReviewPrompt): Rendered {
  const L = r.locale;
  // the time is a Slack date (rendered in each viewer's zone), put in after the text is escaped
  const mark = "\u0000";
  const when = escapeText(reviewHeadText(L, r, () => mark)).replace(mark, r.nextDue ? slackDate(r.nextDue) : "");
  const head = context(`🔁 ${when}`, escapeText(reviewSummaryText(L, r.summary)));
  if (!r.card) return { text: fallback(reviewHeadText(L, r, (d) => d.toISOString())), blocks: [head] };
  const card = practiceCard(r.card);
  return { text: card.text, blocks: [head, ...card.blocks] };
}

export function readiness(r: Readiness): Rendered {
  const L = r.locale;
  const p = readinessParts(L, r, (x) => inline(x, 200));
  const blocks: Block[] = [header(p.title)];
  if (p.none) blocks.push(section(p.none));
  for (const e of p.exams) blocks.push(section([`*${e.head}*`, ...(e.group ? [e.group] : []), ...e.domains.map((d) => `• ${d}`)].join("\n")));
  if (!p.none) blocks.push(context(escapeText(p.formula)));
  return { text: fallback(p.title), blocks: blocks.slice(0, LIMITS.messageBlocks) };
}

// ------------------------------------------------------------------------------------------ lookup

function shortLabel(s: Section): string {
  const path = s.path.length > 1 ? s.path.slice(-2) : s.path;
  return path.join(" › ") || s.heading;
}

/**
 * One note section: heading, breadcrumb and source, the text (up to NOTE_SECTIONS section blocks, trimmed at
 * a line with a note saying where the rest is), then optional buttons: share, and other matches to open.
 */
export function noteSection(
  s: Section,
  L: Locale,
  opts: { others?: Section[]; share?: boolean; sharedBy?: string } = {},
): Rendered {
  const from = t(L, "lookup.from", { file: inline(s.file, 200), line: s.line });
  const crumb = inline(s.path.join(" › ") || s.heading, 1500);
  const body = markdownToMrkdwn(s.text);
  const text = body ? sections(body, NOTE_SECTIONS) : { blocks: [context(t(L, "lookup.empty_section"))], truncated: false };
  const blocks: Block[] = [header(s.heading || s.path.at(-1) || s.file), context(`${crumb} · ${from}`), ...text.blocks];
  if (text.truncated) blocks.push(context(`✂️ ${t(L, "lookup.trimmed", { file: inline(s.file, 200), line: s.line })}`));
  if (opts.sharedBy) blocks.push(context(t(L, "slack.lookup.shared_by", { user: opts.sharedBy })));
  if (opts.share) blocks.push({ type: "actions", block_id: "lookup_share", elements: [button(t(L, "slack.lookup.share"), ACTION.lookupShare, sectionValue(s), "primary")] });
  const others = (opts.others ?? []).slice(0, 4);
  if (others.length > 0) {
    blocks.push(context(`*${t(L, "lookup.more")}*`));
    blocks.push({ type: "actions", block_id: "lookup_more", elements: others.map((o, i) => button(shortLabel(o), `${ACTION.lookupOpen}:${i}`, sectionValue(o))) });
  }
  return { text: fallback(t(L, "slack.lookup.fallback", { heading: s.path.join(" › ") || s.heading })), blocks };
}

/** /lookup: the best match with up to 4 more to open, or "nothing found" with close headings to try. */
export function lookupResult(result: LookupResult, L: Locale): Rendered {
  const [best, ...rest] = result.hits;
  if (best) return noteSection(best.section, L, { others: rest.map((h) => h.section), share: true });
  const blocks: Block[] = [section(t(L, "lookup.none", { query: inline(result.query, 200) }))];
  const suggestions = result.suggestions.slice(0, 5);
  if (suggestions.length > 0) {
    blocks.push(context(t(L, "lookup.maybe")));
    blocks.push({ type: "actions", block_id: "lookup_more", elements: suggestions.map((sg, i) => button(sg.label, `${ACTION.lookupOpen}:${i}`, sg.value)) });
  }
  else blocks.push(context(escapeText(t(L, "lookup.try_other"))));
  return { text: fallback(t(L, "lookup.none", { query: result.query })), blocks };
}

// ------------------------------------------------------------------------------------------ leaderboard, stats, home

function leaderboardRow(L: Locale, r: LeaderboardRow): string {
  return t(L, "leaderboard.row", { rank: r.rank, name: who(r.userId, r.displayName), points: r.points, accuracy: Math.round(r.accuracy * 100), correct: r.correct, answered: r.answered, streak: r.streak });
}

function leaderboardBody(board: Leaderboard): Block[] {
  const L = board.locale;
  const blocks: Block[] = [];
  blocks.push(section(board.rows.length ? board.rows.map((r) => leaderboardRow(L, r)).join("\n") : t(L, "leaderboard.empty")));
  const notes: string[] = [];
  if (board.caller) notes.push(`${t(L, "leaderboard.you")}: ${leaderboardRow(L, board.caller)}`);
  const season = board.season;
  if (season?.to) notes.push(t(L, "leaderboard.season_closed", { from: slackDate(season.from, "{date_short_pretty}"), to: slackDate(season.to, "{date_short_pretty}") }));
  else if (board.from) notes.push(t(L, "leaderboard.since", { from: slackDate(board.from, "{date_short_pretty}") }));
  if (notes.length) blocks.push(context(...notes));
  return blocks;
}

export function leaderboard(board: Leaderboard): Rendered {
  const L = board.locale;
  const period = board.season ? t(L, "leaderboard.season", { name: board.season.name }) : t(L, `period.${board.period}`);
  const title = board.topic ? `${period} · ${board.topic.name}` : period;
  return { text: fallback(title), blocks: [header(title), ...leaderboardBody(board)] };
}

function statsFields(s: MemberStats): types.MrkdwnElement[] {
  const L = s.locale;
  const field = (label: Parameters<typeof t>[1], value: string | number): types.MrkdwnElement => ({ type: "mrkdwn", text: `*${t(L, label)}*\n${value}` });
  return [
    field("slack.stats.answered", s.answered),
    field("slack.stats.correct", s.correct),
    field("slack.stats.accuracy", percent(s.accuracy)),
    field("slack.stats.points", s.points),
    field("slack.stats.streak", t(L, "slack.stats.streak_value", { current: s.currentStreak, best: s.bestStreak })),
    field("slack.stats.rank", s.rank === null ? t(L, "slack.stats.unranked") : s.rank),
  ];
}

function statsBody(s: MemberStats): Block[] {
  const L = s.locale;
  const review = context(escapeText(reviewSummaryText(L, s.review)));
  if (s.answered === 0) return [section(t(L, "stats.none")), review];
  const blocks: Block[] = [{ type: "section", fields: statsFields(s) }];
  if (s.bySchedule) blocks.push(context(t(L, "stats.schedules", { list: s.bySchedule.map((x) => `${channelLink(x.channelId)} ${inline(x.name, 40)} ${x.current}`).join(" · ") })));
  if (s.byTopic.length) {
    const lines = s.byTopic.map((x) => t(L, "stats.topic", { name: inline(x.name, 100), answered: x.answered, correct: x.correct, accuracy: Math.round(x.accuracy * 100) }));
    blocks.push(section(`*${t(L, "stats.by_topic")}*\n${lines.join("\n")}`));
  }
  blocks.push(review);
  return blocks;
}

export function stats(s: MemberStats): Rendered {
  const L = s.locale;
  return {
    text: fallback(t(L, "stats.title", { name: s.displayName })),
    blocks: [header(t(L, "stats.title", { name: s.displayName })), context(who(s.userId, s.displayName)), ...statsBody(s)],
  };
}

/** The App Home tab: the member's stats and streak, then the group's leaderboard this week and all time. */
export function homeView(input: { stats: MemberStats; week: Leaderboard; all: Leaderboard; now: Date }): types.HomeView {
  const L = input.stats.locale;
  const blocks: Block[] = [
    header(t(L, "slack.home.title")),
    context(escapeText(t(L, "slack.home.intro"))),
    { type: "divider" },
    section(`*${t(L, "slack.home.your_stats")}*`),
    ...statsBody(input.stats),
    { type: "divider" },
    section(`*${t(L, "period.week")}*`),
    ...leaderboardBody(input.week),
    { type: "divider" },
    section(`*${t(L, "period.all")}*`),
    ...leaderboardBody(input.all),
    { type: "divider" },
    section(`*${t(L, "slack.home.commands")}*\n${allUsage(L).member.map((x) => `• ${escapeText(x)}`).join("\n")}`),
    context(t(L, "slack.home.updated", { time: slackDate(input.now) })),
  ];
  return { type: "home", blocks: blocks.slice(0, LIMITS.homeBlocks) };
}

// ------------------------------------------------------------------------------------------ history

export function history(h: History): Rendered {
  const L = h.locale;
  if (h.entries.length === 0) return { text: t(L, "history.empty"), blocks: [section(t(L, "history.empty"))] };
  const title = t(L, "history.title", { count: h.entries.length });
  const blocks: Block[] = [header(title)];
  for (const e of h.entries) {
    const p = historyParts(L, e, (x) => inline(x, 500));
    blocks.push(section(`*${p.title}*\n✅ ${p.answer}\n${p.yours} · ${p.group} · ${slackDate(e.revealedAt, "{date_short_pretty}")}`));
    const source = sourceLine(L, e.source);
    if (source) blocks.push(context(source));
  }
  return { text: fallback(title), blocks: blocks.slice(0, LIMITS.messageBlocks) };
}

// ------------------------------------------------------------------------------------------ organisers

/** A channel as Slack shows it: a link when it is a channel id. */
export const channelLink = (id: string) => (/^[CG][A-Z0-9]{2,20}$/.test(id) ? `<#${id}>` : inline(id, 80));

/** How Slack writes what the shared organiser replies name (mrkdwn, escaped). */
export const slackMarkup: OrganiserMarkup = {
  channel: channelLink,
  when: (d, l) => (d ? slackDate(d) : t(l, "admin.none")),
  topic: (name) => inline(name, 60),
  code: (text) => `\`${text.replace(/`/g, "ˋ")}\``,
  escape: escapeText,
  user: (id) => (/^[UW][A-Z0-9]{2,20}$/.test(id) ? `<@${id}>` : escapeText(id)),
  role: (id) => escapeText(id),
};
const markup = slackMarkup;

function statusText(s: GroupStatus): string {
  const L = s.locale;
  const p = statusParts(s, markup);
  return [
    `*${p.title}*`,
    p.settings,
    p.questions,
    "",
    `*${t(L, "admin.schedules")}*`,
    ...(p.schedules.length ? p.schedules.map((x) => `• ${x}`) : [p.noSchedule]),
    "",
    `*${t(L, "admin.open")}*`,
    ...(p.open.length ? p.open.map((x) => `• ${x}`) : [t(L, "admin.none")]),
  ].join("\n");
}

/**
 * A reply or message: mrkdwn `text`, and blocks when it has more shape than a few lines. `upload` is a file the
 * handler uploads (to the caller's direct messages with the app, or into the channel) before replying.
 */
export type SlackReply = (Rendered | { text: string; blocks?: undefined }) & { upload?: { file: FileAttachment; audience: "caller" | "channel" } };

/** A short text reply (mrkdwn, as Slack shows a message without blocks). */
export function note(text: string): SlackReply {
  return { text: text.length <= LIMITS.fallbackText ? text : capMrkdwn(text, LIMITS.fallbackText) };
}

export const slackRenderers: Renderers<SlackReply, { locale: Locale }> = {
  lookup: (r, c) => lookupResult(r.result, c.locale),
  section: (r, c) => noteSection(r.section, c.locale, { share: true }),
  practice: (r) => practiceCard(r.card),
  practiceAnswer: (r) => practiceResult(r.result),
  answer: (r, c) => note(escapeText(answerOutcomeText(c.locale, r.outcome, r.chosen))),
  leaderboard: (r) => leaderboard(r.board),
  stats: (r) => stats(r.stats),
  history: (r) => history(r.history),
  review: (r) => reviewPrompt(r.review),
  reminder: (r) => note(escapeText(reminderText(r.reminder.locale, r.reminder))),
  readiness: (r) => readiness(r.readiness),
  scheduled: (r, c) => note(scheduleSavedText(c.locale, r.view, markup)),
  unscheduled: (r, c) => note(unscheduledText(c.locale, r)),
  paused: (r, c) => note(pausedText(c.locale, r.view, markup)),
  status: (r) => note(statusText(r.status)),
  posted: (r, c) => note(postedText(c.locale, r.card, r.channelId, markup, r.pending)),
  revealed: (r, c) => note(revealedText(c.locale, r.card, r.channelId, markup)),
  settings: (r, c) => note(settingsLines(c.locale, r, configSpec, markup).join("\n")),
  file: (r, c) => ({ ...note(escapeText(t(c.locale, r.message.key, r.message.params))), upload: { file: r.file, audience: r.audience } }),
  usage: (r, c) => note(usageText(c.locale, r, markup, { title: (x) => `*${x}*`, line: (x) => `• ${x}` }).join("\n")),
  imported: (r, c) => note(importedLines(c.locale, r, markup).join("\n")),
  groupQuestions: (r, c) => note(groupQuestionLines(c.locale, r, markup).join("\n")),
  questionRemoved: (r, c) => note(t(c.locale, "questions.removed", { id: escapeText(r.id) })),
  seasonStarted: (r, c) => note(seasonLines(c.locale, r, markup).join("\n")),
  organisers: (r, c) => note(organiserLines(c.locale, r, markup).join("\n")),
  nextQuestion: (r, c) => note(nextLines(c.locale, r, markup).join("\n")),
  forgetConfirm: (r, c) => {
    const text = t(c.locale, "forget.confirm");
    return { text, blocks: [section(escapeText(text)), { type: "actions", block_id: "forget", elements: [button(t(c.locale, "forget.button"), ACTION.forget, r.userId, "danger")] }] };
  },
  forgotten: (r, c) => note(forgottenLines(c.locale, r, markup).join("\n")),
};
