// Slash command text → arguments. Slack sends the text after the command as one string; with escaping on
// (see slack/manifest.yml) a mention arrives as "<@U123|name>" and a channel as "<#C123|name>".
import type { Period } from "../../core/cards.js";
import { UserError } from "../../core/errors.js";

/** Longest text accepted after a command; Slack allows more, nothing here needs it. */
export const MAX_COMMAND_TEXT = 500;

/** Slack sends &, < and > in command text as entities (its own <@U…> and <#C…> syntax stays literal). */
export function unescapeText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The command text as typed (entities decoded, trimmed), refused politely when over `max` characters. */
export function checkLength(text: string, max = MAX_COMMAND_TEXT): string {
  const s = unescapeText(text).trim();
  if (s.length > max) throw new UserError("slack.error.too_long", { length: s.length, max });
  return s;
}

const PERIODS: Record<string, Period> = {
  week: "week", weekly: "week", w: "week", "주": "week", "주간": "week", "이번주": "week",
  month: "month", monthly: "month", m: "month", "월": "month", "월간": "month", "이번달": "month",
  all: "all", "all-time": "all", alltime: "all", total: "all", "전체": "all", "누적": "all",
};

export type LeaderboardArgs = { kind: "show"; period: Period; topic?: string } | { kind: "help" };

/** "/leaderboard [week|month|all] [topic]": a first word that is not a period is the topic. */
export function parseLeaderboardArgs(text: string): LeaderboardArgs {
  const words = checkLength(text).split(/\s+/).filter(Boolean);
  if (words.length === 1 && isHelp(words[0]!)) return { kind: "help" };
  const first = words[0]?.toLowerCase();
  const period = first ? PERIODS[first] : undefined;
  const rest = period ? words.slice(1) : words;
  const topic = rest.join(" ").trim();
  return { kind: "show", period: period ?? "week", ...(topic ? { topic } : {}) };
}

export type QuizArgs = { kind: "practice"; topic?: string } | { kind: "help" };

export function parseQuizArgs(text: string): QuizArgs {
  const s = checkLength(text);
  if (isHelp(s)) return { kind: "help" };
  return s ? { kind: "practice", topic: s } : { kind: "practice" };
}

export type StatsArgs = { kind: "self" } | { kind: "member"; userId: string; displayName?: string } | { kind: "help" };

/** "/stats" or "/stats @member" (escaped by Slack as <@U123|name> or <@U123>). */
export function parseStatsArgs(text: string): StatsArgs {
  const s = checkLength(text);
  if (!s) return { kind: "self" };
  if (isHelp(s)) return { kind: "help" };
  const m = /^<@([UW][A-Z0-9]{2,20})(?:\|([^>]{0,80}))?>$/.exec(s);
  if (!m) throw new UserError("slack.error.bad_member", { value: s.slice(0, 80) });
  return m[2] ? { kind: "member", userId: m[1]!, displayName: m[2] } : { kind: "member", userId: m[1]! };
}

export const STUDYBOT_SUBCOMMANDS = ["schedule", "unschedule", "pause", "resume", "status", "post-now", "reveal-now", "config"] as const;
export type StudybotSubcommand = (typeof STUDYBOT_SUBCOMMANDS)[number];

const ALIASES: Record<string, StudybotSubcommand> = { postnow: "post-now", post: "post-now", revealnow: "reveal-now", reveal: "reveal-now", settings: "config" };

export type StudybotArgs = { kind: "help" } | { kind: "unknown"; sub: string } | { kind: "run"; sub: StudybotSubcommand; rest: string };

/** "/studybot <subcommand> …": the subcommand and the rest of the text (parsed by the subcommand). */
export function parseStudybotArgs(text: string): StudybotArgs {
  const s = checkLength(text);
  const [head = "", ...tail] = s.split(/\s+/);
  const word = head.toLowerCase().replace(/_/g, "-");
  if (!word || isHelp(word)) return { kind: "help" };
  const sub = (STUDYBOT_SUBCOMMANDS as readonly string[]).includes(word) ? (word as StudybotSubcommand) : ALIASES[word.replace(/-/g, "")] ?? ALIASES[word];
  if (!sub) return { kind: "unknown", sub: head.slice(0, 40) };
  return { kind: "run", sub, rest: tail.join(" ") };
}

function isHelp(word: string): boolean {
  return ["help", "-h", "--help", "?", "도움말"].includes(word.toLowerCase());
}

/** Parses "<roundId>:<choice>" from a button value; null when it is not exactly that. */
export function parseChoiceValue(value: unknown): { id: number; choice: number } | null {
  if (typeof value !== "string") return null;
  const m = /^(\d{1,12}):(\d{1,2})$/.exec(value);
  if (!m) return null;
  return { id: Number(m[1]), choice: Number(m[2]) };
}

/** A section value from a lookup button: "section:<file>#<line>", bounded. */
export function parseSectionValue(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 600) return null;
  return /^section:[^\n\r]+#\d{1,7}$/.test(value) ? value : null;
}
