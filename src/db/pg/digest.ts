// The digest, reminder and thread statements on PostgreSQL, the twin of ../sqlite/digest.ts.
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import { claimReminderSql, type DigestQueries } from "../digest.js";
import type { PgSession } from "./queries.js";
import * as t from "./schema.js";

const first = async <T>(rows: Promise<T[]>): Promise<T | undefined> => (await rows)[0];
const changed = async (result: Promise<{ rowCount: number | null }>): Promise<number> => (await result).rowCount ?? 0;

export function pgDigestQueries(db: PgSession): DigestQueries {
  const weekOf = (groupId: number, channelId: string, from: number, to: number) =>
    and(eq(t.rounds.groupId, groupId), eq(t.rounds.channelId, channelId), gte(t.rounds.openedAt, from), lt(t.rounds.openedAt, to), isNotNull(t.rounds.revealedAt));
  const digestKey = (groupId: number, channelId: string, weekKey: string) => and(eq(t.digests.groupId, groupId), eq(t.digests.channelId, channelId), eq(t.digests.weekKey, weekKey));
  return {
    weekRounds: (groupId, channelId, from, to) =>
      db
        .select({
          roundId: t.rounds.id,
          questionId: t.rounds.questionId,
          topic: t.rounds.topic,
          correctIndex: t.rounds.correctIndex,
          localDate: t.rounds.localDate,
          openedAt: t.rounds.openedAt,
          answered: count(t.answers.id),
          correct: sql<number>`count(${t.answers.id}) filter (where ${t.answers.correct})`.mapWith(Number),
        })
        .from(t.rounds)
        .leftJoin(t.answers, eq(t.answers.roundId, t.rounds.id))
        .where(weekOf(groupId, channelId, from, to))
        .groupBy(t.rounds.id)
        .orderBy(asc(t.rounds.openedAt), asc(t.rounds.id)),
    streakMilestones: (groupId, channelId, from, to, every, limit) =>
      db
        .select({ memberId: t.members.id, userId: t.members.userId, displayName: t.members.displayName, streak: sql<number>`max(${t.answers.streak})`.mapWith(Number) })
        .from(t.rounds)
        .innerJoin(t.answers, eq(t.answers.roundId, t.rounds.id))
        .innerJoin(t.members, eq(t.members.id, t.answers.memberId))
        .where(and(weekOf(groupId, channelId, from, to), eq(t.answers.correct, true), gt(t.answers.streak, 0), sql`${t.answers.streak} % ${every} = 0`))
        .groupBy(t.members.id, t.members.userId, t.members.displayName)
        .orderBy(desc(sql`max(${t.answers.streak})`), asc(t.members.id))
        .limit(limit),
    insertDigestClaim: (groupId, channelId, weekKey, at) =>
      changed(db.insert(t.digests).values({ groupId, channelId, weekKey, claimedAt: at }).onConflictDoNothing({ target: [t.digests.groupId, t.digests.channelId, t.digests.weekKey] })),
    retakeDigestClaim: (groupId, channelId, weekKey, at, staleBefore) =>
      changed(
        db
          .update(t.digests)
          .set({ claimedAt: at })
          .where(and(digestKey(groupId, channelId, weekKey), isNull(t.digests.postedAt), lte(t.digests.claimedAt, staleBefore))),
      ),
    finishDigest: (groupId, channelId, weekKey, at, messageChannelId, messageId) =>
      db.update(t.digests).set({ postedAt: at, messageChannelId, messageId }).where(digestKey(groupId, channelId, weekKey)),
    deleteDigestClaim: (groupId, channelId, weekKey) => db.delete(t.digests).where(and(digestKey(groupId, channelId, weekKey), isNull(t.digests.postedAt))),
    digestPostedAt: (groupId, channelId, weekKey) => first(db.select({ postedAt: t.digests.postedAt }).from(t.digests).where(digestKey(groupId, channelId, weekKey))),
    dueReminders: (now, platforms) =>
      db
        .select({ round: t.rounds, minutes: t.schedules.reminderMinutes, mention: t.schedules.reminderMention })
        .from(t.rounds)
        .innerJoin(t.schedules, eq(t.schedules.id, t.rounds.scheduleId))
        .innerJoin(t.groups, eq(t.groups.id, t.rounds.groupId))
        .leftJoin(t.roundReminders, eq(t.roundReminders.roundId, t.rounds.id))
        .where(
          and(
            isNull(t.rounds.revealedAt),
            eq(t.rounds.postState, "posted"),
            isNotNull(t.schedules.reminderMinutes),
            gt(t.rounds.revealAt, now),
            lte(sql`${t.rounds.revealAt} - ${t.schedules.reminderMinutes} * 60000`, now),
            isNull(t.roundReminders.roundId),
            inArray(t.groups.platform, platforms),
          ),
        )
        .orderBy(asc(t.rounds.revealAt)),
    claimReminder: (roundId, now) => changed(db.execute(claimReminderSql(roundId, now))),
    finishReminder: (roundId, at) => db.update(t.roundReminders).set({ sentAt: at }).where(eq(t.roundReminders.roundId, roundId)),
    releaseReminder: (roundId) => db.delete(t.roundReminders).where(and(eq(t.roundReminders.roundId, roundId), isNull(t.roundReminders.sentAt))),
    insertRoundThread: (roundId, threadId, at) => db.insert(t.roundThreads).values({ roundId, threadId, createdAt: at }).onConflictDoNothing(),
    roundThread: (roundId) => first(db.select({ threadId: t.roundThreads.threadId }).from(t.roundThreads).where(eq(t.roundThreads.roundId, roundId))),
  };
}
