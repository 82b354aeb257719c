// The statements the store runs, one method each, implemented once per dialect (sqlite/queries.ts prepares
// them once on its connection; pg/queries.ts runs them on the pool or inside a transaction). Everything the
// store decides around them is written once, in store.ts. A SQLite statement returns its result at once, a
// PostgreSQL one a promise of it: `Got`.
import { and, eq, sql, type AnyColumn, type Column, type SQL } from "drizzle-orm";
import type { ScoreRow } from "../core/store/index.js";
import type { OrganiserQueries } from "./organiser/queries.js";
import type { DigestQueries } from "./digest.js";
import type {
  AnswerRecord,
  GroupRecord,
  MemberRecord,
  NewAnswerRecord,
  NewGroupRecord,
  NewMemberRecord,
  NewPracticeRecord,
  NewRoundRecord,
  NewScheduleRecord,
  NewReviewLogRecord,
  PracticeRecord,
  ReviewCardRecord,
  RoundRecord,
  ScheduleRecord,
  InstallationRecord,
} from "./records.js";

export type Got<T> = T | Promise<T>;

export interface AnswerContext {
  round: RoundRecord;
  member: Pick<MemberRecord, "id" | "displayName" | "locale"> | null;
  answer: Pick<AnswerRecord, "id" | "choice" | "correct" | "points"> | null;
  /**
   * For a scheduled round: the member's streak after their correct answer to the schedule's round of the day
   * before it; 0 when that answer was wrong or missing, or there is no such round (or no member yet).
   */
  previousStreak: number;
}

/** a leaderboard row before ranking */
export type ScoreLine = Omit<ScoreRow, "rank">;

/** Statements that report how many rows they changed return that count. */
export interface Queries extends OrganiserQueries, DigestQueries {
  // groups and members
  groupByRef(platform: string, externalId: string): Got<GroupRecord | undefined>;
  groupById(id: number): Got<GroupRecord | undefined>;
  /** the group row, locked against other writers until the transaction ends (for a read-modify-write) */
  groupForUpdate(id: number): Got<GroupRecord | undefined>;
  /** does nothing when the group exists */
  insertGroup(group: NewGroupRecord): Got<unknown>;
  setGroupSettings(id: number, settings: Pick<GroupRecord, "locale" | "timezone" | "scoring">): Got<unknown>;
  memberByUser(groupId: number, userId: string): Got<MemberRecord | undefined>;
  /** inserts the member or updates its name (and its locale when one is given) */
  upsertMember(member: NewMemberRecord): Got<MemberRecord>;

  // schedules
  /** inserts the schedule or replaces the organiser's fields of the channel's schedule of that name */
  upsertSchedule(schedule: NewScheduleRecord): Got<ScheduleRecord>;
  deactivateSchedule(groupId: number, channelId: string, name: string, at: number): Got<number>;
  scheduleByName(groupId: number, channelId: string, name: string): Got<ScheduleRecord | undefined>;
  scheduleById(id: number): Got<ScheduleRecord | undefined>;
  /** by channel, then name */
  schedulesOf(groupId: number): Got<ScheduleRecord[]>;
  /** active, unpaused schedules of groups on these platforms, by id */
  activeSchedules(platforms: string[]): Got<Array<{ schedule: ScheduleRecord; group: GroupRecord }>>;
  markScheduleRun(id: number, localDate: string, at: number): Got<unknown>;

