// Member commands: top-level, with options rather than subcommands (a command with subcommands cannot be run
// bare on Discord), so every variant is one option away.
import type { ChoiceSpec } from "./options.js";
import { defineCommand } from "./spec.js";

export const PERIOD_CHOICES = [
  { value: "week", label: "choice.week", aliases: ["weekly", "w", "this-week", "주", "주간", "이번주", "이번 주", "금주"] },
  { value: "month", label: "choice.month", aliases: ["monthly", "m", "this-month", "월", "월간", "이번달", "이번 달"] },
  { value: "all", label: "choice.all", aliases: ["all-time", "alltime", "total", "ever", "전체", "누적", "전체기간", "전체 기간"] },
] as const satisfies readonly ChoiceSpec[];

/** A season's board (`/leaderboard season [name]`), beside the calendar periods. */
export const SEASON_CHOICE = { value: "season", label: "choice.season", aliases: ["시즌", "이번시즌", "이번 시즌"] } as const satisfies ChoiceSpec;

export const HISTORY_DEFAULT = 5;

export const lookup = defineCommand({
  name: "lookup",
  description: "cmd.lookup",
  organiser: false,
  reply: "public",
  example: "람다 타임아웃",
  options: {
    query: { kind: "text", description: "cmd.lookup.query", required: true, positional: true, maxLength: 200, autocomplete: "sections" },
  },
  async run({ bot }, { query }) {
    return { kind: "lookup", result: bot.lookup(query, { limit: 5 }) };
  },
});

export const quiz = defineCommand({
  name: "quiz",
  description: "cmd.quiz",
  organiser: false,
  reply: "private",
  example: "lambda",
  options: {
    topic: { kind: "topic", description: "cmd.quiz.topic", positional: true },
  },
  async run({ bot, actor }, { topic }) {
    return { kind: "practice", card: await bot.practice(actor, topic) };
  },
});

export const leaderboard = defineCommand({
  name: "leaderboard",
  description: "cmd.leaderboard",
  organiser: false,
  reply: "public",
  example: "month lambda",
  options: {
    period: { kind: "choice", description: "cmd.leaderboard.period", positional: true, choices: [...PERIOD_CHOICES, SEASON_CHOICE] },
    topic: { kind: "topic", description: "cmd.leaderboard.topic", positional: true },
    // after "season", a word that names no topic is the season's name ("/leaderboard season 2026-spring")
    season: { kind: "word", description: "cmd.leaderboard.season", positional: true, positionalAfter: { option: "period", value: "season" }, maxLength: 32 },
  },
  async run({ bot, actor }, { period, topic, season }) {
    return { kind: "leaderboard", board: await bot.leaderboard(actor, period ?? (season !== undefined ? "season" : "week"), topic, season) };
  },
});

export const STATS_VIEWS = [
  { value: "summary", label: "choice.summary", aliases: ["stats", "기록", "요약"] },
  { value: "readiness", label: "choice.readiness", aliases: ["ready", "exam", "준비도", "시험"] },
] as const satisfies readonly ChoiceSpec[];

export const stats = defineCommand({
  name: "stats",
  description: "cmd.stats",
  organiser: false,
  reply: "private",
  example: "readiness",
  options: {
    member: { kind: "member", description: "cmd.stats.member", positional: true },
    view: { kind: "choice", description: "cmd.stats.view", choices: STATS_VIEWS },
  },
  async run({ bot, actor }, { member, view }) {
    if (view === "readiness") return { kind: "readiness", readiness: await bot.readiness(actor, member) };
    return { kind: "stats", stats: await bot.stats(actor, member) };
  },
});

export const history = defineCommand({
  name: "history",
  description: "cmd.history",
  organiser: false,
  reply: "private",
  example: "5",
  options: {
    count: { kind: "integer", description: "cmd.history.count", positional: true, min: 1, max: 10 },
  },
  async run({ bot, actor, channelId }, { count }) {
    return { kind: "history", history: await bot.history(actor, channelId, count ?? HISTORY_DEFAULT) };
  },
});

export const review = defineCommand({
  name: "review",
  description: "cmd.review",
  organiser: false,
  reply: "private",
  example: "remind=20:00",
  options: {
    remind: { kind: "text", description: "cmd.review.remind", maxLength: 20, aliases: ["reminder", "알림"] },
  },
  async run({ bot, actor }, { remind }) {
    if (remind !== undefined) return { kind: "reminder", reminder: await bot.setReviewReminder(actor, remind) };
    return { kind: "review", review: await bot.review(actor) };
  },
});

export const forgetMe = defineCommand({
  name: "forget-me",
  description: "cmd.forget-me",
  organiser: false,
  reply: "private",
  options: { confirm: { kind: "boolean", description: "cmd.forget-me.confirm", positional: true } },
  async run({ bot, actor }, { confirm }) {
    if (!confirm) return { kind: "forgetConfirm", userId: actor.userId };
    return { kind: "forgotten", outcome: await bot.forget(actor) };
  },
});

export const MEMBER_COMMANDS = [lookup, quiz, review, leaderboard, stats, history, forgetMe] as const;
