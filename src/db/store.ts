// The storage interface the core uses. Every method is async so that a networked database (PostgreSQL
// through drizzle's node-postgres driver) can implement it without touching the core; the SQLite
// implementation (./sqlite-store.ts) answers synchronously inside. Every exactly-once guarantee is a unique
// constraint in the database, never an in-process lock, so several processes may share one database.
import type { GroupRef, MessageRef } from "../core/cards.js";
import type { Locale } from "../config.js";

export interface ScoringSettings {
  /** points for a correct answer (default 10) */
  pointsCorrect: number;
  /** bonus for each of the first `fastBonusCount` correct answerers of a round (default +5 for 3) */
  fastBonus: number;
  fastBonusCount: number;
  /** every `streakEvery`-th consecutive correct scheduled round adds `streakBonus` (default every 5th, +5) */
  streakEvery: number;
  streakBonus: number;
}

export const DEFAULT_SCORING: ScoringSettings = { pointsCorrect: 10, fastBonus: 5, fastBonusCount: 3, streakEvery: 5, streakBonus: 5 };

export interface GroupRow {
  id: number;
  platform: string;
  externalId: string;
  /** the group's language; null = each member's own locale, else DEFAULT_LOCALE */
  locale: Locale | null;
  /** IANA time zone for weeks, months and new schedules */
  timezone: string;
  scoring: ScoringSettings;
}

export interface MemberRow {
  id: number;
  groupId: number;
  userId: string;
  displayName: string;
  locale: string | null;
}

export interface ScheduleRow {
  id: number;
  groupId: number;
  channelId: string;
  /** "HH:MM", local to `timezone` */
  time: string;
  /** 0 = Sunday … 6 = Saturday, ascending */
  weekdays: number[];
  timezone: string;
  /** topic keys; empty = every topic */
  topics: string[];
  revealAfterMinutes: number;
  instantFeedback: boolean;
  paused: boolean;
  /** false after `unschedule` (the row is kept so the channel's history and its day keys stay stable) */
  active: boolean;
  /** local date of the last day posted, and when */
  lastRunDate: string | null;
  lastRunAt: Date | null;
  /** when it was last created or changed: a day whose time had already passed then is not posted */
  updatedAt: Date;
}

/** What an organiser sets for a channel's schedule. */
export type ScheduleFields = Pick<ScheduleRow, "time" | "weekdays" | "timezone" | "topics" | "revealAfterMinutes" | "instantFeedback">;

export interface RoundRow {
  id: number;
  groupId: number;
  /** null for an ad hoc round (post-now) */
  scheduleId: number | null;
  channelId: string;
  questionId: string;
  questionHash: string;
  topic: string;
  /** stored with the round so a later edit of the question file does not rewrite history */
  correctIndex: number;
  choiceCount: number;
  /** local date of a scheduled round (the day key); null for ad hoc rounds */
  localDate: string | null;
  openedAt: Date;
  revealAt: Date;
  revealedAt: Date | null;
  instantFeedback: boolean;
  message: MessageRef | null;
}

/** A round as the scheduler or post-now opens it: not yet revealed, not yet posted. */
export type NewRound = Omit<RoundRow, "id" | "revealedAt" | "message">;

/** What the store knows when an answer is recorded; the core's scoring rules turn it into points. */
export interface ScoreContext {
  correct: boolean;
  /** this correct answer took one of the round's fast-answer bonuses (the first `fastSlots` correct answers) */
  fast: boolean;
  /** scheduled rounds build streaks; ad hoc rounds score points only */
  scheduled: boolean;
  /**
   * the member's streak after their answer to the channel's previous scheduled round (0 when that round was
   * missed or answered wrong, or there was none) — so a day without a scheduled round never breaks a streak
   */
  previousStreak: number;
}

export interface ScoreDecision {
  points: number;
  /** the member's streak after this answer (0 for a wrong answer or an ad hoc round) */
  streak: number;
}

export type Scorer = (ctx: ScoreContext) => ScoreDecision;

export interface AnswerInput {
  roundId: number;
  groupId: number;
  member: { userId: string; displayName: string; locale?: string | null };
  choice: number;
  now: Date;
  /** how many correct answers of a round earn the fast-answer bonus (the group's fastBonusCount) */
  fastSlots: number;
  /** period keys of `now` in the group's time zone: week = its Monday "YYYY-MM-DD", month = "YYYY-MM" */
  weekKey: string;
  monthKey: string;
}

export type AnswerRecord =
  | { kind: "recorded"; answerId: number; choice: number; correct: boolean; points: number; round: RoundRow }
  | { kind: "duplicate"; answerId: number; choice: number; correct: boolean; points: number; round: RoundRow }
  | { kind: "closed"; round: RoundRow }
  | { kind: "unknown_round" }
  | { kind: "invalid_choice"; round: RoundRow };

export interface RoundSummary {
  counts: number[];
  answered: number;
  fastestCorrect: Array<{ userId: string; displayName: string; answeredAt: Date }>;
}

/** One window of the leaderboard: "all", "w:YYYY-MM-DD" (its Monday), "m:YYYY-MM". */
export type PeriodKey = string;

export interface ScoreRow {
  memberId: number;
  userId: string;
  displayName: string;
  points: number;
  answered: number;
  correct: number;
  rank: number;
}