  // rounds
  /** undefined when the schedule's round of that day exists */
  claimRound(round: NewRoundRecord): Got<RoundRecord | undefined>;
  // delivery (rounds' post and reveal states, schedules paused by the bot)
  /** the post confirmed, with its message; nothing left pending */
  markPosted(id: number, channelId: string, messageId: string): Got<unknown>;
  /** the reveal confirmed (with a new message when given); nothing left pending */
  markRevealDelivered(id: number, message: { channelId: string; messageId: string } | null): Got<unknown>;
  retryDelivery(id: number, attempts: number, next: number, kind: string): Got<unknown>;
  /** post and reveal "failed" (the round closed already) */
  failPost(id: number, kind: string, attempts: number): Got<unknown>;
  failReveal(id: number, kind: string, attempts: number): Got<unknown>;
  /** rounds with a pending post or reveal whose next try is due, of groups on these platforms */
  dueDeliveries(now: number, platforms: string[]): Got<RoundRecord[]>;
  /** moves the next try to `until` while it is due at `now`; the count of rounds changed */
  leaseDelivery(id: number, now: number, until: number): Got<number>;
  /** pauses the group's active, running schedules (of one channel, or all) with the bot's reason; the count */
  pauseSchedules(groupId: number, channelId: string | null, kind: string, detail: string | null, at: number): Got<number>;
  takePauseNotices(groupId: number): Got<ScheduleRecord[]>;
  /** writes the health row (a real write transaction) */
  probeWrite(at: number): Got<unknown>;
  roundById(id: number): Got<RoundRecord | undefined>;
  /** unrevealed rounds of the group (of one channel when given), newest first */
  openRounds(groupId: number, channelId: string | undefined): Got<RoundRecord[]>;
  /** unrevealed rounds due at `now` of groups on these platforms, by reveal time */
  dueReveals(now: number, platforms: string[]): Got<RoundRecord[]>;
  /** closes the round (its reveal pending until `leaseUntil`) while it is open; the count of rounds changed */
  markRevealed(id: number, at: number, leaseUntil: number): Got<number>;
  choiceCounts(roundId: number): Got<Array<{ choice: number; n: number }>>;
  fastestCorrect(roundId: number, limit: number): Got<Array<{ userId: string; displayName: string; answeredAt: number }>>;
  /** the channel's revealed rounds, newest reveal first, with their answer counts and the member's choice */
  revealedRounds(groupId: number, channelId: string, memberId: number | null, limit: number): Got<Array<{ round: RoundRecord; answered: number; correct: number; memberChoice: number | null }>>;
  questionUse(groupId: number, channelId: string): Got<Array<{ questionId: string; n: number }>>;
  revealedRoundIds(): Got<Array<{ id: number }>>;

  // answers and scores
  /**
   * What recording an answer starts from: the round, the user's member row in the group, the member's answer to
   * the round (null when there is none) and the streak it continues; undefined when there is no such round.
   */
  answerContext(roundId: number, groupId: number, userId: string): Got<AnswerContext | undefined>;
  answerOf(roundId: number, memberId: number): Got<Pick<AnswerRecord, "id" | "choice" | "correct" | "points" | "streak"> | undefined>;
  /** takes one of the round's fast-answer bonuses while fewer than `slots` are taken */
  takeFastSlot(roundId: number, slots: number): Got<number>;
  /** the answer's id; undefined when the member's answer to the round exists */
  insertAnswer(answer: NewAnswerRecord): Got<{ id: number } | undefined>;
  /**
   * The same for a member whose row must be written first: inserted, or renamed (`knownId`, when the answer's read
   * found the row; another process may have inserted it since, so PostgreSQL upserts either way). One statement where
   * the dialect can.
   */
  insertAnswerSavingMember(member: NewMemberRecord, knownId: number | null, answer: Omit<NewAnswerRecord, "memberId">): Got<{ id: number } | undefined>;
  /** counts a revealed round's answers into the score rows */
  foldScores(roundId: number): Got<unknown>;
  clearScores(): Got<unknown>;
  topScores(groupId: number, period: string, topic: string, limit: number): Got<ScoreLine[]>;
  memberScore(groupId: number, period: string, topic: string, memberId: number): Got<ScoreLine | undefined>;
  /** how many members of the window have more points */
  countAbove(groupId: number, period: string, topic: string, points: number): Got<number>;
  memberTopics(groupId: number, memberId: number): Got<Array<{ topic: string; answered: number; correct: number; points: number }>>;
  /** the latest closed (revealed or past its reveal time) scheduled round of each of the group's schedules */
  closedRounds(groupId: number, now: number): Got<Array<{ id: number | null }>>;
  bestStreak(groupId: number, memberId: number): Got<{ bestStreak: number } | undefined>;

  // practice
  insertPractice(practice: NewPracticeRecord): Got<PracticeRecord>;
  practiceById(id: number): Got<PracticeRecord | undefined>;
  /** records the choice unless the question was answered already */
  answerPractice(id: number, choice: number, at: number): Got<number>;

