// The store's statements on SQLite, each prepared once on the connection with placeholders (building a query per
// call would cost more than an answer's whole write). better-sqlite3 is synchronous: each returns its result.
// The PostgreSQL twin is ../pg/queries.ts.
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { ALL_TIME, ALL_TOPICS, CLAIMED_ROUND_VALUES, correctReviews, excluded, foldScoresSql, lazily, pendingReview, upsertSet, type Queries } from "../queries.js";
import { sqliteDigestQueries } from "./digest.js";
import { sqliteOrganiserQueries } from "./organiser.js";
import * as t from "./schema.js";

const P = sql.placeholder;
/**
 * A placeholder bound as given, for an UPDATE's SET (drizzle types SET values as plain values or SQL) and for
 * the answer path's inserts: drizzle's per-column encoding of a value (needed for booleans only, which keep P)
 * costs more on each answer than the insert itself.
 */
const asIs = (name: string) => sql`${P(name)}`;
const scoreLine = { memberId: t.scores.memberId, userId: t.members.userId, displayName: t.members.displayName, points: t.scores.points, answered: t.scores.answered, correct: t.scores.correct };
const reminderTarget = {
  memberId: t.reviewReminders.memberId,
  userId: t.members.userId,
  memberLocale: t.members.locale,
  time: t.reviewReminders.time,
  groupId: t.groups.id,
  platform: t.groups.platform,
  externalId: t.groups.externalId,
  timezone: t.groups.timezone,
  groupLocale: t.groups.locale,
};
const inWindow = and(eq(t.scores.groupId, P("group")), eq(t.scores.period, P("period")), eq(t.scores.topic, P("topic")));

