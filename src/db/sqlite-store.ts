// The Store on SQLite (better-sqlite3 + drizzle). better-sqlite3 is synchronous: every method does its work
// at once and returns a settled promise, so each answer is committed before its promise resolves.
//
// Low-traffic rows (groups, members, schedules) go through drizzle's query builder. The hot paths — the
// answer transaction, leaderboards, round summaries — are prepared once as SQL statements against the same
// schema: building a query per call would cost more than the write itself.
import type BetterSqlite3 from "better-sqlite3";
import { and, asc, eq, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { GroupRef, MessageRef } from "../core/cards.js";
import type { Locale } from "../core/locale.js";
import { DEFAULT_SCORING, type ScoringSettings } from "../core/rounds/scoring.js";
import * as schema from "./sqlite/schema.js";
import {
  type AnswerInput,
  type AnswerRecord,
  type GroupRow,
  type MemberRow,
  type NewRound,
  type PeriodKey,
  type PracticeRow,
  type ReviewRow,
  type RoundRow,
  type RoundSummary,
  type ScheduleFields,
  type ScheduleRow,
  type Scorer,
  type ScoreRow,
  type Store,
  type StreakView,
  type HistoryRow,
} from "../core/store/index.js";

type Raw = Record<string, unknown>;

const num = (v: unknown): number => Number(v);
const optDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));

function toRound(r: Raw): RoundRow {
  return {
    id: num(r.id),
    groupId: num(r.group_id),
    scheduleId: r.schedule_id === null ? null : num(r.schedule_id),
    channelId: String(r.channel_id),
    questionId: String(r.question_id),
    questionHash: String(r.question_hash),
    topic: String(r.topic),
    correctIndex: num(r.correct_index),
    choiceCount: num(r.choice_count),
    localDate: r.local_date === null ? null : String(r.local_date),
    openedAt: new Date(num(r.opened_at)),
    revealAt: new Date(num(r.reveal_at)),
    revealedAt: optDate(r.revealed_at),
    instantFeedback: Boolean(r.instant_feedback),
    // "" marks a card being posted by a process that took over an unposted round
    message: r.message_id === null || r.message_id === undefined || r.message_id === "" ? null : { channelId: String(r.message_channel_id), messageId: String(r.message_id) },
  };
}

function toGroup(g: typeof schema.groups.$inferSelect): GroupRow {
  let scoring: ScoringSettings = DEFAULT_SCORING;
  try {
    scoring = { ...DEFAULT_SCORING, ...(JSON.parse(g.scoring) as Partial<ScoringSettings>) };
  } catch {
    // a hand-edited row: fall back to the defaults rather than refuse every answer
  }
  return { id: g.id, platform: g.platform, externalId: g.externalId, locale: g.locale === "ko" || g.locale === "en" ? g.locale : null, timezone: g.timezone, scoring };
}

function toMember(m: typeof schema.members.$inferSelect): MemberRow {
  return { id: m.id, groupId: m.groupId, userId: m.userId, displayName: m.displayName, locale: m.locale };
}

function toSchedule(s: typeof schema.schedules.$inferSelect): ScheduleRow {
  return {
    id: s.id,
    groupId: s.groupId,
    channelId: s.channelId,
    name: s.name,
    time: s.time,
    weekdays: s.weekdays.split(",").filter(Boolean).map(Number),
    timezone: s.timezone,
    topics: JSON.parse(s.topics) as string[],
    revealAfterMinutes: s.revealAfterMinutes,
    instantFeedback: s.instantFeedback,
    paused: s.paused,
    active: s.active,
    lastRunDate: s.lastRunDate,
    lastRunAt: s.lastRunAt === null ? null : new Date(s.lastRunAt),
    updatedAt: new Date(s.updatedAt),
  };
}

