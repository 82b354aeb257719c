// The Store on either dialect: every decision around the statements (what a duplicate answer is, when a round is
// closed, ranks and ties, streaks, the review queue) is made here once; the statements themselves and how a
// transaction runs come from the dialect's Backend. Every exactly-once rule still rests on a unique key or a
// conditional update in the database, so it holds for any number of processes on one database.
import type { GroupRef, MessageRef } from "../core/cards.js";
import { DELIVERY_LEASE_MS, type DeliveryKind } from "../core/delivery.js";
import type { Locale } from "../core/locale.js";
import { DEFAULT_SCORING, type ScoringSettings } from "../core/rounds/scoring.js";
import type {
  AnswerInput,
  AnswerRecord,
  DeliveryStep,
  GroupRow,
  HistoryRow,
  MemberInput,
  MemberRow,
  NewRound,
  PauseReason,
  PeriodKey,
  PracticeRow,
  QuestionTally,
  ReminderTarget,
  ReviewCard,
  ReviewScheduler,
  RoundRow,
  RoundSummary,
  ScheduleFields,
  ScheduleRow,
  Scorer,
  ScoreRow,
  InstallationRow,
  Store,
  StreakView,
} from "../core/store/index.js";
import type { ExportAnswerRow, ForgetCounts, GroupQuestionRow, NewGroupQuestion, OrganiserKind, OrganiserRow, ScheduleStreak, SeasonRow } from "../core/store/index.js";
import { DrizzleDigestStore } from "./digest.js";
import type { AnswerWindow } from "./organiser/queries.js";
import { ALL_TOPICS, type Queries, type ScoreLine } from "./queries.js";
import { groupQuestionRecord, installationRecord, roundRecord, scheduleRecord, toGroup, toGroupQuestion, toInstallation, toMember, toOrganiser, toPractice, toReviewCard, toRound, toSchedule, toSeason } from "./records.js";
import { applyReview, reviewRound } from "./review.js";
import { got, writesFollow, type Steps } from "./steps.js";

export interface Backend {
  /** statements outside any transaction */
  readonly q: Queries;
  /**
   * Runs the steps as one write transaction, committed or rolled back before the promise settles. With `readsFirst`
   * the steps only read until they mark the writes that follow (`writesFollow`): a backend whose reads see the same
   * outside a transaction as inside (PostgreSQL at READ COMMITTED) may run those reads, and a lone write, without
   * one; SQLite holds the database for the whole transaction.
   */
  transaction<T>(steps: (q: Queries) => Steps<T>, opts?: { readsFirst?: boolean }): Promise<T>;
}

/**
 * Thrown inside a transaction that lost a race it can only see at its last write (another connection recorded
 * the member's answer meanwhile): the transaction is rolled back and run again, and then sees the winner.
 */
export class LostRace extends Error {
  constructor(what: string) {
    super(`${what} was written by another connection meanwhile`);
    this.name = "LostRace";
  }
}

