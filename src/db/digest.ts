// Storage for the weekly digest, the reveal reminders and the discussion threads: the statements each dialect
// implements (sqlite/digest.ts, pg/digest.ts, spread into its Queries) and the store methods around them, written
// once. The claims are unique keys (a digest per group, channel and week; a reminder per round) or conditional
// writes, so they hold across processes.
import { sql, type SQL } from "drizzle-orm";
import type { MessageRef } from "../core/cards.js";
import type { DigestStore, DueReminder, MilestoneRow, WeekRoundRow } from "../core/store/index.js";
import type { Got } from "./queries.js";
import { toRound, type RoundRecord } from "./records.js";
import type { Backend } from "./store.js";

export interface WeekRoundLine {
  roundId: number;
  questionId: string;
  topic: string;
  correctIndex: number;
  localDate: string | null;
  openedAt: number;
  answered: number;
  correct: number;
}

/** Statements that report how many rows they changed return that count. */
export interface DigestQueries {
  weekRounds(groupId: number, channelId: string, from: number, to: number): Got<WeekRoundLine[]>;
  streakMilestones(groupId: number, channelId: string, from: number, to: number, every: number, limit: number): Got<MilestoneRow[]>;
  /** 1 when this call inserted the week's claim, 0 when it exists */
  insertDigestClaim(groupId: number, channelId: string, weekKey: string, at: number): Got<number>;
  /** takes over an unfinished claim made at or before `staleBefore` */
  retakeDigestClaim(groupId: number, channelId: string, weekKey: string, at: number, staleBefore: number): Got<number>;
  finishDigest(groupId: number, channelId: string, weekKey: string, at: number, messageChannelId: string | null, messageId: string | null): Got<unknown>;
  /** deletes the week's claim while it is unfinished */
  deleteDigestClaim(groupId: number, channelId: string, weekKey: string): Got<unknown>;
  digestPostedAt(groupId: number, channelId: string, weekKey: string): Got<{ postedAt: number | null } | undefined>;
  dueReminders(now: number, platforms: string[]): Got<Array<{ round: RoundRecord; minutes: number | null; mention: string | null }>>;
  /** inserts the round's reminder claim while the round is unrevealed and its reveal after `now`; 1 when it did */
  claimReminder(roundId: number, now: number): Got<number>;
  finishReminder(roundId: number, at: number): Got<unknown>;
  /** deletes the round's reminder claim while it is unsent */
  releaseReminder(roundId: number): Got<unknown>;
  insertRoundThread(roundId: number, threadId: string, at: number): Got<unknown>;
  roundThread(roundId: number): Got<{ threadId: string } | undefined>;
}

/** The claim of a reminder, one statement in both dialects: a row only for an open round whose reveal is ahead. */
export function claimReminderSql(roundId: number, now: number): SQL {
  return sql`INSERT INTO round_reminders (round_id, claimed_at)
    SELECT id, ${now} FROM rounds WHERE id = ${roundId} AND revealed_at IS NULL AND reveal_at > ${now}
    ON CONFLICT (round_id) DO NOTHING`;
}

/** The store's digest, reminder and thread methods; DrizzleStore inherits them. */
export class DrizzleDigestStore implements DigestStore {
  constructor(private readonly digestBackend: Backend) {}

  async weekRounds(groupId: number, channelId: string, from: Date, to: Date): Promise<WeekRoundRow[]> {
    return (await this.digestBackend.q.weekRounds(groupId, channelId, from.getTime(), to.getTime())).map((r) => ({ ...r, openedAt: new Date(r.openedAt) }));
  }

  async streakMilestones(groupId: number, channelId: string, from: Date, to: Date, every: number, limit: number): Promise<MilestoneRow[]> {
    if (!Number.isInteger(every) || every <= 0 || limit <= 0) return [];
    return this.digestBackend.q.streakMilestones(groupId, channelId, from.getTime(), to.getTime(), every, limit);
  }

  async claimDigest(groupId: number, channelId: string, weekKey: string, now: Date, staleBefore: Date): Promise<boolean> {
    const q = this.digestBackend.q;
    if ((await q.insertDigestClaim(groupId, channelId, weekKey, now.getTime())) > 0) return true;
    return (await q.retakeDigestClaim(groupId, channelId, weekKey, now.getTime(), staleBefore.getTime())) > 0;
  }

  async finishDigest(groupId: number, channelId: string, weekKey: string, at: Date, ref: MessageRef | null): Promise<void> {
    await this.digestBackend.q.finishDigest(groupId, channelId, weekKey, at.getTime(), ref?.channelId ?? null, ref?.messageId ?? null);
  }

  async releaseDigest(groupId: number, channelId: string, weekKey: string): Promise<void> {
    await this.digestBackend.q.deleteDigestClaim(groupId, channelId, weekKey);
  }

  async digestDone(groupId: number, channelId: string, weekKey: string): Promise<boolean> {
    const row = await this.digestBackend.q.digestPostedAt(groupId, channelId, weekKey);
    return row !== undefined && row.postedAt !== null;
  }

  async dueReminders(now: Date, platforms: string[]): Promise<DueReminder[]> {
    if (platforms.length === 0) return [];
    return (await this.digestBackend.q.dueReminders(now.getTime(), platforms)).flatMap((r) => (r.minutes === null ? [] : [{ round: toRound(r.round), minutes: r.minutes, mention: r.mention }]));
  }

  async claimReminder(roundId: number, now: Date): Promise<boolean> {
    return (await this.digestBackend.q.claimReminder(roundId, now.getTime())) > 0;
  }

  async finishReminder(roundId: number, at: Date): Promise<void> {
    await this.digestBackend.q.finishReminder(roundId, at.getTime());
  }

  async releaseReminder(roundId: number): Promise<void> {
    await this.digestBackend.q.releaseReminder(roundId);
  }

  async setRoundThread(roundId: number, threadId: string, at: Date): Promise<void> {
    await this.digestBackend.q.insertRoundThread(roundId, threadId, at.getTime());
  }

  async roundThread(roundId: number): Promise<string | null> {
    return (await this.digestBackend.q.roundThread(roundId))?.threadId ?? null;
  }
}
