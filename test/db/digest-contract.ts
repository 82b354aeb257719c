// The store's contract for the weekly digest, the reveal reminders and the discussion threads, run by
// store-contract.ts on every dialect.
import { describe, expect, it } from "vitest";
import type { AnswerInput, NewRound, ScheduleFields, Scorer } from "../../src/core/store/index.js";
import type { Backend } from "./store-contract.js";

const T0 = Date.UTC(2025, 2, 3, 0, 0, 0); // Monday 2025-03-03 00:00 UTC
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const DAY = 24 * 60;
const GROUP = { platform: "test", externalId: "g1" };
const FIELDS: ScheduleFields = { time: "09:00", weekdays: [1, 2, 3, 4, 5], timezone: "UTC", topics: [], revealAfterMinutes: 60, instantFeedback: false };
const scorer: Scorer = (c) => (c.correct ? { points: 10, streak: c.scheduled ? c.previousStreak + 1 : 0 } : { points: 0, streak: 0 });

export function digestContract(backend: Backend): void {
  describe("digests, reminders and threads", () => {
    async function week(store: Awaited<ReturnType<Backend["fresh"]>>, extras: Partial<ScheduleFields> = {}) {
      const group = await store.ensureGroup(GROUP, { timezone: "UTC" });
      const schedule = await store.upsertSchedule(group.id, "c1", "daily", { ...FIELDS, ...extras }, { at: at(-DAY) });
      const round = (day: number, over: Partial<NewRound> = {}): NewRound => ({
        groupId: group.id,
        scheduleId: schedule.id,
        channelId: "c1",
        questionId: `q${day}`,
        questionHash: `h${day}`,
        topic: day % 2 ? "s3" : "lambda",
        correctIndex: 1,
        choiceCount: 4,
        localDate: `2025-03-0${3 + day}`,
        openedAt: at(day * DAY),
        revealAt: at(day * DAY + 60),
        instantFeedback: false,
        ...over,
      });
      const answer = (roundId: number, user: string, choice: number, day: number): AnswerInput => ({
        roundId,
        groupId: group.id,
        member: { userId: user, displayName: user.toUpperCase() },
        choice,
        now: at(day * DAY + 1),
        fastSlots: 0,
        weekKey: "2025-03-03",
        monthKey: "2025-03",
      });
      /** a scheduled round on `day` of the week, answered by these users with these choices (1 is right), revealed */
      const play = async (day: number, choices: Record<string, number>, over: Partial<NewRound> = {}) => {
        const r = (await store.claimRound(round(day, over)))!;
        for (const [user, choice] of Object.entries(choices)) await store.recordAnswer(answer(r.id, user, choice, day), scorer);
        await store.markRevealed(r.id, at(day * DAY + 60));
        return r;
      };
      return { group, schedule, round, play };
    }

    it("keeps a schedule's digest, reminder and thread settings, with a digest on Sunday 20:00 by default", async () => {
      const store = await backend.fresh();
      const group = await store.ensureGroup(GROUP, { timezone: "UTC" });
      const plain = await store.upsertSchedule(group.id, "c1", "daily", FIELDS, { at: at(0) });
      expect(plain).toMatchObject({ digest: { weekday: 0, time: "20:00" }, reminderMinutes: null, reminderMention: null, thread: false });
      const set = await store.upsertSchedule(group.id, "c1", "daily", { ...FIELDS, digest: { weekday: 5, time: "18:30" }, reminderMinutes: 15, reminderMention: "<@&42>", thread: true }, { at: at(1) });
      expect(set).toMatchObject({ id: plain.id, digest: { weekday: 5, time: "18:30" }, reminderMinutes: 15, reminderMention: "<@&42>", thread: true });
      expect(await store.scheduleById(plain.id)).toEqual(set);
      const off = await store.upsertSchedule(group.id, "c1", "daily", { ...FIELDS, digest: null }, { at: at(2) });
      expect(off).toMatchObject({ digest: null, reminderMinutes: null, thread: false });
    });

    it("reads a channel's revealed rounds of a week with their answer counts, and the streak milestones reached in it", async () => {
      const store = await backend.fresh();
      const { group, round, play } = await week(store);
      const r0 = await play(0, { ann: 1, bob: 1, cy: 0 });
      const r1 = await play(1, { ann: 1, bob: 2 });
      const r2 = await play(2, { ann: 1 });
      await play(7, { ann: 1 }); // next Monday: another week
      await play(3, { ann: 1 }, { channelId: "c2", localDate: null }); // another channel
      const open = (await store.claimRound(round(4)))!; // not revealed: its answers stay out
      await store.recordAnswer({ roundId: open.id, groupId: group.id, member: { userId: "ann", displayName: "ANN" }, choice: 1, now: at(4 * DAY + 1), fastSlots: 0, weekKey: "2025-03-03", monthKey: "2025-03" }, scorer);

      const rows = await store.weekRounds(group.id, "c1", at(0), at(7 * DAY));
      expect(rows.map((r) => [r.roundId, r.questionId, r.topic, r.localDate, r.answered, r.correct])).toEqual([
        [r0.id, "q0", "lambda", "2025-03-03", 3, 2],
        [r1.id, "q1", "s3", "2025-03-04", 2, 1],
        [r2.id, "q2", "lambda", "2025-03-05", 1, 1],
      ]);
      expect(rows[0]).toMatchObject({ correctIndex: 1, openedAt: at(0) });
      expect(await store.weekRounds(group.id, "c1", at(DAY), at(2 * DAY))).toHaveLength(1);
      expect(await store.weekRounds(group.id, "c9", at(0), at(7 * DAY))).toEqual([]);

      // ann's streak runs 1, 2, 3 over the week: a step of 3 reaches 3, a step of 2 reaches 2; bob's 1 reaches none
      expect(await store.streakMilestones(group.id, "c1", at(0), at(7 * DAY), 3, 10)).toEqual([expect.objectContaining({ userId: "ann", displayName: "ANN", streak: 3 })]);
      expect((await store.streakMilestones(group.id, "c1", at(0), at(7 * DAY), 1, 10)).map((m) => [m.userId, m.streak])).toEqual([
        ["ann", 3],
        ["bob", 1],
      ]);
      expect(await store.streakMilestones(group.id, "c1", at(0), at(7 * DAY), 1, 1)).toHaveLength(1);
      expect((await store.streakMilestones(group.id, "c1", at(0), at(7 * DAY), 2, 10)).map((m) => m.streak)).toEqual([2]);
      expect(await store.streakMilestones(group.id, "c1", at(0), at(7 * DAY), 0, 10)).toEqual([]);
    });

    it("claims a channel's digest of a week once, takes over a claim left unfinished, and releases a failed one", async () => {
      const store = await backend.fresh();
      const { group } = await week(store);
      expect(await store.claimDigest(group.id, "c1", "2025-03-03", at(0), at(-2))).toBe(true);
      expect(await store.claimDigest(group.id, "c1", "2025-03-03", at(1), at(-1))).toBe(false);
      expect(await store.claimDigest(group.id, "c2", "2025-03-03", at(1), at(-1))).toBe(true);
      expect(await store.claimDigest(group.id, "c1", "2025-03-10", at(1), at(-1))).toBe(true);
      expect(await store.digestDone(group.id, "c1", "2025-03-03")).toBe(false);
      // the claiming process stopped: after the stale time another takes it over, once
      expect(await store.claimDigest(group.id, "c1", "2025-03-03", at(5), at(0))).toBe(true);
      expect(await store.claimDigest(group.id, "c1", "2025-03-03", at(5), at(0))).toBe(false);
      await store.finishDigest(group.id, "c1", "2025-03-03", at(6), { channelId: "c1", messageId: "m1" });
      expect(await store.digestDone(group.id, "c1", "2025-03-03")).toBe(true);
      expect(await store.claimDigest(group.id, "c1", "2025-03-03", at(100), at(99))).toBe(false);
      await store.releaseDigest(group.id, "c1", "2025-03-03");
      expect(await store.digestDone(group.id, "c1", "2025-03-03")).toBe(true);
      // a failed post gives the claim back
      await store.releaseDigest(group.id, "c2", "2025-03-03");
      expect(await store.claimDigest(group.id, "c2", "2025-03-03", at(7), at(6))).toBe(true);
      await store.finishDigest(group.id, "c2", "2025-03-03", at(8), null);
      expect(await store.digestDone(group.id, "c2", "2025-03-03")).toBe(true);
    });

    it("lets exactly one of two connections claim the same digest", async () => {
      const [a, b] = await backend.twoConnections();
      const group = await a.ensureGroup(GROUP, { timezone: "UTC" });
      const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimDigest(group.id, "c1", "2025-03-03", at(0), at(-5))));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it("finds a reminder due before the reveal, claims it once and never once the round is revealed", async () => {
      const store = await backend.fresh();
      const { group, round } = await week(store, { reminderMinutes: 15, reminderMention: "<@&7>" });
      const r = (await store.claimRound(round(0)))!; // reveals at 60
      expect(await store.dueReminders(at(50), ["test"])).toEqual([]); // not posted yet
      await store.markPosted(r.id, { channelId: "c1", messageId: "m1" });
      expect(await store.dueReminders(at(44), ["test"])).toEqual([]);
      const due = await store.dueReminders(at(45), ["test"]);
      expect(due).toEqual([{ round: expect.objectContaining({ id: r.id, message: { channelId: "c1", messageId: "m1" } }), minutes: 15, mention: "<@&7>" }]);
      expect(await store.dueReminders(at(45), ["other"])).toEqual([]);
      expect(await store.dueReminders(at(60), ["test"])).toEqual([]);

      expect(await store.claimReminder(r.id, at(45))).toBe(true);
      expect(await store.claimReminder(r.id, at(46))).toBe(false);
      expect(await store.dueReminders(at(46), ["test"])).toEqual([]);
      await store.releaseReminder(r.id);
      expect(await store.dueReminders(at(46), ["test"])).toHaveLength(1);
      expect(await store.claimReminder(r.id, at(60))).toBe(false); // the reveal time has come
      await store.markRevealed(r.id, at(47));
      expect(await store.claimReminder(r.id, at(47))).toBe(false); // revealed
      expect(await store.dueReminders(at(47), ["test"])).toEqual([]);

      const s = (await store.claimRound(round(1)))!;
      await store.markPosted(s.id, { channelId: "c1", messageId: "m2" });
      expect(await store.claimReminder(s.id, at(DAY + 50))).toBe(true);
      await store.finishReminder(s.id, at(DAY + 50));
      await store.releaseReminder(s.id); // a sent reminder stays sent
      expect(await store.claimReminder(s.id, at(DAY + 51))).toBe(false);
      expect(await store.dueReminders(at(DAY + 51), ["test"])).toEqual([]);
      const none = await week(store, { reminderMinutes: null });
      expect(none.schedule.reminderMinutes).toBeNull();
      expect(await store.dueReminders(at(DAY + 51), ["test"])).toEqual([]);
      expect(group.id).toBe(none.group.id);
    });

    it("records the thread started on a card; the first one stands", async () => {
      const store = await backend.fresh();
      const { round } = await week(store);
      const r = (await store.claimRound(round(0)))!;
      expect(await store.roundThread(r.id)).toBeNull();
      await store.setRoundThread(r.id, "t1", at(1));
      await store.setRoundThread(r.id, "t2", at(2));
      expect(await store.roundThread(r.id)).toBe("t1");
    });
  });
}