function* recordAnswer(q: Queries, input: AnswerInput, scorer: Scorer): Steps<AnswerRecord> {
  const context = yield* got(q.answerContext(input.roundId, input.groupId, input.member.userId));
  if (!context || context.round.groupId !== input.groupId) return { kind: "unknown_round" };
  const round = toRound(context.round);
  const { member: known, answer: prev } = context;
  if (prev) return { kind: "duplicate", answerId: prev.id, choice: prev.choice, correct: prev.correct, points: prev.points, round };
  const now = input.now.getTime();
  if (round.revealedAt !== null || now >= round.revealAt.getTime()) return { kind: "closed", round };
  if (!Number.isInteger(input.choice) || input.choice < 0 || input.choice >= round.choiceCount) return { kind: "invalid_choice", round };

  // Each answer writes as little as it can (its row, with a new or renamed member's row; the round row only for the
  // first few correct answers): in SQLite's WAL a commit costs per page written, on PostgreSQL per round trip.
  const locale = input.member.locale ?? null;
  const unchanged = known && known.displayName === input.member.displayName && (locale === null || locale === known.locale);
  const correct = input.choice === round.correctIndex;
  const scheduled = round.localDate !== null;
  // fast bonuses only grow: once the round row read shows them all taken, no answer needs to try
  const trySlot = correct && input.fastSlots > 0 && context.round.fastAwarded < input.fastSlots;
  yield* writesFollow(trySlot ? 2 : 1);
  const fast = trySlot && (yield* got(q.takeFastSlot(round.id, input.fastSlots))) > 0;
  const decision = scorer({ correct, fast, scheduled, previousStreak: correct && scheduled ? context.previousStreak : 0 });
  const answer = {
    roundId: round.id,
    groupId: input.groupId,
    topic: round.topic,
    choice: input.choice,
    correct,
    points: decision.points,
    streak: decision.streak,
    answeredAt: now,
    weekKey: input.weekKey,
    monthKey: input.monthKey,
  };
  const inserted = yield* got(
    unchanged
      ? q.insertAnswer({ ...answer, memberId: known.id })
      : q.insertAnswerSavingMember({ groupId: input.groupId, userId: input.member.userId, displayName: input.member.displayName, locale, createdAt: now }, known?.id ?? null, answer),
  );
  if (!inserted) throw new LostRace(`the answer of ${input.member.userId} to round ${round.id}`);
  return { kind: "recorded", answerId: inserted.id, choice: input.choice, correct, points: decision.points, round };
}

function* markRevealed(q: Queries, roundId: number, at: number, lease: number): Steps<boolean> {
  if ((yield* got(q.markRevealed(roundId, at, lease))) === 0) return false;
  yield* got(q.foldScores(roundId));
  return true;
}

/** A post given up closes its round (answers to a card that did reach the channel after all still count). */
function* failPost(q: Queries, roundId: number, kind: DeliveryKind, at: number, attempts: number): Steps<void> {
  yield* markRevealed(q, roundId, at, at);
  yield* got(q.failPost(roundId, kind, attempts));
}

function* rebuildScores(q: Queries): Steps<void> {
  yield* got(q.clearScores());
  for (const r of yield* got(q.revealedRoundIds())) yield* got(q.foldScores(r.id));
}

function* updateGroup(q: Queries, id: number, patch: { locale?: Locale | null; timezone?: string; scoring?: ScoringSettings }): Steps<GroupRow> {
  const row = yield* got(q.groupForUpdate(id));
  if (!row) throw new Error(`group ${id} not found`);
  const g = toGroup(row);
  const settings = { locale: patch.locale === undefined ? g.locale : patch.locale, timezone: patch.timezone ?? g.timezone, scoring: patch.scoring ?? g.scoring };
  yield* got(q.setGroupSettings(id, { ...settings, scoring: JSON.stringify(settings.scoring) }));
  return { ...g, ...settings };
}

function* answerPractice(q: Queries, id: number, choice: number, now: Date, schedule: ReviewScheduler): Steps<{ row: PracticeRow; first: boolean }> {
  const first = (yield* got(q.answerPractice(id, choice, now.getTime()))) > 0;
  const practice = yield* got(q.practiceById(id));
  if (!practice) throw new Error(`practice question ${id} not found`);
  const row = toPractice(practice);
  if (first) {
    const event = { correct: choice === row.correctIndex, answeredAt: now, shownAt: row.openedAt, revealedAt: null };
    yield* applyReview(q, { memberId: row.memberId, questionId: row.questionId, source: "practice", sourceId: row.id }, event, schedule);
  }
  return { row, first };
}

function* saveGroupQuestions(q: Queries, groupId: number, questions: NewGroupQuestion[], at: Date): Steps<{ added: number; replaced: number }> {
  const known = new Set((yield* got(q.ownQuestionIds(groupId))).map((r) => r.questionId));
  let replaced = 0;
  for (const question of questions) {
    if (known.has(question.questionId)) replaced++;
    yield* got(q.upsertGroupQuestion(groupQuestionRecord(groupId, question, at)));
  }
  return { added: questions.length - replaced, replaced };
}

