// Streaks count consecutive correct answers over the channel's scheduled rounds: a day with no scheduled
// round does not break them; a missed or wrong round does. Every 5th day of a streak adds +5.
import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/cards.js";
import { Scheduler } from "../../src/core/schedule/scheduler.js";
import { zonedTime } from "../../src/core/clock.js";
import { actor, harness, type Harness } from "./support.js";

let h: Harness;
afterEach(() => h?.close());

const CH = "daily";
const org = actor("org");

/** Runs one scheduled day: 09:00 Seoul posts, the given members answer (true = right), 10:01 reveals. */
async function day(s: Scheduler, date: string, answers: Array<[Actor, boolean]>): Promise<Map<string, number>> {
  h.clock.set(zonedTime(date, "09:00", "Asia/Seoul"));
  const { posted } = await s.catchUp();
  expect(posted).toHaveLength(1);
  const round = posted[0]!;
  const points = new Map<string, number>();
  for (const [who, right] of answers) {
    h.clock.advance(1000);
    const choice = right ? round.correctIndex : (round.correctIndex + 1) % round.choiceCount;
    const out = await h.bot.answer({ ...who }, round.id, choice);
    expect(out.kind).toBe("recorded");
    const row = h.database.sqlite.prepare("SELECT a.points AS p FROM answers a JOIN members m ON m.id = a.member_id WHERE a.round_id = ? AND m.user_id = ?").get(round.id, who.userId) as { p: number };
    points.set(who.displayName, row.p);
  }
  h.clock.set(zonedTime(date, "10:01", "Asia/Seoul"));
  expect((await s.catchUp()).revealed).toEqual([round.id]);
  return points;
}

async function streakOf(who: Actor): Promise<[number, number]> {
  const st = await h.bot.stats(who);
  return [st.currentStreak, st.bestStreak];
}

describe("streaks", () => {
  it("continues over days with no scheduled round, adds +5 on every 5th day, breaks on a missed or a wrong round", async () => {
    h = harness({ start: "2025-03-01T00:00:00Z" });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", weekdays: ["mon", "tue", "thu", "fri"], timezone: "Asia/Seoul" });
    const s = h.another().scheduler;
    const ann = actor("ann"); // always right
    const bob = actor("bob"); // misses Tuesday
    const cy = actor("cy"); // wrong on Tuesday

    await day(s, "2025-03-03", [[ann, true], [bob, true], [cy, true]]); // Mon
    await day(s, "2025-03-04", [[ann, true], [cy, false]]); // Tue: bob missed, cy wrong
    expect(await streakOf(bob)).toEqual([0, 1]);
    expect(await streakOf(cy)).toEqual([0, 1]);
    // Wednesday has no scheduled round: ann's streak is intact
    h.clock.set(zonedTime("2025-03-05", "12:00", "Asia/Seoul"));
    expect((await s.catchUp()).posted).toHaveLength(0);
    expect(await streakOf(ann)).toEqual([2, 2]);
    await day(s, "2025-03-06", [[ann, true], [bob, true], [cy, true]]); // Thu
    expect(await streakOf(ann)).toEqual([3, 3]);
    expect(await streakOf(bob)).toEqual([1, 1]);
    const fri = await day(s, "2025-03-07", [[ann, true], [bob, true]]); // Fri
    expect(fri.get("ann")).toBe(15); // 4th day: 10 + 5 (first correct)
    // the weekend has no scheduled round; Monday is ann's 5th consecutive scheduled round: +5
    const mon = await day(s, "2025-03-10", [[bob, true], [ann, true]]);
    expect(mon.get("ann")).toBe(10 + 5 + 5);
    expect(await streakOf(ann)).toEqual([5, 5]);
    expect(await streakOf(cy)).toEqual([0, 1]); // missed Fri and Mon
    expect((await h.bot.leaderboard(ann, "all")).rows.find((r) => r.displayName === "ann")!.streak).toBe(5);
  });

  it("an open round not yet answered does not break the streak; once it closes unanswered, it does", async () => {
    h = harness({ start: "2025-03-01T00:00:00Z" });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", timezone: "Asia/Seoul" });
    const s = h.another().scheduler;
    const ann = actor("ann");
    await day(s, "2025-03-03", [[ann, true]]);
    h.clock.set(zonedTime("2025-03-04", "09:00", "Asia/Seoul"));
    await s.catchUp();
    expect(await streakOf(ann)).toEqual([1, 1]);

    h.clock.set(zonedTime("2025-03-04", "10:01", "Asia/Seoul"));
    await s.catchUp();
    expect(await streakOf(ann)).toEqual([0, 1]);
  });

  it("a right answer to the open round raises the streak only when the round is revealed", async () => {
    h = harness({ start: "2025-03-01T00:00:00Z" });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", timezone: "Asia/Seoul" });
    const s = h.another().scheduler;
    const ann = actor("ann");
    await day(s, "2025-03-03", [[ann, true]]);
    h.clock.set(zonedTime("2025-03-04", "09:00", "Asia/Seoul"));
    const round = (await s.catchUp()).posted[0]!;
    await h.bot.answer(ann, round.id, round.correctIndex);
    expect(await streakOf(ann)).toEqual([1, 1]);
    h.clock.set(zonedTime("2025-03-04", "10:01", "Asia/Seoul"));
    await s.catchUp();
    expect(await streakOf(ann)).toEqual([2, 2]);
  });

  it("ad hoc rounds (post-now) score points but neither build nor break a streak", async () => {
    h = harness({ start: "2025-03-01T00:00:00Z" });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", timezone: "Asia/Seoul" });
    const s = h.another().scheduler;
    const ann = actor("ann");
    await day(s, "2025-03-03", [[ann, true]]);
    h.clock.set(zonedTime("2025-03-03", "15:00", "Asia/Seoul"));
    const card = await h.bot.postNow(org, CH);
    await h.bot.answer(ann, card.roundId, (h.bank.byId.get(card.questionId)!.answer + 1) % 4); // wrong, ad hoc
    await h.bot.revealNow(org, CH);
    await day(s, "2025-03-04", [[ann, true]]);
    expect(await streakOf(ann)).toEqual([2, 2]);
  });
});
