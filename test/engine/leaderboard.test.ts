import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/cards.js";
import { actor, harness, type Harness } from "./support.js";

let h: Harness;
afterEach(() => h?.close());

const CH = "general";
const org = actor("org");

/** Posts an ad hoc round now and has each member answer (true = right); reveals it. */
async function round(answers: Array<[Actor, boolean]>, topic?: string): Promise<void> {
  if (topic) await h.bot.schedule(org, CH, undefined, { time: "23:59", topics: [topic] });
  const card = await h.bot.postNow(org, CH);
  const right = h.bank.byId.get(card.questionId)!.answer;
  for (const [who, ok] of answers) await h.bot.answer(who, card.roundId, ok ? right : (right + 1) % 4);
  await h.bot.revealNow(org, CH);
}

describe("leaderboards and stats", () => {
  it("weeks start on Monday 00:00 in the group's time zone", async () => {
    // Sunday 23:30 in Seoul is still Sunday 14:30 UTC; Monday 00:30 in Seoul is Sunday 15:30 UTC.
    h = harness({ start: "2025-03-09T14:30:00Z", timezone: "Asia/Seoul" });
    const ann = actor("ann");
    const bob = actor("bob");
    await round([[ann, true]]);
    h.clock.set("2025-03-09T15:30:00Z");
    await round([[bob, true]]);
    const week = await h.bot.leaderboard(ann, "week");
    expect(week.rows.map((r) => r.displayName)).toEqual(["bob"]);
    expect(week.from!.toISOString()).toBe("2025-03-09T15:00:00.000Z"); // Monday 00:00 KST
    expect(week.caller).toBeNull(); // ann has no answer this week
    expect((await h.bot.leaderboard(ann, "month")).rows.map((r) => r.displayName).sort()).toEqual(["ann", "bob"]);
    expect((await h.bot.leaderboard(ann, "all")).rows).toHaveLength(2);
  });

  it("gives nothing away before the reveal: points, stats and ranks count a round once it is revealed", async () => {
    h = harness();
    const ann = actor("ann");
    const card = await h.bot.postNow(org, CH);
    await h.bot.answer(ann, card.roundId, h.bank.byId.get(card.questionId)!.answer);
    expect((await h.bot.leaderboard(ann, "all")).rows).toEqual([]);
    expect(await h.bot.stats(ann)).toMatchObject({ answered: 0, correct: 0, points: 0, rank: null });
    await h.bot.revealNow(org, CH);
    expect((await h.bot.leaderboard(ann, "all")).rows).toMatchObject([{ displayName: "ann", points: 15, rank: 1 }]);
    expect(await h.bot.stats(ann)).toMatchObject({ answered: 1, correct: 1, points: 15, rank: 1 });
  });

  it("ties share a rank; the caller's own rank is shown when outside the top 10", async () => {
    h = harness();
    const members = Array.from({ length: 14 }, (_, i) => actor(`m${String(i).padStart(2, "0")}`));
    // round 1: everyone answers; the first three correct get +5
    await round(members.map((m, i) => [m, i < 12]));
    // m00..m02: 15, m03..m11: 10, m12, m13: 0
    const board = await h.bot.leaderboard(members[13]!, "all");
    expect(board.rows).toHaveLength(10);
    expect(board.rows.map((r) => r.rank)).toEqual([1, 1, 1, 4, 4, 4, 4, 4, 4, 4]);
    expect(board.rows[0]).toMatchObject({ points: 15, answered: 1, correct: 1, accuracy: 1 });
    expect(board.caller).toMatchObject({ displayName: "m13", rank: 13, points: 0, answered: 1, correct: 0, accuracy: 0 });
    const top = await h.bot.leaderboard(members[0]!, "all");
    expect(top.caller).toBeNull();
  });

  it("filters by topic and reports per-member stats with accuracy by topic and rank", async () => {
    h = harness();
    const ann = actor("ann");
    const bob = actor("bob");
    await round([[ann, true], [bob, true]], "lambda");
    await round([[ann, false], [bob, true]], "s3");
    await round([[ann, true]], "s3");
    const lambda = await h.bot.leaderboard(ann, "all", "lambda");
    expect(lambda.topic).toEqual({ key: "lambda", name: "Lambda" });
    expect(lambda.rows.map((r) => [r.displayName, r.points])).toEqual([["ann", 15], ["bob", 15]]);
    expect(lambda.rows.map((r) => r.rank)).toEqual([1, 1]);
    const s3 = await h.bot.leaderboard(ann, "week", "S3");
    // equal points and equal correct answers: the same rank
    expect(s3.rows.map((r) => [r.displayName, r.points, r.answered, r.rank])).toEqual([["ann", 15, 2, 1], ["bob", 15, 1, 1]]);
    await expect(h.bot.leaderboard(ann, "all", "kubernetes")).rejects.toMatchObject({ key: "quiz.unknown_topic" });

    const st = await h.bot.stats(ann);
    expect(st).toMatchObject({ answered: 3, correct: 2, points: 30, rank: 1 });
    expect(st.byTopic).toEqual([
      { key: "s3", name: "S3", answered: 2, correct: 1, accuracy: 0.5 },
      { key: "lambda", name: "Lambda", answered: 1, correct: 1, accuracy: 1 },
    ]);
    const other = await h.bot.stats(ann, { userId: bob.userId });
    expect(other).toMatchObject({ displayName: "bob", answered: 2, correct: 2, points: 30, rank: 1 });
    await expect(h.bot.stats(ann, { userId: "nobody", displayName: "nobody" })).rejects.toMatchObject({ key: "stats.unknown_member" });
  });

  it("per-window score rows always equal a direct sum over the stored answers", async () => {
    h = harness({ start: "2025-02-27T10:00:00Z" });
    const ms = ["a", "b", "c", "d"].map((n) => actor(n));
    for (let d = 0; d < 9; d++) {
      await round(ms.map((m, i) => [m, (d + i) % 3 !== 0]));
      h.clock.advance(24 * 3600_000);
    }
    const direct = h.database.sqlite
      .prepare("SELECT member_id, 'w:' || week_key AS period, sum(points) AS p, count(*) AS n, sum(correct) AS c FROM answers GROUP BY member_id, week_key ORDER BY 1, 2")
      .all();
    const kept = h.database.sqlite.prepare("SELECT member_id, period, points AS p, answered AS n, correct AS c FROM scores WHERE period LIKE 'w:%' AND topic = '*' ORDER BY 1, 2").all();
    expect(kept).toEqual(direct);
    // rebuilding the score rows from the answers gives back exactly the rows kept answer by answer
    const all = "SELECT group_id, period, topic, member_id, points, answered, correct FROM scores ORDER BY 1, 2, 3, 4";
    const before = h.database.sqlite.prepare(all).all();
    expect(before.length).toBeGreaterThan(20);
    await h.database.store.rebuildScores();
    expect(h.database.sqlite.prepare(all).all()).toEqual(before);
  });
});