function* startSeason(q: Queries, groupId: number, name: string, at: number): Steps<{ season: SeasonRow; closed: SeasonRow | null } | null> {
  if (yield* got(q.seasonByName(groupId, name))) return null;
  const open = yield* got(q.openSeason(groupId));
  if (open) yield* got(q.closeSeason(open.id, at));
  const season = yield* got(q.insertSeason(groupId, name, at));
  // another connection opened a season meanwhile (the one-open-season key refused this one): try again after it
  if (!season) throw new LostRace(`a season of group ${groupId}`);
  return { season: toSeason(season), closed: open ? { ...toSeason(open), endedAt: new Date(at) } : null };
}

function* forgetMember(q: Queries, groupId: number, userId: string): Steps<ForgetCounts | null> {
  const member = yield* got(q.memberByUser(groupId, userId));
  const organiser = yield* got(q.deleteOrganiser(groupId, "member", userId));
  if (!member) return organiser > 0 ? { answers: 0, practice: 0, reviews: 0, organiser } : null;
  const footprint = yield* got(q.memberFootprint(member.id));
  yield* got(q.deleteMember(member.id));
  return { ...footprint, organiser };
}

/** "all", "w:<Monday>", "m:<YYYY-MM>" or "s:<season id>" as the answers' columns name it. */
function answerWindow(period: PeriodKey): AnswerWindow {
  const [kind, key] = [period.slice(0, 2), period.slice(2)];
  if (kind === "w:") return { kind: "week", key };
  if (kind === "m:") return { kind: "month", key };
  if (kind === "s:" && /^\d+$/.test(key)) return { kind: "season", seasonId: Number(key) };
  return { kind: "all" };
}

/** Ties share a rank ("1, 2, 2, 4"): a rank is one more than the number of members with more points. */
function ranked(lines: ScoreLine[]): ScoreRow[] {
  const out: ScoreRow[] = [];
  lines.forEach((line, i) => {
    const prev = out[i - 1];
    out.push({ ...line, rank: prev && prev.points === line.points ? prev.rank : i + 1 });
  });
  return out;
}

export class DrizzleStore extends DrizzleDigestStore implements Store {
  constructor(private readonly backend: Backend) {
    super(backend);
  }

  private get q(): Queries {
    return this.backend.q;
  }

  // ---------------------------------------------------------------- groups and members

  async ensureGroup(ref: GroupRef, defaults: { timezone: string }): Promise<GroupRow> {
    const found = await this.findGroup(ref);
    if (found) return found;
    await this.q.insertGroup({ platform: ref.platform, externalId: ref.externalId, locale: null, timezone: defaults.timezone, scoring: JSON.stringify(DEFAULT_SCORING), createdAt: Date.now() });
    const row = await this.findGroup(ref);
    if (!row) throw new Error(`group ${ref.platform}:${ref.externalId} could not be created`);
    return row;
  }

  async findGroup(ref: GroupRef): Promise<GroupRow | null> {
    const g = await this.q.groupByRef(ref.platform, ref.externalId);
    return g ? toGroup(g) : null;
  }

  async groupById(id: number): Promise<GroupRow | null> {
    const g = await this.q.groupById(id);
    return g ? toGroup(g) : null;
  }

  updateGroup(id: number, patch: { locale?: Locale | null; timezone?: string; scoring?: ScoringSettings }): Promise<GroupRow> {
    return this.backend.transaction((q) => updateGroup(q, id, patch));
  }

  async ensureMember(groupId: number, member: MemberInput): Promise<MemberRow> {
    return toMember(await this.q.upsertMember({ groupId, userId: member.userId, displayName: member.displayName, locale: member.locale ?? null, createdAt: Date.now() }));
  }

  async findMember(groupId: number, userId: string): Promise<MemberRow | null> {
    const m = await this.q.memberByUser(groupId, userId);
    return m ? toMember(m) : null;
  }

  // ---------------------------------------------------------------- schedules

