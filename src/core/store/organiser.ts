// The storage the organiser tools need: a group's own questions, its seasons, its delegated organisers, the
// question a schedule posts next, the rows an export reads, and forgetting a member. src/db implements it on both
// dialects; every exactly-once rule is a key in the database (one open season per group, one organiser entry per
// member or role, one queued question per schedule).
import type { QuestionContent } from "../questions/types.js";
import type { GroupRow, PeriodKey } from "./rows.js";

/** A question a group imported: its content as the organiser wrote it, under the organiser's own id. */
export interface GroupQuestionRow {
  groupId: number;
  /** the organiser's id (kebab-case), unique within the group */
  questionId: string;
  content: QuestionContent;
  hash: string;
  /** the file it came from and the line of its item */
  file: string;
  line: number;
  importedAt: Date;
}

export type NewGroupQuestion = Omit<GroupQuestionRow, "groupId" | "importedAt">;

export interface SeasonRow {
  id: number;
  groupId: number;
  name: string;
  startedAt: Date;
  /** null while it is the group's current season */
  endedAt: Date | null;
}

export type OrganiserKind = "member" | "role";

export interface OrganiserRow {
  groupId: number;
  kind: OrganiserKind;
  /** the platform's user id or role id */
  ref: string;
  addedAt: Date;
}

/** One answer as an export lists it. */
export interface ExportAnswerRow {
  answeredAt: Date;
  userId: string;
  displayName: string;
  roundId: number;
  channelId: string;
  questionId: string;
  topic: string;
  choice: number;
  correct: boolean;
  points: number;
  streak: number;
}

/** What forgetting a member removed. */
export interface ForgetCounts {
  answers: number;
  practice: number;
  reviews: number;
  organiser: number;
}

/** A member's streak in one schedule: their answer to its latest closed scheduled round carries it. */
export interface ScheduleStreak {
  scheduleId: number;
  current: number;
}

export interface OrganiserStore {
  /** adds the questions or replaces those with the same id, in one transaction */
  saveGroupQuestions(groupId: number, questions: NewGroupQuestion[], at: Date): Promise<{ added: number; replaced: number }>;
  /** the group's questions, by id */
  groupQuestions(groupId: number): Promise<GroupQuestionRow[]>;
  /** false when the group has no question with that id */
  removeGroupQuestion(groupId: number, questionId: string): Promise<boolean>;

  /**
   * Closes the group's current season (if any) and opens `name`, in one transaction; null when the group already
   * had a season of that name (nothing changes then).
   */
  startSeason(groupId: number, name: string, at: Date): Promise<{ season: SeasonRow; closed: SeasonRow | null } | null>;
  currentSeason(groupId: number): Promise<SeasonRow | null>;
  seasonByName(groupId: number, name: string): Promise<SeasonRow | null>;
  /** newest first */
  seasons(groupId: number): Promise<SeasonRow[]>;

  /** false when it was there already */
  addOrganiser(groupId: number, kind: OrganiserKind, ref: string, at: Date): Promise<boolean>;
  /** false when it was not there */
  removeOrganiser(groupId: number, kind: OrganiserKind, ref: string): Promise<boolean>;
  organisers(groupId: number): Promise<OrganiserRow[]>;
  /** whether the user, or one of the roles they hold, was made an organiser of the group */
  isDelegatedOrganiser(groupId: number, userId: string, roles: readonly string[]): Promise<boolean>;

  /** the question queued for the schedule's next round, null when none is */
  nextQuestion(scheduleId: number): Promise<string | null>;
  setNextQuestion(scheduleId: number, questionId: string, at: Date): Promise<void>;
  /** removes the queued question when it is `questionId` (the round that used it was posted) */
  clearNextQuestion(scheduleId: number, questionId: string): Promise<void>;

  /** the group's answers in a window ("all", "w:…", "m:…", "s:<season id>"), oldest first; forgotten members' left out */
  exportAnswers(groupId: number, period: PeriodKey): Promise<ExportAnswerRow[]>;
  /** every group, by id (the command line picks one) */
  listGroups(): Promise<GroupRow[]>;
  /** the member's current streak in each of the group's schedules */
  scheduleStreaks(groupId: number, memberId: number, now: Date): Promise<ScheduleStreak[]>;

  /**
   * Deletes what is stored about the member (their member row, scores, practice, reviews, organiser entry) in one
   * transaction; their answers stay as anonymous counts of the rounds. null when the group has no such member.
   */
  forgetMember(groupId: number, userId: string): Promise<ForgetCounts | null>;
}
