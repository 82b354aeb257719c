// The core facade every platform calls. A platform adapter turns one chat event into ONE call here and
// renders the plain result (types from ./cards.ts). Refusals the user can act on are thrown as UserError
// (render with t(locale, err.key, err.params)); anything else is a bug or an outage: log it, answer
// t(locale, "error.internal").
//
// Permissions are the adapter's job (Discord: Manage Server; Slack: admins or SLACK_ORGANIZERS); the core
// validates every input.
import type {
  Actor,
  AnswerOutcome,
  Leaderboard,
  LeaderboardRow,
  MemberStats,
  Period,
  PlatformPort,
  QuestionCard,
  RevealedCard,
} from "./cards.js";
import type { Clock } from "./clock.js";
import { isValidTimeZone, monthKey, periodKeys, periodStart, weekKey } from "./clock.js";
import { UserError } from "./errors.js";
import type { Locale } from "./messages/index.js";
import type { LookupResult, Section, Suggestion } from "./notes/types.js";
import type { QuestionBank } from "./questions/types.js";
import { pickForPractice, pool, type Random } from "./questions/pick.js";
import { choiceIndex, choiceLabel, groupRef, RoundService } from "./rounds/service.js";
import { nextReview, scorer } from "./rounds/scoring.js";
import {
  DEFAULT_REVEAL_MINUTES,
  DEFAULT_WEEKDAYS,
  nextRun,
  parseOnOff,
  parseRevealMinutes,
  parseTime,
  parseTimeZone,
  parseWeekdays,
  type ScheduleInput,
} from "./schedule/parse.js";
import { DEFAULT_SCHEDULE_NAME, type GroupRow, type PeriodKey, type ScheduleRow, type ScoreRow, type Store } from "./store/index.js";
import { DEFAULT_SCORING, type ScoringSettings } from "./rounds/scoring.js";
import type { Logger } from "../logger.js";

export { parseScheduleArgs } from "./schedule/parse.js";
export type { ScheduleInput } from "./schedule/parse.js";
export type { ScoringSettings } from "./rounds/scoring.js";

/** What the facade needs from the notes search (src/core/notes/lookup.ts `LookupService` fits it). */
export interface NotesIndex {
  lookup(query: string, opts?: { limit?: number; maxChars?: number }): LookupResult;
  suggest(prefix: string): Suggestion[];
  section(value: string): Section | null;
}

export interface StudyBotDeps {
  /** storage (src/db: `openDatabase(path).store`) */
  db: Store;
  notes: NotesIndex;
  /** the parsed note sections, to point a revealed question at its source heading */
  sections?: readonly Section[];
  bank: QuestionBank;
  clock: Clock;
  /** one port per platform, keyed by GroupRef.platform; platforms register theirs at start-up */
  ports: Map<string, PlatformPort>;
  logger: Logger;
  config: { defaultTimezone: string; defaultLocale: Locale };
  /** question picking; Math.random unless a test fixes it */
  random?: Random;
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
  time: string;
  weekdays: number[];
  timezone: string;
  topics: Array<{ key: string; name: string }>;
  revealAfterMinutes: number;
  instantFeedback: boolean;
  paused: boolean;
  nextRun: Date | null;
  lastRunDate: string | null;
}

export interface GroupStatus {
  settings: GroupSettings;
  schedules: ScheduleView[];
  openRounds: Array<{ roundId: number; channelId: string; questionId: string; revealAt: Date }>;
  questions: number;
  locale: Locale;
}

/** A practice answer: the revealed card (counts only the caller's own answer) and whether it was right. */
export interface PracticeResult extends RevealedCard {
  correct: boolean;
  choiceLabel: string;
  /** true when the same practice question had been answered before (the first answer stands) */
  repeated: boolean;
}

const SCORING_LIMITS: Record<keyof ScoringSettings, [number, number]> = {
  pointsCorrect: [0, 1000],
  fastBonus: [0, 1000],
  fastBonusCount: [0, 100],
  streakEvery: [0, 365],
  streakBonus: [0, 1000],
};

