// The PostgreSQL statements on the hot paths — an answer, a schedule's claim of its day, a group's lookup — built once
// per connection (the pool, or each of its connections for transactions) as named prepared statements. Building a
// statement with drizzle costs the process more than the round trip it makes (about 0.2 ms each), and the server
// parses a named statement once per connection. The other statements (./queries.ts) are built when they run.
import { and, count, desc, eq, isNotNull, lt, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { CLAIMED_ROUND_VALUES, lazily, upsertSet, type Queries } from "../queries.js";
import type { PgSession } from "./queries.js";
import * as t from "./schema.js";

const P = sql.placeholder;

/** An answer's columns but its member, bound by name: both answer inserts below write them. */
const answerValues = {
  roundId: P("roundId"),
  groupId: P("groupId"),
  topic: P("topic"),
  choice: P("choice"),
  correct: P("correct"),
  points: P("points"),
  streak: P("streak"),
  answeredAt: P("answeredAt"),
  weekKey: P("weekKey"),
  monthKey: P("monthKey"),
};

export type PreparedQueries = Pick<
  Queries,
  "groupByRef" | "groupById" | "scheduleById" | "markScheduleRun" | "claimRound" | "questionUse" | "answerContext" | "takeFastSlot" | "insertAnswer" | "insertAnswerSavingMember"
>;

export function preparedQueries(db: PgSession): PreparedQueries {
  const previousRound = alias(t.rounds, "previous_round");
  const previousAnswer = alias(t.answers, "previous_answer");
  const s = lazily({
    groupByRef: () =>
      db
        .select()
        .from(t.groups)
        .where(and(eq(t.groups.platform, P("platform")), eq(t.groups.externalId, P("externalId"))))
        .prepare("sb_group_by_ref"),
    groupById: () => db.select().from(t.groups).where(eq(t.groups.id, P("id"))).prepare("sb_group_by_id"),
    scheduleById: () => db.select().from(t.schedules).where(eq(t.schedules.id, P("id"))).prepare("sb_schedule_by_id"),
    markScheduleRun: () =>
      db
        .update(t.schedules)
        .set({ lastRunDate: sql`${P("localDate")}`, lastRunAt: sql`${P("at")}` })
        .where(eq(t.schedules.id, P("id")))
        .prepare("sb_mark_schedule_run"),
    claimRound: () =>
      db
        .insert(t.rounds)
        .values(CLAIMED_ROUND_VALUES)
        .onConflictDoNothing({ target: [t.rounds.scheduleId, t.rounds.localDate] })
        .returning()
        .prepare("sb_claim_round"),
    questionUse: () =>
      db
        .select({ questionId: t.rounds.questionId, n: count() })
        .from(t.rounds)
        .where(and(eq(t.rounds.groupId, P("groupId")), eq(t.rounds.channelId, P("channelId"))))
        .groupBy(t.rounds.questionId)
        .prepare("sb_question_use"),
    // One round trip: the round, the member, their answer to it, and the streak their answer to the schedule's round
    // of the day before left.
    answerContext: () =>
      db
        .select({
          round: t.rounds,
          member: { id: t.members.id, displayName: t.members.displayName, locale: t.members.locale },
          answer: { id: t.answers.id, choice: t.answers.choice, correct: t.answers.correct, points: t.answers.points },
          previousStreak: sql<number | null>`(${db
            .select({ streak: previousAnswer.streak })
            .from(previousAnswer)
            .where(
              and(
                eq(previousAnswer.memberId, t.members.id),
                eq(previousAnswer.correct, true),
                eq(
                  previousAnswer.roundId,
                  sql`(${db
                    .select({ id: previousRound.id })
                    .from(previousRound)
                    .where(and(eq(previousRound.scheduleId, t.rounds.scheduleId), isNotNull(previousRound.localDate), lt(previousRound.localDate, t.rounds.localDate), ne(previousRound.postState, "failed")))
                    .orderBy(desc(previousRound.localDate))
                    .limit(1)})`,
                ),
              ),
            )})`.mapWith(Number),
        })
        .from(t.rounds)
        .leftJoin(t.members, and(eq(t.members.groupId, P("groupId")), eq(t.members.userId, P("userId"))))
        .leftJoin(t.answers, and(eq(t.answers.roundId, t.rounds.id), eq(t.answers.memberId, t.members.id)))
        .where(eq(t.rounds.id, P("roundId")))
        .prepare("sb_answer_context"),
    takeFastSlot: () =>
      db
        .update(t.rounds)
        .set({ fastAwarded: sql`${t.rounds.fastAwarded} + 1` })
        .where(and(eq(t.rounds.id, P("roundId")), lt(t.rounds.fastAwarded, P("slots"))))
        .prepare("sb_take_fast_slot"),
    insertAnswer: () =>
      db
        .insert(t.answers)
        .values({ ...answerValues, memberId: P("memberId") })
        .onConflictDoNothing({ target: [t.answers.roundId, t.answers.memberId] })
        .returning({ id: t.answers.id })
        .prepare("sb_insert_answer"),
    // the member upserted (another process may have inserted it since the answer's read) and the answer inserted as
    // them, in one statement
    insertAnswerSavingMember: () => {
      const member = db.$with("saved_member").as(
        db
          .insert(t.members)
          .values({ groupId: P("groupId"), userId: P("userId"), displayName: P("displayName"), locale: P("locale"), createdAt: P("createdAt") })
          .onConflictDoUpdate({ target: [t.members.groupId, t.members.userId], set: upsertSet.member(t.members) })
          .returning({ id: t.members.id }),
      );
      return db
        .with(member)
        .insert(t.answers)
        .values({ ...answerValues, memberId: sql`(select ${member.id} from ${member})` })
        .onConflictDoNothing({ target: [t.answers.roundId, t.answers.memberId] })
        .returning({ id: t.answers.id })
        .prepare("sb_insert_answer_saving_member");
    },
  });
  const first = async <T>(rows: Promise<T[]>): Promise<T | undefined> => (await rows)[0];
  return {
    groupByRef: (platform, externalId) => first(s.groupByRef.execute({ platform, externalId })),
    groupById: (id) => first(s.groupById.execute({ id })),
    scheduleById: (id) => first(s.scheduleById.execute({ id })),
    markScheduleRun: (id, localDate, at) => s.markScheduleRun.execute({ id, localDate, at }),
    claimRound: (round) => first(s.claimRound.execute({ ...round, scheduleId: round.scheduleId ?? null, localDate: round.localDate ?? null, instantFeedback: round.instantFeedback ?? false, seasonId: round.seasonId ?? null, postState: round.postState ?? "pending", nextAttemptAt: round.nextAttemptAt ?? null })),
    questionUse: (groupId, channelId) => s.questionUse.execute({ groupId, channelId }),
    answerContext: async (roundId, groupId, userId) => {
      const row = await first(s.answerContext.execute({ roundId, groupId, userId }));
      return row && { ...row, previousStreak: row.previousStreak ?? 0 };
    },
    takeFastSlot: async (roundId, slots) => (await s.takeFastSlot.execute({ roundId, slots })).rowCount ?? 0,
    insertAnswer: (answer) => first(s.insertAnswer.execute({ ...answer, streak: answer.streak ?? 0 })),
    // the member's own createdAt; the answer's fields besides (their groupId is the member's)
    insertAnswerSavingMember: (member, _knownId, answer) => first(s.insertAnswerSavingMember.execute({ ...answer, ...member, locale: member.locale ?? null, streak: answer.streak ?? 0 })),
  };
}
