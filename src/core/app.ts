// The core facade every platform calls. A platform adapter turns one chat event into ONE call here (usually
// through a command spec in ./commands) and renders the plain result. Refusals the user can act on are thrown
// as UserError, problems an organiser must fix as OperatorError (./errors.ts); anything else is a bug or an
// outage.
//
// Permissions are the adapter's job (Discord: Manage Server; Slack: admins or SLACK_ORGANIZERS); the core
// validates every input.
import type { Actor, AnswerOutcome, FileAttachment, GroupRef, History, Leaderboard, LeaderboardRow, MemberStats, Period, PlatformPort, QuestionCard, RevealedCard } from "./cards.js";
import type { Clock } from "./clock.js";
import { monthKey, periodKeys, periodStart, weekKey } from "./clock.js";
import { OperatorError, UserError } from "./errors.js";
import type { Locale } from "./locale.js";
import { resolveLocale } from "./locale.js";
import type { LookupResult, Section, Suggestion } from "./notes/types.js";
import type { PortRegistry, ScheduleEvents } from "./ports.js";
import type { Library } from "./library.js";
import type { ExportKind, IncomingFile, OrganiserService } from "./organiser/service.js";
import type { QuestionFormat } from "./organiser/questions.js";
import { pickForPractice, pool, type Random } from "./questions/pick.js";
import { draftQuestions, draftsToYaml } from "./questions/draft/index.js";
import { closest } from "./questions/schema.js";
import type { Question } from "./questions/types.js";
import { scheduleReview } from "./review/fsrs.js";
import type { ReviewService } from "./review/service.js";
import type { AfterAnswer, Readiness, ReminderView, ReviewPrompt } from "./review/types.js";
import { choiceLabel, type RoundService } from "./rounds/service.js";
import { DEFAULT_SCORING, SCORING_OPTIONS, scorer, type ScoringSettings } from "./rounds/scoring.js";
import { findNamedSchedule } from "./schedule/named.js";
import { DEFAULT_REVEAL_MINUTES, DEFAULT_WEEKDAYS, nextRun, parseRevealMinutes, parseTime, parseTimeZone, parseWeekdays, type ScheduleInput } from "./schedule/parse.js";
import { DEFAULT_SCHEDULE_NAME, type GroupRow, type MemberRow, type PeriodKey, type PickMode, type ScheduleExtras, type ScheduleRow, type ScoreRow, type Store } from "./store/index.js";
import type { DigestService } from "./digest/digests.js";
import { scheduleExtras, type ScheduleExtrasInput } from "./digest/settings.js";
import type { ThreadService } from "./digest/threads.js";
import type { Digest } from "./digest/types.js";
import type { Logger } from "../logger.js";
import { noMetrics, type CoreMetrics } from "./metrics.js";
import type { PauseReason } from "./store/index.js";

export type { ScheduleInput } from "./schedule/parse.js";
export type { ScoringSettings } from "./rounds/scoring.js";

/** What the facade needs from the notes search (src/core/notes/lookup.ts `LookupService` fits it). */
export interface NotesIndex {
  lookup(query: string, opts?: { limit?: number; maxChars?: number }): LookupResult;
  suggest(prefix: string): Suggestion[];
  section(value: string): Section | null;
}

/** Deployment-wide defaults (from configuration). */
export interface BotSettings {
  defaultTimezone: string;
  defaultLocale: Locale;
}

export interface StudyBotDeps {
  store: Store;
  /** the notes, their search and the shipped question bank in force (re-read on a reload) */
  library: Library;
  clock: Clock;
  logger: Logger;
  settings: BotSettings;
  rounds: RoundService;
  ports: PortRegistry;
  events: ScheduleEvents;
  /** question picking; Math.random unless a test fixes it */
  random?: Random;
  /** the organiser tools (a group's own questions, exports, seasons, delegation, next/skip, forgetting) */
  organiser: OrganiserService;
  digests: DigestService;
  threads: ThreadService;
  /** the learning loop: review cards, /review, reminders, readiness */
  reviews: ReviewService;
  metrics?: CoreMetrics;
}

export interface GroupSettings {
  /** null: each member sees their own client language, else DEFAULT_LOCALE */
  locale: Locale | null;
  /** IANA time zone for weeks and months on the leaderboard, and the default for new schedules */
  timezone: string;
  scoring: ScoringSettings;
}

export interface GroupSettingsInput {
  locale?: Locale | null;
  timezone?: string;
  scoring?: Partial<ScoringSettings>;
}

export interface ScheduleView {
  channelId: string;
  name: string;
  time: string;
  weekdays: number[];
  timezone: string;
  topics: Array<{ key: string; name: string }>;
  revealAfterMinutes: number;
  instantFeedback: boolean;
  pick: PickMode;
  paused: boolean;
  /** why the bot paused it itself (its channel failed for good); null when it runs or an organiser paused it */
  pause: PauseReason | null;
  nextRun: Date | null;
  lastRunDate: string | null;
  /** the weekly digest, reveal reminder and discussion thread settings */
  extras?: ScheduleExtras;
  /** permissions the bot lacks in the channel for the discussion threads it was asked for (checked when saved) */
  threadMissing?: string[];
}

