// The store's statements on PostgreSQL (node-postgres), the twin of ../sqlite/queries.ts: the same statements,
// built against this dialect's schema, for the pool or one connection. Those on the hot paths are prepared once per
// connection (./prepared.ts); the others are built when they run.
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import { ALL_TIME, ALL_TOPICS, correctReviews, excluded, foldScoresSql, pendingReview, upsertSet, type Queries } from "../queries.js";
import type { NewMemberRecord } from "../records.js";
import { pgDigestQueries } from "./digest.js";
import { pgOrganiserQueries } from "./organiser.js";
import { preparedQueries } from "./prepared.js";
import * as t from "./schema.js";

/** the pool or one transaction */
export type PgSession = PgDatabase<NodePgQueryResultHKT, typeof t>;

const scoreLine = { memberId: t.scores.memberId, userId: t.members.userId, displayName: t.members.displayName, points: t.scores.points, answered: t.scores.answered, correct: t.scores.correct };
const inWindow = (group: number, period: string, topic: string) => and(eq(t.scores.groupId, group), eq(t.scores.period, period), eq(t.scores.topic, topic));
const first = async <T>(rows: Promise<T[]>): Promise<T | undefined> => (await rows)[0];
const changed = async (result: Promise<{ rowCount: number | null }>): Promise<number> => (await result).rowCount ?? 0;

