// How an answer moves an FSRS card: the ratings (daily cards Again or Good only; a slow right practice answer Hard),
// a missed daily card due no later than its reveal, recall that fades between answers, and the text forms of
// /review's reminder.
import { describe, expect, it } from "vitest";
import { readCommand, parseArgs } from "../../src/core/commands/text.js";
import { ratingOf, recall, scheduleReview } from "../../src/core/review/fsrs.js";
import type { ReviewEvent } from "../../src/core/store/review.js";

const t0 = new Date("2025-03-03T00:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const daily = (correct: boolean, answered = 1, revealed = 60): ReviewEvent => ({ correct, answeredAt: at(answered), shownAt: t0, revealedAt: at(revealed) });
const practice = (correct: boolean, took: number): ReviewEvent => ({ correct, answeredAt: at(took), shownAt: t0, revealedAt: null });

describe("FSRS ratings and cards", () => {
  it("rates a daily card Again or Good whatever the time taken, and a right practice answer Hard when it took over a minute", () => {
    expect([ratingOf(daily(false)), ratingOf(daily(true, 1)), ratingOf(daily(true, 50))]).toEqual([1, 3, 3]);
    expect([ratingOf(practice(false, 0.2)), ratingOf(practice(true, 0.5)), ratingOf(practice(true, 3)), ratingOf(practice(true, 30))]).toEqual([1, 3, 2, 3]);
  });

  it("makes a missed daily card due by its reveal even when the reveal comes a minute after the answer", () => {
    const quick = scheduleReview(null, daily(false, 0.5, 1));
    expect(quick.card.due.getTime()).toBeLessThanOrEqual(at(1).getTime());
    expect(quick.log).toMatchObject({ rating: 1, state: 0, reviewedAt: at(0.5) });
    const right = scheduleReview(null, daily(true));
    expect(right.card.due.getTime() - at(1).getTime()).toBeGreaterThanOrEqual(86_400_000);
  });

  it("never reviews a card before its previous review, and its recall fades from near 1 towards 0", () => {
    const first = scheduleReview(null, practice(true, 0.2)).card;
    const late = scheduleReview(first, { ...daily(true, -5), revealedAt: at(60) });
    expect(late.log.reviewedAt).toEqual(first.lastReview);
    const r = [0, 1, 7, 60].map((days) => recall(first, new Date(first.lastReview!.getTime() + days * 86_400_000)));
    expect(r[0]).toBeCloseTo(1, 5);
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeLessThan(r[i - 1]!);
    expect(recall(null, t0)).toBe(0);
  });
});

describe("/review's reminder in text forms", () => {
  const ctx = {
    topic: (x: string) => x,
    topicNames: () => [],
    member: () => ({ userId: "u", displayName: "u" }),
    channel: (x: string) => x,
    note: (x: string) => x,
    attachment: (x: string) => ({ name: x, read: async () => new Uint8Array() }),
    role: (x: string) => ({ id: x, name: x }),
  };
  it("reads remind=20:00 and Discord's remind:20:00 alike, and shows help for /review help", () => {
    const read = readCommand("review", "remind:20:00");
    expect(read.kind).toBe("run");
    if (read.kind !== "run") return;
    expect(parseArgs(read.spec, read.text, ctx)).toEqual({ remind: "20:00" });
    expect(parseArgs(read.spec, "remind=off", ctx)).toEqual({ remind: "off" });
    expect(readCommand("review", "help").kind).toBe("help");
  });
});