  async upsertSchedule(groupId: number, channelId: string, name: string, fields: ScheduleFields, opts: { paused?: boolean; at: Date }): Promise<ScheduleRow> {
    return toSchedule(await this.q.upsertSchedule(scheduleRecord(groupId, channelId, name, fields, opts)));
  }

  async deactivateSchedule(groupId: number, channelId: string, name: string, at: Date): Promise<boolean> {
    return (await this.q.deactivateSchedule(groupId, channelId, name, at.getTime())) > 0;
  }

  async findSchedule(groupId: number, channelId: string, name: string): Promise<ScheduleRow | null> {
    const s = await this.q.scheduleByName(groupId, channelId, name);
    return s ? toSchedule(s) : null;
  }

  async scheduleById(id: number): Promise<ScheduleRow | null> {
    const s = await this.q.scheduleById(id);
    return s ? toSchedule(s) : null;
  }

  async listSchedules(groupId: number): Promise<ScheduleRow[]> {
    return (await this.q.schedulesOf(groupId)).map(toSchedule);
  }

  async activeSchedules(platforms: string[]): Promise<Array<{ schedule: ScheduleRow; group: GroupRow }>> {
    if (platforms.length === 0) return [];
    return (await this.q.activeSchedules(platforms)).map((r) => ({ schedule: toSchedule(r.schedule), group: toGroup(r.group) }));
  }

  async markScheduleRun(scheduleId: number, localDate: string, at: Date): Promise<void> {
    await this.q.markScheduleRun(scheduleId, localDate, at.getTime());
  }

  // ---------------------------------------------------------------- rounds

  async claimRound(round: NewRound): Promise<RoundRow | null> {
    const row = await this.q.claimRound(roundRecord(round));
    return row ? toRound(row) : null;
  }

  async roundById(id: number): Promise<RoundRow | null> {
    const r = await this.q.roundById(id);
    return r ? toRound(r) : null;
  }

  async openRounds(groupId: number, channelId?: string): Promise<RoundRow[]> {
    return (await this.q.openRounds(groupId, channelId)).map(toRound);
  }

  async dueReveals(now: Date, platforms: string[]): Promise<RoundRow[]> {
    if (platforms.length === 0) return [];
    return (await this.q.dueReveals(now.getTime(), platforms)).map(toRound);
  }

  markRevealed(roundId: number, at: Date, leaseUntil = new Date(at.getTime() + DELIVERY_LEASE_MS)): Promise<boolean> {
    return this.backend.transaction((q) => markRevealed(q, roundId, at.getTime(), leaseUntil.getTime()));
  }

  async roundSummary(roundId: number, fastest: number): Promise<RoundSummary> {
    const round = await this.q.roundById(roundId);
    const counts = Array.from({ length: round?.choiceCount ?? 0 }, () => 0);
    let answered = 0;
    for (const r of await this.q.choiceCounts(roundId)) {
      if (r.choice >= 0 && r.choice < counts.length) counts[r.choice] = r.n;
      answered += r.n;
    }
    const fastestCorrect = (await this.q.fastestCorrect(roundId, fastest)).map((r) => ({ userId: r.userId, displayName: r.displayName, answeredAt: new Date(r.answeredAt) }));
    return { counts, answered, fastestCorrect };
  }

  async revealedRounds(groupId: number, channelId: string, memberId: number | null, limit: number): Promise<HistoryRow[]> {
    return (await this.q.revealedRounds(groupId, channelId, memberId, limit)).map((r) => ({ round: toRound(r.round), answered: r.answered, correct: r.correct, memberChoice: r.memberChoice }));
  }

  async questionUse(groupId: number, channelId: string): Promise<Map<string, number>> {
    return new Map((await this.q.questionUse(groupId, channelId)).map((r) => [r.questionId, r.n]));
  }

  recordAnswer(input: AnswerInput, scorer: Scorer): Promise<AnswerRecord> {
    return this.backend.transaction((q) => recordAnswer(q, input, scorer), { readsFirst: true });
  }

  // ---------------------------------------------------------------- leaderboards