  // review cards (the learning loop)
  reviewCard(memberId: number, questionId: string): Got<ReviewCardRecord | undefined>;
  upsertReviewCard(card: ReviewCardRecord): Got<unknown>;
  /** the log entry's id; undefined when that answer (member, source, source id) was logged already */
  insertReviewLog(entry: NewReviewLogRecord): Got<{ id: number } | undefined>;
  /** due at or before `until`, most overdue first */
  dueCards(memberId: number, until: number, limit: number): Got<ReviewCardRecord[]>;
  countDue(memberId: number, until: number): Got<number>;
  memberCards(memberId: number): Got<ReviewCardRecord[]>;
  groupCards(groupId: number): Got<ReviewCardRecord[]>;
  reviewsSince(memberId: number, since: number): Got<number>;
  questionTallies(memberId: number): Got<Array<{ questionId: string; answered: number; correct: number }>>;
  /** the round's answers not yet taken into cards */
  pendingRoundAnswers(roundId: number): Got<Array<{ memberId: number; questionId: string; correct: boolean; answeredAt: number; openedAt: number; revealedAt: number | null }>>;
  /** revealed rounds (at or after `since`) of groups on these platforms with answers not yet taken into cards */
  roundsToReview(since: number, platforms: string[]): Got<Array<{ id: number }>>;
  upsertReminder(memberId: number, time: string, at: number): Got<unknown>;
  deleteReminder(memberId: number): Got<unknown>;
  reminderOf(memberId: number): Got<{ time: string } | undefined>;
  reminders(platforms: string[]): Got<
    Array<{ memberId: number; userId: string; memberLocale: string | null; time: string; groupId: number; platform: string; externalId: string; timezone: string; groupLocale: string | null }>
  >;
  /** undefined when that member's day was claimed already */
  claimReviewReminder(memberId: number, localDate: string, at: number): Got<{ memberId: number } | undefined>;

  // the adaptive daily pick
  groupQuestionIds(groupId: number): Got<Array<{ questionId: string }>>;
  revealedSince(groupId: number, channelId: string, since: number): Got<Array<{ questionId: string }>>;
  groupTopicTallies(groupId: number): Got<Array<{ topic: string; answered: number; correct: number }>>;

  // installations (OAuth installs in many workspaces)
  /** inserts, or replaces the workspace's earlier installation */
  upsertInstallation(row: InstallationRecord): Got<unknown>;
  installationByKey(platform: string, key: string): Got<InstallationRecord | undefined>;
  /** the count of rows deleted */
  deleteInstallation(platform: string, key: string): Got<number>;
}

/** A claimed round's columns, each bound by its own name: the prepared insert that claims a round, in both
 * dialects. */
export const CLAIMED_ROUND_VALUES = {
  groupId: sql.placeholder("groupId"),
  scheduleId: sql.placeholder("scheduleId"),
  channelId: sql.placeholder("channelId"),
  questionId: sql.placeholder("questionId"),
  questionHash: sql.placeholder("questionHash"),
  topic: sql.placeholder("topic"),
  correctIndex: sql.placeholder("correctIndex"),
  choiceCount: sql.placeholder("choiceCount"),
  localDate: sql.placeholder("localDate"),
  openedAt: sql.placeholder("openedAt"),
  revealAt: sql.placeholder("revealAt"),
  instantFeedback: sql.placeholder("instantFeedback"),
  seasonId: sql.placeholder("seasonId"),
  postState: sql.placeholder("postState"),
  nextAttemptAt: sql.placeholder("nextAttemptAt"),
};

/**
 * Statements built on first use, once (each dialect's statements that are prepared ahead): opening a database costs
 * nothing per statement, and one not yet migrated can still be opened.
 */
export function lazily<T extends Record<string, () => unknown>>(makers: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const out = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const [key, make] of Object.entries(makers)) {
    Object.defineProperty(out, key, {
      configurable: true,
      get() {
        const value = make();
        Object.defineProperty(out, key, { value });
        return value;
      },
    });
  }
  return out;
}

/** The schedule's digest, reminder and thread columns, which an upsert of the schedule replaces with the rest. */
export const SCHEDULE_EXTRA_COLUMNS = ["digestWeekday", "digestTime", "reminderMinutes", "reminderMention", "thread"] as const;

/** A pause the bot made after a delivery failure: an organiser's upsert of the schedule clears it. */
export const SCHEDULE_PAUSE_COLUMNS = ["pauseReason", "pauseDetail", "pausedAt", "pauseNoticed"] as const;

/** the score rows' topic for every topic together, and their all-time period (the core's PeriodKey "all") */
export const ALL_TOPICS = "*";
export const ALL_TIME = "all";

/** The organiser's fields of a schedule: what an upsert of the channel's schedule of that name replaces. */
export const SCHEDULE_FIELDS = ["time", "weekdays", "timezone", "topics", "revealAfterMinutes", "instantFeedback", "pick", "paused", "active", "updatedAt"] as const;

/** A review card's memory state: what an answer replaces. */
export const CARD_STATE = ["dueAt", "stability", "difficulty", "state", "reps", "lapses", "learningSteps", "scheduledDays", "lastReviewAt"] as const;

/** The review log's `source` for a daily round's answers (ReviewSource "round"). */
export const ROUND_SOURCE = "round";

/** How many log entries were right (rated above Again), as a number in either dialect. */
export function correctReviews(rating: AnyColumn): SQL<number> {
  return sql<number>`count(*) filter (where ${rating} > 1)`.mapWith(Number);
}

