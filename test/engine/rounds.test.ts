import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { actor, harness, type Harness } from "./support.js";

let h: Harness;
afterEach(() => h?.close());

const CH = "general";

describe("rounds: open, answer, reveal", () => {
  it("posts a platform-free card with labelled choices, topic, difficulty and reveal time", async () => {
    h = harness();
    const card = await h.bot.postNow(actor("org"), CH);
    expect(h.port.posted).toHaveLength(1);
    expect(h.port.posted[0]!.channelId).toBe(CH);
    expect(card.choices.map((c) => c.label)).toEqual(["A", "B", "C", "D"]);
    expect(card.prompt).toMatch(/^Question /);
    expect(card.topic.key).toBeTruthy();
    expect(card.difficulty).toBe(2);
    expect(card.revealAt.getTime() - h.clock.now().getTime()).toBe(60 * 60_000);
  });

  it("records one answer per member: the first counts, a repeated click gets the same reply", async () => {
    h = harness();
    const card = await h.bot.postNow(actor("org"), CH);
    const first = await h.bot.answer(actor("ann"), card.roundId, 1);
    expect(first).toEqual({ kind: "recorded", choiceLabel: "B" });
    expect(await h.bot.answer(actor("ann"), card.roundId, 1)).toEqual(first);
    expect(await h.bot.answer(actor("ann"), card.roundId, 2)).toEqual({ kind: "duplicate", choiceLabel: "B" });
    const n = h.database.sqlite.prepare("SELECT count(*) AS n FROM answers").get() as { n: number };
    expect(n.n).toBe(1);
  });

  it("refuses an unknown round, a choice that is not on the card, and answers after reveal", async () => {
    h = harness();
    const card = await h.bot.postNow(actor("org"), CH);
    expect(await h.bot.answer(actor("ann"), 9999, 0)).toEqual({ kind: "unknown_round" });
    expect(await h.bot.answer(actor("ann"), card.roundId, 7)).toEqual({ kind: "invalid_choice", validLabels: ["A", "B", "C", "D"] });
    // a round of another group is unknown here
    const other = { platform: "test", externalId: "g2" };
    expect(await h.bot.answer(actor("bob", other), card.roundId, 0)).toEqual({ kind: "unknown_round" });
    await h.bot.revealNow(actor("org"), CH);
    expect(await h.bot.answer(actor("ann"), card.roundId, 0)).toEqual({ kind: "closed" });
  });

  it("refuses answers once the reveal time has passed even before the reveal ran", async () => {
    h = harness();
    const card = await h.bot.postNow(actor("org"), CH);
    h.clock.advanceMinutes(61);
    expect(await h.bot.answer(actor("ann"), card.roundId, 0)).toEqual({ kind: "closed" });
  });

  it("lists a channel's cards still open for answers, oldest first, without revealed or expired ones", async () => {
    h = harness();
    expect(await h.bot.openCards(actor("ann"), CH)).toEqual([]);
    const first = await h.bot.postNow(actor("org"), CH);
    h.clock.advanceMinutes(10);
    const second = await h.bot.postNow(actor("org"), CH, { force: true });
    expect((await h.bot.openCards(actor("ann"), CH)).map((c) => c.roundId)).toEqual([first.roundId, second.roundId]);
    await h.bot.revealNow(actor("org"), CH);
    expect((await h.bot.openCards(actor("ann"), CH)).map((c) => c.roundId)).toEqual([first.roundId]);
    h.clock.advanceMinutes(51);
    expect(await h.bot.openCards(actor("ann"), CH)).toEqual([]);
  });

  it("post-now refuses while a card of the same schedule is open, and posts with force", async () => {
    h = harness();
    const first = await h.bot.postNow(actor("org"), CH);
    await expect(h.bot.postNow(actor("org"), CH)).rejects.toMatchObject({ key: "postnow.open", params: { round: first.roundId, name: "daily" } });
    expect(h.port.posted).toHaveLength(1);
    await h.bot.postNow(actor("org"), CH, { force: true });
    expect(h.port.posted).toHaveLength(2);
    // another channel has its own cards
    await h.bot.postNow(actor("org"), "other");
    expect(h.port.posted).toHaveLength(3);
  });

  it("reveals the correct choice, per-choice counts, how many answered, the explanation, source and fastest correct", async () => {
    h = harness();
    const card = await h.bot.postNow(actor("org"), CH);
    const q = h.bank.byId.get(card.questionId)!;
    const right = q.answer;
    const wrong = (right + 1) % 4;
    const names = ["ann", "bob", "cy", "dee", "eve"];
    for (const [i, n] of names.entries()) {
      h.clock.advance(1500);
      await h.bot.answer(actor(n), card.roundId, i === 1 ? wrong : right);
    }
    const revealed = (await h.bot.revealNow(actor("org"), CH))!;
    expect(revealed.correctIndex).toBe(right);
    expect(revealed.answered).toBe(5);
    expect(revealed.counts[right]).toBe(4);
    expect(revealed.counts[wrong]).toBe(1);
    expect(revealed.explanation).toBe(q.explanation);
    expect(revealed.source).toMatchObject({ heading: q.source!.heading });
    expect(revealed.fastestCorrect.map((f) => f.displayName)).toEqual(["ann", "cy", "dee"]);
    expect(revealed.fastestCorrect[0]!.seconds).toBe(1.5);
    // the card was edited in place, once
    expect(h.port.edited).toHaveLength(1);
    expect(h.port.edited[0]!.ref).toEqual(h.port.posted[0]!.ref);
    expect(await h.bot.revealNow(actor("org"), CH)).toBeNull();
  });

  it("scores 10 for a correct answer, +5 for each of the first three correct answerers, 0 when wrong", async () => {
    h = harness();
    const card = await h.bot.postNow(actor("org"), CH);
    const right = h.bank.byId.get(card.questionId)!.answer;
    await h.bot.answer(actor("w"), card.roundId, (right + 1) % 4);
    for (const n of ["a", "b", "c", "d"]) await h.bot.answer(actor(n), card.roundId, right);
    const pts = h.database.sqlite.prepare("SELECT m.display_name AS n, a.points AS p FROM answers a JOIN members m ON m.id = a.member_id ORDER BY a.id").all();
    expect(pts).toEqual([
      { n: "w", p: 0 },
      { n: "a", p: 15 },
      { n: "b", p: 15 },
      { n: "c", p: 15 },
      { n: "d", p: 10 },
    ]);
  });

  it("with instant feedback on, the reply says right or wrong and the points", async () => {
    h = harness();
    await h.bot.schedule(actor("org"), CH, undefined, { time: "09:00", instantFeedback: true });
    const card = await h.bot.postNow(actor("org"), CH);
    const right = h.bank.byId.get(card.questionId)!.answer;
    expect(await h.bot.answer(actor("ann"), card.roundId, right)).toEqual({ kind: "recorded", choiceLabel: "ABCD"[right], correct: true, points: 15 });
  });

  it("1,000 members answering one round concurrently → 1,000 answers; double clicks ignored", async () => {
    h = harness({ file: true });
    const card = await h.bot.postNow(actor("org"), CH);
    const right = h.bank.byId.get(card.questionId)!.answer;
    const clicks = [];
    for (let i = 0; i < 1000; i++) {
      const choice = i % 4;
      clicks.push(h.bot.answer(actor(`m${i}`), card.roundId, choice));
      if (i % 3 === 0) clicks.push(h.bot.answer(actor(`m${i}`), card.roundId, choice)); // double click
      if (i % 7 === 0) clicks.push(h.bot.answer(actor(`m${i}`), card.roundId, (choice + 1) % 4)); // changed mind: ignored
    }
    const outcomes = await Promise.all(clicks);
    expect(outcomes.filter((o) => o.kind === "recorded").length).toBeGreaterThanOrEqual(1000);
    const row = h.database.sqlite.prepare("SELECT count(*) AS n, count(DISTINCT member_id) AS m FROM answers WHERE round_id = ?").get(card.roundId) as { n: number; m: number };
    expect(row).toEqual({ n: 1000, m: 1000 });
    // each member's first choice stands
    const choices = h.database.sqlite.prepare("SELECT choice, count(*) AS n FROM answers GROUP BY choice ORDER BY choice").all();
    expect(choices).toEqual([0, 1, 2, 3].map((c) => ({ choice: c, n: 250 })));
    const revealed = (await h.bot.revealNow(actor("org"), CH))!;
    expect(revealed.answered).toBe(1000);
    expect(revealed.counts).toEqual([250, 250, 250, 250]);
    expect(revealed.fastestCorrect).toHaveLength(3);
    const bonus = h.database.sqlite.prepare("SELECT count(*) AS n FROM answers WHERE points = 15").get() as { n: number };
    expect(bonus.n).toBe(3);
    void right;
  });

  it("practice questions stay off the leaderboard and missed ones come back first", async () => {
    h = harness();
    const me = actor("ann");
    const card = await h.bot.practice(me, "lambda");
    expect(card.topic.key).toBe("lambda");
    const q = h.bank.byId.get(card.questionId)!;
    const res = await h.bot.answerPractice(me, card.roundId, (q.answer + 1) % q.choices.length);
    expect(res.correct).toBe(false);
    expect(res.correctIndex).toBe(q.answer);
    expect((await h.bot.answerPractice(me, card.roundId, q.answer)).repeated).toBe(true);
    expect((await h.bot.leaderboard(me, "all")).rows).toEqual([]);
    // the missed question is due again after 10 minutes, and comes back before any new one
    h.clock.advanceMinutes(11);
    const again = await h.bot.practice(me, "lambda");
    expect(again.questionId).toBe(card.questionId);
    await h.bot.answerPractice(me, again.roundId, q.answer);
    h.clock.advanceMinutes(11);
    expect((await h.bot.practice(me, "lambda")).questionId).not.toBe(card.questionId);
    await expect(h.bot.practice(me, "kubernetes")).rejects.toBeInstanceOf(UserError);
  });
});