const CONFIG_KEYS: Record<string, keyof ScoringSettings | "locale" | "timezone"> = {
  language: "locale", lang: "locale", locale: "locale",
  timezone: "timezone", tz: "timezone",
  points: "pointsCorrect", "fast-bonus": "fastBonus", "fast-count": "fastBonusCount",
  "streak-every": "streakEvery", "streak-bonus": "streakBonus",
};

/** Parses the text after `/studybot config`: "language=en timezone=Asia/Seoul points=10 fast-bonus=5 …". */
export function parseConfigArgs(text: string): GroupSettingsInput {
  const input: GroupSettingsInput = {};
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf("=");
    const key = CONFIG_KEYS[(eq > 0 ? token.slice(0, eq) : token).toLowerCase()];
    if (eq <= 0 || !key) throw new UserError("config.usage", { key: token });
    const value = token.slice(eq + 1);
    if (key === "locale") {
      const v = value.toLowerCase();
      if (v !== "ko" && v !== "en" && v !== "auto") throw new UserError("config.bad_language", { value });
      input.locale = v === "auto" ? null : v;
    } else if (key === "timezone") {
      input.timezone = parseTimeZone(value);
    } else {
      if (!/^\d+$/.test(value)) throw new UserError("config.bad_number", { key: token.slice(0, eq), value });
      input.scoring = { ...input.scoring, [key]: Number(value) };
    }
  }
  if (Object.keys(input).length === 0) throw new UserError("config.usage", { key: "" });
  return input;
}

type ScheduleListener = (change: { groupId: number; channelId: string }) => void;

export class StudyBot {
  readonly rounds: RoundService;
  private readonly store: Store;
  private readonly listeners = new Set<ScheduleListener>();

  constructor(readonly deps: StudyBotDeps) {
    this.store = deps.db;
    this.rounds = new RoundService({ store: deps.db, bank: deps.bank, sections: deps.sections ?? [], ports: deps.ports, logger: deps.logger, random: deps.random });
  }

  // ---------------------------------------------------------------- lookup (synchronous)

  lookup(query: string, opts?: { limit?: number; maxChars?: number }): LookupResult {
    if (!query.trim()) throw new UserError("error.query_empty");
    return this.deps.notes.lookup(query, opts);
  }

  /** autocomplete: at most 25 suggestions, each label at most 100 characters */
  suggest(prefix: string): Suggestion[] {
    return this.deps.notes
      .suggest(prefix)
      .slice(0, 25)
      .map((s) => (s.label.length <= 100 ? s : { ...s, label: s.label.slice(0, 99) + "…" }));
  }

  /** resolves a Suggestion.value ("section:<file>#<line>") */
  section(value: string): Section | null {
    return this.deps.notes.section(value);
  }

  // ---------------------------------------------------------------- members