/**
 * Joins an answer to the log entry of the same answer (member, "round", round): a null entry id marks an answer
 * not yet taken into its member's card.
 */
export function pendingReview(t: {
  answers: { memberId: AnyColumn; roundId: AnyColumn };
  reviewLog: { memberId: AnyColumn; source: AnyColumn; sourceId: AnyColumn };
}): SQL | undefined {
  return and(eq(t.reviewLog.memberId, t.answers.memberId), eq(t.reviewLog.source, ROUND_SOURCE), eq(t.reviewLog.sourceId, t.answers.roundId));
}

/** The row an upsert proposed (`excluded.<column>`), for ON CONFLICT … DO UPDATE in either dialect. */
export function excluded(column: { name: string }): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}

type Columns<K extends string> = Record<K, Column>;

/** The SET of each upsert, for either dialect's tables (they name their columns alike). */
export const upsertSet = {
  /** a member's name, and their locale unless the new row has none */
  member: (m: Columns<"displayName" | "locale">) => ({ displayName: excluded(m.displayName), locale: sql`coalesce(${excluded(m.locale)}, ${m.locale})` }),
  /** the organiser's fields of a schedule (its digest, reminder and thread settings too), reactivated, unpaused */
  schedule: (s: Columns<(typeof SCHEDULE_FIELDS)[number] | (typeof SCHEDULE_EXTRA_COLUMNS)[number] | (typeof SCHEDULE_PAUSE_COLUMNS)[number]>) =>
    Object.fromEntries([...SCHEDULE_FIELDS, ...SCHEDULE_EXTRA_COLUMNS, ...SCHEDULE_PAUSE_COLUMNS].map((k) => [k, excluded(s[k])])),
  /** a reinstall's sealed secrets and time */
  installation: (i: Columns<"sealed" | "installedAt">) => ({ sealed: excluded(i.sealed), installedAt: excluded(i.installedAt) }),
  /** a review card's whole state */
  card: (c: Columns<(typeof CARD_STATE)[number]>) => Object.fromEntries(CARD_STATE.map((k) => [k, excluded(c[k])])),
};

/**
 * Counts a revealed round's answers into the score rows: every answer lands in six windows (all time, its week,
 * its month; each for every topic together and for its own topic), and two more ("s:<id>") when the round belongs
 * to a season. Answers of forgotten members (no member any more) stay in the round's counts only. One statement for both dialects: it avoids what
 * they spell differently (SQLite's two-argument max() is PostgreSQL's greatest(), and PostgreSQL cannot sum a
 * boolean), and `WHERE true` settles SQLite's parse of INSERT … SELECT … ON CONFLICT.
 */
export function foldScoresSql(roundId: number): SQL {
  const all = sql.raw(`'${ALL_TIME}'`);
  const every = sql.raw(`'${ALL_TOPICS}'`);
  return sql`WITH a AS (SELECT group_id, member_id, topic, week_key, month_key, points, correct, streak,
      (SELECT 's:' || CAST(season_id AS TEXT) FROM rounds WHERE id = ${roundId}) AS season FROM answers WHERE round_id = ${roundId} AND member_id IS NOT NULL)
    INSERT INTO scores (group_id, period, topic, member_id, points, answered, correct, best_streak)
    SELECT group_id, period, topic, member_id, sum(points), count(*), count(*) FILTER (WHERE correct), max(streak) FROM (
      SELECT group_id, ${all} AS period, ${every} AS topic, member_id, points, correct, streak FROM a
      UNION ALL SELECT group_id, ${all}, topic, member_id, points, correct, streak FROM a
      UNION ALL SELECT group_id, 'w:' || week_key, ${every}, member_id, points, correct, streak FROM a
      UNION ALL SELECT group_id, 'w:' || week_key, topic, member_id, points, correct, streak FROM a
      UNION ALL SELECT group_id, 'm:' || month_key, ${every}, member_id, points, correct, streak FROM a
      UNION ALL SELECT group_id, 'm:' || month_key, topic, member_id, points, correct, streak FROM a
      UNION ALL SELECT group_id, season, ${every}, member_id, points, correct, streak FROM a WHERE season IS NOT NULL
      UNION ALL SELECT group_id, season, topic, member_id, points, correct, streak FROM a WHERE season IS NOT NULL
    ) AS w WHERE true GROUP BY group_id, period, topic, member_id
    ON CONFLICT (group_id, period, topic, member_id) DO UPDATE SET
      points = scores.points + excluded.points, answered = scores.answered + excluded.answered,
      correct = scores.correct + excluded.correct,
      best_streak = CASE WHEN excluded.best_streak > scores.best_streak THEN excluded.best_streak ELSE scores.best_streak END`;
}