/** A schedule the bot paused, told once to the group's organisers with their next command. */
export interface PauseNotice {
  channelId: string;
  name: string;
  pause: PauseReason;
}

/** A card posted now; `pending` when the platform has not confirmed it yet (it is tried again automatically). */
export type PostedCard = QuestionCard & { pending?: true };

export interface OpenRoundView {
  roundId: number;
  channelId: string;
  questionId: string;
  /** the schedule it belongs to, when it has one */
  scheduleName: string | null;
  revealAt: Date;
}

export interface GroupStatus {
  settings: GroupSettings;
  schedules: ScheduleView[];
  openRounds: OpenRoundView[];
  /** the questions the group's rounds draw from: the shipped bank's and the group's own */
  questions: number;
  /** of which the group's own */
  ownQuestions: number;
  locale: Locale;
}

/** A practice answer: the revealed card (counts only the caller's own answer) and whether it was right. */
export interface PracticeResult extends RevealedCard {
  correct: boolean;
  choiceLabel: string;
  /** true when the same practice question had been answered before (the first answer stands) */
  repeated: boolean;
  /** the note section, and how many reviews are still due today */
  after: AfterAnswer;
}

const MAX_NAME = 80;

export class StudyBot {
  private readonly store: Store;
  private readonly rounds: RoundService;

  constructor(private readonly deps: StudyBotDeps) {
    this.store = deps.store;
    this.rounds = deps.rounds;
  }

  /** The notes and shipped bank in force. */
  private get library() {
    return this.deps.library.current;
  }

  /** Makes `port` the way to post on `platform`; call the returned function when the platform stops. */
  registerPort(platform: string, port: PlatformPort): () => void {
    return this.deps.ports.register(platform, port);
  }

  /** The platforms connected in this process (those with a registered port). */
  platforms(): string[] {
    return this.deps.ports.platforms();
  }

  get defaultLocale(): Locale {
    return this.deps.settings.defaultLocale;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  // ---------------------------------------------------------------- lookup (synchronous)

  lookup(query: string, opts?: { limit?: number; maxChars?: number }): LookupResult {
    if (!query.trim()) throw new UserError("error.query_empty");
    const started = performance.now();
    const result = this.library.notes.lookup(query, opts);
    this.metrics.lookupSeconds((performance.now() - started) / 1000);
    return result;
  }

  /** autocomplete: at most 25 suggestions, each label at most 100 characters */
  suggest(prefix: string): Suggestion[] {
    return this.library.notes
      .suggest(prefix)
      .slice(0, 25)
      .map((s) => (s.label.length <= 100 ? s : { ...s, label: s.label.slice(0, 99) + "…" }));
  }

  /** resolves a Suggestion.value ("section:<file>#<line>") */
  section(value: string): Section | null {
    return this.library.notes.section(value);
  }

  /** A note section by its value, or a UserError saying it is gone (the notes changed since it was offered). */
  sectionOrFail(value: string): Section {
    const s = this.section(value);
    if (!s) throw new UserError("lookup.section_gone");
    return s;
  }

  /** The note files of the corpus, as the sections name them. */
  noteFiles(): string[] {
    return [...new Set(this.library.sections.map((s) => s.file))];
  }

  /** A note named by its path or file name (case and extension optional) → its file; UserError listing the notes. */
  resolveNote(input: string): string {
    const files = this.noteFiles();
    const want = input.trim().toLowerCase();
    const stem = (f: string) => f.toLowerCase().split("/").at(-1)!.replace(/\.(md|markdown|txt)$/, "");
    const found = files.find((f) => f.toLowerCase() === want) ?? files.find((f) => f.toLowerCase().endsWith(`/${want}`)) ?? files.filter((f) => stem(f) === want.replace(/\.(md|markdown|txt)$/, ""));
    if (typeof found === "string") return found;
    if (found.length === 1) return found[0]!;
    throw new UserError("notes.unknown", { value: input.slice(0, 80), notes: files.map((f) => f.split("/").at(-1)).join(", ") });
  }

  /** Autocomplete for note options: files whose name contains what was typed. */
  noteChoices(typed: string, limit = 25): string[] {
    const want = typed.trim().toLowerCase();
    return this.noteFiles()
      .filter((f) => f.toLowerCase().includes(want))
      .slice(0, limit);
  }

  /**
   * Drafts candidate questions from one note (`/studybot questions draft`): the bank's YAML with `draft: true` on
   * each item, for an organiser to review and publish. Nothing is published by this.
   */
  draftQuestions(note: string, opts: { limit?: number; topic?: string } = {}): { yaml: string; drafted: number; skipped: number; file: string } {
    const file = this.resolveNote(note);
    const library = this.library;
    const result = draftQuestions(library.sections, { file, content: library.readNote(file), limit: opts.limit, topic: opts.topic });
    return { yaml: draftsToYaml(result.drafts), drafted: result.drafts.length, skipped: result.skipped.length, file };
  }

  // ---------------------------------------------------------------- members

  /**
   * Records a member's answer to a group round. One answer per member per round: the first counts; a
   * repeated delivery of the same choice gets the same reply, a different later choice gets "duplicate".
   * The answer is committed before the promise resolves.
   */
  async answer(actor: Actor, roundId: number, choice: number, opts: { at?: Date } = {}): Promise<AnswerOutcome> {
    const group = await this.group(actor);
    const now = answerTime(this.deps.clock.now(), opts.at);
    if (!Number.isInteger(roundId) || roundId <= 0) return { kind: "unknown_round" };
    const keys = periodKeys(now, group.timezone);
    const rec = await this.store.recordAnswer(
      {
        roundId,
        groupId: group.id,
        member: { userId: actor.userId, displayName: cleanName(actor.displayName, actor.userId), locale: actor.locale ?? null },
        choice,
        now,
        fastSlots: group.scoring.fastBonusCount,
        weekKey: keys.week,
        monthKey: keys.month,
      },
      scorer(group.scoring),
    );
    switch (rec.kind) {
      case "unknown_round":
        return { kind: "unknown_round" };
      case "closed":
        return { kind: "closed" };
      case "invalid_choice":
        return { kind: "invalid_choice", validLabels: labels(rec.round.choiceCount) };
      case "recorded":
      case "duplicate":
        if (rec.kind === "recorded") this.metrics.answerRecorded(actor.group.platform);
        if (rec.kind === "duplicate" && rec.choice !== choice) return { kind: "duplicate", choiceLabel: choiceLabel(rec.choice) };
        return rec.round.instantFeedback
          ? { kind: "recorded", choiceLabel: choiceLabel(rec.choice), correct: rec.correct, points: rec.points }
          : { kind: "recorded", choiceLabel: choiceLabel(rec.choice) };
    }
  }

  /**
   * Stores what the platform now says about a member (their name and language), for a platform that learns it only
   * after answering them (Slack refreshes profiles in the background).
   */
  async rememberMember(actor: Actor): Promise<void> {
    const group = await this.group(actor);
    await this.store.ensureMember(group.id, { userId: actor.userId, displayName: cleanName(actor.displayName, actor.userId), locale: actor.locale ?? null });
  }

  /** The channel's cards still open for answers, oldest first (the console names them #round). */
  async openCards(actor: Actor, channelId: string): Promise<QuestionCard[]> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const now = this.deps.clock.now().getTime();
    const open = (await this.store.openRounds(group.id, channelId)).filter((r) => r.revealAt.getTime() > now).reverse();
    const bank = await this.rounds.bankFor(group.id);
    return open.map((r) => this.rounds.card(r, locale, bank));
  }

