// The rows the core reads from storage, as plain data. src/db maps its tables to these (through drizzle's
// inferred row types, so a renamed column is a type error there, not a wrong value here).
import type { Locale } from "../locale.js";
import type { MessageRef } from "../cards.js";
import type { ScoringSettings } from "../rounds/scoring.js";
import type { ScheduleExtras } from "./digest.js";
import type { DeliveryState, PauseReason } from "./delivery.js";

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

/** The name a schedule gets when the organiser gives none. */
export const DEFAULT_SCHEDULE_NAME = "daily";

export interface ScheduleRow extends ScheduleExtras {
  id: number;
  groupId: number;
  channelId: string;
  /** unique within its channel ("daily" unless the organiser names it) */
  name: string;
  /** "HH:MM", local to `timezone` */
  time: string;
  /** 0 = Sunday … 6 = Saturday, ascending */
  weekdays: number[];
  timezone: string;
  /** topic keys; empty = every topic */
  topics: string[];
  revealAfterMinutes: number;
  instantFeedback: boolean;
  /** how the daily question is chosen (src/core/review/pick.ts) */
  pick: PickMode;
  paused: boolean;
  /** false after `unschedule` (the row is kept so the channel's history and its day keys stay stable) */
  active: boolean;
  /** local date of the last day posted, and when */
  lastRunDate: string | null;
  lastRunAt: Date | null;
  /** when it was last created or changed: a day whose time had already passed then is not posted */
  updatedAt: Date;
  /** set when the bot paused it itself because its channel failed for good; null otherwise */
  pause: PauseReason | null;
}

/** How a schedule picks its daily question: unseen and weak topics first, or uniformly among the least used. */
export const PICK_MODES = ["adaptive", "random"] as const;
export type PickMode = (typeof PICK_MODES)[number];

/**
 * What an organiser sets for a schedule: `pick` is "adaptive" unless given; the digest, reminder and thread settings
 * default as DEFAULT_SCHEDULE_EXTRAS.
 */
export type ScheduleFields = Pick<ScheduleRow, "time" | "weekdays" | "timezone" | "topics" | "revealAfterMinutes" | "instantFeedback"> & Partial<ScheduleExtras> & { pick?: PickMode };

export interface RoundRow {
  id: number;
  groupId: number;
  /** the schedule the round belongs to (its topics and reveal delay); null for a round of no schedule */
  scheduleId: number | null;
  channelId: string;
  questionId: string;
  questionHash: string;
  topic: string;
  /** stored with the round so a later edit of the question file does not rewrite history */
  correctIndex: number;
  choiceCount: number;
  /**
   * the day key ("YYYY-MM-DD" in the schedule's time zone) of a scheduled round; null for a round posted on
   * demand (post-now), which scores points but is outside the schedule's streak
   */
  localDate: string | null;
  openedAt: Date;
  revealAt: Date;
  revealedAt: Date | null;
  instantFeedback: boolean;
  /** the group's season when the round was opened (its answers count on that season's board); null: none */
  seasonId: number | null;
  message: MessageRef | null;
  /** where its post and its reveal are (pending until the platform confirmed them) */
  delivery: DeliveryState;
}

/**
 * A round as the scheduler or post-now opens it: not yet revealed, its post pending. `leaseUntil`: until when the
 * claiming process posts it alone; after that another process may (default: DELIVERY_LEASE_MS after openedAt).
 */
export type NewRound = Omit<RoundRow, "id" | "revealedAt" | "message" | "delivery" | "seasonId"> & { leaseUntil?: Date; seasonId?: number | null };

/** What the store knows when an answer is recorded; the core's scoring rules turn it into points. */
export interface ScoreContext {
  correct: boolean;
  /** this correct answer took one of the round's fast-answer bonuses (the first `fastSlots` correct answers) */
  fast: boolean;
  /** scheduled rounds build streaks; rounds posted on demand score points only */
  scheduled: boolean;
  /**
   * the member's streak after their answer to the schedule's previous scheduled round (0 when that round was
   * missed or answered wrong, or there was none) — so a day without a scheduled round never breaks a streak
   */
  previousStreak: number;
}

export interface ScoreDecision {
  points: number;
  /** the member's streak after this answer (0 for a wrong answer or a round posted on demand) */
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

/** A revealed round of a channel with how the group did and, when asked for a member, their own answer. */
export interface HistoryRow {
  round: RoundRow;
  answered: number;
  correct: number;
  /** the member's choice, null when they did not answer (or no member was asked about) */
  memberChoice: number | null;
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
   * the streak at the latest closed scheduled round (0 when it was missed or wrong), the best over the group's
   * schedules; an open round counts once it closes, so a streak never gives away an answer before the reveal
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
