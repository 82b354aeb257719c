// The organiser tools' statements on PostgreSQL, the twin of ../sqlite/organiser.ts (../organiser/queries.ts says
// what each does). Built when they run, on the pool or on a transaction's connection.
import { and, asc, count, desc, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { AnswerWindow, OrganiserQueries } from "../organiser/queries.js";
import { excluded } from "../queries.js";
import type { PgSession } from "./queries.js";
import * as t from "./schema.js";

const first = async <T>(rows: Promise<T[]>): Promise<T | undefined> => (await rows)[0];
const changed = async (result: Promise<{ rowCount: number | null }>): Promise<number> => (await result).rowCount ?? 0;

function windowCondition(w: AnswerWindow) {
  switch (w.kind) {
    case "all":
      return undefined;
    case "week":
      return eq(t.answers.weekKey, w.key);
    case "month":
      return eq(t.answers.monthKey, w.key);
    case "season":
      return eq(t.rounds.seasonId, w.seasonId);
  }
}

export function pgOrganiserQueries(db: PgSession): OrganiserQueries {
  const countOf = async (q: Promise<Array<{ n: number }>>) => (await q)[0]?.n ?? 0;
  return {
    ownQuestionIds: (groupId) => db.select({ questionId: t.groupQuestions.questionId }).from(t.groupQuestions).where(eq(t.groupQuestions.groupId, groupId)),
    upsertGroupQuestion: (q) =>
      db
        .insert(t.groupQuestions)
        .values(q)
        .onConflictDoUpdate({
          target: [t.groupQuestions.groupId, t.groupQuestions.questionId],
          set: Object.fromEntries((["topic", "content", "hash", "file", "line", "importedAt"] as const).map((k) => [k, excluded(t.groupQuestions[k])])),
        }),
    groupQuestionsOf: (groupId) => db.select().from(t.groupQuestions).where(eq(t.groupQuestions.groupId, groupId)).orderBy(asc(t.groupQuestions.questionId)),
    deleteGroupQuestion: (groupId, questionId) => changed(db.delete(t.groupQuestions).where(and(eq(t.groupQuestions.groupId, groupId), eq(t.groupQuestions.questionId, questionId)))),
    openSeason: (groupId) => first(db.select().from(t.seasons).where(and(eq(t.seasons.groupId, groupId), isNull(t.seasons.endedAt)))),
    seasonByName: (groupId, name) => first(db.select().from(t.seasons).where(and(eq(t.seasons.groupId, groupId), eq(t.seasons.name, name)))),
    seasonsOf: (groupId) => db.select().from(t.seasons).where(eq(t.seasons.groupId, groupId)).orderBy(desc(t.seasons.startedAt), desc(t.seasons.id)),
    closeSeason: (id, at) => db.update(t.seasons).set({ endedAt: at }).where(and(eq(t.seasons.id, id), isNull(t.seasons.endedAt))),
    insertSeason: (groupId, name, at) => first(db.insert(t.seasons).values({ groupId, name, startedAt: at }).onConflictDoNothing().returning()),
    insertOrganiser: (row) => changed(db.insert(t.groupOrganisers).values(row).onConflictDoNothing()),
    deleteOrganiser: (groupId, kind, ref) => changed(db.delete(t.groupOrganisers).where(and(eq(t.groupOrganisers.groupId, groupId), eq(t.groupOrganisers.kind, kind), eq(t.groupOrganisers.ref, ref)))),
    organisersOf: (groupId) => db.select().from(t.groupOrganisers).where(eq(t.groupOrganisers.groupId, groupId)).orderBy(asc(t.groupOrganisers.addedAt), asc(t.groupOrganisers.ref)),
    nextQuestionOf: (scheduleId) => first(db.select({ questionId: t.nextQuestions.questionId }).from(t.nextQuestions).where(eq(t.nextQuestions.scheduleId, scheduleId))),
    upsertNextQuestion: (scheduleId, questionId, at) =>
      db
        .insert(t.nextQuestions)
        .values({ scheduleId, questionId, pickedAt: at })
        .onConflictDoUpdate({ target: t.nextQuestions.scheduleId, set: { questionId: excluded(t.nextQuestions.questionId), pickedAt: excluded(t.nextQuestions.pickedAt) } }),
    deleteNextQuestion: (scheduleId, questionId) => db.delete(t.nextQuestions).where(and(eq(t.nextQuestions.scheduleId, scheduleId), eq(t.nextQuestions.questionId, questionId))),
    exportAnswers: (groupId, w) =>
      db
        .select({
          answeredAt: t.answers.answeredAt,
          userId: t.members.userId,
          displayName: t.members.displayName,
          roundId: t.rounds.id,
          channelId: t.rounds.channelId,
          questionId: t.rounds.questionId,
          topic: t.answers.topic,
          choice: t.answers.choice,
          correct: t.answers.correct,
          points: t.answers.points,
          streak: t.answers.streak,
        })
        .from(t.answers)
        .innerJoin(t.members, eq(t.members.id, t.answers.memberId))
        .innerJoin(t.rounds, eq(t.rounds.id, t.answers.roundId))
        .where(and(eq(t.answers.groupId, groupId), windowCondition(w)))
        .orderBy(asc(t.answers.answeredAt), asc(t.answers.id)),
    allGroups: () => db.select().from(t.groups).orderBy(asc(t.groups.id)),
    closedRoundsBySchedule: (groupId, now) =>
      db
        .select({
          scheduleId: t.schedules.id,
          roundId: sql<number | null>`(${db
            .select({ id: t.rounds.id })
            .from(t.rounds)
            .where(and(eq(t.rounds.scheduleId, t.schedules.id), isNotNull(t.rounds.localDate), or(isNotNull(t.rounds.revealedAt), lte(t.rounds.revealAt, now))))
            .orderBy(desc(t.rounds.localDate))
            .limit(1)})`,
        })
        .from(t.schedules)
        .where(eq(t.schedules.groupId, groupId))
        .orderBy(asc(t.schedules.id)),
    memberFootprint: async (memberId) => ({
      answers: await countOf(db.select({ n: count() }).from(t.answers).where(eq(t.answers.memberId, memberId))),
      practice: await countOf(db.select({ n: count() }).from(t.practiceRounds).where(eq(t.practiceRounds.memberId, memberId))),
      reviews: await countOf(db.select({ n: count() }).from(t.reviewCards).where(eq(t.reviewCards.memberId, memberId))),
    }),
    deleteMember: (memberId) => db.delete(t.members).where(eq(t.members.id, memberId)),
  };
}
