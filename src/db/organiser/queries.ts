// The organiser tools' statements (a group's questions, seasons, delegated organisers, the queued next question,
// exports, forgetting a member), one method each, implemented per dialect (../sqlite/organiser.ts,
// ../pg/organiser.ts) and part of `Queries`, so they run on the pool or inside a store transaction alike.
import type { ExportAnswerRow } from "../../core/store/index.js";
import type { Got } from "../queries.js";
import type { GroupQuestionRecord, GroupRecord, NewGroupQuestionRecord, OrganiserRecord, SeasonRecord } from "../records.js";

/** An export's answer as the statement returns it: the core's row, with the time in epoch ms. */
export type ExportAnswerLine = Omit<ExportAnswerRow, "answeredAt"> & { answeredAt: number };

/** How an export window names its answers: every one, a week or month key, or a season id. */
export type AnswerWindow = { kind: "all" } | { kind: "week" | "month"; key: string } | { kind: "season"; seasonId: number };

export interface OrganiserQueries {
  ownQuestionIds(groupId: number): Got<Array<{ questionId: string }>>;
  upsertGroupQuestion(question: NewGroupQuestionRecord): Got<unknown>;
  groupQuestionsOf(groupId: number): Got<GroupQuestionRecord[]>;
  deleteGroupQuestion(groupId: number, questionId: string): Got<number>;

  openSeason(groupId: number): Got<SeasonRecord | undefined>;
  seasonByName(groupId: number, name: string): Got<SeasonRecord | undefined>;
  seasonsOf(groupId: number): Got<SeasonRecord[]>;
  closeSeason(id: number, at: number): Got<unknown>;
  /** undefined when the group has a season of that name (or, racing, another open season) */
  insertSeason(groupId: number, name: string, at: number): Got<SeasonRecord | undefined>;

  insertOrganiser(row: OrganiserRecord): Got<number>;
  deleteOrganiser(groupId: number, kind: string, ref: string): Got<number>;
  organisersOf(groupId: number): Got<OrganiserRecord[]>;

  nextQuestionOf(scheduleId: number): Got<{ questionId: string } | undefined>;
  upsertNextQuestion(scheduleId: number, questionId: string, at: number): Got<unknown>;
  deleteNextQuestion(scheduleId: number, questionId: string): Got<unknown>;

  exportAnswers(groupId: number, window: AnswerWindow): Got<ExportAnswerLine[]>;
  allGroups(): Got<GroupRecord[]>;
  /** each of the group's schedules with its latest closed scheduled round (null when none) */
  closedRoundsBySchedule(groupId: number, now: number): Got<Array<{ scheduleId: number; roundId: number | null }>>;

  /** how many answers, practice questions and reviews the member has */
  memberFootprint(memberId: number): Got<{ answers: number; practice: number; reviews: number }>;
  /** deletes the member row: scores, practice and reviews go with it, answers stay without it */
  deleteMember(memberId: number): Got<unknown>;
}
