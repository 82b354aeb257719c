// The digest, reminder and thread statements on SQLite (see ../digest.ts). The digest's and the thread's statements
// are prepared once; the sweep's reminder query takes the process's platforms and is built per call, once a minute.
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { claimReminderSql, type DigestQueries } from "../digest.js";
import * as t from "./schema.js";

const P = sql.placeholder;

export function sqliteDigestQueries(db: BetterSQLite3Database<typeof t>): DigestQueries {
  const weekOf = and(eq(t.rounds.groupId, P("groupId")), eq(t.rounds.channelId, P("channelId")), gte(t.rounds.openedAt, P("from")), lt(t.rounds.openedAt, P("to")), isNotNull(t.rounds.revealedAt));
  const digestKey = and(eq(t.digests.groupId, P("groupId")), eq(t.digests.channelId, P("channelId")), eq(t.digests.weekKey, P("weekKey")));
  let prepared: ReturnType<typeof prepare> | null = null;
  const prepare = () => ({
    weekRounds: db
      .select({
        roundId: t.rounds.id,
        questionId: t.rounds.questionId,
        topic: t.rounds.topic,
        correctIndex: t.rounds.correctIndex,
        localDate: t.rounds.localDate,
        openedAt: t.rounds.openedAt,
        answered: count(t.answers.id),
        correct: sql<number>`count(${t.answers.id}) filter (where ${t.answers.correct})`,
      })
      .from(t.rounds)
      .leftJoin(t.answers, eq(t.answers.roundId, t.rounds.id))
      .where(weekOf)
      .groupBy(t.rounds.id)
      .orderBy(asc(t.rounds.openedAt), asc(t.rounds.id))
      .prepare(),
    milestones: db
      .select({ memberId: t.members.id, userId: t.members.userId, displayName: t.members.displayName, streak: sql<number>`max(${t.answers.streak})` })
      .from(t.rounds)
      .innerJoin(t.answers, eq(t.answers.roundId, t.rounds.id))
      .innerJoin(t.members, eq(t.members.id, t.answers.memberId))
      .where(and(weekOf, eq(t.answers.correct, true), gt(t.answers.streak, 0), sql`${t.answers.streak} % ${P("every")} = 0`))
      .groupBy(t.members.id, t.members.userId, t.members.displayName)
      .orderBy(desc(sql`max(${t.answers.streak})`), asc(t.members.id))
      .limit(P("limit"))
      .prepare(),
    insertClaim: db
      .insert(t.digests)
      .values({ groupId: P("groupId"), channelId: P("channelId"), weekKey: P("weekKey"), claimedAt: P("at") })
      .onConflictDoNothing({ target: [t.digests.groupId, t.digests.channelId, t.digests.weekKey] })
      .prepare(),
    retakeClaim: db
      .update(t.digests)
      .set({ claimedAt: sql`${P("at")}` })
      .where(and(digestKey, isNull(t.digests.postedAt), lte(t.digests.claimedAt, P("staleBefore"))))
      .prepare(),
    finish: db
      .update(t.digests)
      .set({ postedAt: sql`${P("at")}`, messageChannelId: sql`${P("messageChannelId")}`, messageId: sql`${P("messageId")}` })
      .where(digestKey)
      .prepare(),
    deleteClaim: db.delete(t.digests).where(and(digestKey, isNull(t.digests.postedAt))).prepare(),
    postedAt: db.select({ postedAt: t.digests.postedAt }).from(t.digests).where(digestKey).prepare(),
    finishReminder: db
      .update(t.roundReminders)
      .set({ sentAt: sql`${P("at")}` })
      .where(eq(t.roundReminders.roundId, P("roundId")))
      .prepare(),
    releaseReminder: db
      .delete(t.roundReminders)
      .where(and(eq(t.roundReminders.roundId, P("roundId")), isNull(t.roundReminders.sentAt)))
      .prepare(),
    insertThread: db
      .insert(t.roundThreads)
      .values({ roundId: P("roundId"), threadId: P("threadId"), createdAt: P("at") })
      .onConflictDoNothing()
      .prepare(),
    thread: db.select({ threadId: t.roundThreads.threadId }).from(t.roundThreads).where(eq(t.roundThreads.roundId, P("roundId"))).prepare(),
  });
  const s = () => (prepared ??= prepare());

  return {
    weekRounds: (groupId, channelId, from, to) => s().weekRounds.all({ groupId, channelId, from, to }),
    streakMilestones: (groupId, channelId, from, to, every, limit) => s().milestones.all({ groupId, channelId, from, to, every, limit }),
    insertDigestClaim: (groupId, channelId, weekKey, at) => s().insertClaim.run({ groupId, channelId, weekKey, at }).changes,
    retakeDigestClaim: (groupId, channelId, weekKey, at, staleBefore) => s().retakeClaim.run({ groupId, channelId, weekKey, at, staleBefore }).changes,
    finishDigest: (groupId, channelId, weekKey, at, messageChannelId, messageId) => s().finish.run({ groupId, channelId, weekKey, at, messageChannelId, messageId }),
    deleteDigestClaim: (groupId, channelId, weekKey) => s().deleteClaim.run({ groupId, channelId, weekKey }),
    digestPostedAt: (groupId, channelId, weekKey) => s().postedAt.get({ groupId, channelId, weekKey }),
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
        .orderBy(asc(t.rounds.revealAt))
        .all(),
    claimReminder: (roundId, now) => db.run(claimReminderSql(roundId, now)).changes,
    finishReminder: (roundId, at) => s().finishReminder.run({ roundId, at }),
    releaseReminder: (roundId) => s().releaseReminder.run({ roundId }),
    insertRoundThread: (roundId, threadId, at) => s().insertThread.run({ roundId, threadId, at }),
    roundThread: (roundId) => s().thread.get({ roundId }),
  };
}