export function pgQueries(db: PgSession): Queries {
  const upsertMember = (member: NewMemberRecord) =>
    db
      .insert(t.members)
      .values(member)
      .onConflictDoUpdate({ target: [t.members.groupId, t.members.userId], set: upsertSet.member(t.members) });
  return {
    ...preparedQueries(db),
    ...pgOrganiserQueries(db),
    ...pgDigestQueries(db),
    groupForUpdate: (id) => first(db.select().from(t.groups).where(eq(t.groups.id, id)).for("update")),
    insertGroup: (group) => db.insert(t.groups).values(group).onConflictDoNothing(),
    setGroupSettings: (id, settings) => db.update(t.groups).set(settings).where(eq(t.groups.id, id)),
    memberByUser: (groupId, userId) => first(db.select().from(t.members).where(and(eq(t.members.groupId, groupId), eq(t.members.userId, userId)))),
    upsertMember: async (member) => (await upsertMember(member).returning())[0]!,
    upsertSchedule: async (schedule) =>
      (
        await db
          .insert(t.schedules)
          .values(schedule)
          .onConflictDoUpdate({
            target: [t.schedules.groupId, t.schedules.channelId, t.schedules.name],
            set: upsertSet.schedule(t.schedules),
          })
          .returning()
      )[0]!,
    deactivateSchedule: (groupId, channelId, name, at) =>
      changed(
        db
          .update(t.schedules)
          .set({ active: false, updatedAt: at })
          .where(and(eq(t.schedules.groupId, groupId), eq(t.schedules.channelId, channelId), eq(t.schedules.name, name), eq(t.schedules.active, true))),
      ),
    scheduleByName: (groupId, channelId, name) =>
      first(db.select().from(t.schedules).where(and(eq(t.schedules.groupId, groupId), eq(t.schedules.channelId, channelId), eq(t.schedules.name, name)))),
    schedulesOf: (groupId) => db.select().from(t.schedules).where(eq(t.schedules.groupId, groupId)).orderBy(asc(t.schedules.channelId), asc(t.schedules.name)),
    activeSchedules: async (platforms) =>
      (
        await db
          .select()
          .from(t.schedules)
          .innerJoin(t.groups, eq(t.groups.id, t.schedules.groupId))
          .where(and(eq(t.schedules.active, true), eq(t.schedules.paused, false), inArray(t.groups.platform, platforms)))
          .orderBy(asc(t.schedules.id))
      ).map((r) => ({ schedule: r.schedules, group: r.groups })),
    markPosted: (id, channelId, messageId) =>
      db.update(t.rounds).set({ messageChannelId: channelId, messageId, postState: "posted", deliveryAttempts: 0, nextAttemptAt: null, lastError: null }).where(eq(t.rounds.id, id)),
    markRevealDelivered: (id, message) =>
      db
        .update(t.rounds)
        .set({ ...(message ? { messageChannelId: message.channelId, messageId: message.messageId } : {}), revealState: "done", deliveryAttempts: 0, nextAttemptAt: null, lastError: null })
        .where(eq(t.rounds.id, id)),
    retryDelivery: (id, attempts, next, kind) => db.update(t.rounds).set({ deliveryAttempts: attempts, nextAttemptAt: next, lastError: kind }).where(eq(t.rounds.id, id)),
    failPost: (id, kind, attempts) => db.update(t.rounds).set({ postState: "failed", revealState: "failed", nextAttemptAt: null, lastError: kind, deliveryAttempts: attempts }).where(eq(t.rounds.id, id)),
    failReveal: (id, kind, attempts) => db.update(t.rounds).set({ revealState: "failed", nextAttemptAt: null, lastError: kind, deliveryAttempts: attempts }).where(eq(t.rounds.id, id)),
    dueDeliveries: async (now, platforms) =>
      (
        await db
          .select({ round: t.rounds })
          .from(t.rounds)
          .innerJoin(t.groups, eq(t.groups.id, t.rounds.groupId))
          .where(and(lte(t.rounds.nextAttemptAt, now), or(eq(t.rounds.postState, "pending"), eq(t.rounds.revealState, "pending")), inArray(t.groups.platform, platforms)))
          .orderBy(asc(t.rounds.nextAttemptAt))
      ).map((r) => r.round),
    leaseDelivery: (id, now, until) => changed(db.update(t.rounds).set({ nextAttemptAt: until }).where(and(eq(t.rounds.id, id), lte(t.rounds.nextAttemptAt, now)))),
    pauseSchedules: (groupId, channelId, kind, detail, at) =>
      changed(
        db
          .update(t.schedules)
          .set({ paused: true, pauseReason: kind, pauseDetail: detail, pausedAt: at, pauseNoticed: false })
          .where(and(eq(t.schedules.groupId, groupId), eq(t.schedules.active, true), eq(t.schedules.paused, false), channelId === null ? undefined : eq(t.schedules.channelId, channelId))),
      ),
    takePauseNotices: (groupId) =>
      db
        .update(t.schedules)
        .set({ pauseNoticed: true })
        .where(and(eq(t.schedules.groupId, groupId), eq(t.schedules.pauseNoticed, false)))
        .returning(),
    probeWrite: (at) => db.insert(t.healthChecks).values({ id: 1, checkedAt: at }).onConflictDoUpdate({ target: t.healthChecks.id, set: { checkedAt: excluded(t.healthChecks.checkedAt) } }),
    roundById: (id) => first(db.select().from(t.rounds).where(eq(t.rounds.id, id))),
    openRounds: (groupId, channelId) =>
      db
        .select()
        .from(t.rounds)
        .where(and(eq(t.rounds.groupId, groupId), isNull(t.rounds.revealedAt), channelId === undefined ? undefined : eq(t.rounds.channelId, channelId)))
        .orderBy(desc(t.rounds.id)),
    dueReveals: async (now, platforms) =>
      (
        await db
          .select({ round: t.rounds })
          .from(t.rounds)
          .innerJoin(t.groups, eq(t.groups.id, t.rounds.groupId))
          .where(and(isNull(t.rounds.revealedAt), lte(t.rounds.revealAt, now), inArray(t.groups.platform, platforms)))
          .orderBy(asc(t.rounds.revealAt))
      ).map((r) => r.round),
    markRevealed: (id, at, lease) =>
      changed(db.update(t.rounds).set({ revealedAt: at, revealState: "pending", deliveryAttempts: 0, nextAttemptAt: lease }).where(and(eq(t.rounds.id, id), isNull(t.rounds.revealedAt)))),
    choiceCounts: (roundId) => db.select({ choice: t.answers.choice, n: count() }).from(t.answers).where(eq(t.answers.roundId, roundId)).groupBy(t.answers.choice),
    fastestCorrect: (roundId, limit) =>
      db
        .select({ userId: t.members.userId, displayName: t.members.displayName, answeredAt: t.answers.answeredAt })
        .from(t.answers)
        .innerJoin(t.members, eq(t.members.id, t.answers.memberId))
        .where(and(eq(t.answers.roundId, roundId), eq(t.answers.correct, true)))
        .orderBy(asc(t.answers.answeredAt), asc(t.answers.id))
        .limit(limit),
    revealedRounds: (groupId, channelId, memberId, limit) =>
      db
        .select({
          round: t.rounds,
          answered: db.$count(t.answers, eq(t.answers.roundId, t.rounds.id)),
          correct: db.$count(t.answers, and(eq(t.answers.roundId, t.rounds.id), eq(t.answers.correct, true))),
          memberChoice: t.answers.choice,
        })
        .from(t.rounds)
        .leftJoin(t.answers, and(eq(t.answers.roundId, t.rounds.id), memberId === null ? sql`false` : eq(t.answers.memberId, memberId)))
        .where(and(eq(t.rounds.groupId, groupId), eq(t.rounds.channelId, channelId), isNotNull(t.rounds.revealedAt), ne(t.rounds.postState, "failed")))
        .orderBy(desc(t.rounds.revealedAt), desc(t.rounds.id))
        .limit(limit),
    revealedRoundIds: () => db.select({ id: t.rounds.id }).from(t.rounds).where(isNotNull(t.rounds.revealedAt)).orderBy(asc(t.rounds.id)),
    answerOf: (roundId, memberId) =>
      first(
        db
          .select({ id: t.answers.id, choice: t.answers.choice, correct: t.answers.correct, points: t.answers.points, streak: t.answers.streak })
          .from(t.answers)
          .where(and(eq(t.answers.roundId, roundId), eq(t.answers.memberId, memberId))),
      ),
    foldScores: (roundId) => db.execute(foldScoresSql(roundId)),
    clearScores: () => db.delete(t.scores),
    topScores: (groupId, period, topic, limit) =>
      db
        .select(scoreLine)
        .from(t.scores)
        .innerJoin(t.members, eq(t.members.id, t.scores.memberId))
        .where(inWindow(groupId, period, topic))
        .orderBy(desc(t.scores.points), desc(t.scores.correct), asc(t.scores.memberId))
        .limit(limit),
    memberScore: (groupId, period, topic, memberId) =>
      first(
        db
          .select(scoreLine)
          .from(t.scores)
          .innerJoin(t.members, eq(t.members.id, t.scores.memberId))
          .where(and(inWindow(groupId, period, topic), eq(t.scores.memberId, memberId))),
      ),
    countAbove: async (groupId, period, topic, points) => (await first(db.select({ n: count() }).from(t.scores).where(and(inWindow(groupId, period, topic), gt(t.scores.points, points)))))?.n ?? 0,
    memberTopics: (groupId, memberId) =>
      db
        .select({ topic: t.scores.topic, answered: t.scores.answered, correct: t.scores.correct, points: t.scores.points })
        .from(t.scores)
        .where(and(eq(t.scores.memberId, memberId), eq(t.scores.period, ALL_TIME), eq(t.scores.groupId, groupId), ne(t.scores.topic, ALL_TOPICS))),
    closedRounds: (groupId, now) =>
      db
        .select({
          id: sql<number | null>`(${db
            .select({ id: t.rounds.id })
            .from(t.rounds)
            .where(and(eq(t.rounds.scheduleId, t.schedules.id), isNotNull(t.rounds.localDate), ne(t.rounds.postState, "failed"), or(isNotNull(t.rounds.revealedAt), lte(t.rounds.revealAt, now))))
            .orderBy(desc(t.rounds.localDate))
            .limit(1)})`,
        })
        .from(t.schedules)
        .where(eq(t.schedules.groupId, groupId)),
    bestStreak: (groupId, memberId) =>
      first(
        db
          .select({ bestStreak: t.scores.bestStreak })
          .from(t.scores)
          .where(and(eq(t.scores.groupId, groupId), eq(t.scores.period, ALL_TIME), eq(t.scores.topic, ALL_TOPICS), eq(t.scores.memberId, memberId))),
      ),
    insertPractice: async (practice) => (await db.insert(t.practiceRounds).values(practice).returning())[0]!,
    practiceById: (id) => first(db.select().from(t.practiceRounds).where(eq(t.practiceRounds.id, id))),
    answerPractice: (id, choice, at) => changed(db.update(t.practiceRounds).set({ choice, answeredAt: at }).where(and(eq(t.practiceRounds.id, id), isNull(t.practiceRounds.answeredAt)))),
    reviewCard: (memberId, questionId) => first(db.select().from(t.reviewCards).where(and(eq(t.reviewCards.memberId, memberId), eq(t.reviewCards.questionId, questionId)))),
    upsertReviewCard: (card) =>
      db
        .insert(t.reviewCards)
        .values(card)
        .onConflictDoUpdate({ target: [t.reviewCards.memberId, t.reviewCards.questionId], set: upsertSet.card(t.reviewCards) }),
    insertReviewLog: (entry) => first(db.insert(t.reviewLog).values(entry).onConflictDoNothing({ target: [t.reviewLog.memberId, t.reviewLog.source, t.reviewLog.sourceId] }).returning({ id: t.reviewLog.id })),
    dueCards: (memberId, until, limit) =>
      db
        .select()
        .from(t.reviewCards)
        .where(and(eq(t.reviewCards.memberId, memberId), lte(t.reviewCards.dueAt, until)))
        .orderBy(asc(t.reviewCards.dueAt), asc(t.reviewCards.questionId))
        .limit(limit),
    countDue: async (memberId, until) => (await first(db.select({ n: count() }).from(t.reviewCards).where(and(eq(t.reviewCards.memberId, memberId), lte(t.reviewCards.dueAt, until)))))?.n ?? 0,
    memberCards: (memberId) => db.select().from(t.reviewCards).where(eq(t.reviewCards.memberId, memberId)).orderBy(asc(t.reviewCards.questionId)),
    groupCards: async (groupId) =>
      (
        await db
          .select({ card: t.reviewCards })
          .from(t.reviewCards)
          .innerJoin(t.members, eq(t.members.id, t.reviewCards.memberId))
          .where(eq(t.members.groupId, groupId))
          .orderBy(asc(t.reviewCards.memberId), asc(t.reviewCards.questionId))
      ).map((r) => r.card),
    reviewsSince: async (memberId, since) => (await first(db.select({ n: count() }).from(t.reviewLog).where(and(eq(t.reviewLog.memberId, memberId), gte(t.reviewLog.reviewedAt, since)))))?.n ?? 0,
    questionTallies: (memberId) =>
      db
        .select({ questionId: t.reviewLog.questionId, answered: count(), correct: correctReviews(t.reviewLog.rating) })
        .from(t.reviewLog)
        .where(eq(t.reviewLog.memberId, memberId))
        .groupBy(t.reviewLog.questionId),
    pendingRoundAnswers: (roundId) =>
      db
        .select({ memberId: t.members.id, questionId: t.rounds.questionId, correct: t.answers.correct, answeredAt: t.answers.answeredAt, openedAt: t.rounds.openedAt, revealedAt: t.rounds.revealedAt })
        .from(t.answers)
        .innerJoin(t.rounds, eq(t.rounds.id, t.answers.roundId))
        // a forgotten member's answer stays as a count, with no card to move
        .innerJoin(t.members, eq(t.members.id, t.answers.memberId))
        .leftJoin(t.reviewLog, pendingReview(t))
        .where(and(eq(t.answers.roundId, roundId), isNull(t.reviewLog.id)))
        .orderBy(asc(t.answers.id)),
    roundsToReview: (since, platforms) =>
      db
        .selectDistinct({ id: t.rounds.id })
        .from(t.rounds)
        .innerJoin(t.groups, eq(t.groups.id, t.rounds.groupId))
        .innerJoin(t.answers, and(eq(t.answers.roundId, t.rounds.id), isNotNull(t.answers.memberId)))
        .leftJoin(t.reviewLog, pendingReview(t))
        .where(and(gte(t.rounds.revealedAt, since), inArray(t.groups.platform, platforms), isNull(t.reviewLog.id)))
        .orderBy(asc(t.rounds.id)),
    upsertReminder: (memberId, time, at) =>
      db
        .insert(t.reviewReminders)
        .values({ memberId, time, updatedAt: at })
        .onConflictDoUpdate({ target: t.reviewReminders.memberId, set: { time: excluded(t.reviewReminders.time), updatedAt: excluded(t.reviewReminders.updatedAt) } }),
    deleteReminder: (memberId) => db.delete(t.reviewReminders).where(eq(t.reviewReminders.memberId, memberId)),
    reminderOf: (memberId) => first(db.select({ time: t.reviewReminders.time }).from(t.reviewReminders).where(eq(t.reviewReminders.memberId, memberId))),
    reminders: (platforms) =>
      db
        .select({
          memberId: t.reviewReminders.memberId,
          userId: t.members.userId,
          memberLocale: t.members.locale,
          time: t.reviewReminders.time,
          groupId: t.groups.id,
          platform: t.groups.platform,
          externalId: t.groups.externalId,
          timezone: t.groups.timezone,
          groupLocale: t.groups.locale,
        })
        .from(t.reviewReminders)
        .innerJoin(t.members, eq(t.members.id, t.reviewReminders.memberId))
        .innerJoin(t.groups, eq(t.groups.id, t.members.groupId))
        .where(inArray(t.groups.platform, platforms))
        .orderBy(asc(t.reviewReminders.memberId)),
    claimReviewReminder: (memberId, localDate, at) => first(db.insert(t.reviewReminderSends).values({ memberId, localDate, sentAt: at }).onConflictDoNothing().returning({ memberId: t.reviewReminderSends.memberId })),
    groupQuestionIds: (groupId) => db.selectDistinct({ questionId: t.rounds.questionId }).from(t.rounds).where(eq(t.rounds.groupId, groupId)),
    revealedSince: (groupId, channelId, since) =>
      db
        .selectDistinct({ questionId: t.rounds.questionId })
        .from(t.rounds)
        .where(and(eq(t.rounds.groupId, groupId), eq(t.rounds.channelId, channelId), gte(t.rounds.revealedAt, since))),
    groupTopicTallies: (groupId) =>
      db
        .select({ topic: t.scores.topic, answered: sql<number>`sum(${t.scores.answered})`.mapWith(Number), correct: sql<number>`sum(${t.scores.correct})`.mapWith(Number) })
        .from(t.scores)
        .where(and(eq(t.scores.groupId, groupId), eq(t.scores.period, ALL_TIME), ne(t.scores.topic, ALL_TOPICS)))
        .groupBy(t.scores.topic),
    upsertInstallation: (row) =>
      db
        .insert(t.installations)
        .values(row)
        .onConflictDoUpdate({ target: [t.installations.platform, t.installations.installKey], set: upsertSet.installation(t.installations) }),
    installationByKey: (platform, key) => first(db.select().from(t.installations).where(and(eq(t.installations.platform, platform), eq(t.installations.installKey, key)))),
    deleteInstallation: (platform, key) => changed(db.delete(t.installations).where(and(eq(t.installations.platform, platform), eq(t.installations.installKey, key)))),
  };
}