  async topScores(groupId: number, period: PeriodKey, topic: string | null, limit: number): Promise<ScoreRow[]> {
    return ranked(await this.q.topScores(groupId, period, topic ?? ALL_TOPICS, limit));
  }

  async memberScore(groupId: number, period: PeriodKey, topic: string | null, memberId: number): Promise<ScoreRow | null> {
    const line = await this.q.memberScore(groupId, period, topic ?? ALL_TOPICS, memberId);
    if (!line) return null;
    return { ...line, rank: (await this.q.countAbove(groupId, period, topic ?? ALL_TOPICS, line.points)) + 1 };
  }

  async memberTopics(groupId: number, memberId: number): Promise<Array<{ topic: string; answered: number; correct: number; points: number }>> {
    return this.q.memberTopics(groupId, memberId);
  }

  async streaks(groupId: number, memberIds: number[], now: Date): Promise<Map<number, StreakView>> {
    const closed = (await this.q.closedRounds(groupId, now.getTime())).flatMap((r) => (r.id === null ? [] : [r.id]));
    const out = new Map<number, StreakView>();
    for (const memberId of new Set(memberIds)) {
      // The member's answer to each schedule's latest closed round carries the streak; a missed round has none.
      let current = 0;
      for (const roundId of closed) {
        const a = await this.q.answerOf(roundId, memberId);
        if (a?.correct) current = Math.max(current, a.streak);
      }
      const best = (await this.q.bestStreak(groupId, memberId))?.bestStreak ?? 0;
      out.set(memberId, { memberId, current, best: Math.max(best, current) });
    }
    return out;
  }

  // ---------------------------------------------------------------- practice

  async openPractice(p: Omit<PracticeRow, "id" | "answeredAt" | "choice">): Promise<PracticeRow> {
    return toPractice(
      await this.q.insertPractice({ memberId: p.memberId, questionId: p.questionId, questionHash: p.questionHash, topic: p.topic, correctIndex: p.correctIndex, choiceCount: p.choiceCount, openedAt: p.openedAt.getTime() }),
    );
  }

  async practiceById(id: number): Promise<PracticeRow | null> {
    const p = await this.q.practiceById(id);
    return p ? toPractice(p) : null;
  }

  answerPractice(id: number, choice: number, now: Date, schedule: ReviewScheduler): Promise<{ row: PracticeRow; first: boolean }> {
    return this.backend.transaction((q) => answerPractice(q, id, choice, now, schedule));
  }

  // ---------------------------------------------------------------- review cards (src/db/review.ts)

  async reviewCard(memberId: number, questionId: string): Promise<ReviewCard | null> {
    const c = await this.q.reviewCard(memberId, questionId);
    return c ? toReviewCard(c) : null;
  }

  async dueCards(memberId: number, until: Date, limit: number): Promise<ReviewCard[]> {
    return (await this.q.dueCards(memberId, until.getTime(), limit)).map(toReviewCard);
  }

  async countDue(memberId: number, until: Date): Promise<number> {
    return this.q.countDue(memberId, until.getTime());
  }

  async memberCards(memberId: number): Promise<ReviewCard[]> {
    return (await this.q.memberCards(memberId)).map(toReviewCard);
  }

  async groupCards(groupId: number): Promise<ReviewCard[]> {
    return (await this.q.groupCards(groupId)).map(toReviewCard);
  }

  async reviewsSince(memberId: number, since: Date): Promise<number> {
    return this.q.reviewsSince(memberId, since.getTime());
  }

  async questionTallies(memberId: number): Promise<QuestionTally[]> {
    return this.q.questionTallies(memberId);
  }

  reviewRound(roundId: number, schedule: ReviewScheduler): Promise<number> {
    return this.backend.transaction((q) => reviewRound(q, roundId, schedule));
  }

  async roundsToReview(since: Date, platforms: string[]): Promise<number[]> {
    if (platforms.length === 0) return [];
    return (await this.q.roundsToReview(since.getTime(), platforms)).map((r) => r.id);
  }