  /** /quiz: a private practice question (due reviews first); not on the leaderboard. */
  async practice(actor: Actor, topic?: string): Promise<QuestionCard> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const member = await this.member(group, actor);
    const topicKey = topic ? this.resolveTopic(topic) : null;
    const now = this.deps.clock.now();
    // a question on one of the group's open cards is not practised: its answer would be out before the reveal
    const open = await this.openQuestions(group);
    const all = pool(await this.rounds.bankFor(group.id), topicKey ? [topicKey] : []);
    const candidates = all.filter((q) => !open.has(q.id));
    const seen = new Set((await this.store.memberCards(member.id)).map((c) => c.questionId));
    const q = pickForPractice(candidates, await this.store.dueCards(member.id, now, 20), seen, this.deps.random);
    if (!q && all.length > 0) throw new UserError("quiz.all_open", { topic: topicKey ? this.rounds.topicName(topicKey, locale) : "*" });
    if (!q) throw new OperatorError("quiz.no_questions", { topics: topicKey ?? "*" });
    return this.openPractice(member, q, locale);
  }

  /**
   * /review: the caller's most overdue card, else a new question from their weakest topic, as a practice question
   * (answered through the same path as /quiz); or, with nothing to ask, when the next review falls due.
   */
  async review(actor: Actor): Promise<ReviewPrompt> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const member = await this.member(group, actor);
    const next = await this.deps.reviews.next(group, member, await this.openQuestions(group));
    return {
      card: next.question ? await this.openPractice(member, next.question, locale) : null,
      from: next.from,
      dueToday: next.dueToday,
      nextDue: next.nextDue,
      summary: await this.deps.reviews.summary(group, member.id),
      reminder: await this.store.reminderOf(member.id),
      timezone: group.timezone,
      locale,
    };
  }

  /** `/review remind:20:00` or `remind:off`: the caller's daily reminder, in the group's time zone. */
  async setReviewReminder(actor: Actor, value: string): Promise<ReminderView> {
    const group = await this.group(actor);
    const member = await this.member(group, actor);
    const time = parseReminder(value);
    const now = this.deps.clock.now();
    await this.store.setReminder(member.id, time, now);
    return { time, timezone: group.timezone, dueToday: (await this.deps.reviews.summary(group, member.id)).dueToday, locale: await this.locale(actor) };
  }

  /** `/stats view:readiness`: a member's (default the caller's) exam readiness per domain, beside the group's. */
  async readiness(actor: Actor, who?: { userId: string; displayName?: string }): Promise<Readiness> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const m = who ? await this.store.findMember(group.id, who.userId) : await this.member(group, actor);
    if (!m) throw new UserError("stats.unknown_member", { name: cleanName(who?.displayName ?? who?.userId ?? "", who?.userId ?? "?") });
    return { ...(await this.deps.reviews.readiness(group, m, locale)), locale };
  }

  /** Questions on the group's cards still open for answers. */
  private async openQuestions(group: GroupRow): Promise<Set<string>> {
    return new Set((await this.store.openRounds(group.id)).map((r) => r.questionId));
  }

  private member(group: GroupRow, actor: Actor): Promise<MemberRow> {
    return this.store.ensureMember(group.id, { userId: actor.userId, displayName: cleanName(actor.displayName, actor.userId), locale: actor.locale ?? null });
  }

  /** A practice question for the member (from /quiz or /review): its row, and the card they see. */
  private async openPractice(member: MemberRow, q: Question, locale: Locale): Promise<QuestionCard> {
    const now = this.deps.clock.now();
    const row = await this.store.openPractice({ memberId: member.id, questionId: q.id, questionHash: q.hash, topic: q.topic, correctIndex: q.answer, choiceCount: q.choices.length, openedAt: now });
    return {
      roundId: row.id,
      questionId: q.id,
      prompt: q.prompt,
      choices: q.choices.map((text, i) => ({ label: choiceLabel(i), text })),
      topic: { key: q.topic, name: this.rounds.topicName(q.topic, locale) },
      difficulty: q.difficulty,
      revealAt: now,
      locale,
    };
  }

  /** Answers a practice question: reveals it at once and moves the question in the caller's review queue. */
  async answerPractice(actor: Actor, practiceRoundId: number, choice: number): Promise<PracticeResult> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const member = await this.store.findMember(group.id, actor.userId);
    const row = Number.isInteger(practiceRoundId) ? await this.store.practiceById(practiceRoundId) : null;
    if (!member || !row || row.memberId !== member.id) throw new UserError("quiz.unknown_practice");
    if (!Number.isInteger(choice) || choice < 0 || choice >= row.choiceCount) {
      const value = Number.isInteger(choice) && choice >= 0 ? choiceLabel(choice) : String(choice);
      throw new UserError("quiz.bad_choice", { value, labels: labels(row.choiceCount).join(", ") });
    }
    const now = this.deps.clock.now();
    const { row: done, first } = await this.store.answerPractice(row.id, choice, now, scheduleReview);
    const chosen = done.choice ?? choice;
    const q = this.rounds.question(done, await this.rounds.bankFor(group.id));
    const counts = Array.from({ length: done.choiceCount }, (_, i) => (i === chosen ? 1 : 0));
    const base: QuestionCard = {
      roundId: done.id,
      questionId: done.questionId,
      prompt: q?.prompt ?? done.questionId,
      choices: (q?.choices ?? labels(done.choiceCount)).map((text, i) => ({ label: choiceLabel(i), text })),
      topic: { key: done.topic, name: this.rounds.topicName(done.topic, locale) },
      difficulty: q?.difficulty ?? 2,
      revealAt: done.answeredAt ?? now,
      locale,
    };
    return {
      ...base,
      correctIndex: done.correctIndex,
      counts,
      answered: 1,
      explanation: q?.explanation ?? "",
      source: this.rounds.source(q),
      fastestCorrect: [],
      correct: chosen === done.correctIndex,
      choiceLabel: choiceLabel(chosen),
      repeated: !first,
      after: await this.deps.reviews.afterAnswer(group, member.id, this.rounds.source(q)),
    };
  }

  /**
   * Top 10 of a window (week from Monday 00:00 in the group's time zone, month, all time, or a season: the current
   * one, or one named), ties sharing a rank.
   */
  async leaderboard(actor: Actor, period: Period | "season", topic?: string, seasonName?: string): Promise<Leaderboard> {
    if (period !== "week" && period !== "month" && period !== "all" && period !== "season") throw new UserError("leaderboard.bad_period", { value: String(period) });
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const topicKey = topic ? this.resolveTopic(topic) : null;
    const now = this.deps.clock.now();
    const window = period === "season" || seasonName !== undefined ? await this.deps.organiser.window(group, "season", seasonName, now) : null;
    const key = window?.key ?? periodKey(period as Period, now, group.timezone);
    const top = await this.store.topScores(group.id, key, topicKey, 10);
    const me = await this.store.findMember(group.id, actor.userId);
    let callerRow: ScoreRow | null = null;
    if (me && !top.some((r) => r.memberId === me.id)) callerRow = await this.store.memberScore(group.id, key, topicKey, me.id);
    const ids = [...top.map((r) => r.memberId), ...(callerRow ? [callerRow.memberId] : [])];
    const streaks = await this.store.streaks(group.id, ids, now);
    const row = (r: ScoreRow): LeaderboardRow => ({
      rank: r.rank,
      userId: r.userId,
      displayName: r.displayName,
      points: r.points,
      answered: r.answered,
      correct: r.correct,
      accuracy: r.answered ? r.correct / r.answered : 0,
      streak: streaks.get(r.memberId)?.current ?? 0,
    });
    const season = window?.season ?? null;
    return {
      period: season ? "season" : period,
      season: season ? { name: season.name, from: season.startedAt, to: season.endedAt } : null,
      topic: topicKey ? { key: topicKey, name: this.rounds.topicName(topicKey, locale) } : null,
      from: season ? season.startedAt : period === "all" || period === "season" ? null : periodStart(period, now, group.timezone),
      to: now,
      rows: top.map(row),
      caller: callerRow ? row(callerRow) : null,
      locale,
    };
  }

  /** Answered, correct, accuracy by topic, current and best streak, all-time rank of a member (default the caller). */
  async stats(actor: Actor, member?: { userId: string; displayName?: string }): Promise<MemberStats> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const who = member ?? { userId: actor.userId, displayName: actor.displayName };
    const m = await this.store.findMember(group.id, who.userId);
    if (!m) {
      if (member) throw new UserError("stats.unknown_member", { name: cleanName(who.displayName ?? who.userId, who.userId) });
      const review = { dueToday: 0, doneThisWeek: 0, predictedRecall: null };
      return { userId: who.userId, displayName: cleanName(who.displayName ?? who.userId, who.userId), answered: 0, correct: 0, accuracy: 0, points: 0, currentStreak: 0, bestStreak: 0, rank: null, byTopic: [], review, locale };
    }
    const all = await this.store.memberScore(group.id, "all", null, m.id);
    const topics = await this.store.memberTopics(group.id, m.id);
    const streak = (await this.store.streaks(group.id, [m.id], this.deps.clock.now())).get(m.id);
    const bySchedule = await this.scheduleStreaks(group.id, m.id);
    return {
      userId: m.userId,
      displayName: m.displayName,
      answered: all?.answered ?? 0,
      correct: all?.correct ?? 0,
      accuracy: all && all.answered ? all.correct / all.answered : 0,
      points: all?.points ?? 0,
      currentStreak: streak?.current ?? 0,
      bestStreak: streak?.best ?? 0,
      rank: all && all.answered > 0 ? all.rank : null,
      byTopic: topics
        .map((t) => ({ key: t.topic, name: this.rounds.topicName(t.topic, locale), answered: t.answered, correct: t.correct, accuracy: t.answered ? t.correct / t.answered : 0 }))
        .sort((a, b) => b.answered - a.answered || a.key.localeCompare(b.key)),
      ...(bySchedule.length > 1 ? { bySchedule } : {}),
      review: await this.deps.reviews.summary(group, m.id),
      locale,
    };
  }

  /** The member's current streak in each active schedule (a morning and an evening one keep their own). */
  private async scheduleStreaks(groupId: number, memberId: number): Promise<NonNullable<MemberStats["bySchedule"]>> {
    const schedules = new Map((await this.store.listSchedules(groupId)).filter((s) => s.active).map((s) => [s.id, s]));
    return (await this.store.scheduleStreaks(groupId, memberId, this.deps.clock.now())).flatMap((x) => {
      const s = schedules.get(x.scheduleId);
      return s ? [{ channelId: s.channelId, name: s.name, current: x.current }] : [];
    });
  }

  /** The channel's last `count` revealed questions with the answer, the caller's own answer and the group's accuracy. */
  async history(actor: Actor, channelId: string, count: number): Promise<History> {
    if (!Number.isInteger(count) || count < 1 || count > 10) throw new UserError("option.bad_integer", { name: "count", value: String(count), min: 1, max: 10 });
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const me = await this.store.findMember(group.id, actor.userId);
    const rows = await this.store.revealedRounds(group.id, channelId, me?.id ?? null, count);
    const bank = await this.rounds.bankFor(group.id);
    return {
      channelId,
      locale,
      entries: rows.map(({ round, answered, correct, memberChoice }) => {
        const card = this.rounds.card(round, locale, bank);
        const right = card.choices[round.correctIndex] ?? { label: choiceLabel(round.correctIndex), text: "" };
        const mine = memberChoice === null ? null : (card.choices[memberChoice] ?? { label: choiceLabel(memberChoice), text: "" });
        return {
          roundId: round.id,
          questionId: round.questionId,
          prompt: card.prompt,
          topic: card.topic,
          revealedAt: round.revealedAt ?? round.revealAt,
          correct: right,
          yours: mine ? { ...mine, correct: memberChoice === round.correctIndex } : null,
          answered,
          correctCount: correct,
          accuracy: answered ? correct / answered : 0,
          source: this.rounds.source(this.rounds.question(round, bank)),
        };
      }),
    };
  }

  /** Topics of the question bank that have questions, named in the locale. */
  topics(locale: Locale): Array<{ key: string; name: string }> {
    return this.usedTopics().map((t) => ({ key: t.key, name: t[locale] }));
  }

  /** Autocomplete for topic options: what was typed, matched against keys, names and their aliases. */
  topicChoices(typed: string, locale: Locale, limit = 25): Array<{ key: string; name: string }> {
    return this.library.topicIndex.complete(typed, locale, limit).map((t) => ({ key: t.key, name: t[locale] }));
  }

  /** The group's language if set, else the user's locale, else DEFAULT_LOCALE. */
  async locale(actor: Actor): Promise<Locale> {
    const group = await this.store.findGroup(actor.group);
    if (group?.locale) return group.locale;
    return resolveLocale(this.deps.settings.defaultLocale, actor.locale);
  }

  // ---------------------------------------------------------------- organisers

  /** Creates or replaces one of the channel's schedules (by name; "daily" unless named). */
  async schedule(actor: Actor, channelId: string, name: string | undefined, input: ScheduleInput & ScheduleExtrasInput): Promise<ScheduleView> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    checkChannel(channelId);
    const time = parseTime(input.time ?? "");
    const weekdays = input.weekdays ? parseWeekdays(input.weekdays) : DEFAULT_WEEKDAYS;
    const timezone = input.timezone ? parseTimeZone(input.timezone) : group.timezone;
    const topics = [...new Set((input.topics ?? []).map((t) => this.resolveTopic(t)))];
    const revealAfterMinutes = input.revealAfterMinutes === undefined ? DEFAULT_REVEAL_MINUTES : parseRevealMinutes(input.revealAfterMinutes);
    if (pool(await this.rounds.bankFor(group.id), topics).length === 0) throw new OperatorError("quiz.no_questions", { topics: topics.join(", ") || "*" });
    await this.preflight(actor, channelId);
    const extras = scheduleExtras(input, await this.store.findSchedule(group.id, channelId, name ?? DEFAULT_SCHEDULE_NAME), revealAfterMinutes);
    const row = await this.store.upsertSchedule(
      group.id,
      channelId,
      name ?? DEFAULT_SCHEDULE_NAME,
      { time, weekdays, timezone, topics, revealAfterMinutes, instantFeedback: input.instantFeedback ?? false, pick: input.pick ?? "adaptive", ...extras },
      { at: this.deps.clock.now() },
    );
    this.emit({ groupId: group.id, channelId });
    const threadMissing = row.thread ? await this.deps.threads.missing(group, channelId, locale) : [];
    return { ...this.view(row, locale), threadMissing };
  }

  /** This week's digest of the channel so far and its chart, for an organiser's eyes only (nothing is posted). */
  async digestNow(actor: Actor, channelId: string): Promise<{ digest: Digest; chart: FileAttachment }> {
    checkChannel(channelId);
    return this.deps.digests.preview(await this.group(actor), channelId, await this.locale(actor));
  }

  /** Stops one of the channel's schedules (the only one, or the one named). */
  async unschedule(actor: Actor, channelId: string, name?: string): Promise<{ name: string; removed: boolean }> {
    const group = await this.group(actor);
    const target = await this.scheduleNamed(group, channelId, name, false);
    if (!target) return { name: name ?? DEFAULT_SCHEDULE_NAME, removed: false };
    const removed = await this.store.deactivateSchedule(group.id, channelId, target.name, this.deps.clock.now());
    if (removed) this.emit({ groupId: group.id, channelId });
    return { name: target.name, removed };
  }

  /** Pauses or resumes one of the channel's schedules without forgetting it. */
  async setPaused(actor: Actor, channelId: string, name: string | undefined, paused: boolean): Promise<ScheduleView> {
    const group = await this.group(actor);
    const s = await this.scheduleNamed(group, channelId, name, true);
    const row = await this.store.upsertSchedule(group.id, channelId, s!.name, s!, { paused, at: this.deps.clock.now() });
    this.emit({ groupId: group.id, channelId });
    return this.view(row, await this.locale(actor));
  }

  async status(actor: Actor): Promise<GroupStatus> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const all = await this.store.listSchedules(group.id);
    const names = new Map(all.map((s) => [s.id, s.name]));
    const open = await this.store.openRounds(group.id);
    const bank = await this.rounds.bankFor(group.id);
    return {
      settings: settingsOf(group),
      schedules: all.filter((s) => s.active).map((s) => this.view(s, locale)),
      openRounds: open.map((r) => ({ roundId: r.id, channelId: r.channelId, questionId: r.questionId, scheduleName: r.scheduleId === null ? null : (names.get(r.scheduleId) ?? null), revealAt: r.revealAt })),
      questions: bank.questions.length,
      ownQuestions: bank.questions.length - this.library.bank.questions.length,
      locale,
    };
  }

  /**
   * Posts a question in the channel now, with the topics and reveal delay of its schedule (the only one, or the
   * one named). It scores points but stays outside the schedule's streak. While a card of that schedule is
   * still open, it refuses unless `force` is set.
   */
  async postNow(actor: Actor, channelId: string, opts: { name?: string; force?: boolean } = {}): Promise<PostedCard> {
    const group = await this.group(actor);
    checkChannel(channelId);
    await this.preflight(actor, channelId);
    const schedule = await this.scheduleNamed(group, channelId, opts.name, opts.name !== undefined);
    const now = this.deps.clock.now();
    if (!opts.force) {
      const open = (await this.store.openRounds(group.id, channelId)).filter((r) => r.scheduleId === (schedule?.id ?? null) && r.revealAt.getTime() > now.getTime());
      const card = open.at(-1);
      if (card) throw new UserError("postnow.open", { round: card.id, name: schedule?.name ?? DEFAULT_SCHEDULE_NAME });
    }
    const opened = await this.rounds.open(group, channelId, {
      schedule,
      localDate: null,
      topics: schedule?.topics ?? [],
      revealAfterMinutes: schedule?.revealAfterMinutes ?? DEFAULT_REVEAL_MINUTES,
      instantFeedback: schedule?.instantFeedback ?? false,
      now,
      locale: this.groupLocale(group),
    });
    if (!opened) throw new Error("a round posted on demand cannot conflict");
    // A failure for good is the platform's to explain (its failure path names what to fix).
    if (opened.delivery.state === "failed") throw opened.delivery.error;
    return opened.delivery.state === "pending" ? { ...opened.card, pending: true } : opened.card;
  }

  /** Whether the bot can post cards in the channel, as its platform checks it: a UserError saying what to fix. */
  private async preflight(actor: Actor, channelId: string): Promise<void> {
    await this.deps.ports.get(actor.group.platform)?.preflight?.(actor.group, channelId);
  }

  /**
   * The schedules the bot paused in the actor's group that its organisers were not told about yet, each told once
   * (the next organiser command shows them).
   */
  async takePauseNotices(actor: Actor): Promise<PauseNotice[]> {
    const group = await this.store.findGroup(actor.group);
    if (!group) return [];
    return (await this.store.takePauseNotices(group.id)).flatMap((s) => (s.active && s.paused && s.pause ? [{ channelId: s.channelId, name: s.name, pause: s.pause }] : []));
  }

  /**
   * The bot was removed from a server or workspace (or its token revoked): every schedule of the group is paused
   * with that reason, and all its data kept for when it comes back.
   */
  async removedFrom(ref: GroupRef): Promise<number> {
    const group = await this.store.findGroup(ref);
    if (!group) return 0;
    const paused = await this.store.pauseSchedules(group.id, null, { kind: "uninstalled", detail: null, at: this.deps.clock.now() });
    if (paused > 0) for (const s of await this.store.listSchedules(group.id)) this.emit({ groupId: group.id, channelId: s.channelId });
    this.deps.logger.warn({ platform: ref.platform, group: ref.externalId, paused }, "the bot was removed: paused the group's schedules, kept its data");
    return paused;
  }

  /** Reveals the channel's newest open round now (of the schedule named, when one is); null when none is open. */
  async revealNow(actor: Actor, channelId: string, name?: string): Promise<RevealedCard | null> {
    const group = await this.group(actor);
    const locale = this.groupLocale(group);
    const schedule = name === undefined ? null : await this.scheduleNamed(group, channelId, name, true);
    for (const round of await this.store.openRounds(group.id, channelId)) {
      if (schedule && round.scheduleId !== schedule.id) continue;
      const card = await this.rounds.reveal(round, group, locale, this.deps.clock.now());
      if (card) return card;
    }
    return null;
  }

  async configure(actor: Actor, input: GroupSettingsInput): Promise<GroupSettings> {
    const group = await this.group(actor);
    const patch: { locale?: Locale | null; timezone?: string; scoring?: ScoringSettings } = {};
    if (input.locale !== undefined) {
      if (input.locale !== null && input.locale !== "ko" && input.locale !== "en") throw new UserError("option.bad_choice", { name: "language", value: String(input.locale), choices: "ko, en, auto" });
      patch.locale = input.locale;
    }
    if (input.timezone !== undefined) patch.timezone = parseTimeZone(input.timezone);
    if (input.scoring) {
      const scoring = { ...group.scoring };
      for (const [name, o] of Object.entries(SCORING_OPTIONS)) {
        const v = input.scoring[o.key];
        if (v === undefined) continue;
        if (!Number.isInteger(v) || v < o.min || v > o.max) throw new UserError("option.bad_integer", { name, value: String(v), min: o.min, max: o.max });
        scoring[o.key] = v;
      }
      patch.scoring = scoring;
    }
    return settingsOf(await this.store.updateGroup(group.id, patch));
  }

  // ---------------------------------------------------------------- organiser tools (./organiser/service.ts)

  importQuestions(actor: Actor, file: IncomingFile) {
    return this.deps.organiser.importQuestions(actor, file);
  }

  listQuestions(actor: Actor) {
    return this.deps.organiser.listQuestions(actor);
  }

  removeQuestion(actor: Actor, id: string) {
    return this.deps.organiser.removeQuestion(actor, id);
  }

  questionsTemplate(format: QuestionFormat) {
    return this.deps.organiser.template(format);
  }

  exportFile(actor: Actor, kind: ExportKind, period?: Period | "season", season?: string) {
    return this.deps.organiser.exportFile(actor, kind, period, season);
  }

  startSeason(actor: Actor, name: string) {
    return this.deps.organiser.startSeason(actor, name);
  }

  /** Whether the actor was made an organiser here (by member, or by one of the platform roles they hold). */
  isDelegatedOrganiser(actor: Actor, roles?: readonly string[]) {
    return this.deps.organiser.isDelegated(actor, roles);
  }

  organisers(actor: Actor, action: "add" | "remove" | "list", who?: Parameters<OrganiserService["changeOrganisers"]>[2]) {
    return this.deps.organiser.changeOrganisers(actor, action, who);
  }

  nextQuestion(actor: Actor, channelId: string, name: string | undefined, skip: boolean) {
    return this.deps.organiser.next(actor, channelId, name, skip);
  }

  forget(actor: Actor, member?: { userId: string; displayName: string }) {
    return this.deps.organiser.forget(actor, member);
  }

  // ---------------------------------------------------------------- helpers

  /** The group row of an actor, created on first contact with the configured default time zone. */
  async group(actor: Actor): Promise<GroupRow> {
    return this.store.ensureGroup(actor.group, { timezone: this.deps.settings.defaultTimezone });
  }

  /** Language for what the whole group sees (cards in a channel). */
  groupLocale(group: GroupRow): Locale {
    return group.locale ?? this.deps.settings.defaultLocale;
  }

  /** A topic key or name in either language (or a word tied to it) → the key; UserError naming the closest otherwise. */
  resolveTopic(input: string): string {
    const { topicIndex, bank } = this.library;
    const key = topicIndex.resolve(input);
    if (key) return key;
    // a topic of topics.yaml with no shipped question yet, named by its key (a group's own questions may use it)
    const exact = input.trim().toLowerCase();
    if (bank.topics.has(exact)) return exact;
    const close = topicIndex.match(input).slice(0, 3).map((m) => m.key);
    const all = this.usedTopics().map((t) => t.key);
    const suggested = close.length ? close : closest(input, all, 3, 0.3);
    throw new UserError(suggested.length ? "quiz.unknown_topic_close" : "quiz.unknown_topic", { value: input.slice(0, 60), close: suggested.join(", "), topics: all.join(", ") });
  }

  private usedTopics() {
    return this.library.usedTopics;
  }

  /**
   * The channel's active schedule named `name`; without a name, the channel's only one (or "daily" among
   * several). `required`: a UserError when there is none; otherwise null.
   */
  private scheduleNamed(group: GroupRow, channelId: string, name: string | undefined, required: boolean): Promise<ScheduleRow | null> {
    return findNamedSchedule(this.store, group.id, channelId, name, required);
  }

  private view(s: ScheduleRow, locale: Locale): ScheduleView {
    return {
      channelId: s.channelId,
      name: s.name,
      time: s.time,
      weekdays: s.weekdays,
      timezone: s.timezone,
      topics: s.topics.map((k) => ({ key: k, name: this.rounds.topicName(k, locale) })),
      revealAfterMinutes: s.revealAfterMinutes,
      instantFeedback: s.instantFeedback,
      pick: s.pick,
      paused: s.paused,
      pause: s.paused ? s.pause : null,
      nextRun: s.paused || !s.active ? null : nextRun(s, this.deps.clock.now()),
      lastRunDate: s.lastRunDate,
      extras: { digest: s.digest, reminderMinutes: s.reminderMinutes, reminderMention: s.reminderMention, thread: s.thread },
    };
  }

  private get metrics(): CoreMetrics {
    return this.deps.metrics ?? noMetrics;
  }

  private emit(change: { groupId: number; channelId: string }): void {
    this.deps.events.emit(change, (err) => this.deps.logger.error({ err }, "schedule change listener failed"));
  }
}

