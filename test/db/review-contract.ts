// The learning loop's store contract (src/core/store/review.ts), for every dialect: review cards moved by daily
// rounds (each answer once, even from two connections at once), due queues, tallies, reminders claimed once a day,
// and what the adaptive pick reads. Run from store.sqlite.test.ts and store.pg.test.ts.
import { describe, expect, it } from "vitest";
import type { CardState, ReviewScheduler, ScheduleFields, Scorer } from "../../src/core/store/index.js";
import type { DrizzleStore } from "../../src/db/index.js";
import type { Backend } from "./store-contract.js";

const T0 = Date.UTC(2025, 2, 3, 0, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const GROUP = { platform: "test", externalId: "g1" };
const FIELDS: ScheduleFields = { time: "09:00", weekdays: [1, 2, 3, 4, 5], timezone: "UTC", topics: [], revealAfterMinutes: 60, instantFeedback: false };
const scorer: Scorer = (c) => ({ points: c.correct ? 10 : 0, streak: 0 });

/** due a day after a right answer, 10 minutes after a wrong one; reps and lapses counted */
const schedule: ReviewScheduler = (prev, e) => {
  const card: CardState = {
    due: new Date(e.answeredAt.getTime() + (e.correct ? 1440 : 10) * 60_000),
    stability: (prev?.stability ?? 0) + 1,
    difficulty: 5,
    state: 2,
    reps: (prev?.reps ?? 0) + 1,
    lapses: (prev?.lapses ?? 0) + (e.correct ? 0 : 1),
    learningSteps: 0,
    scheduledDays: 1,
    lastReview: e.answeredAt,
  };
  return { card, log: { rating: e.correct ? 3 : 1, state: prev?.state ?? 0, elapsedDays: 0, reviewedAt: e.answeredAt } };
};

async function revealedRound(store: DrizzleStore, opts: { channel?: string; question?: string; topic?: string; day?: string; start?: number; answers: Array<[string, number]> }) {
  const group = await store.ensureGroup(GROUP, { timezone: "UTC" });
  const sched = (await store.findSchedule(group.id, opts.channel ?? "c1", "daily")) ?? (await store.upsertSchedule(group.id, opts.channel ?? "c1", "daily", FIELDS, { at: at(0) }));
  const start = opts.start ?? 0;
  const round = (await store.claimRound({
    groupId: group.id,
    scheduleId: sched.id,
    channelId: opts.channel ?? "c1",
    questionId: opts.question ?? "l1",
    questionHash: "h",
    topic: opts.topic ?? "lambda",
    correctIndex: 1,
    choiceCount: 4,
    localDate: opts.day ?? "2025-03-03",
    openedAt: at(start),
    revealAt: at(start + 60),
    instantFeedback: false,
  }))!;
  for (const [user, choice] of opts.answers) {
    await store.recordAnswer({ roundId: round.id, groupId: group.id, member: { userId: user, displayName: user }, choice, now: at(start + 1), fastSlots: 0, weekKey: "2025-03-03", monthKey: "2025-03" }, scorer);
  }
  await store.markRevealed(round.id, at(start + 60));
  const member = async (user: string) => (await store.findMember(group.id, user))!.id;
  return { group, round, member };
}

export function reviewContract(backend: Backend): void {
  describe(`review store contract on ${backend.name}`, () => {
    it("takes a revealed round's answers into cards once, and lists rounds still to take in until then", async () => {
      const store = await backend.fresh();
      const { group, round, member } = await revealedRound(store, { answers: [["ann", 0], ["bob", 1]] });
      expect(await store.roundsToReview(at(0), ["test"])).toEqual([round.id]);
      expect(await store.roundsToReview(at(61), ["test"])).toEqual([]); // revealed before `since`
      expect(await store.roundsToReview(at(0), ["discord"])).toEqual([]);
      expect(await store.reviewRound(round.id, schedule)).toBe(2);
      expect(await store.reviewRound(round.id, schedule)).toBe(0);
      expect(await store.roundsToReview(at(0), ["test"])).toEqual([]);
      const ann = await member("ann");
      const bob = await member("bob");
      expect(await store.reviewCard(ann, "l1")).toMatchObject({ memberId: ann, questionId: "l1", due: at(11), reps: 1, lapses: 1, lastReview: at(1) });
      expect(await store.reviewCard(bob, "l1")).toMatchObject({ due: at(1441), reps: 1, lapses: 0 });
      expect(await store.reviewCard(bob, "s1")).toBeNull();
      expect((await store.groupCards(group.id)).map((c) => [c.memberId, c.questionId])).toEqual([
        [ann, "l1"],
        [bob, "l1"],
      ]);
      expect(await store.questionTallies(ann)).toEqual([{ questionId: "l1", answered: 1, correct: 0 }]);
      expect(await store.reviewsSince(ann, at(0))).toBe(1);
      expect(await store.reviewsSince(ann, at(2))).toBe(0);
    });

    it("counts and lists due cards, most overdue first", async () => {
      const store = await backend.fresh();
      const { member } = await revealedRound(store, { question: "l1", answers: [["ann", 0]] });
      await revealedRound(store, { question: "s1", topic: "s3", day: "2025-03-04", start: 1440, answers: [["ann", 0]] });
      await revealedRound(store, { question: "q1", topic: "sqs", day: "2025-03-05", start: 2880, answers: [["ann", 1]] });
      for (const id of await store.roundsToReview(at(0), ["test"])) await store.reviewRound(id, schedule);
      const ann = await member("ann");
      expect((await store.dueCards(ann, at(3000), 10)).map((c) => c.questionId)).toEqual(["l1", "s1"]);
      expect((await store.dueCards(ann, at(3000), 1)).map((c) => c.questionId)).toEqual(["l1"]);
      expect(await store.countDue(ann, at(3000))).toBe(2);
      expect(await store.countDue(ann, at(5000))).toBe(3);
      expect(await store.countDue(ann, at(0))).toBe(0);
      expect((await store.memberCards(ann)).map((c) => c.questionId)).toEqual(["l1", "q1", "s1"]);
    });

    it("reads what the adaptive pick needs: questions asked in the group, revealed in a channel since, tallies per topic", async () => {
      const store = await backend.fresh();
      const { group } = await revealedRound(store, { question: "l1", answers: [["ann", 0], ["bob", 1]] });
      await revealedRound(store, { channel: "c2", question: "s1", topic: "s3", day: "2025-03-04", start: 1440, answers: [["ann", 1]] });
      expect(await store.groupQuestionIds(group.id)).toEqual(new Set(["l1", "s1"]));
      expect(await store.revealedSince(group.id, "c1", at(0))).toEqual(new Set(["l1"]));
      expect(await store.revealedSince(group.id, "c1", at(61))).toEqual(new Set());
      expect(await store.revealedSince(group.id, "c2", at(0))).toEqual(new Set(["s1"]));
      expect((await store.groupTopicTallies(group.id)).sort((a, b) => a.topic.localeCompare(b.topic))).toEqual([
        { topic: "lambda", answered: 2, correct: 1 },
        { topic: "s3", answered: 1, correct: 1 },
      ]);
      const s = await store.upsertSchedule(group.id, "c3", "daily", { ...FIELDS, pick: "random" }, { at: at(0) });
      expect(s.pick).toBe("random");
      expect((await store.upsertSchedule(group.id, "c3", "daily", FIELDS, { at: at(1) })).pick).toBe("adaptive");
    });

    it("keeps one reminder per member, lists them with their group, and claims each local day once", async () => {
      const store = await backend.fresh();
      const g = await store.ensureGroup(GROUP, { timezone: "Asia/Seoul" });
      const ann = await store.ensureMember(g.id, { userId: "ann", displayName: "ann", locale: "ko" });
      expect(await store.reminderOf(ann.id)).toBeNull();
      await store.setReminder(ann.id, "20:00", at(0));
      await store.setReminder(ann.id, "21:30", at(1));
      expect(await store.reminderOf(ann.id)).toBe("21:30");
      expect(await store.reminders(["test"])).toEqual([{ memberId: ann.id, userId: "ann", memberLocale: "ko", time: "21:30", group: { id: g.id, platform: "test", externalId: "g1", timezone: "Asia/Seoul", locale: null } }]);
      expect(await store.reminders(["slack"])).toEqual([]);
      expect(await store.claimReviewReminder(ann.id, "2025-03-03", at(2))).toBe(true);
      expect(await store.claimReviewReminder(ann.id, "2025-03-03", at(3))).toBe(false);
      expect(await store.claimReviewReminder(ann.id, "2025-03-04", at(5))).toBe(true);
      await store.setReminder(ann.id, null, at(6));
      expect(await store.reminderOf(ann.id)).toBeNull();
      expect(await store.reminders(["test"])).toEqual([]);
    });

    it("two connections take a round's answers in once, and claim a reminder's day once", async () => {
      const [store, other] = await backend.twoConnections();
      const { round, member } = await revealedRound(store, { answers: [["ann", 0], ["bob", 1], ["cat", 1], ["dan", 2]] });
      const done = await Promise.all([store, other, store, other].map((s) => s.reviewRound(round.id, schedule)));
      expect(done.reduce((a, b) => a + b, 0)).toBe(4);
      expect(await other.reviewCard(await member("ann"), "l1")).toMatchObject({ reps: 1 });
      const ann = await member("ann");
      await store.setReminder(ann, "20:00", at(0));
      const claims = await Promise.all([store, other, store, other].map((s) => s.claimReviewReminder(ann, "2025-03-03", at(1))));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });
  });
}