  async setReminder(memberId: number, time: string | null, at: Date): Promise<void> {
    if (time === null) await this.q.deleteReminder(memberId);
    else await this.q.upsertReminder(memberId, time, at.getTime());
  }

  async reminderOf(memberId: number): Promise<string | null> {
    return (await this.q.reminderOf(memberId))?.time ?? null;
  }

  async reminders(platforms: string[]): Promise<ReminderTarget[]> {
    if (platforms.length === 0) return [];
    return (await this.q.reminders(platforms)).map((r) => ({
      memberId: r.memberId,
      userId: r.userId,
      memberLocale: r.memberLocale,
      time: r.time,
      group: { id: r.groupId, platform: r.platform, externalId: r.externalId, timezone: r.timezone, locale: r.groupLocale },
    }));
  }

  async claimReviewReminder(memberId: number, localDate: string, at: Date): Promise<boolean> {
    return (await this.q.claimReviewReminder(memberId, localDate, at.getTime())) !== undefined;
  }

  // ---------------------------------------------------------------- the adaptive daily pick

  async groupQuestionIds(groupId: number): Promise<Set<string>> {
    return new Set((await this.q.groupQuestionIds(groupId)).map((r) => r.questionId));
  }

  async revealedSince(groupId: number, channelId: string, since: Date): Promise<Set<string>> {
    return new Set((await this.q.revealedSince(groupId, channelId, since.getTime())).map((r) => r.questionId));
  }

  async groupTopicTallies(groupId: number): Promise<Array<{ topic: string; answered: number; correct: number }>> {
    return this.q.groupTopicTallies(groupId);
  }

  // ---------------------------------------------------------------- delivery

  async markPosted(roundId: number, ref: MessageRef): Promise<void> {
    await this.q.markPosted(roundId, ref.channelId, ref.messageId);
  }

  async markRevealDelivered(roundId: number, ref?: MessageRef): Promise<void> {
    await this.q.markRevealDelivered(roundId, ref ?? null);
  }

  async retryDelivery(roundId: number, attempts: number, next: Date, kind: DeliveryKind): Promise<void> {
    await this.q.retryDelivery(roundId, attempts, next.getTime(), kind);
  }

  async failDelivery(roundId: number, step: DeliveryStep, kind: DeliveryKind, at: Date, attempts: number): Promise<void> {
    if (step === "post") await this.backend.transaction((q) => failPost(q, roundId, kind, at.getTime(), attempts));
    else await this.q.failReveal(roundId, kind, attempts);
  }

  async dueDeliveries(now: Date, platforms: string[]): Promise<RoundRow[]> {
    if (platforms.length === 0) return [];
    return (await this.q.dueDeliveries(now.getTime(), platforms)).map(toRound);
  }

  async leaseDelivery(roundId: number, now: Date, until: Date): Promise<boolean> {
    return (await this.q.leaseDelivery(roundId, now.getTime(), until.getTime())) > 0;
  }

  async pauseSchedules(groupId: number, channelId: string | null, reason: PauseReason): Promise<number> {
    return this.q.pauseSchedules(groupId, channelId, reason.kind, reason.detail, reason.at.getTime());
  }

  async takePauseNotices(groupId: number): Promise<ScheduleRow[]> {
    return (await this.q.takePauseNotices(groupId)).map(toSchedule);
  }

  // ---------------------------------------------------------------- organiser tools

  saveGroupQuestions(groupId: number, questions: NewGroupQuestion[], at: Date): Promise<{ added: number; replaced: number }> {
    return this.backend.transaction((q) => saveGroupQuestions(q, groupId, questions, at));
  }

  async groupQuestions(groupId: number): Promise<GroupQuestionRow[]> {
    return (await this.q.groupQuestionsOf(groupId)).map(toGroupQuestion);
  }

  async removeGroupQuestion(groupId: number, questionId: string): Promise<boolean> {
    return (await this.q.deleteGroupQuestion(groupId, questionId)) > 0;
  }

