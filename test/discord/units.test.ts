// The adapter's pure parts: custom ids (built, bounded, validated), Discord's limits, command definitions.
import { describe, expect, it } from "vitest";
import type { APIEmbed } from "discord.js";
import { answerId, parseCustomId, practiceId, sectionId } from "../../src/platforms/discord/customId.js";
import { embedLength, fitEmbeds, LIMITS } from "../../src/platforms/discord/limits.js";
import { commandDefinitions } from "../../src/platforms/discord/commands.js";

describe("custom ids", () => {
  it("round-trips what the bot builds", () => {
    expect(answerId(42, 3)).toBe("sb1:ans:42:3");
    expect(parseCustomId(answerId(42, 3))).toEqual({ ok: true, action: { kind: "answer", roundId: 42, choice: 3 } });
    expect(parseCustomId(practiceId(7, 0))).toEqual({ ok: true, action: { kind: "practice", roundId: 7, choice: 0 } });
    const sec = sectionId("notes/dva-theory.txt", 120)!;
    expect(sec).toBe("sb1:sec:notes/dva-theory.txt#120");
    expect(parseCustomId(sec)).toEqual({ ok: true, action: { kind: "section", value: "section:notes/dva-theory.txt#120" } });
  });

  it("tells a stale version from a forged id", () => {
    expect(parseCustomId("sb0:ans:42:1")).toEqual({ ok: false, reason: "stale" });
    expect(parseCustomId("sb2:ans:42:1")).toEqual({ ok: false, reason: "stale" });
    for (const forged of ["", "hello", "sb1:ans:42", "sb1:ans:42:9", "sb1:ans:-1:1", "sb1:ans:042:1", "sb1:ans:1:1:1", "sb1:ans:99999999999999999:1", "sb1:zap:1:1", "sb1:sec:../etc/passwd#1", "sb1:sec:notes/x.md", "x".repeat(101)]) {
      expect(parseCustomId(forged), forged).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("never builds an id over 100 characters", () => {
    expect(sectionId(`notes/${"a".repeat(90)}.md`, 1)).toBeNull();
    expect(answerId(999_999_999_999_999, 5).length).toBeLessThanOrEqual(100);
  });
});

describe("embed limits", () => {
  it("trims a long description at a line, with a marker, and keeps the total under 6000", () => {
    const line = "- S3 Standard-IA: 자주 접근하지 않는 데이터, 검색 요금 있음";
    const long = Array.from({ length: 300 }, (_, i) => `${i} ${line}`).join("\n");
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `field ${i}`, value: "v".repeat(300) }));
    const [a, b] = fitEmbeds([{ title: "t".repeat(300), description: long }, { description: long, fields }]);
    for (const e of [a!, b!]) {
      expect(e.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    }
    expect(b!.fields!.length).toBeLessThanOrEqual(LIMITS.embedFields);
    expect(embedLength(a!) + embedLength(b!)).toBeLessThanOrEqual(LIMITS.embedsTotal);
    const lines = a!.description!.split("\n");
    expect(lines.at(-1)).toBe("…");
    for (const l of lines.slice(0, -1)) expect(long.split("\n")).toContain(l);
  });

  it("leaves a message that fits untouched", () => {
    const e: APIEmbed = { title: "Lambda", description: "짧은 설명", fields: [{ name: "a", value: "b" }] };
    expect(fitEmbeds([e])).toEqual([e]);
  });
});

describe("command definitions", () => {
  const defs = commandDefinitions();
  const byName = new Map(defs.map((d) => [d.name, d]));

  it("has the member commands and /studybot, guild-only, with ko and en descriptions", () => {
    expect([...byName.keys()]).toEqual(["lookup", "quiz", "review", "leaderboard", "stats", "history", "forget-me", "studybot"]);
    for (const d of defs) {
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.description.length).toBeLessThanOrEqual(100);
      expect(d.description_localizations?.ko).toMatch(/[가-힣]/);
      expect(d.contexts).toEqual([0]);
    }
  });

  it("registers /studybot with no default permission (delegated organisers see it; the handler checks) and every organiser subcommand", () => {
    const sb = byName.get("studybot")!;
    expect(sb.default_member_permissions).toBeUndefined();
    expect(sb.options!.map((o) => o.name)).toEqual(["schedule", "unschedule", "pause", "resume", "status", "post-now", "reveal-now", "config", "questions", "digest-now", "export", "season", "organisers", "next", "skip", "forget"]);
    const group = (name: string) => sb.options!.find((o) => o.name === name) as { type: number; options: Array<{ name: string; options?: Array<{ name: string; type: number }> }> };
    expect(group("questions").type).toBe(2); // a subcommand group
    expect(group("questions").options.map((o) => o.name)).toEqual(["draft", "import", "list", "remove", "template"]);
    expect(group("questions").options.find((o) => o.name === "import")!.options).toEqual([expect.objectContaining({ name: "file", type: 11, required: true })]);
    expect(group("organisers").options.map((o) => o.name)).toEqual(["add", "remove", "list"]);
    expect(group("organisers").options[0]!.options!.map((o) => [o.name, o.type])).toEqual([
      ["member", 6],
      ["role", 8],
    ]);
    expect(group("season").options.map((o) => o.name)).toEqual(["start"]);
  });

  it("localises choices and uses autocomplete where the values are open-ended", () => {
    const period = byName.get("leaderboard")!.options!.find((o) => o.name === "period") as { choices: Array<{ name: string; name_localizations: { ko: string }; value: string }> };
    expect(period.choices.map((c) => [c.value, c.name, c.name_localizations.ko])).toEqual([
      ["week", "This week", "이번 주"],
      ["month", "This month", "이번 달"],
      ["all", "All time", "전체 기간"],
      ["season", "This season", "이번 시즌"],
    ]);
    expect(byName.get("lookup")!.options![0]).toMatchObject({ name: "query", autocomplete: true, required: true });
    expect(byName.get("quiz")!.options![0]).toMatchObject({ name: "topic", autocomplete: true });
  });

  it("keeps each command within Discord's 4000 characters of names, descriptions and choices, per language", () => {
    type Node = { name: string; description?: string; description_localizations?: Record<string, string | null> | null; choices?: Array<{ name: string; name_localizations?: Record<string, string> | null; value: unknown }>; options?: Node[] };
    const size = (o: Node, ko: boolean): number =>
      o.name.length +
      ((ko ? o.description_localizations?.ko : undefined) ?? o.description ?? "").length +
      (o.choices ?? []).reduce((n, c) => n + ((ko ? c.name_localizations?.ko : undefined) ?? c.name).length + String(c.value).length, 0) +
      (o.options ?? []).reduce((n, x) => n + size(x, ko), 0);
    for (const d of defs) for (const ko of [false, true]) expect(size(d as unknown as Node, ko), d.name).toBeLessThanOrEqual(4000);
  });

  it("keeps every description within Discord's 100 characters in both languages", () => {
    const walk = (o: { description?: string; description_localizations?: Record<string, string | null> | null; options?: unknown[] }): void => {
      for (const text of [o.description, ...Object.values(o.description_localizations ?? {})]) expect((text ?? "").length).toBeLessThanOrEqual(100);
      for (const child of (o.options ?? []) as typeof o[]) walk(child);
    };
    for (const d of defs) walk(d as never);
  });
});