export interface StreakView {
  memberId: number;
  /**
   * the streak at the channel's latest closed scheduled round (0 when it was missed or wrong); an open
   * round counts once it closes, so a streak never gives away an answer before the reveal
   */
  current: number;
  best: number;
}

export interface PracticeRow {
  id: number;
  memberId: number;
  questionId: string;
  questionHash: string;
  topic: string;
  correctIndex: number;
  choiceCount: number;
  openedAt: Date;
  answeredAt: Date | null;
  choice: number | null;
}

export interface ReviewRow {
  memberId: number;
  questionId: string;
  dueAt: Date;
  intervalDays: number;
  correctStreak: number;
  lapses: number;
}

export interface Store {
  // groups and members
  ensureGroup(ref: GroupRef, defaults: { timezone: string }): Promise<GroupRow>;
  findGroup(ref: GroupRef): Promise<GroupRow | null>;
  groupById(id: number): Promise<GroupRow | null>;
  updateGroup(id: number, patch: { locale?: Locale | null; timezone?: string; scoring?: ScoringSettings }): Promise<GroupRow>;
  ensureMember(groupId: number, member: { userId: string; displayName: string; locale?: string | null }): Promise<MemberRow>;
  findMember(groupId: number, userId: string): Promise<MemberRow | null>;

  // schedules
  /** creates or replaces the channel's schedule (reactivating it); `paused` defaults to false; `at` = now */
  upsertSchedule(groupId: number, channelId: string, fields: ScheduleFields, opts: { paused?: boolean; at: Date }): Promise<ScheduleRow>;
  deactivateSchedule(groupId: number, channelId: string): Promise<boolean>;
  findSchedule(groupId: number, channelId: string): Promise<ScheduleRow | null>;
  scheduleById(id: number): Promise<ScheduleRow | null>;
  listSchedules(groupId: number): Promise<ScheduleRow[]>;
  /** active, unpaused schedules of groups on these platforms */
  activeSchedules(platforms: string[]): Promise<Array<{ schedule: ScheduleRow; group: GroupRow }>>;
  markScheduleRun(scheduleId: number, localDate: string, at: Date): Promise<void>;

  // rounds
  /**
   * Inserts the round. For a scheduled round, the unique key (schedule, local date) decides: null means
   * another fire, restart or process already claimed that day.
   */
  claimRound(round: NewRound): Promise<RoundRow | null>;
  /** gives up a claim whose card could not be posted, so a later tick may try again */
  releaseRound(roundId: number): Promise<void>;
  /** hands an unposted round back after a failed re-post */
  untakeUnposted(roundId: number): Promise<void>;
  setRoundMessage(roundId: number, ref: MessageRef): Promise<void>;
  /**
   * Open rounds whose card was never posted (the process stopped between claiming the day and posting),
   * claimed at or before `claimedBefore`, of groups on these platforms.
   */
  unpostedRounds(now: Date, claimedBefore: Date, platforms: string[]): Promise<RoundRow[]>;
  /** takes over posting an unposted round; false when another process already did */
  takeUnposted(roundId: number): Promise<boolean>;
  roundById(id: number): Promise<RoundRow | null>;
  /** open (unrevealed) rounds of a group, newest first; optionally of one channel */
  openRounds(groupId: number, channelId?: string): Promise<RoundRow[]>;
  /** unrevealed rounds whose reveal time has passed, of groups on these platforms */
  dueReveals(now: Date, platforms: string[]): Promise<RoundRow[]>;
  /**
   * Marks the round revealed and counts its answers into the leaderboard's score rows, in one transaction;
   * false when it already was revealed (so only one caller, in any process, edits the card).
   */
  markRevealed(roundId: number, at: Date): Promise<boolean>;
  roundSummary(roundId: number, fastest: number): Promise<RoundSummary>;
  /** how many rounds of the channel used each question (for no-repeat picking) */
  questionUse(groupId: number, channelId: string): Promise<Map<string, number>>;

  // answers (one transaction each; committed before the promise resolves)
  recordAnswer(input: AnswerInput, scorer: Scorer): Promise<AnswerRecord>;

  // leaderboards and stats
  topScores(groupId: number, period: PeriodKey, topic: string | null, limit: number): Promise<ScoreRow[]>;
  memberScore(groupId: number, period: PeriodKey, topic: string | null, memberId: number): Promise<ScoreRow | null>;
  memberTopics(groupId: number, memberId: number): Promise<Array<{ topic: string; answered: number; correct: number; points: number }>>;
  /** current (best over the group's channels) and best streaks of members */
  streaks(groupId: number, memberIds: number[], now: Date): Promise<Map<number, StreakView>>;

  // practice
  openPractice(p: Omit<PracticeRow, "id" | "answeredAt" | "choice">): Promise<PracticeRow>;
  practiceById(id: number): Promise<PracticeRow | null>;
  /** records the practice answer once and updates the review queue in the same transaction */
  answerPractice(id: number, choice: number, now: Date, review: (prev: ReviewRow | null, correct: boolean) => Omit<ReviewRow, "memberId" | "questionId">): Promise<{ row: PracticeRow; first: boolean }>;
  dueReviews(memberId: number, now: Date): Promise<ReviewRow[]>;
  reviewedQuestionIds(memberId: number): Promise<Set<string>>;

  /** recomputes every score row from the stored answers of revealed rounds */
  rebuildScores(): Promise<void>;

  /** a consistent copy of the database while it is in use */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}