export function sqliteQueries(db: BetterSQLite3Database<typeof t>): Queries {
  // The scheduler's queries take the process's platforms: one statement per list, prepared on first use.
  const byPlatforms = new Map<string, ReturnType<typeof platformStatements>>();
  const platformStatements = (platforms: string[]) => ({
    active: db
      .select()
      .from(t.schedules)
      .innerJoin(t.groups, eq(t.groups.id, t.schedules.groupId))
      .where(and(eq(t.schedules.active, true), eq(t.schedules.paused, false), inArray(t.groups.platform, platforms)))
      .orderBy(asc(t.schedules.id))
      .prepare(),
    deliveries: db
      .select({ round: t.rounds })
      .from(t.rounds)
      .innerJoin(t.groups, eq(t.groups.id, t.rounds.groupId))
      .where(and(lte(t.rounds.nextAttemptAt, P("now")), or(eq(t.rounds.postState, "pending"), eq(t.rounds.revealState, "pending")), inArray(t.groups.platform, platforms)))
      .orderBy(asc(t.rounds.nextAttemptAt))
      .prepare(),
    due: db
      .select({ round: t.rounds })
      .from(t.rounds)
      .innerJoin(t.groups, eq(t.groups.id, t.rounds.groupId))
      .where(and(isNull(t.rounds.revealedAt), lte(t.rounds.revealAt, P("now")), inArray(t.groups.platform, platforms)))
      .orderBy(asc(t.rounds.revealAt))
      .prepare(),
    toReview: db
      .selectDistinct({ id: t.rounds.id })
      .from(t.rounds)
      .innerJoin(t.groups, eq(t.groups.id, t.rounds.groupId))
      .innerJoin(t.answers, and(eq(t.answers.roundId, t.rounds.id), isNotNull(t.answers.memberId)))
      .leftJoin(t.reviewLog, pendingReview(t))
      .where(and(gte(t.rounds.revealedAt, P("since")), inArray(t.groups.platform, platforms), isNull(t.reviewLog.id)))
      .orderBy(asc(t.rounds.id))
      .prepare(),
    reminders: db
      .select(reminderTarget)
      .from(t.reviewReminders)
      .innerJoin(t.members, eq(t.members.id, t.reviewReminders.memberId))
      .innerJoin(t.groups, eq(t.groups.id, t.members.groupId))
      .where(inArray(t.groups.platform, platforms))
      .orderBy(asc(t.reviewReminders.memberId))
      .prepare(),
  });
  const forPlatforms = (platforms: string[]) => {
    const key = JSON.stringify(platforms);
    let s = byPlatforms.get(key);
    if (!s) byPlatforms.set(key, (s = platformStatements(platforms)));
    return s;
  };

  const s = lazily({
    groupByRef: () =>
      db
        .select()
        .from(t.groups)
        .where(and(eq(t.groups.platform, P("platform")), eq(t.groups.externalId, P("externalId"))))
        .prepare(),
    groupById: () => db.select().from(t.groups).where(eq(t.groups.id, P("id"))).prepare(),
    insertGroup: () =>
      db
        .insert(t.groups)
        .values({ platform: P("platform"), externalId: P("externalId"), locale: P("locale"), timezone: P("timezone"), scoring: P("scoring"), createdAt: P("createdAt") })
        .onConflictDoNothing()
        .prepare(),
    setGroupSettings: () =>
      db
        .update(t.groups)
        .set({ locale: asIs("locale"), timezone: asIs("timezone"), scoring: asIs("scoring") })
        .where(eq(t.groups.id, P("id")))
        .prepare(),
    memberByUser: () =>
      db
        .select()
        .from(t.members)
        .where(and(eq(t.members.groupId, P("groupId")), eq(t.members.userId, P("userId"))))
        .prepare(),
    // The answer path writes a member with plain statements: inside its write transaction the row it read cannot
    // change, and SQLite tells the new row's id without a RETURNING row to read back.
    insertMember: () =>
      db
        .insert(t.members)
        .values({ groupId: asIs("groupId"), userId: asIs("userId"), displayName: asIs("displayName"), locale: asIs("locale"), createdAt: asIs("createdAt") })
        .prepare(),
    renameMember: () =>
      db
        .update(t.members)
        .set({ displayName: asIs("displayName"), locale: sql`coalesce(${P("locale")}, ${t.members.locale})` })
        .where(eq(t.members.id, P("id")))
        .prepare(),
    // the answer path reads only what tells whether the member row must be written
    memberKey: () =>
      db
        .select({ id: t.members.id, displayName: t.members.displayName, locale: t.members.locale })
        .from(t.members)
        .where(and(eq(t.members.groupId, P("groupId")), eq(t.members.userId, P("userId"))))
        .prepare(),
    upsertMember: () =>
      db
        .insert(t.members)
        .values({ groupId: asIs("groupId"), userId: asIs("userId"), displayName: asIs("displayName"), locale: asIs("locale"), createdAt: asIs("createdAt") })
        .onConflictDoUpdate({ target: [t.members.groupId, t.members.userId], set: upsertSet.member(t.members) })
        .returning()
        .prepare(),
    upsertSchedule: () =>
      db
        .insert(t.schedules)
        .values({
          groupId: P("groupId"),
          channelId: P("channelId"),
          name: P("name"),
          time: P("time"),
          weekdays: P("weekdays"),
          timezone: P("timezone"),
          topics: P("topics"),
          revealAfterMinutes: P("revealAfterMinutes"),
          instantFeedback: P("instantFeedback"),
          pick: P("pick"),
          paused: P("paused"),
          active: P("active"),
          updatedAt: P("updatedAt"),
          digestWeekday: P("digestWeekday"),
          digestTime: P("digestTime"),
          reminderMinutes: P("reminderMinutes"),
          reminderMention: P("reminderMention"),
          thread: P("thread"),
          pauseReason: P("pauseReason"),
          pauseDetail: P("pauseDetail"),
          pausedAt: P("pausedAt"),
          pauseNoticed: P("pauseNoticed"),
        })
        .onConflictDoUpdate({
          target: [t.schedules.groupId, t.schedules.channelId, t.schedules.name],
          set: upsertSet.schedule(t.schedules),
        })
        .returning()
        .prepare(),
    deactivateSchedule: () =>
      db
        .update(t.schedules)
        .set({ active: false, updatedAt: asIs("at") })
        .where(and(eq(t.schedules.groupId, P("groupId")), eq(t.schedules.channelId, P("channelId")), eq(t.schedules.name, P("name")), eq(t.schedules.active, true)))
        .prepare(),
    scheduleByName: () =>
      db
        .select()
        .from(t.schedules)
        .where(and(eq(t.schedules.groupId, P("groupId")), eq(t.schedules.channelId, P("channelId")), eq(t.schedules.name, P("name"))))
        .prepare(),
    scheduleById: () => db.select().from(t.schedules).where(eq(t.schedules.id, P("id"))).prepare(),
    schedulesOf: () => db.select().from(t.schedules).where(eq(t.schedules.groupId, P("groupId"))).orderBy(asc(t.schedules.channelId), asc(t.schedules.name)).prepare(),
    markScheduleRun: () =>
      db
        .update(t.schedules)
        .set({ lastRunDate: asIs("localDate"), lastRunAt: asIs("at") })
        .where(eq(t.schedules.id, P("id")))
        .prepare(),
    claimRound: () =>
      db
        .insert(t.rounds)
        .values(CLAIMED_ROUND_VALUES)
        .onConflictDoNothing({ target: [t.rounds.scheduleId, t.rounds.localDate] })
        .returning()
        .prepare(),
    setMessage: () =>
      db
        .update(t.rounds)
        .set({ messageChannelId: asIs("channelId"), messageId: asIs("messageId") })
        .where(eq(t.rounds.id, P("id")))
        .prepare(),
    markPosted: () =>
      db
        .update(t.rounds)
        .set({ messageChannelId: asIs("channelId"), messageId: asIs("messageId"), postState: "posted", deliveryAttempts: 0, nextAttemptAt: null, lastError: null })
        .where(eq(t.rounds.id, P("id")))
        .prepare(),
    revealDelivered: () =>
      db
        .update(t.rounds)
        .set({ revealState: "done", deliveryAttempts: 0, nextAttemptAt: null, lastError: null })
        .where(eq(t.rounds.id, P("id")))
        .prepare(),
    retryDelivery: () =>
      db
        .update(t.rounds)
        .set({ deliveryAttempts: asIs("attempts"), nextAttemptAt: asIs("next"), lastError: asIs("kind") })
        .where(eq(t.rounds.id, P("id")))
        .prepare(),
    failPost: () =>
      db
        .update(t.rounds)
        .set({ postState: "failed", revealState: "failed", nextAttemptAt: null, lastError: asIs("kind"), deliveryAttempts: asIs("attempts") })
        .where(eq(t.rounds.id, P("id")))
        .prepare(),
    failReveal: () =>
      db
        .update(t.rounds)
        .set({ revealState: "failed", nextAttemptAt: null, lastError: asIs("kind"), deliveryAttempts: asIs("attempts") })
        .where(eq(t.rounds.id, P("id")))
        .prepare(),
    leaseDelivery: () =>
      db
        .update(t.rounds)
        .set({ nextAttemptAt: asIs("until") })
        .where(and(eq(t.rounds.id, P("id")), lte(t.rounds.nextAttemptAt, P("now"))))
        .prepare(),
    pauseSchedules: () =>
      db
        .update(t.schedules)
        .set({ paused: true, pauseReason: asIs("kind"), pauseDetail: asIs("detail"), pausedAt: asIs("at"), pauseNoticed: false })
        .where(and(eq(t.schedules.groupId, P("groupId")), eq(t.schedules.active, true), eq(t.schedules.paused, false), or(sql`${P("channelId")} IS NULL`, eq(t.schedules.channelId, P("channelId")))))
        .prepare(),
    takePauseNotices: () =>
      db
        .update(t.schedules)
        .set({ pauseNoticed: true })
        .where(and(eq(t.schedules.groupId, P("groupId")), eq(t.schedules.pauseNoticed, false)))
        .returning()
        .prepare(),
    probeWrite: () =>
      db
        .insert(t.healthChecks)
        .values({ id: 1, checkedAt: P("at") })
        .onConflictDoUpdate({ target: t.healthChecks.id, set: { checkedAt: excluded(t.healthChecks.checkedAt) } })
        .prepare(),
    roundById: () => db.select().from(t.rounds).where(eq(t.rounds.id, P("id"))).prepare(),
    openRounds: () =>
      db
        .select()
        .from(t.rounds)
        .where(and(eq(t.rounds.groupId, P("groupId")), isNull(t.rounds.revealedAt)))
        .orderBy(desc(t.rounds.id))
        .prepare(),
    openRoundsIn: () =>
      db
        .select()
        .from(t.rounds)
        .where(and(eq(t.rounds.groupId, P("groupId")), isNull(t.rounds.revealedAt), eq(t.rounds.channelId, P("channelId"))))
        .orderBy(desc(t.rounds.id))
        .prepare(),
    markRevealed: () =>
      db
        .update(t.rounds)
        .set({ revealedAt: asIs("at"), revealState: "pending", deliveryAttempts: 0, nextAttemptAt: asIs("lease") })
        .where(and(eq(t.rounds.id, P("id")), isNull(t.rounds.revealedAt)))
        .prepare(),
    choiceCounts: () => db.select({ choice: t.answers.choice, n: count() }).from(t.answers).where(eq(t.answers.roundId, P("roundId"))).groupBy(t.answers.choice).prepare(),
    // once per reveal: a scan of the round's answers (through the (round, member) key) is fine
    fastestCorrect: () =>
      db
        .select({ userId: t.members.userId, displayName: t.members.displayName, answeredAt: t.answers.answeredAt })
        .from(t.answers)
        .innerJoin(t.members, eq(t.members.id, t.answers.memberId))
        .where(and(eq(t.answers.roundId, P("roundId")), eq(t.answers.correct, true)))
        .orderBy(asc(t.answers.answeredAt), asc(t.answers.id))
        .limit(P("limit"))
        .prepare(),
    revealedRounds: () =>
      db
        .select({
          round: t.rounds,
          answered: db.$count(t.answers, eq(t.answers.roundId, t.rounds.id)),
          correct: db.$count(t.answers, and(eq(t.answers.roundId, t.rounds.id), eq(t.answers.correct, true))),
          memberChoice: t.answers.choice,
        })
        .from(t.rounds)
        .leftJoin(t.answers, and(eq(t.answers.roundId, t.rounds.id), eq(t.answers.memberId, P("memberId"))))
        .where(and(eq(t.rounds.groupId, P("groupId")), eq(t.rounds.channelId, P("channelId")), isNotNull(t.rounds.revealedAt), ne(t.rounds.postState, "failed")))
        .orderBy(desc(t.rounds.revealedAt), desc(t.rounds.id))
        .limit(P("limit"))
        .prepare(),
    questionUse: () =>
      db
        .select({ questionId: t.rounds.questionId, n: count() })
        .from(t.rounds)
        .where(and(eq(t.rounds.groupId, P("groupId")), eq(t.rounds.channelId, P("channelId"))))
        .groupBy(t.rounds.questionId)
        .prepare(),
    revealedRoundIds: () => db.select({ id: t.rounds.id }).from(t.rounds).where(isNotNull(t.rounds.revealedAt)).orderBy(asc(t.rounds.id)).prepare(),
    answerOf: () =>
      db
        .select({ id: t.answers.id, choice: t.answers.choice, correct: t.answers.correct, points: t.answers.points, streak: t.answers.streak })
        .from(t.answers)
        .where(and(eq(t.answers.roundId, P("roundId")), eq(t.answers.memberId, P("memberId"))))
        .prepare(),
    // Only the first `slots` correct answers change the round row; later ones write nothing here.
    takeFastSlot: () =>
      db
        .update(t.rounds)
        .set({ fastAwarded: sql`${t.rounds.fastAwarded} + 1` })
        .where(and(eq(t.rounds.id, P("roundId")), lt(t.rounds.fastAwarded, P("slots"))))
        .prepare(),
    previousRound: () =>
      db
        .select({ id: t.rounds.id })
        .from(t.rounds)
        .where(and(eq(t.rounds.scheduleId, P("scheduleId")), isNotNull(t.rounds.localDate), lt(t.rounds.localDate, P("localDate")), ne(t.rounds.postState, "failed")))
        .orderBy(desc(t.rounds.localDate))
        .limit(1)
        .prepare(),
    insertAnswer: () =>
      db
        .insert(t.answers)
        .values({
          roundId: asIs("roundId"),
          memberId: asIs("memberId"),
          groupId: asIs("groupId"),
          topic: asIs("topic"),
          choice: asIs("choice"),
          correct: P("correct"),
          points: asIs("points"),
          streak: asIs("streak"),
          answeredAt: asIs("answeredAt"),
          weekKey: asIs("weekKey"),
          monthKey: asIs("monthKey"),
        })
        .onConflictDoNothing({ target: [t.answers.roundId, t.answers.memberId] })
        .prepare(),
    clearScores: () => db.delete(t.scores).prepare(),
    topScores: () =>
      db
        .select(scoreLine)
        .from(t.scores)
        .innerJoin(t.members, eq(t.members.id, t.scores.memberId))
        .where(inWindow)
        .orderBy(desc(t.scores.points), desc(t.scores.correct), asc(t.scores.memberId))
        .limit(P("limit"))
        .prepare(),
    memberScore: () =>
      db
        .select(scoreLine)
        .from(t.scores)
        .innerJoin(t.members, eq(t.members.id, t.scores.memberId))
        .where(and(inWindow, eq(t.scores.memberId, P("memberId"))))
        .prepare(),
    countAbove: () =>
      db
        .select({ n: count() })
        .from(t.scores)
        .where(and(inWindow, gt(t.scores.points, P("points"))))
        .prepare(),
    memberTopics: () =>
      db
        .select({ topic: t.scores.topic, answered: t.scores.answered, correct: t.scores.correct, points: t.scores.points })
        .from(t.scores)
        .where(and(eq(t.scores.memberId, P("memberId")), eq(t.scores.period, ALL_TIME), eq(t.scores.groupId, P("groupId")), ne(t.scores.topic, ALL_TOPICS)))
        .prepare(),
    closedRounds: () =>
      db
        .select({
          id: sql<number | null>`(${db
            .select({ id: t.rounds.id })
            .from(t.rounds)
            .where(and(eq(t.rounds.scheduleId, t.schedules.id), isNotNull(t.rounds.localDate), ne(t.rounds.postState, "failed"), or(isNotNull(t.rounds.revealedAt), lte(t.rounds.revealAt, P("now")))))
            .orderBy(desc(t.rounds.localDate))
            .limit(1)})`,
        })
        .from(t.schedules)
        .where(eq(t.schedules.groupId, P("groupId")))
        .prepare(),
    bestStreak: () =>
      db
        .select({ bestStreak: t.scores.bestStreak })
        .from(t.scores)
        .where(and(eq(t.scores.groupId, P("groupId")), eq(t.scores.period, ALL_TIME), eq(t.scores.topic, ALL_TOPICS), eq(t.scores.memberId, P("memberId"))))
        .prepare(),
    insertPractice: () =>
      db
        .insert(t.practiceRounds)
        .values({
          memberId: P("memberId"),
          questionId: P("questionId"),
          questionHash: P("questionHash"),
          topic: P("topic"),
          correctIndex: P("correctIndex"),
          choiceCount: P("choiceCount"),
          openedAt: P("openedAt"),
        })
        .returning()
        .prepare(),
    practiceById: () => db.select().from(t.practiceRounds).where(eq(t.practiceRounds.id, P("id"))).prepare(),
    answerPractice: () =>
      db
        .update(t.practiceRounds)
        .set({ choice: asIs("choice"), answeredAt: asIs("at") })
        .where(and(eq(t.practiceRounds.id, P("id")), isNull(t.practiceRounds.answeredAt)))
        .prepare(),
    reviewCard: () =>
      db
        .select()
        .from(t.reviewCards)
        .where(and(eq(t.reviewCards.memberId, P("memberId")), eq(t.reviewCards.questionId, P("questionId"))))
        .prepare(),
    upsertReviewCard: () =>
      db
        .insert(t.reviewCards)
        .values({
          memberId: P("memberId"),
          questionId: P("questionId"),
          dueAt: P("dueAt"),
          stability: P("stability"),
          difficulty: P("difficulty"),
          state: P("state"),
          reps: P("reps"),
          lapses: P("lapses"),
          learningSteps: P("learningSteps"),
          scheduledDays: P("scheduledDays"),
          lastReviewAt: P("lastReviewAt"),
        })
        .onConflictDoUpdate({ target: [t.reviewCards.memberId, t.reviewCards.questionId], set: upsertSet.card(t.reviewCards) })
        .prepare(),
    insertReviewLog: () =>
      db
        .insert(t.reviewLog)
        .values({
          memberId: P("memberId"),
          questionId: P("questionId"),
          source: P("source"),
          sourceId: P("sourceId"),
          rating: P("rating"),
          state: P("state"),
          stability: P("stability"),
          difficulty: P("difficulty"),
          elapsedDays: P("elapsedDays"),
          scheduledDays: P("scheduledDays"),
          reviewedAt: P("reviewedAt"),
        })
        .onConflictDoNothing({ target: [t.reviewLog.memberId, t.reviewLog.source, t.reviewLog.sourceId] })
        .returning({ id: t.reviewLog.id })
        .prepare(),
    dueCards: () =>
      db
        .select()
        .from(t.reviewCards)
        .where(and(eq(t.reviewCards.memberId, P("memberId")), lte(t.reviewCards.dueAt, P("until"))))
        .orderBy(asc(t.reviewCards.dueAt), asc(t.reviewCards.questionId))
        .limit(P("limit"))
        .prepare(),
    countDue: () =>
      db
        .select({ n: count() })
        .from(t.reviewCards)
        .where(and(eq(t.reviewCards.memberId, P("memberId")), lte(t.reviewCards.dueAt, P("until"))))
        .prepare(),
    memberCards: () => db.select().from(t.reviewCards).where(eq(t.reviewCards.memberId, P("memberId"))).orderBy(asc(t.reviewCards.questionId)).prepare(),
    groupCards: () =>
      db
        .select({ card: t.reviewCards })
        .from(t.reviewCards)
        .innerJoin(t.members, eq(t.members.id, t.reviewCards.memberId))
        .where(eq(t.members.groupId, P("groupId")))
        .orderBy(asc(t.reviewCards.memberId), asc(t.reviewCards.questionId))
        .prepare(),
    reviewsSince: () =>
      db
        .select({ n: count() })
        .from(t.reviewLog)
        .where(and(eq(t.reviewLog.memberId, P("memberId")), gte(t.reviewLog.reviewedAt, P("since"))))
        .prepare(),
    questionTallies: () =>
      db
        .select({ questionId: t.reviewLog.questionId, answered: count(), correct: correctReviews(t.reviewLog.rating) })
        .from(t.reviewLog)
        .where(eq(t.reviewLog.memberId, P("memberId")))
        .groupBy(t.reviewLog.questionId)
        .prepare(),
    pendingRoundAnswers: () =>
      db
        .select({ memberId: t.members.id, questionId: t.rounds.questionId, correct: t.answers.correct, answeredAt: t.answers.answeredAt, openedAt: t.rounds.openedAt, revealedAt: t.rounds.revealedAt })
        .from(t.answers)
        .innerJoin(t.rounds, eq(t.rounds.id, t.answers.roundId))
        // a forgotten member's answer stays as a count, with no card to move
        .innerJoin(t.members, eq(t.members.id, t.answers.memberId))
        .leftJoin(t.reviewLog, pendingReview(t))
        .where(and(eq(t.answers.roundId, P("roundId")), isNull(t.reviewLog.id)))
        .orderBy(asc(t.answers.id))
        .prepare(),
    upsertReminder: () =>
      db
        .insert(t.reviewReminders)
        .values({ memberId: P("memberId"), time: P("time"), updatedAt: P("at") })
        .onConflictDoUpdate({ target: t.reviewReminders.memberId, set: { time: excluded(t.reviewReminders.time), updatedAt: excluded(t.reviewReminders.updatedAt) } })
        .prepare(),
    deleteReminder: () => db.delete(t.reviewReminders).where(eq(t.reviewReminders.memberId, P("memberId"))).prepare(),
    reminderOf: () => db.select({ time: t.reviewReminders.time }).from(t.reviewReminders).where(eq(t.reviewReminders.memberId, P("memberId"))).prepare(),
    claimReviewReminder: () =>
      db
        .insert(t.reviewReminderSends)
        .values({ memberId: P("memberId"), localDate: P("localDate"), sentAt: P("at") })
        .onConflictDoNothing()
        .returning({ memberId: t.reviewReminderSends.memberId })
        .prepare(),
    groupQuestionIds: () => db.selectDistinct({ questionId: t.rounds.questionId }).from(t.rounds).where(eq(t.rounds.groupId, P("groupId"))).prepare(),
    revealedSince: () =>
      db
        .selectDistinct({ questionId: t.rounds.questionId })
        .from(t.rounds)
        .where(and(eq(t.rounds.groupId, P("groupId")), eq(t.rounds.channelId, P("channelId")), gte(t.rounds.revealedAt, P("since"))))
        .prepare(),
    groupTopicTallies: () =>
      db
        .select({ topic: t.scores.topic, answered: sql<number>`sum(${t.scores.answered})`.mapWith(Number), correct: sql<number>`sum(${t.scores.correct})`.mapWith(Number) })
        .from(t.scores)
        .where(and(eq(t.scores.groupId, P("groupId")), eq(t.scores.period, ALL_TIME), ne(t.scores.topic, ALL_TOPICS)))
        .groupBy(t.scores.topic)
        .prepare(),
    upsertInstallation: () =>
      db
        .insert(t.installations)
        .values({ platform: P("platform"), installKey: P("installKey"), sealed: P("sealed"), installedAt: P("installedAt") })
        .onConflictDoUpdate({ target: [t.installations.platform, t.installations.installKey], set: upsertSet.installation(t.installations) })
        .prepare(),
    installationByKey: () =>
      db
        .select()
        .from(t.installations)
        .where(and(eq(t.installations.platform, P("platform")), eq(t.installations.installKey, P("key"))))
        .prepare(),
    deleteInstallation: () =>
      db
        .delete(t.installations)
        .where(and(eq(t.installations.platform, P("platform")), eq(t.installations.installKey, P("key"))))
        .prepare(),
  });

  return {
    ...sqliteOrganiserQueries(db),
    ...sqliteDigestQueries(db),
    groupByRef: (platform, externalId) => s.groupByRef.get({ platform, externalId }),
    groupById: (id) => s.groupById.get({ id }),
    // a write transaction on SQLite holds the whole database already
    groupForUpdate: (id) => s.groupById.get({ id }),
    insertGroup: (group) => s.insertGroup.run(group),
    setGroupSettings: (id, settings) => s.setGroupSettings.run({ id, ...settings }),
    memberByUser: (groupId, userId) => s.memberByUser.get({ groupId, userId }),
    upsertMember: (member) => s.upsertMember.get(member)!,
    upsertSchedule: (schedule) => s.upsertSchedule.get(schedule)!,
    deactivateSchedule: (groupId, channelId, name, at) => s.deactivateSchedule.run({ groupId, channelId, name, at }).changes,
    scheduleByName: (groupId, channelId, name) => s.scheduleByName.get({ groupId, channelId, name }),
    scheduleById: (id) => s.scheduleById.get({ id }),
    schedulesOf: (groupId) => s.schedulesOf.all({ groupId }),
    activeSchedules: (platforms) => forPlatforms(platforms).active.all().map((r) => ({ schedule: r.schedules, group: r.groups })),
    markScheduleRun: (id, localDate, at) => s.markScheduleRun.run({ id, localDate, at }),
    claimRound: (round) => s.claimRound.get(round),
    markPosted: (id, channelId, messageId) => s.markPosted.run({ id, channelId, messageId }),
    markRevealDelivered: (id, message) => {
      if (message) s.setMessage.run({ id, channelId: message.channelId, messageId: message.messageId });
      return s.revealDelivered.run({ id });
    },
    retryDelivery: (id, attempts, next, kind) => s.retryDelivery.run({ id, attempts, next, kind }),
    failPost: (id, kind, attempts) => s.failPost.run({ id, kind, attempts }),
    failReveal: (id, kind, attempts) => s.failReveal.run({ id, kind, attempts }),
    dueDeliveries: (now, platforms) => forPlatforms(platforms).deliveries.all({ now }).map((r) => r.round),
    leaseDelivery: (id, now, until) => s.leaseDelivery.run({ id, now, until }).changes,
    pauseSchedules: (groupId, channelId, kind, detail, at) => s.pauseSchedules.run({ groupId, channelId, kind, detail, at }).changes,
    takePauseNotices: (groupId) => s.takePauseNotices.all({ groupId }),
    probeWrite: (at) => s.probeWrite.run({ at }),
    roundById: (id) => s.roundById.get({ id }),
    openRounds: (groupId, channelId) => (channelId === undefined ? s.openRounds.all({ groupId }) : s.openRoundsIn.all({ groupId, channelId })),
    dueReveals: (now, platforms) => forPlatforms(platforms).due.all({ now }).map((r) => r.round),
    markRevealed: (id, at, lease) => s.markRevealed.run({ id, at, lease }).changes,
    choiceCounts: (roundId) => s.choiceCounts.all({ roundId }),
    fastestCorrect: (roundId, limit) => s.fastestCorrect.all({ roundId, limit }),
    revealedRounds: (groupId, channelId, memberId, limit) => s.revealedRounds.all({ groupId, channelId, memberId, limit }),
    questionUse: (groupId, channelId) => s.questionUse.all({ groupId, channelId }),
    revealedRoundIds: () => s.revealedRoundIds.all(),
    // lookups by key: in process, cheaper than one joined row (PostgreSQL joins them to save round trips)
    answerContext: (roundId, groupId, userId) => {
      const round = s.roundById.get({ id: roundId });
      if (!round) return undefined;
      const member = s.memberKey.get({ groupId, userId }) ?? null;
      const answer = (member && s.answerOf.get({ roundId, memberId: member.id })) ?? null;
      let previousStreak = 0;
      if (member && !answer && round.scheduleId !== null && round.localDate !== null) {
        const previous = s.previousRound.get({ scheduleId: round.scheduleId, localDate: round.localDate });
        const before = previous && s.answerOf.get({ roundId: previous.id, memberId: member.id });
        previousStreak = before?.correct ? before.streak : 0;
      }
      return { round, member, answer, previousStreak };
    },
    answerOf: (roundId, memberId) => s.answerOf.get({ roundId, memberId }),
    takeFastSlot: (roundId, slots) => s.takeFastSlot.run({ roundId, slots }).changes,
    // SQLite reports the new row's id itself: no RETURNING row to read back on the hot path
    insertAnswer: (answer) => {
      const r = s.insertAnswer.run(answer);
      return r.changes > 0 ? { id: Number(r.lastInsertRowid) } : undefined;
    },
    // Two plain statements: inside its write transaction the member row the answer read cannot change.
    insertAnswerSavingMember: (member, knownId, answer) => {
      let memberId = knownId;
      if (memberId === null) memberId = Number(s.insertMember.run(member).lastInsertRowid);
      else s.renameMember.run({ id: memberId, displayName: member.displayName, locale: member.locale ?? null });
      const r = s.insertAnswer.run({ ...answer, memberId });
      return r.changes > 0 ? { id: Number(r.lastInsertRowid) } : undefined;
    },
    foldScores: (roundId) => db.run(foldScoresSql(roundId)),
    clearScores: () => s.clearScores.run(),
    topScores: (groupId, period, topic, limit) => s.topScores.all({ group: groupId, period, topic, limit }),
    memberScore: (groupId, period, topic, memberId) => s.memberScore.get({ group: groupId, period, topic, memberId }),
    countAbove: (groupId, period, topic, points) => s.countAbove.get({ group: groupId, period, topic, points })?.n ?? 0,
    memberTopics: (groupId, memberId) => s.memberTopics.all({ groupId, memberId }),
    closedRounds: (groupId, now) => s.closedRounds.all({ groupId, now }),
    bestStreak: (groupId, memberId) => s.bestStreak.get({ groupId, memberId }),
    insertPractice: (practice) => s.insertPractice.get(practice)!,
    practiceById: (id) => s.practiceById.get({ id }),
    answerPractice: (id, choice, at) => s.answerPractice.run({ id, choice, at }).changes,
    reviewCard: (memberId, questionId) => s.reviewCard.get({ memberId, questionId }),
    upsertReviewCard: (card) => s.upsertReviewCard.run(card),
    insertReviewLog: (entry) => s.insertReviewLog.get(entry),
    dueCards: (memberId, until, limit) => s.dueCards.all({ memberId, until, limit }),
    countDue: (memberId, until) => s.countDue.get({ memberId, until })?.n ?? 0,
    memberCards: (memberId) => s.memberCards.all({ memberId }),
    groupCards: (groupId) => s.groupCards.all({ groupId }).map((r) => r.card),
    reviewsSince: (memberId, since) => s.reviewsSince.get({ memberId, since })?.n ?? 0,
    questionTallies: (memberId) => s.questionTallies.all({ memberId }),
    pendingRoundAnswers: (roundId) => s.pendingRoundAnswers.all({ roundId }),
    roundsToReview: (since, platforms) => forPlatforms(platforms).toReview.all({ since }),
    upsertReminder: (memberId, time, at) => s.upsertReminder.run({ memberId, time, at }),
    deleteReminder: (memberId) => s.deleteReminder.run({ memberId }),
    reminderOf: (memberId) => s.reminderOf.get({ memberId }),
    reminders: (platforms) => forPlatforms(platforms).reminders.all(),
    claimReviewReminder: (memberId, localDate, at) => s.claimReviewReminder.get({ memberId, localDate, at }),
    groupQuestionIds: (groupId) => s.groupQuestionIds.all({ groupId }),
    revealedSince: (groupId, channelId, since) => s.revealedSince.all({ groupId, channelId, since }),
    groupTopicTallies: (groupId) => s.groupTopicTallies.all({ groupId }),
    upsertInstallation: (row) => s.upsertInstallation.run(row),
    installationByKey: (platform, key) => s.installationByKey.get({ platform, key }),
    deleteInstallation: (platform, key) => s.deleteInstallation.run({ platform, key }).changes,
  };
}
