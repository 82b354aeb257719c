// The adaptive daily pick: unseen questions first, weak and little covered topics more often (a statistical test
// with a fixed seed), nothing revealed in the channel in the last 60 days while others remain, and the schedule's
// topics filter; `pick=random` keeps the uniform draw among the least used.
import { afterEach, describe, expect, it } from "vitest";
import { addDays, zonedTime } from "../../src/core/clock.js";
import { adaptivePick, topicWeight, type PickContext } from "../../src/core/review/pick.js";
import type { Question } from "../../src/core/questions/types.js";
import { actor, harness, makeBank, question, type Harness } from "./support.js";
import { seededRandom as seeded } from "../../src/core/random.js";

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

const topics = ["lambda", "s3", "sqs"] as const;
const bankQuestions = (n = 10): Question[] => topics.flatMap((t) => Array.from({ length: n }, (_, i) => question(`${t}-${i}`, t, 1)));
const context = (over: Partial<PickContext> = {}): PickContext => ({ use: new Map(), seen: new Set(), recent: new Set(), tallies: new Map(), ...over });

/** Pearson's chi-square of observed counts against expected shares. */
function chiSquare(observed: number[], shares: number[]): number {
  const n = observed.reduce((a, b) => a + b, 0);
  return observed.reduce((s, o, i) => s + (o - n * shares[i]!) ** 2 / (n * shares[i]!), 0);
}

describe("adaptive pick", () => {
  it("draws topics in proportion to their weakness: the group's accuracy decides (chi-square, fixed seed)", () => {
    const qs = bankQuestions();
    // lambda 1 right of 10, s3 never asked, sqs 9 of 10: weights 5/6, 1/2, 1/6 → shares 5/9, 3/9, 1/9
    const tallies = new Map([
      ["lambda", { answered: 10, correct: 1 }],
      ["sqs", { answered: 10, correct: 9 }],
    ]);
    const random = seeded(12);
    const counts = [0, 0, 0];
    const N = 3000;
    for (let i = 0; i < N; i++) counts[topics.indexOf(adaptivePick(qs, context({ tallies }), random)!.topic as (typeof topics)[number])]!++;
    const shares = [5 / 9, 3 / 9, 1 / 9];
    expect(topicWeight(tallies.get("lambda"), 0) / topicWeight(tallies.get("sqs"), 0)).toBeCloseTo(5);
    // df = 2: 13.8 is the 0.1 % critical value, so a wrong weighting fails and the right one passes
    expect(chiSquare(counts, shares)).toBeLessThan(13.8);
    expect(chiSquare(counts, [1 / 3, 1 / 3, 1 / 3])).toBeGreaterThan(13.8);
    expect(counts[0]).toBeGreaterThan(counts[1]!);
    expect(counts[1]).toBeGreaterThan(counts[2]!);
  });

  it("draws little covered topics more often than well covered ones of the same accuracy", () => {
    const qs = bankQuestions();
    // s3 has 8 of its 10 questions asked before (not recently), lambda none; nobody answered either topic
    const seen = new Set(qs.filter((q) => q.topic === "s3").slice(0, 8).map((q) => q.id));
    const random = seeded(7);
    const only = qs.filter((q) => q.topic !== "sqs");
    const counts = { lambda: 0, s3: 0 };
    for (let i = 0; i < 2000; i++) counts[adaptivePick(only, context({ seen }), random)!.topic as "lambda" | "s3"]++;
    // weights 1/2 × 1 against 1/2 × (1 − 0.8/2) = 0.3: shares 0.625 and 0.375
    expect(chiSquare([counts.lambda, counts.s3], [0.625, 0.375])).toBeLessThan(10.8);
    expect(counts.lambda).toBeGreaterThan(counts.s3);
  });

  it("asks questions the group has never seen first, and none revealed in the channel in the last 60 days while others remain", () => {
    const qs = bankQuestions();
    const random = seeded(3);
    const seen = new Set(qs.slice(0, 25).map((q) => q.id));
    for (let i = 0; i < 500; i++) expect(seen.has(adaptivePick(qs, context({ seen }), random)!.id)).toBe(false);
    // everything seen; 28 revealed recently: only the other two come, the least used of them
    const all = new Set(qs.map((q) => q.id));
    const recent = new Set(qs.slice(0, 28).map((q) => q.id));
    const use = new Map([...qs.map((q) => [q.id, 1] as [string, number]), [qs[29]!.id, 3]]);
    for (let i = 0; i < 200; i++) expect(adaptivePick(qs, context({ seen: all, recent, use }), random)!.id).toBe(qs[28]!.id);
    // everything revealed recently: the least used comes round again
    const everything = new Set(all);
    const used = new Map(qs.map((q, i) => [q.id, i === 4 ? 1 : 2] as [string, number]));
    expect(adaptivePick(qs, context({ seen: all, recent: everything, use: used }), random)!.id).toBe(qs[4]!.id);
    expect(adaptivePick([], context(), random)).toBeNull();
  });
});

describe("the daily pick per schedule", () => {
  const TZ = "Asia/Seoul";
  const onDay = (n: number, time: string) => zonedTime(addDays("2025-03-03", n), time, TZ);

  async function run(pick: "adaptive" | "random" | undefined, days: number, topicsFilter?: string[]) {
    h = harness({ start: onDay(0, "08:00").toISOString(), bank: makeBank(bankQuestions(10)), timezone: TZ, seed: 5 });
    await h.bot.schedule(actor("org"), "c1", undefined, { time: "09:00", weekdays: ["daily"], ...(pick ? { pick } : {}), ...(topicsFilter ? { topics: topicsFilter } : {}) });
    const asked: string[] = [];
    for (let day = 0; day < days; day++) {
      h.clock.set(onDay(day, "09:00"));
      const { posted } = await h.scheduler.catchUp();
      const round = posted[0]!;
      asked.push(round.questionId);
      const q = h.bank.byId.get(round.questionId)!;
      // the group knows S3 and SQS, and misses Lambda
      for (const who of ["ann", "bob"]) await h.bot.answer(actor(who), round.id, q.topic === "lambda" ? 0 : q.answer);
      h.clock.set(onDay(day, "10:00"));
      await h.scheduler.catchUp();
    }
    return asked;
  }

  it("adaptive (the default): 30 days without a repeat, weak Lambda asked most, then each question once more after the rest", async () => {
    const asked = await run(undefined, 60);
    expect((await h!.bot.status(actor("org"))).schedules[0]!.pick).toBe("adaptive");
    expect(new Set(asked.slice(0, 30)).size).toBe(30);
    // every question revealed within 60 days: the least used come round again, so none a third time
    const times = new Map<string, number[]>();
    asked.forEach((id, day) => times.set(id, [...(times.get(id) ?? []), day]));
    for (const days of times.values()) expect(days.length).toBeLessThanOrEqual(2);
    // among the first ten unseen questions asked, Lambda (missed by everyone) comes more than its third
    const first = asked.slice(0, 12).filter((id) => id.startsWith("lambda")).length;
    expect(first).toBeGreaterThan(4);
  });

  it("random: uniform among the least used, whatever the group's accuracy; the topics filter applies to both", async () => {
    const asked = await run("random", 30);
    expect(new Set(asked).size).toBe(30);
    expect((await h!.bot.status(actor("org"))).schedules[0]!.pick).toBe("random");
    h!.close();
    h = undefined;
    const filtered = await run("adaptive", 12, ["s3", "sqs"]);
    expect(filtered.every((id) => !id.startsWith("lambda"))).toBe(true);
    expect(new Set(filtered).size).toBe(12);
  });
});
