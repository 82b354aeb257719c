// The storage the core depends on, split by role; src/db implements all of them (SQLite by default). Every
// method is async so that a networked database can implement it without touching the core, and every
// exactly-once guarantee rests on a unique constraint in the database, never on an in-process lock, so several
// processes may share one database.
import type { GroupRef } from "../cards.js";
import type { DeliveryStore } from "./delivery.js";
import type { InstallationStore } from "./installations.js";
import type { Locale } from "../locale.js";
import type { ScoringSettings } from "../rounds/scoring.js";
import type { OrganiserStore } from "./organiser.js";
import type {
  AnswerInput,
  AnswerRecord,
  GroupRow,
  HistoryRow,
  MemberRow,
  NewRound,
  PeriodKey,
  PracticeRow,
  RoundRow,
  RoundSummary,
  ScheduleFields,
  ScheduleRow,
  Scorer,
  ScoreRow,
  StreakView,
} from "./rows.js";
import type { DigestStore } from "./digest.js";

import type { PickStore, ReviewScheduler, ReviewStore } from "./review.js";

export * from "./rows.js";
export type { InstallationRow, InstallationStore } from "./installations.js";
export * from "./organiser.js";
export * from "./digest.js";
export * from "./review.js";
export type { DeliveryState, DeliveryStep, DeliveryStore, PauseReason, PostState, RevealState } from "./delivery.js";

export interface MemberInput {
  userId: string;
  displayName: string;
  locale?: string | null;
}

export interface GroupStore {
  ensureGroup(ref: GroupRef, defaults: { timezone: string }): Promise<GroupRow>;
  findGroup(ref: GroupRef): Promise<GroupRow | null>;
  groupById(id: number): Promise<GroupRow | null>;
  updateGroup(id: number, patch: { locale?: Locale | null; timezone?: string; scoring?: ScoringSettings }): Promise<GroupRow>;
  ensureMember(groupId: number, member: MemberInput): Promise<MemberRow>;
  findMember(groupId: number, userId: string): Promise<MemberRow | null>;
}

export interface ScheduleStore {
  /** creates or replaces the channel's schedule of that name (reactivating it); `paused` defaults to false; `at` = now */
  upsertSchedule(groupId: number, channelId: string, name: string, fields: ScheduleFields, opts: { paused?: boolean; at: Date }): Promise<ScheduleRow>;
  /** false when the channel has no active schedule of that name */
  deactivateSchedule(groupId: number, channelId: string, name: string, at: Date): Promise<boolean>;
  findSchedule(groupId: number, channelId: string, name: string): Promise<ScheduleRow | null>;
  scheduleById(id: number): Promise<ScheduleRow | null>;
  /** every schedule of the group (inactive ones too), by channel then name */
  listSchedules(groupId: number): Promise<ScheduleRow[]>;
  /** active, unpaused schedules of groups on these platforms */
  activeSchedules(platforms: string[]): Promise<Array<{ schedule: ScheduleRow; group: GroupRow }>>;
  markScheduleRun(scheduleId: number, localDate: string, at: Date): Promise<void>;
}

export interface RoundStore {
  /**
   * Inserts the round. For a scheduled round the unique key (schedule, local date) decides: null means
   * another fire, restart or process already claimed that day.
   */
  claimRound(round: NewRound): Promise<RoundRow | null>;
  roundById(id: number): Promise<RoundRow | null>;
  /** open (unrevealed) rounds of a group, newest first; optionally of one channel */
  openRounds(groupId: number, channelId?: string): Promise<RoundRow[]>;
  /** unrevealed rounds whose reveal time has passed, of groups on these platforms */
  dueReveals(now: Date, platforms: string[]): Promise<RoundRow[]>;
  /**
   * Marks the round revealed and counts its answers into the leaderboard's score rows, in one transaction, its
   * reveal pending until `leaseUntil` (the caller edits the card meanwhile); false when it already was revealed
   * (so only one caller, in any process, edits the card).
   */
  markRevealed(roundId: number, at: Date, leaseUntil?: Date): Promise<boolean>;
  roundSummary(roundId: number, fastest: number): Promise<RoundSummary>;
  /** how many rounds of the channel used each question (for no-repeat picking) */
  questionUse(groupId: number, channelId: string): Promise<Map<string, number>>;
  /** the channel's revealed rounds, newest reveal first, with the group's counts and the member's own choice */
  revealedRounds(groupId: number, channelId: string, memberId: number | null, limit: number): Promise<HistoryRow[]>;
  /** one transaction each; committed before the promise resolves; the first answer of a member counts */
  recordAnswer(input: AnswerInput, scorer: Scorer): Promise<AnswerRecord>;
}

export interface ScoreStore {
  topScores(groupId: number, period: PeriodKey, topic: string | null, limit: number): Promise<ScoreRow[]>;
  memberScore(groupId: number, period: PeriodKey, topic: string | null, memberId: number): Promise<ScoreRow | null>;
  memberTopics(groupId: number, memberId: number): Promise<Array<{ topic: string; answered: number; correct: number; points: number }>>;
  /** current (best over the group's schedules) and best streaks of members */
  streaks(groupId: number, memberIds: number[], now: Date): Promise<Map<number, StreakView>>;
}

export interface PracticeStore {
  openPractice(p: Omit<PracticeRow, "id" | "answeredAt" | "choice">): Promise<PracticeRow>;
  practiceById(id: number): Promise<PracticeRow | null>;
  /** records the practice answer once and moves the member's card for the question in the same transaction */
  answerPractice(id: number, choice: number, now: Date, schedule: ReviewScheduler): Promise<{ row: PracticeRow; first: boolean }>;
}

/** Everything the core needs from storage. */
export interface Store
  extends GroupStore, ScheduleStore, RoundStore, ScoreStore, PracticeStore, DigestStore, ReviewStore, PickStore, DeliveryStore, OrganiserStore, InstallationStore {}