  /**
   * Records a member's answer to a group round. One answer per member per round: the first counts; a
   * repeated delivery of the same choice gets the same reply, a different later choice gets "duplicate".
   * The answer is committed before the promise resolves.
   */
  async answer(actor: Actor, roundId: number, choice: number): Promise<AnswerOutcome> {
    const group = await this.group(actor);
    const now = this.deps.clock.now();
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
        return { kind: "invalid_choice", validLabels: Array.from({ length: rec.round.choiceCount }, (_, i) => choiceLabel(i)) };
      case "recorded":
        return rec.round.instantFeedback
          ? { kind: "recorded", choiceLabel: choiceLabel(rec.choice), correct: rec.correct, points: rec.points }
          : { kind: "recorded", choiceLabel: choiceLabel(rec.choice) };
      case "duplicate":
        if (rec.choice !== choice) return { kind: "duplicate", choiceLabel: choiceLabel(rec.choice) };
        return rec.round.instantFeedback
          ? { kind: "recorded", choiceLabel: choiceLabel(rec.choice), correct: rec.correct, points: rec.points }
          : { kind: "recorded", choiceLabel: choiceLabel(rec.choice) };
    }
  }

  /**
   * Answers the newest open round of a channel by its letter (the console's `/answer B`). Throws UserError
   * when no round is open or the letter is not one of the card's choices.
   */
  async answerOpen(actor: Actor, channelId: string, letter: string): Promise<AnswerOutcome & { roundId: number }> {
    const group = await this.group(actor);
    const now = this.deps.clock.now();
    const open = (await this.store.openRounds(group.id, channelId)).filter((r) => r.revealAt.getTime() > now.getTime());
    const round = open[0];
    if (!round) throw new UserError("quiz.no_open_round");
    const index = choiceIndex(letter, round.choiceCount);
    if (index === null) {
      throw new UserError("quiz.bad_choice", { value: letter, labels: Array.from({ length: round.choiceCount }, (_, i) => choiceLabel(i)).join(", ") });
    }
    return { ...(await this.answer(actor, round.id, index)), roundId: round.id };
  }

  /** The newest open card of a channel, or null. */
  async currentCard(actor: Actor, channelId: string): Promise<QuestionCard | null> {
    const group = await this.group(actor);
    const now = this.deps.clock.now();
    const round = (await this.store.openRounds(group.id, channelId)).find((r) => r.revealAt.getTime() > now.getTime());
    return round ? this.rounds.card(round, await this.locale(actor)) : null;
  }

  /** /quiz: a private practice question (due reviews first); not on the leaderboard. */
  async practice(actor: Actor, topic?: string): Promise<QuestionCard> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const member = await this.store.ensureMember(group.id, { userId: actor.userId, displayName: cleanName(actor.displayName, actor.userId), locale: actor.locale ?? null });
    const topicKey = topic ? this.resolveTopic(topic, locale) : null;
    const now = this.deps.clock.now();
    const candidates = pool(this.deps.bank, topicKey ? [topicKey] : []);
    const q = pickForPractice(candidates, await this.store.dueReviews(member.id, now), await this.store.reviewedQuestionIds(member.id), this.deps.random);
    if (!q) throw new UserError("quiz.no_questions", { topics: topicKey ?? "*" });
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
      throw new UserError("quiz.bad_choice", { value, labels: Array.from({ length: row.choiceCount }, (_, i) => choiceLabel(i)).join(", ") });
    }
    const now = this.deps.clock.now();
    const { row: done, first } = await this.store.answerPractice(row.id, choice, now, (prev, correct) => nextReview(prev, correct, now));
    const chosen = done.choice ?? choice;
    const q = this.rounds.question(done);
    const counts = Array.from({ length: done.choiceCount }, (_, i) => (i === chosen ? 1 : 0));
    const base: QuestionCard = {
      roundId: done.id,
      questionId: done.questionId,
      prompt: q?.prompt ?? done.questionId,
      choices: (q?.choices ?? counts.map((_, i) => choiceLabel(i))).map((text, i) => ({ label: choiceLabel(i), text })),
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
    };
  }

  /** Top 10 of a window (week from Monday 00:00 in the group's time zone, month, all time), ties sharing a rank. */
  async leaderboard(actor: Actor, period: Period, topic?: string): Promise<Leaderboard> {
    if (period !== "week" && period !== "month" && period !== "all") throw new UserError("leaderboard.bad_period", { value: String(period) });
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const topicKey = topic ? this.resolveTopic(topic, locale) : null;
    const now = this.deps.clock.now();
    const key = periodKey(period, now, group.timezone);
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
    return {
      period,
      topic: topicKey ? { key: topicKey, name: this.rounds.topicName(topicKey, locale) } : null,
      from: period === "all" ? null : periodStart(period, now, group.timezone),
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
      if (member) throw new UserError("stats.unknown_member", { name: who.displayName ?? who.userId });
      return { userId: who.userId, displayName: who.displayName ?? who.userId, answered: 0, correct: 0, accuracy: 0, points: 0, currentStreak: 0, bestStreak: 0, rank: null, byTopic: [], locale };
    }
    const all = await this.store.memberScore(group.id, "all", null, m.id);
    const topics = await this.store.memberTopics(group.id, m.id);
    const streak = (await this.store.streaks(group.id, [m.id], this.deps.clock.now())).get(m.id);
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
      locale,
    };
  }

  /** Topics of the question bank that have questions, named in the locale. */
  topics(locale: Locale): Array<{ key: string; name: string }> {
    const used = new Set(this.deps.bank.questions.map((q) => q.topic));
    return [...this.deps.bank.topics.values()].filter((t) => used.has(t.key)).map((t) => ({ key: t.key, name: t[locale] }));
  }

  /** The group's language if set, else the user's locale, else DEFAULT_LOCALE. */
  async locale(actor: Actor): Promise<Locale> {
    const group = await this.store.findGroup(actor.group);
    if (group?.locale) return group.locale;
    const l = actor.locale?.toLowerCase() ?? "";
    if (l.startsWith("ko")) return "ko";
    if (l.startsWith("en")) return "en";
    return this.deps.config.defaultLocale;
  }

  // ---------------------------------------------------------------- organisers

  /** Creates or replaces the channel's daily question schedule. */
  async schedule(actor: Actor, channelId: string, input: ScheduleInput): Promise<ScheduleView> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    checkChannel(channelId);
    const time = parseTime(input.time ?? "");
    const weekdays = input.weekdays ? parseWeekdays(input.weekdays) : DEFAULT_WEEKDAYS;
    const timezone = input.timezone ? parseTimeZone(input.timezone) : group.timezone;
    const topics = (input.topics ?? []).map((t) => this.resolveTopic(t, locale));
    const revealAfterMinutes = input.revealAfterMinutes === undefined ? DEFAULT_REVEAL_MINUTES : parseRevealMinutes(input.revealAfterMinutes);
    if (pool(this.deps.bank, topics).length === 0) throw new UserError("quiz.no_questions", { topics: topics.join(", ") || "*" });
    const row = await this.store.upsertSchedule(
      group.id,
      channelId,
      DEFAULT_SCHEDULE_NAME,
      { time, weekdays, timezone, topics: [...new Set(topics)], revealAfterMinutes, instantFeedback: input.instantFeedback ?? false },
      { at: this.deps.clock.now() },
    );
    this.emit({ groupId: group.id, channelId });
    return this.view(row, locale);
  }

  /** Stops the channel's schedule; false when it had none. */
  async unschedule(actor: Actor, channelId: string): Promise<boolean> {
    const group = await this.group(actor);
    const done = await this.store.deactivateSchedule(group.id, channelId, DEFAULT_SCHEDULE_NAME, this.deps.clock.now());
    if (done) this.emit({ groupId: group.id, channelId });
    return done;
  }

  /** Pauses or resumes the channel's schedule without forgetting it. */
  async pause(actor: Actor, channelId: string, paused: boolean): Promise<ScheduleView> {
    const group = await this.group(actor);
    const s = await this.store.findSchedule(group.id, channelId, DEFAULT_SCHEDULE_NAME);
    if (!s || !s.active) throw new UserError("schedule.none");
    const row = await this.store.upsertSchedule(group.id, channelId, DEFAULT_SCHEDULE_NAME, s, { paused, at: this.deps.clock.now() });
    this.emit({ groupId: group.id, channelId });
    return this.view(row, await this.locale(actor));
  }

  async status(actor: Actor): Promise<GroupStatus> {
    const group = await this.group(actor);
    const locale = await this.locale(actor);
    const schedules = (await this.store.listSchedules(group.id)).filter((s) => s.active);
    const open = await this.store.openRounds(group.id);
    return {
      settings: settingsOf(group),
      schedules: schedules.map((s) => this.view(s, locale)),
      openRounds: open.map((r) => ({ roundId: r.id, channelId: r.channelId, questionId: r.questionId, revealAt: r.revealAt })),
      questions: this.deps.bank.questions.length,
      locale,
    };
  }

  /** Posts a question in the channel now (an ad hoc round: scored, outside the channel's streak). */
  async postNow(actor: Actor, channelId: string): Promise<QuestionCard> {
    const group = await this.group(actor);
    checkChannel(channelId);
    const s = await this.store.findSchedule(group.id, channelId, DEFAULT_SCHEDULE_NAME);
    const active = s && s.active ? s : null;
    const opened = await this.rounds.open(group, channelId, {
      schedule: null,
      localDate: null,
      topics: active?.topics ?? [],
      revealAfterMinutes: active?.revealAfterMinutes ?? DEFAULT_REVEAL_MINUTES,
      instantFeedback: active?.instantFeedback ?? false,
      now: this.deps.clock.now(),
      locale: await this.groupLocale(group),
    });
    if (!opened) throw new Error("an ad hoc round cannot conflict");
    return opened.card;
  }

  /** Reveals the channel's newest open round now; null when none is open. */
  async revealNow(actor: Actor, channelId: string): Promise<RevealedCard | null> {
    const group = await this.group(actor);
    const locale = await this.groupLocale(group);
    for (const round of await this.store.openRounds(group.id, channelId)) {
      const card = await this.rounds.reveal(round, group, locale, this.deps.clock.now());
      if (card) return card;
    }
    return null;
  }

  async configure(actor: Actor, input: GroupSettingsInput): Promise<GroupSettings> {
    const group = await this.group(actor);
    const patch: { locale?: Locale | null; timezone?: string; scoring?: ScoringSettings } = {};
    if (input.locale !== undefined) {
      if (input.locale !== null && input.locale !== "ko" && input.locale !== "en") throw new UserError("config.bad_language", { value: String(input.locale) });
      patch.locale = input.locale;
    }
    if (input.timezone !== undefined) patch.timezone = parseTimeZone(input.timezone);
    if (input.scoring) {
      const scoring = { ...group.scoring };
      for (const [k, v] of Object.entries(input.scoring) as Array<[keyof ScoringSettings, number | undefined]>) {
        const limits = SCORING_LIMITS[k];
        if (!limits) throw new UserError("config.usage", { key: k });
        if (v === undefined) continue;
        if (!Number.isInteger(v) || v < limits[0] || v > limits[1]) throw new UserError("config.bad_number", { key: k, value: String(v) });
        scoring[k] = v;
      }
      patch.scoring = scoring;
    }
    return settingsOf(await this.store.updateGroup(group.id, patch));
  }

  /** Called when a schedule is created, changed or removed (the scheduler re-arms its cron jobs). */
  onScheduleChange(listener: ScheduleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------------------------------------------------------------- helpers

  /** The group row of an actor, created on first contact with the configured default time zone. */
  async group(actor: Actor): Promise<GroupRow> {
    return this.store.ensureGroup(actor.group, { timezone: this.deps.config.defaultTimezone });
  }

  /** Language for what the whole group sees (cards in a channel). */
  async groupLocale(group: GroupRow): Promise<Locale> {
    return group.locale ?? this.deps.config.defaultLocale;
  }

  /** A topic key or its ko/en name (case-insensitive) → the key; UserError listing the topics otherwise. */
  resolveTopic(input: string, locale: Locale): string {
    const want = input.trim().toLowerCase();
    for (const t of this.deps.bank.topics.values()) {
      if (t.key.toLowerCase() === want || t.ko.toLowerCase() === want || t.en.toLowerCase() === want) return t.key;
    }
    throw new UserError("quiz.unknown_topic", { value: input, topics: this.topics(locale).map((t) => t.key).join(", ") });
  }

  private view(s: ScheduleRow, locale: Locale): ScheduleView {
    return {
      channelId: s.channelId,
      time: s.time,
      weekdays: s.weekdays,
      timezone: s.timezone,
      topics: s.topics.map((k) => ({ key: k, name: this.rounds.topicName(k, locale) })),
      revealAfterMinutes: s.revealAfterMinutes,
      instantFeedback: s.instantFeedback,
      paused: s.paused,
      nextRun: s.paused || !s.active ? null : nextRun(s, this.deps.clock.now()),
      lastRunDate: s.lastRunDate,
    };
  }

  private emit(change: { groupId: number; channelId: string }): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        this.deps.logger.error({ err }, "schedule change listener failed");
      }
    }
  }
}

export function periodKey(period: Period, now: Date, timezone: string): PeriodKey {
  if (period === "week") return `w:${weekKey(now, timezone)}`;
  if (period === "month") return `m:${monthKey(now, timezone)}`;
  return "all";
}

function settingsOf(group: GroupRow): GroupSettings {
  return { locale: group.locale, timezone: group.timezone, scoring: { ...DEFAULT_SCORING, ...group.scoring } };
}

function cleanName(name: string, fallback: string): string {
  // Display names are stored and shown in chat: strip control characters and cap the length.
  const s = name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 80);
  return s || fallback.slice(0, 80);
}

function checkChannel(channelId: string): void {
  if (!channelId || channelId.length > 100) throw new UserError("admin.bad_channel", { value: channelId.slice(0, 100) });
}

export { groupRef, isValidTimeZone, parseOnOff };
