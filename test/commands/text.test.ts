// Commands typed as text (Slack, the console) read through the same specs Discord registers.
import { describe, expect, it } from "vitest";
import { findSpec } from "../../src/core/commands/index.js";
import type { AnyCommandSpec } from "../../src/core/commands/spec.js";
import { parseArgs, readCommand, usageSyntax } from "../../src/core/commands/text.js";
import { UserError } from "../../src/core/errors.js";
import { parseTime } from "../../src/core/schedule/parse.js";

const TOPICS: Record<string, string> = { lambda: "lambda", 람다: "lambda", s3: "s3", "데이터베이스 선택": "databases", databases: "databases" };
const ctx = {
  topic: (input: string) => {
    const key = TOPICS[input.trim().toLowerCase()];
    if (!key) throw new UserError("quiz.unknown_topic", { value: input, topics: "lambda, s3, databases" });
    return key;
  },
  topicNames: () => ["lambda", "s3", "databases"],
  member: (input: string) => ({ userId: input.toLowerCase(), displayName: input }),
  channel: (input: string) => input.replace(/^#/, ""),
  note: (input: string) => `notes/${input}`,
  attachment: (input: string) => ({ name: input, read: async () => new Uint8Array() }),
  role: (input: string) => ({ id: input, name: input }),
};
const spec = (name: string, sub?: string): AnyCommandSpec => findSpec(name, sub)!;
const parse = (name: string, sub: string | undefined, text: string) => parseArgs(spec(name, sub), text, ctx);
function refusal(f: () => unknown): { key: string; params: Record<string, unknown> } | "no error" {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return { key: e.key, params: e.params };
    throw e;
  }
  return "no error";
}

describe("schedule text", () => {
  it("reads time, weekdays, time zone and named options in any order", () => {
    expect(parse("studybot", "schedule", "09:00 mon-fri Asia/Seoul topics=lambda,s3 reveal=60 instant=off")).toEqual({
      time: "09:00",
      days: [1, 2, 3, 4, 5],
      timezone: "Asia/Seoul",
      topics: ["lambda", "s3"],
      reveal: 60,
      instant: false,
    });
    expect(parse("studybot", "schedule", "america/new_york 7:30 sat,sun instant=on name=evening")).toEqual({ time: "07:30", days: [0, 6], timezone: "America/New_York", instant: true, name: "evening" });
    expect(parse("studybot", "schedule", "18:00")).toEqual({ time: "18:00" });
  });

  it("accepts unambiguous hours: 9, 9am, 오전9시, 오후 3시 30분", () => {
    expect(parse("studybot", "schedule", "9")).toEqual({ time: "09:00" });
    expect(parse("studybot", "schedule", "9am mon")).toEqual({ time: "09:00", days: [1] });
    expect(parse("studybot", "schedule", "오전9시 월-금")).toEqual({ time: "09:00", days: [1, 2, 3, 4, 5] });
    expect(parse("studybot", "schedule", "오후 3시 30분")).toEqual({ time: "15:30" });
    expect(parse("studybot", "schedule", "9 pm")).toEqual({ time: "21:00" });
    expect(parseTime("12am")).toBe("00:00");
    expect(parseTime("12pm")).toBe("12:00");
  });

  it("says the time must be HH:MM for anything else, and names what is wrong", () => {
    for (const text of ["25:00", "24:00", "9:5", "9.30", "13pm", "nine"]) expect(refusal(() => parse("studybot", "schedule", text))).toMatchObject({ key: "schedule.bad_time" });
    expect(refusal(() => parse("studybot", "schedule", "09:00 Mars/Phobos"))).toMatchObject({ key: "schedule.bad_timezone", params: { value: "Mars/Phobos" } });
    expect(refusal(() => parse("studybot", "schedule", "09:00 someday"))).toMatchObject({ key: "schedule.bad_weekdays", params: { value: "someday" } });
    expect(refusal(() => parse("studybot", "schedule", "09:00 reveal=0"))).toMatchObject({ key: "option.bad_integer", params: { name: "reveal", min: 1, max: 1440 } });
    expect(refusal(() => parse("studybot", "schedule", "09:00 instant=maybe"))).toMatchObject({ key: "admin.bad_on_off", params: { key: "instant" } });
    expect(refusal(() => parse("studybot", "schedule", "09:00 colour=red"))).toMatchObject({ key: "option.unknown", params: { name: "colour" } });
    expect(refusal(() => parse("studybot", "schedule", "mon-fri"))).toMatchObject({ key: "option.missing", params: { name: "time" } });
    expect(refusal(() => parse("studybot", "schedule", "09:00 10:00 mon"))).toMatchObject({ key: "option.no_fit", params: { value: "10:00" } });
  });
});

