// The store's contract, one suite for every dialect: store.sqlite.test.ts runs it on SQLite in memory (and a file
// where two connections race), store.pg.test.ts on the run's PostgreSQL server. It speaks to the Store only, as
// the core does, with its own small scorer and fixed times (no clock).
import { describe, expect, it } from "vitest";
import type { AnswerInput, CardState, NewGroupQuestion, NewRound, ReviewEvent, ScheduleFields, Scorer } from "../../src/core/store/index.js";
import type { DrizzleStore } from "../../src/db/index.js";
import { digestContract } from "./digest-contract.js";

export interface Backend {
  name: string;
  /** a store on an empty, migrated database, for one test */
  fresh(): Promise<DrizzleStore>;
  /** two stores on one empty database through separate connections, as two processes would have */
  twoConnections(): Promise<[DrizzleStore, DrizzleStore]>;
}

const T0 = Date.UTC(2025, 2, 3, 0, 0, 0); // Monday 2025-03-03 00:00 UTC
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const GROUP = { platform: "test", externalId: "g1" };
const FIELDS: ScheduleFields = { time: "09:00", weekdays: [1, 2, 3, 4, 5], timezone: "Asia/Seoul", topics: ["lambda"], revealAfterMinutes: 60, instantFeedback: false };

/** 10 points a correct answer, +5 when fast; a scheduled round continues the streak */
const scorer: Scorer = (c) => (c.correct ? { points: 10 + (c.fast ? 5 : 0), streak: c.scheduled ? c.previousStreak + 1 : 0 } : { points: 0, streak: 0 });

async function setUp(store: DrizzleStore) {
  const group = await store.ensureGroup(GROUP, { timezone: "UTC" });
  const schedule = await store.upsertSchedule(group.id, "c1", "daily", FIELDS, { at: at(0) });
  const round = (over: Partial<NewRound> = {}): NewRound => ({
    groupId: group.id,
    scheduleId: schedule.id,
    channelId: "c1",
    questionId: "l1",
    questionHash: "h-l1",
    topic: "lambda",
    correctIndex: 1,
    choiceCount: 4,
    localDate: "2025-03-03",
    openedAt: at(0),
    revealAt: at(60),
    instantFeedback: false,
    ...over,
  });
  const answer = (roundId: number, user: string, choice: number, over: Partial<AnswerInput> = {}): AnswerInput => ({
    roundId,
    groupId: group.id,
    member: { userId: user, displayName: user },
    choice,
    now: at(1),
    fastSlots: 2,
    weekKey: "2025-03-03",
    monthKey: "2025-03",
    ...over,
  });
  return { group, schedule, round, answer };
}

