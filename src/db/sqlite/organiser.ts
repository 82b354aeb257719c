// The organiser tools' statements on SQLite, each prepared once when first used (../organiser/queries.ts says what
// each does; ../pg/organiser.ts is the twin).
import { and, asc, count, desc, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { AnswerWindow, OrganiserQueries } from "../organiser/queries.js";
import { excluded, lazily } from "../queries.js";
import * as t from "./schema.js";

const P = sql.placeholder;

export function sqliteOrganiserQueries(db: BetterSQLite3Database<typeof t>): OrganiserQueries {
  const exportColumns = {
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
  };
  const exportWhere = (extra?: ReturnType<typeof eq>) =>
    db
      .select(exportColumns)
      .from(t.answers)
      .innerJoin(t.members, eq(t.members.id, t.answers.memberId))
      .innerJoin(t.rounds, eq(t.rounds.id, t.answers.roundId))
      .where(and(eq(t.answers.groupId, P("groupId")), extra))
      .orderBy(asc(t.answers.answeredAt), asc(t.answers.id))
      .prepare();

  const s = lazily({
    ownQuestionIds: () => db.select({ questionId: t.groupQuestions.questionId }).from(t.groupQuestions).where(eq(t.groupQuestions.groupId, P("groupId"))).prepare(),
    upsertGroupQuestion: () =>
      db
        .insert(t.groupQuestions)
        .values({ groupId: P("groupId"), questionId: P("questionId"), topic: P("topic"), content: P("content"), hash: P("hash"), file: P("file"), line: P("line"), importedAt: P("importedAt") })
        .onConflictDoUpdate({
          target: [t.groupQuestions.groupId, t.groupQuestions.questionId],
          set: Object.fromEntries((["topic", "content", "hash", "file", "line", "importedAt"] as const).map((k) => [k, excluded(t.groupQuestions[k])])),
        })
        .prepare(),
    groupQuestionsOf: () => db.select().from(t.groupQuestions).where(eq(t.groupQuestions.groupId, P("groupId"))).orderBy(asc(t.groupQuestions.questionId)).prepare(),
    deleteGroupQuestion: () =>
      db
        .delete(t.groupQuestions)
        .where(and(eq(t.groupQuestions.groupId, P("groupId")), eq(t.groupQuestions.questionId, P("questionId"))))
        .prepare(),
    openSeason: () =>
      db
        .select()
        .from(t.seasons)
        .where(and(eq(t.seasons.groupId, P("groupId")), isNull(t.seasons.endedAt)))
        .prepare(),
    seasonByName: () =>
      db
        .select()
        .from(t.seasons)
        .where(and(eq(t.seasons.groupId, P("groupId")), eq(t.seasons.name, P("name"))))
        .prepare(),
    seasonsOf: () => db.select().from(t.seasons).where(eq(t.seasons.groupId, P("groupId"))).orderBy(desc(t.seasons.startedAt), desc(t.seasons.id)).prepare(),
    closeSeason: () =>
      db
        .update(t.seasons)
        .set({ endedAt: sql`${P("at")}` })
        .where(and(eq(t.seasons.id, P("id")), isNull(t.seasons.endedAt)))
        .prepare(),
    insertSeason: () => db.insert(t.seasons).values({ groupId: P("groupId"), name: P("name"), startedAt: P("at") }).onConflictDoNothing().returning().prepare(),
    insertOrganiser: () => db.insert(t.groupOrganisers).values({ groupId: P("groupId"), kind: P("kind"), ref: P("ref"), addedAt: P("addedAt") }).onConflictDoNothing().prepare(),
    deleteOrganiser: () =>
      db
        .delete(t.groupOrganisers)
        .where(and(eq(t.groupOrganisers.groupId, P("groupId")), eq(t.groupOrganisers.kind, P("kind")), eq(t.groupOrganisers.ref, P("ref"))))
        .prepare(),
    organisersOf: () => db.select().from(t.groupOrganisers).where(eq(t.groupOrganisers.groupId, P("groupId"))).orderBy(asc(t.groupOrganisers.addedAt), asc(t.groupOrganisers.ref)).prepare(),
    nextQuestionOf: () => db.select({ questionId: t.nextQuestions.questionId }).from(t.nextQuestions).where(eq(t.nextQuestions.scheduleId, P("scheduleId"))).prepare(),
    upsertNextQuestion: () =>
      db
        .insert(t.nextQuestions)
        .values({ scheduleId: P("scheduleId"), questionId: P("questionId"), pickedAt: P("at") })
        .onConflictDoUpdate({ target: t.nextQuestions.scheduleId, set: { questionId: excluded(t.nextQuestions.questionId), pickedAt: excluded(t.nextQuestions.pickedAt) } })
        .prepare(),
    deleteNextQuestion: () =>
      db
        .delete(t.nextQuestions)
        .where(and(eq(t.nextQuestions.scheduleId, P("scheduleId")), eq(t.nextQuestions.questionId, P("questionId"))))
        .prepare(),
    exportAll: () => exportWhere(),
    exportWeek: () => exportWhere(eq(t.answers.weekKey, P("key"))),
    exportMonth: () => exportWhere(eq(t.answers.monthKey, P("key"))),
    exportSeason: () => exportWhere(eq(t.rounds.seasonId, P("seasonId"))),
    allGroups: () => db.select().from(t.groups).orderBy(asc(t.groups.id)).prepare(),
    closedRoundsBySchedule: () =>
      db
        .select({
          scheduleId: t.schedules.id,
          roundId: sql<number | null>`(${db
            .select({ id: t.rounds.id })
            .from(t.rounds)
            .where(and(eq(t.rounds.scheduleId, t.schedules.id), isNotNull(t.rounds.localDate), or(isNotNull(t.rounds.revealedAt), lte(t.rounds.revealAt, P("now")))))
            .orderBy(desc(t.rounds.localDate))
            .limit(1)})`,
        })
        .from(t.schedules)
        .where(eq(t.schedules.groupId, P("groupId")))
        .orderBy(asc(t.schedules.id))
        .prepare(),
    answersOf: () => db.select({ n: count() }).from(t.answers).where(eq(t.answers.memberId, P("memberId"))).prepare(),
    practiceOf: () => db.select({ n: count() }).from(t.practiceRounds).where(eq(t.practiceRounds.memberId, P("memberId"))).prepare(),
    reviewsOf: () => db.select({ n: count() }).from(t.reviewCards).where(eq(t.reviewCards.memberId, P("memberId"))).prepare(),
    deleteMember: () => db.delete(t.members).where(eq(t.members.id, P("memberId"))).prepare(),
  });

  const exportAnswers = (groupId: number, w: AnswerWindow) => {
    switch (w.kind) {
      case "all":
        return s.exportAll.all({ groupId });
      case "week":
        return s.exportWeek.all({ groupId, key: w.key });
      case "month":
        return s.exportMonth.all({ groupId, key: w.key });
      case "season":
        return s.exportSeason.all({ groupId, seasonId: w.seasonId });
    }
  };

  return {
    ownQuestionIds: (groupId) => s.ownQuestionIds.all({ groupId }),
    upsertGroupQuestion: (q) => s.upsertGroupQuestion.run(q),
    groupQuestionsOf: (groupId) => s.groupQuestionsOf.all({ groupId }),
    deleteGroupQuestion: (groupId, questionId) => s.deleteGroupQuestion.run({ groupId, questionId }).changes,
    openSeason: (groupId) => s.openSeason.get({ groupId }),
    seasonByName: (groupId, name) => s.seasonByName.get({ groupId, name }),
    seasonsOf: (groupId) => s.seasonsOf.all({ groupId }),
    closeSeason: (id, at) => s.closeSeason.run({ id, at }),
    insertSeason: (groupId, name, at) => s.insertSeason.get({ groupId, name, at }),
    insertOrganiser: (row) => s.insertOrganiser.run(row).changes,
    deleteOrganiser: (groupId, kind, ref) => s.deleteOrganiser.run({ groupId, kind, ref }).changes,
    organisersOf: (groupId) => s.organisersOf.all({ groupId }),
    nextQuestionOf: (scheduleId) => s.nextQuestionOf.get({ scheduleId }),
    upsertNextQuestion: (scheduleId, questionId, at) => s.upsertNextQuestion.run({ scheduleId, questionId, at }),
    deleteNextQuestion: (scheduleId, questionId) => s.deleteNextQuestion.run({ scheduleId, questionId }),
    exportAnswers,
    allGroups: () => s.allGroups.all(),
    closedRoundsBySchedule: (groupId, now) => s.closedRoundsBySchedule.all({ groupId, now }),
    memberFootprint: (memberId) => ({
      answers: s.answersOf.get({ memberId })?.n ?? 0,
      practice: s.practiceOf.get({ memberId })?.n ?? 0,
      reviews: s.reviewsOf.get({ memberId })?.n ?? 0,
    }),
    deleteMember: (memberId) => s.deleteMember.run({ memberId }),
  };
}