describe("config text", () => {
  it("names the user's own key and the allowed range for out-of-range numbers", () => {
    expect(refusal(() => parse("studybot", "config", "points=5000"))).toEqual({ key: "option.bad_integer", params: { name: "points", value: "5000", min: 0, max: 1000 } });
    expect(refusal(() => parse("studybot", "config", "fast-count=ten"))).toMatchObject({ key: "option.bad_integer", params: { name: "fast-count", min: 0, max: 100 } });
    expect(refusal(() => parse("studybot", "config", "language=fr"))).toMatchObject({ key: "option.bad_choice", params: { name: "language", choices: "ko, en, auto" } });
  });

  it("reads language, time zone and scoring; nothing at all is an empty change (the usage is shown)", () => {
    expect(parse("studybot", "config", "language=auto tz=UTC points=20 streak-every=7")).toEqual({ language: "auto", timezone: "UTC", points: 20, "streak-every": 7 });
    expect(parse("studybot", "config", "lang=한국어")).toEqual({ language: "ko" });
    expect(parse("studybot", "config", "")).toEqual({});
  });
});

describe("leaderboard text", () => {
  it("reads a period (Korean words too) and a topic, in either order of presence", () => {
    expect(parse("leaderboard", undefined, "")).toEqual({});
    expect(parse("leaderboard", undefined, "month lambda")).toEqual({ period: "month", topic: "lambda" });
    expect(parse("leaderboard", undefined, "이번주 람다")).toEqual({ period: "week", topic: "lambda" });
    expect(parse("leaderboard", undefined, "전체")).toEqual({ period: "all" });
    expect(parse("leaderboard", undefined, "람다")).toEqual({ topic: "lambda" });
    expect(parse("leaderboard", undefined, "all 데이터베이스 선택")).toEqual({ period: "all", topic: "databases" });
    expect(parse("leaderboard", undefined, 'topic="데이터베이스 선택"')).toEqual({ topic: "databases" });
  });

  it("takes a season's name after the word season, and only there", () => {
    expect(parse("leaderboard", undefined, "season 2026-spring")).toEqual({ period: "season", season: "2026-spring" });
    expect(parse("leaderboard", undefined, "시즌 lambda")).toEqual({ period: "season", topic: "lambda" });
    expect(parse("studybot", "export", "answers season spring")).toEqual({ what: "answers", period: "season", season: "spring" });
    expect(refusal(() => parse("studybot", "export", "answers month spring"))).toMatchObject({ key: "option.extra" });
  });

  it("a word that is neither a period nor a topic gets both lists", () => {
    expect(refusal(() => parse("leaderboard", undefined, "year"))).toEqual({
      key: "option.no_fit",
      params: { value: "year", expected: "period: week, month, all, season · topic: lambda, s3, databases" },
    });
  });
});

describe("other commands", () => {
  it("a lookup takes everything typed as its query, '=' and 'help' included", () => {
    expect(parse("lookup", undefined, "a=b 람다 타임아웃")).toEqual({ query: "a=b 람다 타임아웃" });
    expect(readCommand("lookup", "help")).toMatchObject({ kind: "run", text: "help" });
  });

  it("post-now force, history counts and stats members", () => {
    expect(parse("studybot", "post-now", "force")).toEqual({ force: true });
    expect(parse("studybot", "post-now", "name=evening")).toEqual({ name: "evening" });
    expect(parse("history", undefined, "3")).toEqual({ count: 3 });
    expect(refusal(() => parse("history", undefined, "11"))).toMatchObject({ key: "option.bad_integer", params: { name: "count", min: 1, max: 10 } });
    expect(parse("stats", undefined, "Alice")).toEqual({ member: { userId: "alice", displayName: "Alice" } });
  });

  it("reads /studybot bare, with help, with an alias and with an unknown subcommand", () => {
    expect(readCommand("studybot", "")).toEqual({ kind: "usage", group: "studybot" });
    expect(readCommand("studybot", "help")).toEqual({ kind: "usage", group: "studybot" });
    expect(readCommand("studybot", "postnow force")).toMatchObject({ kind: "run", spec: { name: "post-now" }, text: "force" });
    expect(readCommand("studybot", "frobnicate")).toEqual({ kind: "usage", group: "studybot", unknown: "frobnicate" });
    expect(readCommand("studybot", "schedule help")).toMatchObject({ kind: "help", spec: { name: "schedule" } });
    expect(readCommand("nope", "")).toEqual({ kind: "unknown", name: "nope" });
  });

  it("writes each command's syntax from its spec", () => {
    expect(usageSyntax(spec("leaderboard"))).toBe("/leaderboard [week|month|all|season] [topic] [season]");
    expect(usageSyntax(spec("studybot", "post-now"))).toBe("/studybot post-now [force] [name=…] [channel=…]");
    expect(usageSyntax(spec("studybot", "schedule"))).toBe("/studybot schedule <time> [days] [timezone] [topics=…] [reveal=1–1440] [instant=on|off] [pick=adaptive|random] [name=…] [channel=…] [digest=…] [reminder=…] [reminder-mention=…] [thread=on|off]");
  });
});