  startSeason(groupId: number, name: string, at: Date): Promise<{ season: SeasonRow; closed: SeasonRow | null } | null> {
    return this.backend.transaction((q) => startSeason(q, groupId, name, at.getTime()));
  }

  async currentSeason(groupId: number): Promise<SeasonRow | null> {
    const s = await this.q.openSeason(groupId);
    return s ? toSeason(s) : null;
  }

  async seasonByName(groupId: number, name: string): Promise<SeasonRow | null> {
    const s = await this.q.seasonByName(groupId, name);
    return s ? toSeason(s) : null;
  }

  async seasons(groupId: number): Promise<SeasonRow[]> {
    return (await this.q.seasonsOf(groupId)).map(toSeason);
  }

  async addOrganiser(groupId: number, kind: OrganiserKind, ref: string, at: Date): Promise<boolean> {
    return (await this.q.insertOrganiser({ groupId, kind, ref, addedAt: at.getTime() })) > 0;
  }

  async removeOrganiser(groupId: number, kind: OrganiserKind, ref: string): Promise<boolean> {
    return (await this.q.deleteOrganiser(groupId, kind, ref)) > 0;
  }

  async organisers(groupId: number): Promise<OrganiserRow[]> {
    return (await this.q.organisersOf(groupId)).map(toOrganiser);
  }

  async isDelegatedOrganiser(groupId: number, userId: string, roles: readonly string[]): Promise<boolean> {
    const held = new Set(roles);
    return (await this.q.organisersOf(groupId)).some((o) => (o.kind === "member" ? o.ref === userId : held.has(o.ref)));
  }

  async nextQuestion(scheduleId: number): Promise<string | null> {
    return (await this.q.nextQuestionOf(scheduleId))?.questionId ?? null;
  }

  async setNextQuestion(scheduleId: number, questionId: string, at: Date): Promise<void> {
    await this.q.upsertNextQuestion(scheduleId, questionId, at.getTime());
  }

  async clearNextQuestion(scheduleId: number, questionId: string): Promise<void> {
    await this.q.deleteNextQuestion(scheduleId, questionId);
  }

  async exportAnswers(groupId: number, period: PeriodKey): Promise<ExportAnswerRow[]> {
    return (await this.q.exportAnswers(groupId, answerWindow(period))).map((r) => ({ ...r, answeredAt: new Date(r.answeredAt) }));
  }

  async listGroups(): Promise<GroupRow[]> {
    return (await this.q.allGroups()).map(toGroup);
  }

  async scheduleStreaks(groupId: number, memberId: number, now: Date): Promise<ScheduleStreak[]> {
    const out: ScheduleStreak[] = [];
    for (const { scheduleId, roundId } of await this.q.closedRoundsBySchedule(groupId, now.getTime())) {
      const a = roundId === null ? undefined : await this.q.answerOf(roundId, memberId);
      out.push({ scheduleId, current: a?.correct ? a.streak : 0 });
    }
    return out;
  }

  forgetMember(groupId: number, userId: string): Promise<ForgetCounts | null> {
    return this.backend.transaction((q) => forgetMember(q, groupId, userId));
  }

  // ---------------------------------------------------------------- installations

  async saveInstallation(row: InstallationRow): Promise<void> {
    await this.q.upsertInstallation(installationRecord(row));
  }

  async findInstallation(platform: string, key: string): Promise<InstallationRow | null> {
    const found = await this.q.installationByKey(platform, key);
    return found ? toInstallation(found) : null;
  }

  async deleteInstallation(platform: string, key: string): Promise<boolean> {
    return (await this.q.deleteInstallation(platform, key)) > 0;
  }

  // ---------------------------------------------------------------- maintenance

  /** A real write transaction (the health row); rejects when the database cannot be written. */
  probeWrite(at: Date): Promise<void> {
    return this.backend.transaction(function* (q) {
      yield* got(q.probeWrite(at.getTime()));
    });
  }

  /** recounts every score row from the answers of revealed rounds */
  rebuildScores(): Promise<void> {
    return this.backend.transaction((q) => rebuildScores(q));
  }
}
