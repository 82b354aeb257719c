// What the weekly digest, the reveal reminders and the discussion threads need from storage. Each exactly-once rule
// is a unique key: one digest per (group, channel, week), one reminder per round, one thread per round.
import type { MessageRef } from "../cards.js";
import type { RoundRow } from "./rows.js";

/** A schedule's settings for the digest, the reminder and the thread (columns of the schedule). */
export interface ScheduleExtras {
  /** the weekly digest: weekday (0 = Sunday) and "HH:MM" in the schedule's time zone; null = no digest */
  digest: { weekday: number; time: string } | null;
  /** minutes before the reveal when the card shows the time left; null = no reminder */
  reminderMinutes: number | null;
  /** who the reminder mentions, as the platform writes a mention; null = nobody */
  reminderMention: string | null;
  /** a discussion thread on each card */
  thread: boolean;
}

export const DEFAULT_SCHEDULE_EXTRAS: ScheduleExtras = { digest: { weekday: 0, time: "20:00" }, reminderMinutes: null, reminderMention: null, thread: false };

/** One revealed round of a channel's week, with how the group answered it. */
export interface WeekRoundRow {
  roundId: number;
  questionId: string;
  topic: string;
  correctIndex: number;
  /** the schedule's day key, null for a round posted on demand */
  localDate: string | null;
  openedAt: Date;
  answered: number;
  correct: number;
}

/** A member whose streak reached a multiple of the group's streak step during the week. */
export interface MilestoneRow {
  memberId: number;
  userId: string;
  displayName: string;
  /** the highest such streak of the week */
  streak: number;
}

/** An open round whose reminder time has come, with its schedule's reminder settings. */
export interface DueReminder {
  round: RoundRow;
  minutes: number;
  mention: string | null;
}

export interface DigestStore {
  /** the channel's revealed rounds opened in [from, to), oldest first, with their answer counts */
  weekRounds(groupId: number, channelId: string, from: Date, to: Date): Promise<WeekRoundRow[]>;
  /**
   * Members whose streak reached a multiple of `every` in the channel's revealed rounds opened in [from, to),
   * highest first (at most `limit`).
   */
  streakMilestones(groupId: number, channelId: string, from: Date, to: Date, every: number, limit: number): Promise<MilestoneRow[]>;
  /**
   * Claims the channel's digest of a week: true for exactly one caller across processes. A claim that was never
   * finished (its process stopped before posting) is taken over when it was made at or before `staleBefore`.
   */
  claimDigest(groupId: number, channelId: string, weekKey: string, now: Date, staleBefore: Date): Promise<boolean>;
  /** records the digest as done: posted as `ref`, or null when the week had nothing to show */
  finishDigest(groupId: number, channelId: string, weekKey: string, at: Date, ref: MessageRef | null): Promise<void>;
  /** gives an unfinished claim back, so a later sweep tries again */
  releaseDigest(groupId: number, channelId: string, weekKey: string): Promise<void>;
  /** whether the channel's digest of that week is done */
  digestDone(groupId: number, channelId: string, weekKey: string): Promise<boolean>;

  /**
   * Posted, open rounds of groups on these platforms whose schedule asks for a reminder that is due at `now` (its
   * minutes before the reveal have come, the reveal has not) and not yet claimed.
   */
  dueReminders(now: Date, platforms: string[]): Promise<DueReminder[]>;
  /** claims the round's reminder: true once, and only while the round is unrevealed and its reveal is after `now` */
  claimReminder(roundId: number, now: Date): Promise<boolean>;
  finishReminder(roundId: number, at: Date): Promise<void>;
  /** gives an unsent reminder back (its edit failed), so a later sweep may try again while the round is open */
  releaseReminder(roundId: number): Promise<void>;

  /** records the thread started on a round's card (the first one stands) */
  setRoundThread(roundId: number, threadId: string, at: Date): Promise<void>;
  roundThread(roundId: number): Promise<string | null>;
}
