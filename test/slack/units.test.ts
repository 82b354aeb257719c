// The Slack adapter's pure parts: mrkdwn conversion and splitting, command text parsing, and Block Kit
// renderers checked against Slack's limits by the stand-in's validator (not by the renderer's own constants).
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Leaderboard, MemberStats, QuestionCard, RevealedCard } from "../../src/core/cards.js";
import type { Section } from "../../src/core/notes/types.js";
import { loadQuestionBank } from "../../src/core/questions/load.js";
import * as render from "../../src/platforms/slack/blocks.js";
import { apiBase } from "../../src/platforms/slack/index.js";
import { escapeText, inline, markdownToMrkdwn, splitMrkdwn } from "../../src/platforms/slack/mrkdwn.js";
import { checkLength, parseChannelLink, parseChoiceValue, parseMention, parseSectionValue } from "../../src/platforms/slack/parse.js";
import { EventDedupe, InFlight } from "../../src/platforms/slack/support.js";
import { blockKitProblems } from "../support/slack-standin.js";
import { ROOT, testSections } from "./harness.js";

describe("mrkdwn", () => {
  it("escapes &, < and > and converts the notes' Markdown", () => {
    expect(escapeText("a < b && c > d")).toBe("a &lt; b &amp;&amp; c &gt; d");
    const md = ["**Bold** and *italic* and ~~gone~~ and `code **kept**`", "- bullet", "  * nested", "> quoted <tag>", "[AWS](https://aws.amazon.com/?a=1&b=2)"].join("\n");
    expect(markdownToMrkdwn(md)).toBe(
      ["*Bold* and _italic_ and ~gone~ and `code **kept**`", "• bullet", "  • nested", "> quoted &lt;tag&gt;", "<https://aws.amazon.com/?a=1&b=2|AWS>"].join("\n"),
    );
  });

  it("keeps emphasis working where Korean particles run on (a zero-width space where Slack needs a boundary)", () => {
    expect(markdownToMrkdwn("최대 **15분**까지")).toBe("최대 *15분*\u200b까지");
    expect(markdownToMrkdwn("람다의**타임아웃**은 ~~3초~~가")).toBe("람다의\u200b*타임아웃*\u200b은 ~3초~\u200b가");
    expect(markdownToMrkdwn("(**bold**), *it*.")).toBe("(*bold*), _it_.");
  });

  it("keeps code fences verbatim (escaped) and drops the language tag Slack would print", () => {
    expect(markdownToMrkdwn("```js\nif (a < b && **x**) {}\n```")).toBe("```\nif (a &lt; b &amp;&amp; **x**) {}\n```");
    // An unclosed fence is closed so the rest of the message is not swallowed.
    expect(markdownToMrkdwn("```\ncode")).toBe("```\ncode\n```");
  });

  it("splits at line boundaries, reopens a code fence in the next piece, and says when it cut", () => {
    const text = ["intro", "```", ...Array.from({ length: 30 }, (_, i) => `line ${i} ${"x".repeat(40)}`), "```", "outro"].join("\n");
    const { chunks, truncated } = splitMrkdwn(text, 500, 10);
    expect(truncated).toBe(false);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(500);
      expect((c.match(/```/g) ?? []).length % 2).toBe(0); // every piece balances its fences
    }
    // Nothing lost: joining the pieces (minus the added fences) gives the text back.
    const rejoined = chunks.join("\n").replace(/\n```\n```\n/g, "\n");
    expect(rejoined).toBe(text);

    const cut = splitMrkdwn(text, 500, 2);
    expect(cut.truncated).toBe(true);
    expect(cut.chunks).toHaveLength(2);
  });

  it("cuts a single over-long line at a space, marked, never inside an entity", () => {
    const line = "&amp; ".repeat(800);
    const { chunks, truncated } = splitMrkdwn(line, 3000, 2);
    expect(truncated).toBe(true);
    expect(chunks[0]!.length).toBeLessThanOrEqual(3000);
    expect(chunks[0]!.endsWith("…")).toBe(true);
    expect(chunks[0]).not.toMatch(/&[a-z]*…$/);
    expect(inline("<".repeat(50), 10)).toBe("&lt;&lt;…");
  });
});

describe("command text", () => {
  it("mentions and channel links: Slack's escaped forms, or a refusal naming what was typed", () => {
    expect(parseMention("<@U0MINA0001|mina>")).toEqual({ userId: "U0MINA0001", displayName: "mina" });
    expect(parseMention("<@U0MINA0001>")).toEqual({ userId: "U0MINA0001", displayName: "U0MINA0001" });
    expect(() => parseMention("@mina")).toThrowError(expect.objectContaining({ key: "slack.error.bad_member", params: { value: "@mina" } }));
    expect(parseChannelLink("<#C0STUDY01|study>")).toBe("C0STUDY01");
    expect(() => parseChannelLink("#study")).toThrowError(expect.objectContaining({ key: "slack.error.bad_channel" }));
  });

  it("command text arrives with &, < and > as entities: decoded before parsing, and capped", () => {
    expect(checkLength("  S3 &amp; Glacier  ")).toBe("S3 & Glacier");
    expect(checkLength("&lt;@U0MINA0001&gt;")).toBe("<@U0MINA0001>");
    expect(() => checkLength("x".repeat(501))).toThrowError(expect.objectContaining({ key: "option.too_long", params: { name: "text", length: 501, max: 500 } }));
  });

  it("button values are validated on return", () => {
    expect(parseChoiceValue("12:3")).toEqual({ id: 12, choice: 3 });
    for (const bad of ["12", "a:1", "1:2:3", "-1:0", "1:100", 5, null]) expect(parseChoiceValue(bad)).toBeNull();
    expect(parseSectionValue("section:notes/x.md#12")).toBe("section:notes/x.md#12");
    expect(parseSectionValue("section:notes/x.md#12\n")).toBeNull();
    expect(parseSectionValue("rm -rf")).toBeNull();
  });

  it("SLACK_API_URL gets the trailing slash the WebClient needs", () => {
    expect(apiBase("http://127.0.0.1:9/api")).toBe("http://127.0.0.1:9/api/");
    expect(apiBase("http://127.0.0.1:9/api/")).toBe("http://127.0.0.1:9/api/");
    expect(apiBase(undefined)).toBeUndefined();
  });
});

describe("Block Kit renderers stay within Slack's limits", () => {
  const long = (n: number, unit = "가나다 <&> ") => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const card: QuestionCard = {
    roundId: 987654321,
    questionId: "q",
    prompt: long(5000),
    choices: Array.from({ length: 6 }, (_, i) => ({ label: "ABCDEF"[i]!, text: long(900) })),
    topic: { key: "lambda", name: long(400) },
    difficulty: 3,
    revealAt: new Date("2026-03-02T01:00:00Z"),
    locale: "ko",
  };
  const revealed: RevealedCard = {
    ...card,
    correctIndex: 2,
    counts: [1, 2, 30, 4, 5, 6],
    answered: 48,
    explanation: long(9000, "**굵게** `a<b` 설명 \n"),
    source: { file: "notes/x.md", line: 12, heading: long(300), path: [long(300), long(300)] },
    fastestCorrect: Array.from({ length: 3 }, (_, i) => ({ userId: `U0FAST000${i}`, displayName: long(200), seconds: 1.25 + i })),
  };

  it("question, revealed and practice cards", () => {
    for (const r of [render.questionCard(card), render.revealedCard(revealed), render.practiceCard(card), render.practiceResult({ ...revealed, correct: false, choiceLabel: "A", repeated: false, after: { dueToday: 3, section: { source: revealed.source!, text: long(9000, "노트 *본문* <b>\n"), trimmed: true } } })]) {
      expect(blockKitProblems(r.blocks)).toEqual([]);
      expect(r.text.length).toBeLessThanOrEqual(4000);
    }
    const buttons = render.questionCard(card).blocks.find((b) => b.type === "actions") as { block_id: string; elements: Array<{ action_id: string; value: string }> };
    expect(buttons.block_id).toBe("round:987654321");
    expect(buttons.elements.map((e) => [e.action_id, e.value])).toEqual([0, 1, 2, 3, 4, 5].map((i) => [`answer:${i}`, `987654321:${i}`]));
  });

  it("every shipped question, as a card, a revealed card and a practice result", () => {
    const sections = testSections();
    const bank = loadQuestionBank(path.join(ROOT, "questions"), { sections, rootDir: ROOT });
    expect(bank.questions.length).toBeGreaterThanOrEqual(200);
    for (const q of bank.questions) {
      const c: QuestionCard = { roundId: 1, questionId: q.id, prompt: q.prompt, choices: q.choices.map((text, i) => ({ label: "ABCDEF"[i]!, text })), topic: { key: q.topic, name: q.topic }, difficulty: q.difficulty, revealAt: new Date(), locale: "ko" };
      const r: RevealedCard = { ...c, correctIndex: q.answer, counts: q.choices.map(() => 3), answered: 12, explanation: q.explanation, source: { file: q.source!.note, line: 1, heading: q.source!.heading, path: [q.source!.heading] }, fastestCorrect: [] };
      for (const rendered of [render.questionCard(c), render.revealedCard(r), render.practiceResult({ ...r, correct: true, choiceLabel: "A", repeated: false, after: { dueToday: 0, section: null } })]) {
        expect(blockKitProblems(rendered.blocks), q.id).toEqual([]);
      }
    }
  });

  it("every section of the shipped notes and the over-long fixture, with share and more buttons", () => {
    const sections = testSections();
    const others = sections.slice(0, 4);
    let trimmed = 0;
    for (const s of sections) {
      const r = render.noteSection(s, "ko", { others, share: true });
      const problems = blockKitProblems(r.blocks);
      expect(problems, `${s.file}:${s.line}`).toEqual([]);
      if (r.blocks.some((b) => b.type === "context" && JSON.stringify(b).includes("✂️"))) trimmed++;
    }
    // Only the fixture's deliberately long section needs trimming; the shipped notes fit whole.
    expect(trimmed).toBe(1);
  });

  it("leaderboard, stats and the Home tab with long names and many topics", () => {
    const row = (i: number) => ({ rank: i + 1, userId: `U0USER${String(i).padStart(4, "0")}`, displayName: long(200), points: 1000 - i, answered: 50, correct: 40, accuracy: 0.8, streak: 3 });
    const board: Leaderboard = { period: "week", topic: { key: "lambda", name: long(300) }, from: new Date(), to: new Date(), rows: Array.from({ length: 10 }, (_, i) => row(i)), caller: row(40), locale: "en" };
    const stats: MemberStats = {
      userId: "U0USER0001",
      displayName: long(200),
      answered: 50,
      correct: 40,
      accuracy: 0.8,
      points: 900,
      currentStreak: 4,
      review: { dueToday: 12, doneThisWeek: 40, predictedRecall: 0.83 },
      bestStreak: 9,
      rank: 2,
      byTopic: Array.from({ length: 60 }, (_, i) => ({ key: `t${i}`, name: long(120), answered: 10, correct: 5, accuracy: 0.5 })),
      locale: "en",
    };
    expect(blockKitProblems(render.leaderboard(board).blocks)).toEqual([]);
    expect(blockKitProblems(render.stats(stats).blocks)).toEqual([]);
    const home = render.homeView({ stats, week: board, all: { ...board, period: "all", from: null }, now: new Date() });
    expect(blockKitProblems(home.blocks, "home")).toEqual([]);
  });

  it("an empty lookup suggests close headings as buttons", () => {
    const s: Section = testSections()[0]!;
    const r = render.lookupResult({ query: "<없는 말>", normalized: "", hits: [], suggestions: [{ label: "x › y", value: `section:${s.file}#${s.line}` }] }, "en");
    expect(blockKitProblems(r.blocks)).toEqual([]);
    expect(JSON.stringify(r.blocks)).toContain("&lt;없는 말&gt;");
  });
});

describe("plumbing", () => {
  it("event ids are remembered for the retry window, then forgotten", () => {
    let now = 0;
    const d = new EventDedupe(() => now, 60_000);
    expect(d.repeat("Ev1")).toBe(false);
    expect(d.repeat("Ev1")).toBe(true);
    now += 59_000;
    expect(d.repeat("Ev1")).toBe(true);
    now += 2_000;
    expect(d.repeat("Ev1")).toBe(false);
  });

  it("idle() waits for work started while waiting", async () => {
    const f = new InFlight();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    f.track(
      gate.then(() => {
        order.push("first");
        f.track(Promise.resolve().then(() => void order.push("second")));
      }),
    );
    const idle = f.idle().then(() => void order.push("idle"));
    expect(f.size).toBe(1);
    release();
    await idle;
    expect(order).toEqual(["first", "second", "idle"]);
    expect(f.size).toBe(0);
  });

  it("the stand-in's validator refuses what Slack refuses", () => {
    const section = (n: number) => ({ type: "section", text: { type: "mrkdwn", text: "x".repeat(n) } });
    const button = (label: string, id = "a") => ({ type: "button", text: { type: "plain_text", text: label }, action_id: id, value: "v" });
    expect(blockKitProblems([section(3000)])).toEqual([]);
    expect(blockKitProblems([section(3001)])).toHaveLength(1);
    expect(blockKitProblems(Array.from({ length: 51 }, () => section(1)))).toHaveLength(1);
    expect(blockKitProblems(Array.from({ length: 100 }, () => section(1)), "home")).toEqual([]);
    expect(blockKitProblems([{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }])).toHaveLength(1);
    expect(blockKitProblems([{ type: "header", text: { type: "mrkdwn", text: "h" } }])).toHaveLength(1);
    expect(blockKitProblems([{ type: "actions", elements: [button("b".repeat(76))] }])).toHaveLength(1);
    expect(blockKitProblems([{ type: "actions", elements: [button("A"), button("B")] }])).toEqual(["blocks[0] (actions).elements[1]: duplicate action_id a"]);
    expect(blockKitProblems([{ type: "divider", block_id: "x" }, { type: "divider", block_id: "x" }])).toHaveLength(1);
  });
});