export function storeContract(backend: Backend): void {
  describe(`store contract on ${backend.name}`, () => {
    describe("groups and members", () => {
      it("creates a group once with the default settings, finds it by reference and id, and updates its settings", async () => {
        const store = await backend.fresh();
        expect(await store.findGroup(GROUP)).toBeNull();
        const g = await store.ensureGroup(GROUP, { timezone: "Asia/Seoul" });
        expect(g).toMatchObject({ platform: "test", externalId: "g1", locale: null, timezone: "Asia/Seoul", scoring: { pointsCorrect: 10, fastBonusCount: 3 } });
        expect(await store.ensureGroup(GROUP, { timezone: "UTC" })).toEqual(g);
        expect(await store.findGroup(GROUP)).toEqual(g);
        expect(await store.groupById(g.id)).toEqual(g);
        expect(await store.groupById(g.id + 1000)).toBeNull();
        const other = await store.ensureGroup({ platform: "test", externalId: "g2" }, { timezone: "UTC" });
        expect(other.id).not.toBe(g.id);

        const ko = await store.updateGroup(g.id, { locale: "ko" });
        expect(ko).toMatchObject({ locale: "ko", timezone: "Asia/Seoul" });
        const moved = await store.updateGroup(g.id, { timezone: "Europe/Berlin", scoring: { ...g.scoring, pointsCorrect: 20 } });
        expect(moved).toMatchObject({ locale: "ko", timezone: "Europe/Berlin", scoring: { pointsCorrect: 20 } });
        expect(await store.updateGroup(g.id, { locale: null })).toMatchObject({ locale: null, timezone: "Europe/Berlin" });
        expect(await store.findGroup(GROUP)).toMatchObject({ locale: null, timezone: "Europe/Berlin", scoring: { pointsCorrect: 20 } });
        expect(await store.findGroup({ platform: "test", externalId: "g2" })).toEqual(other);
      });

      it("keeps one member per user: a new name replaces the old, a locale is kept until another is given", async () => {
        const store = await backend.fresh();
        const g = await store.ensureGroup(GROUP, { timezone: "UTC" });
        expect(await store.findMember(g.id, "u1")).toBeNull();
        const m = await store.ensureMember(g.id, { userId: "u1", displayName: "ann", locale: "ko" });
        expect(m).toMatchObject({ groupId: g.id, userId: "u1", displayName: "ann", locale: "ko" });
        expect(await store.ensureMember(g.id, { userId: "u1", displayName: "앤" })).toEqual({ ...m, displayName: "앤" });
        expect(await store.ensureMember(g.id, { userId: "u1", displayName: "앤", locale: "en" })).toEqual({ ...m, displayName: "앤", locale: "en" });
        expect(await store.findMember(g.id, "u1")).toEqual({ ...m, displayName: "앤", locale: "en" });
        const other = await store.ensureGroup({ platform: "test", externalId: "g2" }, { timezone: "UTC" });
        expect(await store.findMember(other.id, "u1")).toBeNull();
      });
    });

    describe("schedules", () => {
      it("creates, replaces, lists, deactivates and reactivates a channel's named schedules", async () => {
        const store = await backend.fresh();
        const g = await store.ensureGroup(GROUP, { timezone: "UTC" });
        const daily = await store.upsertSchedule(g.id, "c2", "daily", FIELDS, { at: at(0) });
        expect(daily).toMatchObject({ groupId: g.id, channelId: "c2", name: "daily", ...FIELDS, paused: false, active: true, lastRunDate: null, lastRunAt: null, updatedAt: at(0) });
        const evening = await store.upsertSchedule(g.id, "c2", "evening", { ...FIELDS, time: "21:00", topics: [] }, { paused: true, at: at(1) });
        const other = await store.upsertSchedule(g.id, "c1", "daily", { ...FIELDS, weekdays: [0, 6], instantFeedback: true }, { at: at(2) });
        expect((await store.listSchedules(g.id)).map((s) => [s.channelId, s.name])).toEqual([
          ["c1", "daily"],
          ["c2", "daily"],
          ["c2", "evening"],
        ]);
        expect(await store.scheduleById(evening.id)).toEqual(evening);
        expect(await store.findSchedule(g.id, "c1", "daily")).toEqual(other);
        expect(await store.findSchedule(g.id, "c1", "evening")).toBeNull();

        const replaced = await store.upsertSchedule(g.id, "c2", "daily", { ...FIELDS, time: "08:30", revealAfterMinutes: 15 }, { at: at(3) });
        expect(replaced).toMatchObject({ id: daily.id, time: "08:30", revealAfterMinutes: 15, updatedAt: at(3) });

        expect(await store.deactivateSchedule(g.id, "c2", "daily", at(4))).toBe(true);
        expect(await store.deactivateSchedule(g.id, "c2", "daily", at(5))).toBe(false);
        expect(await store.deactivateSchedule(g.id, "c9", "daily", at(5))).toBe(false);
        expect(await store.findSchedule(g.id, "c2", "daily")).toMatchObject({ active: false, updatedAt: at(4) });
        expect((await store.listSchedules(g.id)).length).toBe(3);
        expect(await store.upsertSchedule(g.id, "c2", "daily", FIELDS, { at: at(6) })).toMatchObject({ id: daily.id, active: true, paused: false });

        await store.markScheduleRun(other.id, "2025-03-03", at(7));
        expect(await store.scheduleById(other.id)).toMatchObject({ lastRunDate: "2025-03-03", lastRunAt: at(7) });
      });

      it("lists the active, unpaused schedules of the given platforms with their groups", async () => {
        const store = await backend.fresh();
        const a = await store.ensureGroup({ platform: "discord", externalId: "a" }, { timezone: "UTC" });
        const b = await store.ensureGroup({ platform: "slack", externalId: "b" }, { timezone: "UTC" });
        const s1 = await store.upsertSchedule(a.id, "c", "daily", FIELDS, { at: at(0) });
        await store.upsertSchedule(a.id, "c", "paused", FIELDS, { paused: true, at: at(0) });
        await store.upsertSchedule(a.id, "c", "gone", FIELDS, { at: at(0) });
        await store.deactivateSchedule(a.id, "c", "gone", at(1));
        const s2 = await store.upsertSchedule(b.id, "c", "daily", FIELDS, { at: at(0) });
        expect((await store.activeSchedules(["discord"])).map((r) => [r.schedule.id, r.group.id])).toEqual([[s1.id, a.id]]);
        expect((await store.activeSchedules(["discord", "slack"])).map((r) => r.schedule.id)).toEqual([s1.id, s2.id]);
        expect(await store.activeSchedules(["console"])).toEqual([]);
        expect(await store.activeSchedules([])).toEqual([]);
      });
    });

    describe("rounds", () => {
      it("claims a scheduled day once; rounds posted on demand (no day) never collide", async () => {
        const store = await backend.fresh();
        const { round } = await setUp(store);
        const first = await store.claimRound(round());
        expect(first).toMatchObject({ ...round(), revealedAt: null, message: null });
        expect(await store.claimRound(round({ questionId: "l2" }))).toBeNull();
        expect(await store.claimRound(round({ localDate: "2025-03-04" }))).not.toBeNull();
        const a = await store.claimRound(round({ localDate: null }));
        const b = await store.claimRound(round({ localDate: null }));
        expect(a && b && a.id !== b.id).toBe(true);
        expect(await store.roundById(first!.id)).toEqual(first);
        expect(await store.roundById(first!.id + 1000)).toBeNull();
      });

      it("keeps a claimed round's post pending until confirmed, retries it after its lease, and leases each try once", async () => {
        const store = await backend.fresh();
        const { round } = await setUp(store);
        const r = (await store.claimRound(round({ leaseUntil: at(2) })))!;
        expect(r.delivery).toEqual({ post: "pending", reveal: null, attempts: 0, nextAttemptAt: at(2), lastError: null });
        // nothing to try while the claiming process still posts it
        expect(await store.dueDeliveries(at(1), ["test"])).toEqual([]);
        expect((await store.dueDeliveries(at(2), ["test"])).map((x) => x.id)).toEqual([r.id]);
        expect(await store.dueDeliveries(at(2), ["other"])).toEqual([]);
        expect(await store.leaseDelivery(r.id, at(2), at(4))).toBe(true);
        expect(await store.leaseDelivery(r.id, at(2), at(4))).toBe(false);
        expect(await store.dueDeliveries(at(3), ["test"])).toEqual([]);
        await store.retryDelivery(r.id, 1, at(5), "transient");
        expect((await store.roundById(r.id))!.delivery).toEqual({ post: "pending", reveal: null, attempts: 1, nextAttemptAt: at(5), lastError: "transient" });
        await store.markPosted(r.id, { channelId: "c1", messageId: "m1" });
        expect(await store.roundById(r.id)).toMatchObject({ message: { channelId: "c1", messageId: "m1" }, delivery: { post: "posted", reveal: null, attempts: 0, nextAttemptAt: null, lastError: null } });
        expect(await store.dueDeliveries(at(9), ["test"])).toEqual([]);
      });

      it("keeps a reveal pending until delivered, in a new message when given, and ends a step given up as failed", async () => {
        const store = await backend.fresh();
        const { group, round, answer } = await setUp(store);
        const r = (await store.claimRound(round()))!;
        await store.markPosted(r.id, { channelId: "c1", messageId: "m1" });
        expect(await store.markRevealed(r.id, at(60), at(62))).toBe(true);
        expect((await store.roundById(r.id))!.delivery).toMatchObject({ post: "posted", reveal: "pending", nextAttemptAt: at(62) });
        expect((await store.dueDeliveries(at(62), ["test"])).map((x) => x.id)).toEqual([r.id]);
        await store.markRevealDelivered(r.id, { channelId: "c1", messageId: "m2" });
        expect(await store.roundById(r.id)).toMatchObject({ message: { messageId: "m2" }, delivery: { reveal: "done", nextAttemptAt: null } });

        // a post given up closes its round: an answer to a card that did reach the channel still counts
        const s = (await store.claimRound(round({ localDate: "2025-03-04" })))!;
        await store.recordAnswer(answer(s.id, "u1", 1), scorer);
        await store.failDelivery(s.id, "post", "permission", at(3), 1);
        expect(await store.roundById(s.id)).toMatchObject({ revealedAt: at(3), delivery: { post: "failed", reveal: "failed", attempts: 1, nextAttemptAt: null, lastError: "permission" } });
        expect(await store.memberScore(group.id, "all", null, (await store.findMember(group.id, "u1"))!.id)).toMatchObject({ points: 15, answered: 1 });
        // nor is it in the channel's history or anyone's streak
        expect(await store.revealedRounds(group.id, "c1", null, 10)).toMatchObject([{ round: { id: r.id } }]);
        expect((await store.openRounds(group.id)).map((x) => x.id)).toEqual([]);

        const u = (await store.claimRound(round({ localDate: "2025-03-05" })))!;
        await store.markPosted(u.id, { channelId: "c1", messageId: "m3" });
        await store.markRevealed(u.id, at(60));
        await store.failDelivery(u.id, "reveal", "channel_gone", at(61), 3);
        expect((await store.roundById(u.id))!.delivery).toMatchObject({ post: "posted", reveal: "failed", attempts: 3, lastError: "channel_gone", nextAttemptAt: null });
      });

      it("pauses a channel's running schedules with the bot's reason, tells it once, and an organiser's change ends it", async () => {
        const store = await backend.fresh();
        const { group, schedule } = await setUp(store);
        const other = await store.upsertSchedule(group.id, "c2", "daily", FIELDS, { at: at(0) });
        const manual = await store.upsertSchedule(group.id, "c1", "evening", FIELDS, { paused: true, at: at(0) });
        expect(await store.pauseSchedules(group.id, "c1", { kind: "permission", detail: "SendMessages", at: at(5) })).toBe(1);
        expect(await store.scheduleById(schedule.id)).toMatchObject({ paused: true, pause: { kind: "permission", detail: "SendMessages", at: at(5) } });
        expect(await store.scheduleById(manual.id)).toMatchObject({ paused: true, pause: null });
        expect((await store.activeSchedules(["test"])).map((x) => x.schedule.id)).toEqual([other.id]);
        expect((await store.takePauseNotices(group.id)).map((x) => x.id)).toEqual([schedule.id]);
        expect(await store.takePauseNotices(group.id)).toEqual([]);
        // every channel of the group, when removed from the server
        expect(await store.pauseSchedules(group.id, null, { kind: "uninstalled", detail: null, at: at(6) })).toBe(1);
        expect(await store.scheduleById(other.id)).toMatchObject({ paused: true, pause: { kind: "uninstalled", detail: null } });
        // resuming is the organiser's change: the reason goes with the pause
        const resumed = await store.upsertSchedule(group.id, "c1", "daily", FIELDS, { paused: false, at: at(7) });
        expect(resumed).toMatchObject({ paused: false, pause: null });
      });

      it("writes the health row again and again (a real write transaction)", async () => {
        const store = await backend.fresh();
        await store.probeWrite(at(0));
        await store.probeWrite(at(1));
      });

      it("lists open rounds newest first, by channel, and those due for reveal by reveal time", async () => {
        const store = await backend.fresh();
        const { group, round } = await setUp(store);
        const r1 = (await store.claimRound(round({ localDate: null, revealAt: at(90) })))!;
        const r2 = (await store.claimRound(round({ localDate: null, channelId: "c2", revealAt: at(30) })))!;
        const r3 = (await store.claimRound(round({ localDate: null, revealAt: at(60) })))!;
        expect((await store.openRounds(group.id)).map((r) => r.id)).toEqual([r3.id, r2.id, r1.id]);
        expect((await store.openRounds(group.id, "c1")).map((r) => r.id)).toEqual([r3.id, r1.id]);
        expect((await store.dueReveals(at(60), ["test"])).map((r) => r.id)).toEqual([r2.id, r3.id]);
        expect(await store.dueReveals(at(60), ["other"])).toEqual([]);
        expect(await store.markRevealed(r2.id, at(61))).toBe(true);
        expect(await store.markRevealed(r2.id, at(62))).toBe(false);
        expect(await store.roundById(r2.id)).toMatchObject({ revealedAt: at(61) });
        expect((await store.dueReveals(at(60), ["test"])).map((r) => r.id)).toEqual([r3.id]);
        expect((await store.openRounds(group.id)).map((r) => r.id)).toEqual([r3.id, r1.id]);
        expect(await store.questionUse(group.id, "c1")).toEqual(new Map([["l1", 2]]));
      });
    });

    describe("answers", () => {
      it("records the first answer of a member; a repeat returns it unchanged; wrong round, late and invalid answers are refused", async () => {
        const store = await backend.fresh();
        const { group, round, answer } = await setUp(store);
        const r = (await store.claimRound(round()))!;
        const first = await store.recordAnswer(answer(r.id, "ann", 1), scorer);
        expect(first).toMatchObject({ kind: "recorded", choice: 1, correct: true, points: 15, round: { id: r.id } });
        expect(await store.recordAnswer(answer(r.id, "ann", 2, { now: at(2) }), scorer)).toMatchObject({ kind: "duplicate", answerId: (first as { answerId: number }).answerId, choice: 1, correct: true, points: 15 });
        expect(await store.recordAnswer(answer(r.id, "bob", 0), scorer)).toMatchObject({ kind: "recorded", correct: false, points: 0 });
        expect(await store.recordAnswer(answer(r.id, "cat", 4), scorer)).toMatchObject({ kind: "invalid_choice", round: { id: r.id } });
        expect(await store.recordAnswer(answer(r.id, "cat", 1.5), scorer)).toMatchObject({ kind: "invalid_choice" });
        expect(await store.recordAnswer(answer(r.id, "cat", 1, { now: at(60) }), scorer)).toMatchObject({ kind: "closed" });
        expect(await store.recordAnswer(answer(r.id + 1000, "cat", 1), scorer)).toEqual({ kind: "unknown_round" });
        const other = await store.ensureGroup({ platform: "test", externalId: "g2" }, { timezone: "UTC" });
        expect(await store.recordAnswer(answer(r.id, "cat", 1, { groupId: other.id }), scorer)).toEqual({ kind: "unknown_round" });
        await store.markRevealed(r.id, at(10));
        expect(await store.recordAnswer(answer(r.id, "dan", 1, { now: at(11) }), scorer)).toMatchObject({ kind: "closed" });
        // the refused ones left no member behind; the answer keeps the name the member answered with
        expect(await store.findMember(group.id, "cat")).toBeNull();
        expect(await store.findMember(group.id, "ann")).toMatchObject({ displayName: "ann" });
      });

      it("records a member's answer once however many deliveries race", async () => {
        const store = await backend.fresh();
        const { round, answer } = await setUp(store);
        const r = (await store.claimRound(round()))!;
        const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => store.recordAnswer(answer(r.id, "ann", i % 4), scorer)));
        const recorded = outcomes.filter((o) => o.kind === "recorded");
        expect(recorded).toHaveLength(1);
        const choice = (recorded[0] as { choice: number }).choice;
        expect(outcomes.filter((o) => o.kind === "duplicate").every((o) => (o as { choice: number }).choice === choice)).toBe(true);
        expect((await store.roundSummary(r.id, 3)).answered).toBe(1);
      });

      it("gives the fast-answer bonus to the first correct answers only, and renames a member who answers under a new name", async () => {
        const store = await backend.fresh();
        const { group, round, answer } = await setUp(store);
        const r = (await store.claimRound(round()))!;
        const points = [];
        for (const [i, who] of ["a", "b", "c", "d"].entries()) points.push(((await store.recordAnswer(answer(r.id, who, who === "b" ? 0 : 1, { now: at(1 + i) }), scorer)) as { points: number }).points);
        expect(points).toEqual([15, 0, 15, 10]);
        await store.ensureMember(group.id, { userId: "e", displayName: "old name", locale: "ko" });
        await store.recordAnswer(answer(r.id, "e", 1, { member: { userId: "e", displayName: "new name" } }), scorer);
        expect(await store.findMember(group.id, "e")).toMatchObject({ displayName: "new name", locale: "ko" });
      });

      it("continues a streak from the previous scheduled round of the schedule, and not from rounds posted on demand", async () => {
        const store = await backend.fresh();
        const { round, answer } = await setUp(store);
        const day1 = (await store.claimRound(round({ localDate: "2025-03-03" })))!;
        const adhoc = (await store.claimRound(round({ localDate: null })))!;
        const day2 = (await store.claimRound(round({ localDate: "2025-03-04" })))!;
        const streak = async (roundId: number, who: string, choice: number) => {
          let seen = -1;
          await store.recordAnswer(answer(roundId, who, choice), (c) => ((seen = c.previousStreak), scorer(c)));
          return seen;
        };
        expect(await streak(day1.id, "ann", 1)).toBe(0);
        expect(await streak(adhoc.id, "ann", 1)).toBe(0);
        expect(await streak(day2.id, "ann", 1)).toBe(1);
        expect(await streak(day2.id, "bob", 1)).toBe(0);
        await streak(day1.id, "cat", 0);
        expect(await streak(day2.id, "cat", 1)).toBe(0);
        // a day nobody was asked (no round) does not break it; the latest earlier round of the schedule counts
        const day4 = (await store.claimRound(round({ localDate: "2025-03-06" })))!;
        expect(await streak(day4.id, "ann", 1)).toBe(2);
        expect(await streak(day4.id, "bob", 1)).toBe(1);
      });

      it("sums a round's answers per choice and names its fastest correct answerers", async () => {
        const store = await backend.fresh();
        const { round, answer } = await setUp(store);
        const r = (await store.claimRound(round()))!;
        const plan: Array<[string, number, number]> = [
          ["late", 1, 9],
          ["first", 1, 2],
          ["wrong", 3, 1],
          ["second", 1, 5],
          ["other", 0, 3],
        ];
        for (const [who, choice, minute] of plan) await store.recordAnswer(answer(r.id, who, choice, { now: at(minute), member: { userId: who, displayName: `${who} 님` } }), scorer);
        const summary = await store.roundSummary(r.id, 2);
        expect(summary.counts).toEqual([1, 3, 0, 1]);
        expect(summary.answered).toBe(5);
        expect(summary.fastestCorrect).toEqual([
          { userId: "first", displayName: "first 님", answeredAt: at(2) },
          { userId: "second", displayName: "second 님", answeredAt: at(5) },
        ]);
        expect(await store.roundSummary(r.id + 1000, 2)).toEqual({ counts: [], answered: 0, fastestCorrect: [] });
      });
    });

    describe("leaderboards, streaks and history", () => {
      async function played(store: DrizzleStore) {
        const s = await setUp(store);
        const r1 = (await store.claimRound(s.round({ localDate: "2025-03-03" })))!;
        // ann right, bob right, cat wrong, dan right (no fast bonus left for dan)
        for (const [who, choice] of [["ann", 1], ["bob", 1], ["cat", 0], ["dan", 1]] as const) await store.recordAnswer(s.answer(r1.id, who, choice), scorer);
        expect(await store.topScores(s.group.id, "all", null, 10)).toEqual([]); // counted at the reveal, not before
        await store.markRevealed(r1.id, at(61));
        const r2 = (await store.claimRound(s.round({ localDate: "2025-03-04", topic: "s3", openedAt: at(1440), revealAt: at(1500) })))!;
        for (const [who, choice] of [["dan", 1], ["ann", 0]] as const) await store.recordAnswer(s.answer(r2.id, who, choice, { now: at(1441), weekKey: "2025-03-03", monthKey: "2025-03" }), scorer);
        await store.markRevealed(r2.id, at(1501));
        const member = async (who: string) => (await store.findMember(s.group.id, who))!.id;
        return { ...s, r1, r2, ids: { ann: await member("ann"), bob: await member("bob"), cat: await member("cat"), dan: await member("dan") } };
      }

      it("ranks by points, then correct answers; ties share a rank; a member's own rank counts those with more points", async () => {
        const store = await backend.fresh();
        const { group, ids } = await played(store);
        // dan 10 + 15, ann 15, bob 15, cat 0
        const top = await store.topScores(group.id, "all", null, 10);
        expect(top.map((r) => [r.displayName, r.points, r.correct, r.answered, r.rank])).toEqual([
          ["dan", 25, 2, 2, 1],
          ["ann", 15, 1, 2, 2],
          ["bob", 15, 1, 1, 2],
          ["cat", 0, 0, 1, 4],
        ]);
        expect((await store.topScores(group.id, "all", null, 2)).map((r) => r.displayName)).toEqual(["dan", "ann"]);
        expect((await store.topScores(group.id, "w:2025-03-03", null, 10)).map((r) => r.points)).toEqual([25, 15, 15, 0]);
        expect((await store.topScores(group.id, "m:2025-03", "s3", 10)).map((r) => [r.displayName, r.points, r.rank])).toEqual([
          ["dan", 15, 1],
          ["ann", 0, 2],
        ]);
        expect(await store.topScores(group.id, "m:2025-04", null, 10)).toEqual([]);
        expect(await store.memberScore(group.id, "all", null, ids.bob)).toEqual({ memberId: ids.bob, userId: "bob", displayName: "bob", points: 15, answered: 1, correct: 1, rank: 2 });
        expect(await store.memberScore(group.id, "all", null, ids.cat)).toMatchObject({ rank: 4 });
        expect(await store.memberScore(group.id, "all", "s3", ids.bob)).toBeNull();
        expect((await store.memberTopics(group.id, ids.ann)).sort((a, b) => a.topic.localeCompare(b.topic))).toEqual([
          { topic: "lambda", answered: 1, correct: 1, points: 15 },
          { topic: "s3", answered: 1, correct: 0, points: 0 },
        ]);
      });

      it("orders equal points by correct answers, then by who joined first", async () => {
        const store = await backend.fresh();
        const { group, round, answer } = await setUp(store);
        const r = (await store.claimRound(round()))!;
        // the store keeps whatever the scorer decides: here 10 points for everyone, right or wrong
        const flat: Scorer = () => ({ points: 10, streak: 0 });
        for (const [who, choice] of [["wrong-first", 0], ["right", 1], ["wrong-second", 2]] as const) await store.recordAnswer(answer(r.id, who, choice), flat);
        await store.markRevealed(r.id, at(61));
        expect((await store.topScores(group.id, "all", null, 10)).map((x) => [x.displayName, x.rank])).toEqual([
          ["right", 1],
          ["wrong-first", 1],
          ["wrong-second", 1],
        ]);
      });

      it("rebuilds the same score rows from the answers", async () => {
        const store = await backend.fresh();
        const { group } = await played(store);
        const boards = async () => Promise.all(["all", "w:2025-03-03", "m:2025-03"].flatMap((p) => [null, "lambda", "s3"].map((topic) => store.topScores(group.id, p, topic, 10))));
        const before = await boards();
        await store.rebuildScores();
        expect(await boards()).toEqual(before);
      });

      it("counts streaks over closed scheduled rounds: an open round not yet, a missed or wrong one breaks it", async () => {
        const store = await backend.fresh();
        const { group, round, answer, ids } = await played(store);
        const view = async (now: Date) => Object.fromEntries([...(await store.streaks(group.id, [ids.ann, ids.bob, ids.dan, ids.dan], now))].map(([id, v]) => [id, [v.current, v.best]]));
        // day 2: dan right (streak 2), ann wrong, bob missed it
        expect(await view(at(1501))).toEqual({ [ids.ann]: [0, 1], [ids.bob]: [0, 1], [ids.dan]: [2, 2] });
        const r3 = (await store.claimRound(round({ localDate: "2025-03-05", openedAt: at(2880), revealAt: at(2940) })))!;
        await store.recordAnswer(answer(r3.id, "dan", 0, { now: at(2881) }), scorer);
        expect((await view(at(2900)))[ids.dan]).toEqual([2, 2]); // still open: the wrong answer does not show yet
        expect((await view(at(2940)))[ids.dan]).toEqual([0, 2]);
        expect(await store.streaks(group.id, [], at(2940))).toEqual(new Map());
      });

      it("lists a channel's revealed rounds newest first with the group's counts and the member's own choice", async () => {
        const store = await backend.fresh();
        const { group, r1, r2, ids, round } = await played(store);
        await store.claimRound(round({ localDate: "2025-03-06" })); // open: not history yet
        const forAnn = await store.revealedRounds(group.id, "c1", ids.ann, 10);
        expect(forAnn.map((h) => [h.round.id, h.answered, h.correct, h.memberChoice])).toEqual([
          [r2.id, 2, 1, 0],
          [r1.id, 4, 3, 1],
        ]);
        expect(forAnn[0]!.round).toMatchObject({ topic: "s3", revealedAt: at(1501) });
        expect((await store.revealedRounds(group.id, "c1", ids.bob, 10)).map((h) => h.memberChoice)).toEqual([null, 1]);
        expect((await store.revealedRounds(group.id, "c1", null, 1)).map((h) => [h.round.id, h.memberChoice])).toEqual([[r2.id, null]]);
        expect(await store.revealedRounds(group.id, "c2", ids.ann, 10)).toEqual([]);
      });
    });

    describe("practice", () => {
      it("records a practice answer once and moves the member's review queue in the same step", async () => {
        const store = await backend.fresh();
        const g = await store.ensureGroup(GROUP, { timezone: "UTC" });
        const m = await store.ensureMember(g.id, { userId: "ann", displayName: "ann" });
        const open = await store.openPractice({ memberId: m.id, questionId: "l1", questionHash: "h", topic: "lambda", correctIndex: 2, choiceCount: 4, openedAt: at(0) });
        expect(open).toMatchObject({ memberId: m.id, questionId: "l1", answeredAt: null, choice: null, openedAt: at(0) });
        expect(await store.practiceById(open.id)).toEqual(open);
        expect(await store.practiceById(open.id + 1000)).toBeNull();

        const seen: Array<[CardState | null, boolean]> = [];
        const review = (prev: CardState | null, e: ReviewEvent) => {
          seen.push([prev, e.correct]);
          const card: CardState = { due: at(e.correct ? 1440 : 10), stability: e.correct ? 2 : 0.5, difficulty: 5, state: 2, reps: (prev?.reps ?? 0) + 1, lapses: (prev?.lapses ?? 0) + (e.correct ? 0 : 1), learningSteps: 0, scheduledDays: e.correct ? 1 : 0, lastReview: e.answeredAt };
          return { card, log: { rating: e.correct ? 3 : 1, state: prev?.state ?? 0, elapsedDays: 0, reviewedAt: e.answeredAt } };
        };
        const wrong = await store.answerPractice(open.id, 1, at(1), review);
        expect(wrong).toEqual({ first: true, row: { ...open, choice: 1, answeredAt: at(1) } });
        expect(await store.answerPractice(open.id, 2, at(2), review)).toEqual({ first: false, row: { ...open, choice: 1, answeredAt: at(1) } });
        expect(seen).toEqual([[null, false]]);

        const again = await store.openPractice({ ...open, openedAt: at(20) });
        await store.answerPractice(again.id, 2, at(21), review);
        expect(seen[1]).toEqual([{ memberId: m.id, questionId: "l1", due: at(10), stability: 0.5, difficulty: 5, state: 2, reps: 1, lapses: 1, learningSteps: 0, scheduledDays: 0, lastReview: at(1) }, true]);
        const other = await store.openPractice({ ...open, questionId: "s1", openedAt: at(22) });
        await store.answerPractice(other.id, 0, at(23), review);

        expect((await store.dueCards(m.id, at(30), 10)).map((r) => r.questionId)).toEqual(["s1"]);
        expect((await store.dueCards(m.id, at(1440), 10)).map((r) => [r.questionId, r.due])).toEqual([
          ["s1", at(10)],
          ["l1", at(1440)],
        ]);
        expect((await store.memberCards(m.id)).map((c) => c.questionId)).toEqual(["l1", "s1"]);
        expect(await store.questionTallies(m.id)).toEqual(expect.arrayContaining([{ questionId: "l1", answered: 2, correct: 1 }, { questionId: "s1", answered: 1, correct: 0 }]));
      });
    });

    describe("organiser tools", () => {
      const gq = (id: string, over: Partial<NewGroupQuestion["content"]> = {}): NewGroupQuestion => ({
        questionId: id,
        content: { id, topic: "lambda", tags: [], difficulty: 2, prompt: `${id}: 람다의 최대 실행 시간은?`, choices: ["3초", "15분"], answer: 1, explanation: "최대 15분", ...over },
        hash: `h-${id}`,
        file: "mine.yaml",
        line: 1,
      });

      it("keeps a group's questions apart from other groups', replaces one imported again under its id, and removes one", async () => {
        const store = await backend.fresh();
        const g = await store.ensureGroup(GROUP, { timezone: "UTC" });
        const other = await store.ensureGroup({ platform: "test", externalId: "g2" }, { timezone: "UTC" });
        expect(await store.saveGroupQuestions(g.id, [gq("b-one"), gq("a-two")], at(0))).toEqual({ added: 2, replaced: 0 });
        expect(await store.saveGroupQuestions(other.id, [gq("b-one", { topic: "s3" })], at(0))).toEqual({ added: 1, replaced: 0 });
        expect(await store.saveGroupQuestions(g.id, [gq("b-one", { prompt: "고친 문제" }), gq("c-three")], at(5))).toEqual({ added: 1, replaced: 1 });
        const mine = await store.groupQuestions(g.id);
        expect(mine.map((q) => q.questionId)).toEqual(["a-two", "b-one", "c-three"]);
        expect(mine[1]).toEqual({ groupId: g.id, questionId: "b-one", content: gq("b-one", { prompt: "고친 문제" }).content, hash: "h-b-one", file: "mine.yaml", line: 1, importedAt: at(5) });
        expect((await store.groupQuestions(other.id)).map((q) => q.content.topic)).toEqual(["s3"]);
        expect(await store.removeGroupQuestion(g.id, "a-two")).toBe(true);
        expect(await store.removeGroupQuestion(g.id, "a-two")).toBe(false);
        expect((await store.groupQuestions(g.id)).map((q) => q.questionId)).toEqual(["b-one", "c-three"]);
        expect(await store.groupQuestions(other.id)).toHaveLength(1);
      });

      it("opens a season, closes it when the next starts, refuses a name used before, and counts a season's rounds on its own board", async () => {
        const store = await backend.fresh();
        const { group, round, answer } = await setUp(store);
        expect(await store.currentSeason(group.id)).toBeNull();
        const spring = (await store.startSeason(group.id, "spring", at(0)))!;
        expect(spring).toEqual({ season: { id: spring.season.id, groupId: group.id, name: "spring", startedAt: at(0), endedAt: null }, closed: null });
        const r1 = (await store.claimRound(round({ seasonId: spring.season.id })))!;
        expect(r1.seasonId).toBe(spring.season.id);
        await store.recordAnswer(answer(r1.id, "ann", 1), scorer);
        await store.markRevealed(r1.id, at(61));
        const summer = (await store.startSeason(group.id, "summer", at(100)))!;
        expect(summer.closed).toMatchObject({ name: "spring", endedAt: at(100) });
        expect(await store.startSeason(group.id, "spring", at(200))).toBeNull();
        expect(await store.currentSeason(group.id)).toMatchObject({ name: "summer", endedAt: null });
        expect(await store.seasonByName(group.id, "spring")).toMatchObject({ endedAt: at(100) });
        expect((await store.seasons(group.id)).map((x) => x.name)).toEqual(["summer", "spring"]);
        const r2 = (await store.claimRound(round({ localDate: "2025-03-04", seasonId: summer.season.id })))!;
        await store.recordAnswer(answer(r2.id, "bob", 1), scorer);
        await store.markRevealed(r2.id, at(1501));
        const board = async (period: string) => (await store.topScores(group.id, period, null, 10)).map((r) => r.displayName);
        expect(await board(`s:${spring.season.id}`)).toEqual(["ann"]);
        expect(await board(`s:${summer.season.id}`)).toEqual(["bob"]);
        expect((await store.topScores(group.id, `s:${summer.season.id}`, "lambda", 10)).map((r) => r.points)).toEqual([15]);
        expect(await board("all")).toEqual(["ann", "bob"]);
        const before = await board(`s:${spring.season.id}`);
        await store.rebuildScores();
        expect(await board(`s:${spring.season.id}`)).toEqual(before);
      });

      it("keeps one open season per group when two connections start one at once", async () => {
        const [store, other] = await backend.twoConnections();
        const g = await store.ensureGroup(GROUP, { timezone: "UTC" });
        const started = await Promise.all([store.startSeason(g.id, "a", at(0)), other.startSeason(g.id, "b", at(0)), store.startSeason(g.id, "c", at(0))]);
        expect(started.every(Boolean)).toBe(true);
        expect((await store.seasons(g.id)).filter((s) => s.endedAt === null)).toHaveLength(1);
      });

      it("adds and removes delegated organisers by member or role, once each", async () => {
        const store = await backend.fresh();
        const g = await store.ensureGroup(GROUP, { timezone: "UTC" });
        const other = await store.ensureGroup({ platform: "test", externalId: "g2" }, { timezone: "UTC" });
        expect(await store.addOrganiser(g.id, "member", "u1", at(0))).toBe(true);
        expect(await store.addOrganiser(g.id, "member", "u1", at(1))).toBe(false);
        expect(await store.addOrganiser(g.id, "role", "r9", at(2))).toBe(true);
        expect(await store.organisers(g.id)).toEqual([
          { groupId: g.id, kind: "member", ref: "u1", addedAt: at(0) },
          { groupId: g.id, kind: "role", ref: "r9", addedAt: at(2) },
        ]);
        expect(await store.isDelegatedOrganiser(g.id, "u1", [])).toBe(true);
        expect(await store.isDelegatedOrganiser(g.id, "u2", ["r1", "r9"])).toBe(true);
        expect(await store.isDelegatedOrganiser(g.id, "u2", ["u1"])).toBe(false);
        expect(await store.isDelegatedOrganiser(other.id, "u1", ["r9"])).toBe(false);
        expect(await store.removeOrganiser(g.id, "member", "u1")).toBe(true);
        expect(await store.removeOrganiser(g.id, "member", "u1")).toBe(false);
        expect(await store.isDelegatedOrganiser(g.id, "u1", [])).toBe(false);
      });

      it("queues one next question per schedule, replaces it, and clears it only when it was used", async () => {
        const store = await backend.fresh();
        const { schedule } = await setUp(store);
        expect(await store.nextQuestion(schedule.id)).toBeNull();
        await store.setNextQuestion(schedule.id, "l1", at(0));
        await store.setNextQuestion(schedule.id, "l2", at(1));
        expect(await store.nextQuestion(schedule.id)).toBe("l2");
        await store.clearNextQuestion(schedule.id, "l1");
        expect(await store.nextQuestion(schedule.id)).toBe("l2");
        await store.clearNextQuestion(schedule.id, "l2");
        expect(await store.nextQuestion(schedule.id)).toBeNull();
      });

      it("exports a window's answers oldest first, and each schedule's current streak of a member", async () => {
        const store = await backend.fresh();
        const { group, round, answer } = await setUp(store);
        const evening = await store.upsertSchedule(group.id, "c1", "evening", FIELDS, { at: at(0) });
        const r1 = (await store.claimRound(round()))!;
        await store.recordAnswer(answer(r1.id, "ann", 1, { now: at(3), member: { userId: "ann", displayName: "김안나" } }), scorer);
        await store.recordAnswer(answer(r1.id, "bob", 0, { now: at(2) }), scorer);
        const r2 = (await store.claimRound(round({ scheduleId: evening.id, openedAt: at(600), revealAt: at(660) })))!;
        await store.recordAnswer(answer(r2.id, "ann", 0, { now: at(601), weekKey: "2025-03-10", monthKey: "2025-03", member: { userId: "ann", displayName: "김안나" } }), scorer);
        const rows = await store.exportAnswers(group.id, "all");
        expect(rows.map((r) => [r.displayName, r.roundId, r.choice, r.correct, r.points])).toEqual([
          ["bob", r1.id, 0, false, 0],
          ["김안나", r1.id, 1, true, 15],
          ["김안나", r2.id, 0, false, 0],
        ]);
        expect(rows[0]).toMatchObject({ answeredAt: at(2), userId: "bob", channelId: "c1", questionId: "l1", topic: "lambda", streak: 0 });
        expect((await store.exportAnswers(group.id, "w:2025-03-10")).map((r) => r.roundId)).toEqual([r2.id]);
        expect((await store.exportAnswers(group.id, "m:2025-04")).length).toBe(0);
        expect(await store.listGroups()).toEqual([group]);
        const ann = (await store.findMember(group.id, "ann"))!;
        expect((await store.scheduleStreaks(group.id, ann.id, at(30))).map((x) => x.current)).toEqual([0, 0]);
        expect((await store.scheduleStreaks(group.id, ann.id, at(700))).sort((a, b) => a.scheduleId - b.scheduleId)).toEqual([
          { scheduleId: r1.scheduleId, current: 1 },
          { scheduleId: evening.id, current: 0 },
        ]);
      });

      it("forgets a member: their rows go, their answers stay in the rounds' counts without them, others keep their points", async () => {
        const store = await backend.fresh();
        const { group, round, answer } = await setUp(store);
        const r = (await store.claimRound(round()))!;
        await store.recordAnswer(answer(r.id, "ann", 1, { now: at(1) }), scorer);
        await store.recordAnswer(answer(r.id, "bob", 1, { now: at(2) }), scorer);
        await store.markRevealed(r.id, at(61));
        const ann = (await store.findMember(group.id, "ann"))!;
        const p = await store.openPractice({ memberId: ann.id, questionId: "l1", questionHash: "h", topic: "lambda", correctIndex: 1, choiceCount: 4, openedAt: at(70) });
        await store.answerPractice(p.id, 0, at(71), (prev, e) => ({
          card: { due: at(80), stability: 0.5, difficulty: 5, state: 1, reps: 1, lapses: 0, learningSteps: 0, scheduledDays: 0, lastReview: e.answeredAt },
          log: { rating: 1, state: 0, elapsedDays: 0, reviewedAt: e.answeredAt },
        }));
        await store.setReminder(ann.id, "20:00", at(72));
        expect(await store.claimReviewReminder(ann.id, "2025-03-03", at(73))).toBe(true);
        await store.addOrganiser(group.id, "member", "ann", at(0));
        expect(await store.forgetMember(group.id, "ann")).toEqual({ answers: 1, practice: 1, reviews: 1, organiser: 1 });
        expect(await store.findMember(group.id, "ann")).toBeNull();
        // the review cards, their log and the reminder went with the member row
        expect(await store.memberCards(ann.id)).toEqual([]);
        expect(await store.reviewsSince(ann.id, at(0))).toBe(0);
        expect(await store.reminderOf(ann.id)).toBeNull();
        expect(await store.practiceById(p.id)).toBeNull();
        expect(await store.organisers(group.id)).toEqual([]);
        expect((await store.topScores(group.id, "all", null, 10)).map((x) => [x.displayName, x.points])).toEqual([["bob", 15]]);
        const summary = await store.roundSummary(r.id, 3);
        expect(summary.counts).toEqual([0, 2, 0, 0]);
        expect(summary.fastestCorrect.map((f) => f.userId)).toEqual(["bob"]);
        expect((await store.exportAnswers(group.id, "all")).map((x) => x.userId)).toEqual(["bob"]);
        await store.rebuildScores();
        expect((await store.topScores(group.id, "all", null, 10)).map((x) => x.displayName)).toEqual(["bob"]);
        expect(await store.forgetMember(group.id, "ann")).toBeNull();
        // a returning member starts afresh; the anonymous answer does not stop a new one to the same round
        expect(await store.recordAnswer(answer(r.id, "ann", 1, { now: at(3) }), scorer)).toMatchObject({ kind: "closed" });
      });
    });

    describe("installations", () => {
      it("keeps one installation per platform and workspace, replaced by a reinstall and gone once deleted", async () => {
        const store = await backend.fresh();
        expect(await store.findInstallation("slack", "T1")).toBeNull();
        await store.saveInstallation({ platform: "slack", key: "T1", sealed: "v1.first", installedAt: at(0) });
        await store.saveInstallation({ platform: "slack", key: "T2", sealed: "v1.other", installedAt: at(1) });
        await store.saveInstallation({ platform: "slack", key: "T1", sealed: "v1.again", installedAt: at(5) });
        expect(await store.findInstallation("slack", "T1")).toEqual({ platform: "slack", key: "T1", sealed: "v1.again", installedAt: at(5) });
        expect(await store.findInstallation("other", "T1")).toBeNull();
        expect(await store.deleteInstallation("slack", "T1")).toBe(true);
        expect(await store.deleteInstallation("slack", "T1")).toBe(false);
        expect(await store.findInstallation("slack", "T1")).toBeNull();
        expect((await store.findInstallation("slack", "T2"))?.sealed).toBe("v1.other");
      });
    });

    describe("exactly once across connections", () => {
      it("two connections claim a day once, record a member's answer once and reveal a round once", async () => {
        const [store, other] = await backend.twoConnections();
        const { round, answer } = await setUp(store);
        const claims = await Promise.all([store, other, store, other].map((s) => s.claimRound(round())));
        expect(claims.filter(Boolean)).toHaveLength(1);
        const r = claims.find(Boolean)!;
        const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).recordAnswer(answer(r.id, "ann", i % 4), scorer)));
        expect(answers.filter((a) => a.kind === "recorded")).toHaveLength(1);
        expect((await other.roundSummary(r.id, 3)).answered).toBe(1);
        const reveals = await Promise.all([store, other, store, other].map((s) => s.markRevealed(r.id, at(61))));
        expect(reveals.filter(Boolean)).toHaveLength(1);
        expect((await other.topScores(r.groupId, "all", null, 10)).map((x) => x.answered)).toEqual([1]);
      });

      it("two connections racing correct answers hand out exactly the round's fast-answer bonuses", async () => {
        const [store, other] = await backend.twoConnections();
        const { round, answer } = await setUp(store);
        const r = (await store.claimRound(round()))!;
        const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).recordAnswer(answer(r.id, `m${i}`, 1), scorer)));
        expect(answers.map((a) => (a as { points: number }).points).sort()).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 15, 15]);
        expect((await other.roundSummary(r.id, 3)).answered).toBe(10);
      });

      it("settings changed at once from two connections both stay", async () => {
        const [store, other] = await backend.twoConnections();
        const g = await store.ensureGroup(GROUP, { timezone: "UTC" });
        for (let i = 0; i < 5; i++) {
          const zone = i % 2 ? "Asia/Seoul" : "Europe/Berlin";
          await Promise.all([store.updateGroup(g.id, { locale: i % 2 ? "ko" : "en" }), other.updateGroup(g.id, { timezone: zone })]);
          expect(await store.findGroup(GROUP)).toMatchObject({ locale: i % 2 ? "ko" : "en", timezone: zone });
        }
      });
    });

    digestContract(backend);
  });
}