function toPractice(r: Raw): PracticeRow {
  return {
    id: num(r.id),
    memberId: num(r.member_id),
    questionId: String(r.question_id),
    questionHash: String(r.question_hash),
    topic: String(r.topic),
    correctIndex: num(r.correct_index),
    choiceCount: num(r.choice_count),
    openedAt: new Date(num(r.opened_at)),
    answeredAt: optDate(r.answered_at),
    choice: r.choice === null ? null : num(r.choice),
  };
}

function toReview(r: Raw): ReviewRow {
  return {
    memberId: num(r.member_id),
    questionId: String(r.question_id),
    dueAt: new Date(num(r.due_at)),
    intervalDays: num(r.interval_days),
    correctStreak: num(r.correct_streak),
    lapses: num(r.lapses),
  };
}

export class SqliteStore implements Store {
  private readonly s;
  /** every answer looks its group up: prepared once, not rebuilt per call */
  private readonly groupByRef;
  private readonly answerTx: (input: AnswerInput, scorer: Scorer) => AnswerRecord;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly db: BetterSQLite3Database<typeof schema>,
  ) {
    const p = (text: string) => sqlite.prepare(text);
    this.groupByRef = db
      .select()
      .from(schema.groups)
      .where(and(eq(schema.groups.platform, sql.placeholder("platform")), eq(schema.groups.externalId, sql.placeholder("externalId"))))
      .prepare();
    this.s = {
      round: p("SELECT * FROM rounds WHERE id = ?"),
      memberByUser: p("SELECT id, display_name, locale FROM members WHERE group_id = ? AND user_id = ?"),
      upsertMember: p(
        `INSERT INTO members (group_id, user_id, display_name, locale, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (group_id, user_id) DO UPDATE SET display_name = excluded.display_name, locale = coalesce(excluded.locale, members.locale)
         RETURNING id`,
      ),
      existingAnswer: p("SELECT id, choice, correct, points, streak FROM answers WHERE round_id = ? AND member_id = ?"),
      // Only the first `fastSlots` correct answers change the round row; later ones write nothing here.
      takeFastSlot: p("UPDATE rounds SET fast_awarded = fast_awarded + 1 WHERE id = ? AND fast_awarded < ?"),
      previousRound: p("SELECT id FROM rounds WHERE schedule_id = ? AND local_date IS NOT NULL AND local_date < ? ORDER BY local_date DESC LIMIT 1"),
      insertAnswer: p(
        `INSERT INTO answers (round_id, member_id, group_id, topic, choice, correct, points, streak, answered_at, week_key, month_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // a round's answers, counted into the score rows when it is revealed
      fold: p(
        `INSERT INTO scores (group_id, period, topic, member_id, points, answered, correct, best_streak)
         SELECT group_id, period, topic, member_id, sum(points), count(*), sum(correct), max(streak) FROM (
           SELECT group_id, 'all' AS period, '*' AS topic, member_id, points, correct, streak FROM answers WHERE round_id = @round
           UNION ALL SELECT group_id, 'all', topic, member_id, points, correct, streak FROM answers WHERE round_id = @round
           UNION ALL SELECT group_id, 'w:' || week_key, '*', member_id, points, correct, streak FROM answers WHERE round_id = @round
           UNION ALL SELECT group_id, 'w:' || week_key, topic, member_id, points, correct, streak FROM answers WHERE round_id = @round
           UNION ALL SELECT group_id, 'm:' || month_key, '*', member_id, points, correct, streak FROM answers WHERE round_id = @round
           UNION ALL SELECT group_id, 'm:' || month_key, topic, member_id, points, correct, streak FROM answers WHERE round_id = @round
         ) WHERE true GROUP BY group_id, period, topic, member_id
         ON CONFLICT (group_id, period, topic, member_id) DO UPDATE SET
           points = points + excluded.points, answered = answered + excluded.answered, correct = correct + excluded.correct,
           best_streak = max(best_streak, excluded.best_streak)`,
      ),
      top: p(
        `SELECT s.member_id, m.user_id, m.display_name, s.points, s.answered, s.correct
         FROM scores s JOIN members m ON m.id = s.member_id
         WHERE s.group_id = ? AND s.period = ? AND s.topic = ?
         ORDER BY s.points DESC, s.correct DESC, s.member_id LIMIT ?`,
      ),
      memberScore: p(
        `SELECT s.member_id, m.user_id, m.display_name, s.points, s.answered, s.correct
         FROM scores s JOIN members m ON m.id = s.member_id
         WHERE s.group_id = ? AND s.period = ? AND s.topic = ? AND s.member_id = ?`,
      ),
      above: p("SELECT count(*) AS n FROM scores WHERE group_id = ? AND period = ? AND topic = ? AND points > ?"),
      memberTopics: p("SELECT topic, answered, correct, points FROM scores WHERE member_id = @member AND period = 'all' AND group_id = @group AND topic <> '*'"),
      bestStreak: p("SELECT best_streak FROM scores WHERE group_id = ? AND period = 'all' AND topic = '*' AND member_id = ?"),
      counts: p("SELECT choice, count(*) AS n FROM answers WHERE round_id = ? GROUP BY choice"),
      // once per reveal: a scan of the round's answers (through the (round, member) key) is fine
      fastest: p(
        `SELECT m.user_id, m.display_name, a.answered_at FROM answers a JOIN members m ON m.id = a.member_id
         WHERE a.round_id = ? AND a.correct = 1 ORDER BY a.answered_at, a.id LIMIT ?`,
      ),
      claim: p(
        `INSERT INTO rounds (group_id, schedule_id, channel_id, question_id, question_hash, topic, correct_index, choice_count,
           local_date, opened_at, reveal_at, instant_feedback)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (schedule_id, local_date) DO NOTHING RETURNING *`,
      ),
      release: p("DELETE FROM rounds WHERE id = ? AND (message_id IS NULL OR message_id = '') AND revealed_at IS NULL"),
      takeUnposted: p("UPDATE rounds SET message_id = '' WHERE id = ? AND message_id IS NULL AND revealed_at IS NULL"),
      untakeUnposted: p("UPDATE rounds SET message_id = NULL WHERE id = ? AND message_id = ''"),
      setMessage: p("UPDATE rounds SET message_channel_id = ?, message_id = ? WHERE id = ?"),
      openRounds: p("SELECT * FROM rounds WHERE group_id = ? AND revealed_at IS NULL ORDER BY id DESC"),
      openRoundsIn: p("SELECT * FROM rounds WHERE group_id = ? AND revealed_at IS NULL AND channel_id = ? ORDER BY id DESC"),
      markRevealed: p("UPDATE rounds SET revealed_at = ? WHERE id = ? AND revealed_at IS NULL"),
      revealed: p(
        `SELECT r.*, (SELECT count(*) FROM answers a WHERE a.round_id = r.id) AS n_answered,
           (SELECT count(*) FROM answers a WHERE a.round_id = r.id AND a.correct = 1) AS n_correct,
           (SELECT a.choice FROM answers a WHERE a.round_id = r.id AND a.member_id = @member) AS member_choice
         FROM rounds r WHERE r.group_id = @group AND r.channel_id = @channel AND r.revealed_at IS NOT NULL
         ORDER BY r.revealed_at DESC, r.id DESC LIMIT @limit`,
      ),
      questionUse: p("SELECT question_id, count(*) AS n FROM rounds WHERE group_id = ? AND channel_id = ? GROUP BY question_id"),
      // the latest closed scheduled round of each channel of the group
      channelRounds: p(
        `SELECT sc.id AS schedule_id,
           (SELECT r.id FROM rounds r WHERE r.schedule_id = sc.id AND r.local_date IS NOT NULL AND (r.revealed_at IS NOT NULL OR r.reveal_at <= @now)
             ORDER BY r.local_date DESC LIMIT 1) AS closed_id
         FROM schedules sc WHERE sc.group_id = @group`,
      ),
      answerStreak: p("SELECT correct, streak FROM answers WHERE round_id = ? AND member_id = ?"),
      openPractice: p(
        `INSERT INTO practice_rounds (member_id, question_id, question_hash, topic, correct_index, choice_count, opened_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      ),
      practice: p("SELECT * FROM practice_rounds WHERE id = ?"),
      answerPractice: p("UPDATE practice_rounds SET choice = ?, answered_at = ? WHERE id = ? AND answered_at IS NULL"),
      review: p("SELECT * FROM reviews WHERE member_id = ? AND question_id = ?"),
      upsertReview: p(
        `INSERT INTO reviews (member_id, question_id, due_at, interval_days, correct_streak, lapses) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (member_id, question_id) DO UPDATE SET due_at = excluded.due_at, interval_days = excluded.interval_days,
           correct_streak = excluded.correct_streak, lapses = excluded.lapses`,
      ),
      dueReviews: p("SELECT * FROM reviews WHERE member_id = ? AND due_at <= ? ORDER BY due_at LIMIT 20"),
      reviewed: p("SELECT question_id FROM reviews WHERE member_id = ?"),
    };

    // One answer = one IMMEDIATE transaction: the write lock is taken up front, so two processes never
    // deadlock on a read-to-write upgrade, and the unique (round, member) key makes the first answer win.
    // Each answer writes as few pages as it can (its row and its one index; a new member's row and key;
    // the round row only for the first few correct answers): in WAL mode a commit costs per page written.
    const tx = sqlite.transaction((input: AnswerInput, scorer: Scorer): AnswerRecord => {
      const s = this.s;
      const raw = s.round.get(input.roundId) as Raw | undefined;
      if (!raw || num(raw.group_id) !== input.groupId) return { kind: "unknown_round" };
      const round = toRound(raw);
      const known = s.memberByUser.get(input.groupId, input.member.userId) as { id: number; display_name: string; locale: string | null } | undefined;
      if (known) {
        const prev = s.existingAnswer.get(round.id, known.id) as { id: number; choice: number; correct: number; points: number } | undefined;
        if (prev) return { kind: "duplicate", answerId: prev.id, choice: prev.choice, correct: prev.correct === 1, points: prev.points, round };
      }
      const now = input.now.getTime();
      if (round.revealedAt !== null || now >= round.revealAt.getTime()) return { kind: "closed", round };
      if (!Number.isInteger(input.choice) || input.choice < 0 || input.choice >= round.choiceCount) return { kind: "invalid_choice", round };

      const locale = input.member.locale ?? null;
      const unchanged = known && known.display_name === input.member.displayName && (locale === null || locale === known.locale);
      const memberId = unchanged ? known.id : num((s.upsertMember.get(input.groupId, input.member.userId, input.member.displayName, locale, now) as Raw).id);
      const correct = input.choice === round.correctIndex;
      const scheduled = round.localDate !== null;
      const fast = correct && input.fastSlots > 0 && s.takeFastSlot.run(round.id, input.fastSlots).changes > 0;
      let previousStreak = 0;
      if (scheduled && correct) {
        const prevRound = s.previousRound.get(round.scheduleId, round.localDate) as { id: number } | undefined;
        const prevAnswer = prevRound ? (s.answerStreak.get(prevRound.id, memberId) as { correct: number; streak: number } | undefined) : undefined;
        previousStreak = prevAnswer && prevAnswer.correct === 1 ? prevAnswer.streak : 0;
      }
      const decision = scorer({ correct, fast, scheduled, previousStreak });
      const info = s.insertAnswer.run(round.id, memberId, input.groupId, round.topic, input.choice, correct ? 1 : 0, decision.points, decision.streak, now, input.weekKey, input.monthKey);
      return { kind: "recorded", answerId: num(info.lastInsertRowid), choice: input.choice, correct, points: decision.points, round };
    });
    this.answerTx = (input, scorer) => tx.immediate(input, scorer);
  }

  // ---------------------------------------------------------------- groups and members

  async ensureGroup(ref: GroupRef, defaults: { timezone: string }): Promise<GroupRow> {
    const found = await this.findGroup(ref);
    if (found) return found;
    this.db
      .insert(schema.groups)
      .values({ platform: ref.platform, externalId: ref.externalId, locale: null, timezone: defaults.timezone, scoring: JSON.stringify(DEFAULT_SCORING), createdAt: Date.now() })
      .onConflictDoNothing()
      .run();
    const row = await this.findGroup(ref);
    if (!row) throw new Error(`group ${ref.platform}:${ref.externalId} could not be created`);
    return row;
  }

  async findGroup(ref: GroupRef): Promise<GroupRow | null> {
    const g = this.groupByRef.get({ platform: ref.platform, externalId: ref.externalId });
    return g ? toGroup(g) : null;
  }

  async groupById(id: number): Promise<GroupRow | null> {
    const g = this.db.select().from(schema.groups).where(eq(schema.groups.id, id)).get();
    return g ? toGroup(g) : null;
  }

  async updateGroup(id: number, patch: { locale?: Locale | null; timezone?: string; scoring?: ScoringSettings }): Promise<GroupRow> {
    const set: Partial<typeof schema.groups.$inferInsert> = {};
    if (patch.locale !== undefined) set.locale = patch.locale;
    if (patch.timezone !== undefined) set.timezone = patch.timezone;
    if (patch.scoring !== undefined) set.scoring = JSON.stringify(patch.scoring);
    if (Object.keys(set).length > 0) this.db.update(schema.groups).set(set).where(eq(schema.groups.id, id)).run();
    const g = await this.groupById(id);
    if (!g) throw new Error(`group ${id} not found`);
    return g;
  }

  async ensureMember(groupId: number, member: { userId: string; displayName: string; locale?: string | null }): Promise<MemberRow> {
    const id = num((this.s.upsertMember.get(groupId, member.userId, member.displayName, member.locale ?? null, Date.now()) as Raw).id);
    const m = this.db.select().from(schema.members).where(eq(schema.members.id, id)).get();
    if (!m) throw new Error(`member ${id} not found`);
    return toMember(m);
  }

  async findMember(groupId: number, userId: string): Promise<MemberRow | null> {
    const m = this.db
      .select()
      .from(schema.members)
      .where(and(eq(schema.members.groupId, groupId), eq(schema.members.userId, userId)))
      .get();
    return m ? toMember(m) : null;
  }

  // ---------------------------------------------------------------- schedules

  async upsertSchedule(groupId: number, channelId: string, name: string, f: ScheduleFields, opts: { paused?: boolean; at: Date }): Promise<ScheduleRow> {
    const values = {
      time: f.time,
      weekdays: f.weekdays.join(","),
      timezone: f.timezone,
      topics: JSON.stringify(f.topics),
      revealAfterMinutes: f.revealAfterMinutes,
      instantFeedback: f.instantFeedback,
      paused: opts.paused ?? false,
      active: true,
      updatedAt: opts.at.getTime(),
    };
    this.db
      .insert(schema.schedules)
      .values({ groupId, channelId, name, ...values })
      .onConflictDoUpdate({ target: [schema.schedules.groupId, schema.schedules.channelId, schema.schedules.name], set: values })
      .run();
    const row = await this.findSchedule(groupId, channelId, name);
    if (!row) throw new Error(`schedule for ${channelId} not saved`);
    return row;
  }

  async deactivateSchedule(groupId: number, channelId: string, name: string, at: Date): Promise<boolean> {
    const r = this.db
      .update(schema.schedules)
      .set({ active: false, updatedAt: at.getTime() })
      .where(and(eq(schema.schedules.groupId, groupId), eq(schema.schedules.channelId, channelId), eq(schema.schedules.name, name), eq(schema.schedules.active, true)))
      .run();
    return r.changes > 0;
  }

  async findSchedule(groupId: number, channelId: string, name: string): Promise<ScheduleRow | null> {
    const s = this.db
      .select()
      .from(schema.schedules)
      .where(and(eq(schema.schedules.groupId, groupId), eq(schema.schedules.channelId, channelId), eq(schema.schedules.name, name)))
      .get();
    return s ? toSchedule(s) : null;
  }

  async scheduleById(id: number): Promise<ScheduleRow | null> {
    const s = this.db.select().from(schema.schedules).where(eq(schema.schedules.id, id)).get();
    return s ? toSchedule(s) : null;
  }

  async listSchedules(groupId: number): Promise<ScheduleRow[]> {
    return this.db.select().from(schema.schedules).where(eq(schema.schedules.groupId, groupId)).orderBy(asc(schema.schedules.channelId), asc(schema.schedules.name)).all().map(toSchedule);
  }

  async activeSchedules(platforms: string[]): Promise<Array<{ schedule: ScheduleRow; group: GroupRow }>> {
    if (platforms.length === 0) return [];
    const rows = this.db
      .select()
      .from(schema.schedules)
      .innerJoin(schema.groups, eq(schema.groups.id, schema.schedules.groupId))
      .where(and(eq(schema.schedules.active, true), eq(schema.schedules.paused, false)))
      .orderBy(asc(schema.schedules.id))
      .all();
    const wanted = new Set(platforms);
    return rows.filter((r) => wanted.has(r.groups.platform)).map((r) => ({ schedule: toSchedule(r.schedules), group: toGroup(r.groups) }));
  }

  async markScheduleRun(scheduleId: number, localDate: string, at: Date): Promise<void> {
    this.db.update(schema.schedules).set({ lastRunDate: localDate, lastRunAt: at.getTime() }).where(eq(schema.schedules.id, scheduleId)).run();
  }

  // ---------------------------------------------------------------- rounds

  async claimRound(r: NewRound): Promise<RoundRow | null> {
    const row = this.s.claim.get(
      r.groupId,
      r.scheduleId,
      r.channelId,
      r.questionId,
      r.questionHash,
      r.topic,
      r.correctIndex,
      r.choiceCount,
      r.localDate,
      r.openedAt.getTime(),
      r.revealAt.getTime(),
      r.instantFeedback ? 1 : 0,
    ) as Raw | undefined;
    return row ? toRound(row) : null;
  }

  async releaseRound(roundId: number): Promise<void> {
    this.s.release.run(roundId);
  }

  async unpostedRounds(now: Date, claimedBefore: Date, platforms: string[]): Promise<RoundRow[]> {
    if (platforms.length === 0) return [];
    const rows = this.sqlite
      .prepare(
        `SELECT r.* FROM rounds r JOIN groups g ON g.id = r.group_id
         WHERE r.revealed_at IS NULL AND r.message_id IS NULL AND r.reveal_at > ? AND r.opened_at <= ?
           AND g.platform IN (${platforms.map(() => "?").join(",")})`,
      )
      .all(now.getTime(), claimedBefore.getTime(), ...platforms) as Raw[];
    return rows.map(toRound);
  }

  async takeUnposted(roundId: number): Promise<boolean> {
    return this.s.takeUnposted.run(roundId).changes > 0;
  }

  async untakeUnposted(roundId: number): Promise<void> {
    this.s.untakeUnposted.run(roundId);
  }

  async setRoundMessage(roundId: number, ref: MessageRef): Promise<void> {
    this.s.setMessage.run(ref.channelId, ref.messageId, roundId);
  }

  async roundById(id: number): Promise<RoundRow | null> {
    const r = this.s.round.get(id) as Raw | undefined;
    return r ? toRound(r) : null;
  }

  async openRounds(groupId: number, channelId?: string): Promise<RoundRow[]> {
    const rows = (channelId === undefined ? this.s.openRounds.all(groupId) : this.s.openRoundsIn.all(groupId, channelId)) as Raw[];
    return rows.map(toRound);
  }

  async dueReveals(now: Date, platforms: string[]): Promise<RoundRow[]> {
    if (platforms.length === 0) return [];
    const rows = this.sqlite
      .prepare(
        `SELECT r.* FROM rounds r JOIN groups g ON g.id = r.group_id
         WHERE r.revealed_at IS NULL AND r.reveal_at <= ? AND g.platform IN (${platforms.map(() => "?").join(",")})
         ORDER BY r.reveal_at`,
      )
      .all(now.getTime(), ...platforms) as Raw[];
    return rows.map(toRound);
  }

  async markRevealed(roundId: number, at: Date): Promise<boolean> {
    return this.sqlite
      .transaction((): boolean => {
        if (this.s.markRevealed.run(at.getTime(), roundId).changes === 0) return false;
        this.s.fold.run({ round: roundId });
        return true;
      })
      .immediate();
  }

  async roundSummary(roundId: number, fastest: number): Promise<RoundSummary> {
    const round = await this.roundById(roundId);
    const counts = Array.from({ length: round?.choiceCount ?? 0 }, () => 0);
    let answered = 0;
    for (const r of this.s.counts.all(roundId) as Array<{ choice: number; n: number }>) {
      if (r.choice >= 0 && r.choice < counts.length) counts[r.choice] = r.n;
      answered += r.n;
    }
    const fastestCorrect = (this.s.fastest.all(roundId, fastest) as Raw[]).map((r) => ({
      userId: String(r.user_id),
      displayName: String(r.display_name),
      answeredAt: new Date(num(r.answered_at)),
    }));
    return { counts, answered, fastestCorrect };
  }

  async revealedRounds(groupId: number, channelId: string, memberId: number | null, limit: number): Promise<HistoryRow[]> {
    return (this.s.revealed.all({ group: groupId, channel: channelId, member: memberId, limit }) as Raw[]).map((r) => ({
      round: toRound(r),
      answered: num(r.n_answered),
      correct: num(r.n_correct),
      memberChoice: r.member_choice === null || r.member_choice === undefined ? null : num(r.member_choice),
    }));
  }

  async questionUse(groupId: number, channelId: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const r of this.s.questionUse.all(groupId, channelId) as Array<{ question_id: string; n: number }>) out.set(r.question_id, r.n);
    return out;
  }

  // ---------------------------------------------------------------- answers

  async recordAnswer(input: AnswerInput, scorer: Scorer): Promise<AnswerRecord> {
    return this.answerTx(input, scorer);
  }

  // ---------------------------------------------------------------- leaderboards

  async topScores(groupId: number, period: PeriodKey, topic: string | null, limit: number): Promise<ScoreRow[]> {
    const rows = this.s.top.all(groupId, period, topic ?? "*", limit) as Raw[];
    const out: ScoreRow[] = [];
    rows.forEach((r, i) => {
      const points = num(r.points);
      // Ties share a rank ("1, 2, 2, 4"): the rank is one more than the number of members with more points.
      const rank = i > 0 && out[i - 1]!.points === points ? out[i - 1]!.rank : i + 1;
      out.push({ memberId: num(r.member_id), userId: String(r.user_id), displayName: String(r.display_name), points, answered: num(r.answered), correct: num(r.correct), rank });
    });
    return out;
  }

  async memberScore(groupId: number, period: PeriodKey, topic: string | null, memberId: number): Promise<ScoreRow | null> {
    const r = this.s.memberScore.get(groupId, period, topic ?? "*", memberId) as Raw | undefined;
    if (!r) return null;
    const points = num(r.points);
    const above = num((this.s.above.get(groupId, period, topic ?? "*", points) as Raw).n);
    return { memberId, userId: String(r.user_id), displayName: String(r.display_name), points, answered: num(r.answered), correct: num(r.correct), rank: above + 1 };
  }

  async memberTopics(groupId: number, memberId: number): Promise<Array<{ topic: string; answered: number; correct: number; points: number }>> {
    return (this.s.memberTopics.all({ group: groupId, member: memberId }) as Raw[]).map((r) => ({ topic: String(r.topic), answered: num(r.answered), correct: num(r.correct), points: num(r.points) }));
  }

  async streaks(groupId: number, memberIds: number[], now: Date): Promise<Map<number, StreakView>> {
    const channels = this.s.channelRounds.all({ now: now.getTime(), group: groupId }) as Array<{ closed_id: number | null }>;
    const out = new Map<number, StreakView>();
    const streakAt = (roundId: number | null, memberId: number): number | null => {
      if (roundId === null) return null;
      const a = this.s.answerStreak.get(roundId, memberId) as { correct: number; streak: number } | undefined;
      return a ? (a.correct === 1 ? a.streak : 0) : null;
    };
    for (const memberId of new Set(memberIds)) {
      let current = 0;
      // The member's answer to the latest closed round carries the streak; a missed round has none (0).
      for (const c of channels) current = Math.max(current, streakAt(c.closed_id, memberId) ?? 0);
      const best = num((this.s.bestStreak.get(groupId, memberId) as Raw | undefined)?.best_streak ?? 0);
      out.set(memberId, { memberId, current, best: Math.max(best, current) });
    }
    return out;
  }

  // ---------------------------------------------------------------- practice

  async openPractice(p: Omit<PracticeRow, "id" | "answeredAt" | "choice">): Promise<PracticeRow> {
    return toPractice(this.s.openPractice.get(p.memberId, p.questionId, p.questionHash, p.topic, p.correctIndex, p.choiceCount, p.openedAt.getTime()) as Raw);
  }

  async practiceById(id: number): Promise<PracticeRow | null> {
    const r = this.s.practice.get(id) as Raw | undefined;
    return r ? toPractice(r) : null;
  }

  async answerPractice(
    id: number,
    choice: number,
    now: Date,
    review: (prev: ReviewRow | null, correct: boolean) => Omit<ReviewRow, "memberId" | "questionId">,
  ): Promise<{ row: PracticeRow; first: boolean }> {
    const tx = this.sqlite.transaction(() => {
      const first = this.s.answerPractice.run(choice, now.getTime(), id).changes > 0;
      const row = toPractice(this.s.practice.get(id) as Raw);
      if (first) {
        const prevRaw = this.s.review.get(row.memberId, row.questionId) as Raw | undefined;
        const next = review(prevRaw ? toReview(prevRaw) : null, choice === row.correctIndex);
        this.s.upsertReview.run(row.memberId, row.questionId, next.dueAt.getTime(), next.intervalDays, next.correctStreak, next.lapses);
      }
      return { row, first };
    });
    return tx.immediate();
  }

  async dueReviews(memberId: number, now: Date): Promise<ReviewRow[]> {
    return (this.s.dueReviews.all(memberId, now.getTime()) as Raw[]).map(toReview);
  }

  async reviewedQuestionIds(memberId: number): Promise<Set<string>> {
    return new Set((this.s.reviewed.all(memberId) as Array<{ question_id: string }>).map((r) => r.question_id));
  }

  // ---------------------------------------------------------------- maintenance

  async rebuildScores(): Promise<void> {
    this.sqlite
      .transaction(() => {
        this.sqlite.prepare("DELETE FROM scores").run();
        for (const r of this.sqlite.prepare("SELECT id FROM rounds WHERE revealed_at IS NOT NULL").all() as Array<{ id: number }>) this.s.fold.run({ round: r.id });
      })
      .immediate();
  }

  async backup(file: string): Promise<void> {
    await this.sqlite.backup(file);
  }

  async close(): Promise<void> {
    if (this.sqlite.open) this.sqlite.close();
  }
}