export function periodKey(period: Period, now: Date, timezone: string): PeriodKey {
  if (period === "week") return `w:${weekKey(now, timezone)}`;
  if (period === "month") return `m:${monthKey(now, timezone)}`;
  return "all";
}

/**
 * When an answer counts as given: the platform's own time of the click when it has one (so the platform's latency
 * neither costs the fast bonus nor refuses a click made just before the reveal), never later than now and never
 * more than a minute before it (a click's time is the platform's word, not the member's).
 */
function answerTime(now: Date, at: Date | undefined): Date {
  if (!at || Number.isNaN(at.getTime())) return now;
  return new Date(Math.min(now.getTime(), Math.max(at.getTime(), now.getTime() - 60_000)));
}

function settingsOf(group: GroupRow): GroupSettings {
  return { locale: group.locale, timezone: group.timezone, scoring: { ...DEFAULT_SCORING, ...group.scoring } };
}

const labels = (count: number) => Array.from({ length: count }, (_, i) => choiceLabel(i));

/**
 * A name as stored and shown in chat: control characters, escape sequences and bidirectional overrides removed,
 * whitespace collapsed, at most 80 characters.
 */
export function cleanName(name: string, fallback: string): string {
  const s = stripControls(name).replace(/\s+/g, " ").trim().slice(0, MAX_NAME);
  return s || stripControls(fallback).slice(0, MAX_NAME);
}

/** Removes terminal escape sequences (ESC [ … letter), control characters and bidi overrides. */
export function stripControls(text: string): string {
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, "")
    .replace(/\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\)/g, "")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
}

/** Words that turn the review reminder off. */
const REMINDER_OFF = new Set(["off", "no", "none", "false", "끄기", "끔", "해제"]);

/** "20:00" (or "8pm", "오후8시") → "20:00"; an off word → null; anything else a UserError saying what to write. */
function parseReminder(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (REMINDER_OFF.has(v)) return null;
  try {
    return parseTime(v);
  } catch (err) {
    if (err instanceof UserError) throw new UserError("review.bad_remind", { value: value.slice(0, 40) });
    throw err;
  }
}

function checkChannel(channelId: string): void {
  if (!channelId || channelId.length > 100) throw new UserError("admin.bad_channel", { value: channelId.slice(0, 100) });
}
