// The organiser tools, behind thin methods on StudyBot: a group's own questions (import, list, remove, template),
// exports as CSV, seasons, delegated organisers, the next question of a schedule (preview and skip), and forgetting a
// member. Who may call which is each platform's organiser check; every input is validated here.
import type { Actor, FileAttachment, Period } from "../cards.js";
import type { Clock } from "../clock.js";
import { periodKeys } from "../clock.js";
import { UserError } from "../errors.js";
import type { Library } from "../library.js";
import type { Locale } from "../locale.js";
import { t } from "../messages/index.js";
import { pool } from "../questions/pick.js";
import { KEBAB_CASE } from "../questions/schema.js";
import type { QuestionProblem } from "../questions/types.js";
import { choiceLabel, type RoundService } from "../rounds/service.js";
import { findNamedSchedule } from "../schedule/named.js";
import { nextRun } from "../schedule/parse.js";
import type { GroupRow, OrganiserKind, PeriodKey, SeasonRow, Store } from "../store/index.js";
import { CSV_MIME, toCsv } from "./csv.js";
import { checkImport, MAX_IMPORT_BYTES, parseGroupQuestionId, questionsCsv, templateFile, type QuestionFormat } from "./questions.js";

/** A file a member sent with a command: a chat attachment, a Slack file, a path on the console. */
export interface IncomingFile {
  name: string;
  /** bytes, when the platform says so before downloading */
  size?: number;
  read(): Promise<Uint8Array>;
}

export type ImportOutcome =
  | { ok: true; file: string; format: QuestionFormat; added: number; replaced: number; total: number; locale: Locale }
  | { ok: false; file: string; problems: QuestionProblem[]; drafts: string[]; locale: Locale };

export interface GroupQuestionList {
  questions: Array<{ id: string; topic: string; prompt: string; file: string; line: number }>;
  locale: Locale;
}

export interface SeasonChange {
  season: SeasonRow;
  closed: SeasonRow | null;
  locale: Locale;
}

export interface OrganiserList {
  entries: Array<{ kind: OrganiserKind; ref: string }>;
  /** what the command changed: added or removed, and whom; null for a plain list */
  change: { action: "added" | "removed"; kind: OrganiserKind; ref: string; name: string; changed: boolean } | null;
  locale: Locale;
}

export interface NextPreview {
  channelId: string;
  scheduleName: string;
  nextRun: Date | null;
  /** the question was just picked instead of another (skip) */
  skipped: string | null;
  question: { id: string; own: boolean; prompt: string; choices: Array<{ label: string; text: string }>; correct: string; topic: string; difficulty: 1 | 2 | 3; explanation: string };
  locale: Locale;
}

export interface ForgetOutcome {
  /** the caller forgot themselves */
  self: boolean;
  name: string;
  /** null when nothing was stored about them */
  counts: { answers: number; practice: number; reviews: number; organiser: number } | null;
  locale: Locale;
}

export type ExportKind = "answers" | "leaderboard" | "questions";

export interface OrganiserDeps {
  store: Store;
  library: Library;
  rounds: RoundService;
  clock: Clock;
  /** the group of an actor, created on first contact */
  group(actor: Actor): Promise<GroupRow>;
  /** the language replies to the actor use */
  locale(actor: Actor): Promise<Locale>;
}

/** A season's name: one word, as schedule names are. */
const SEASON_NAME = /^[\p{L}\p{N}_-]{1,32}$/u;

export class OrganiserService {
  constructor(private readonly deps: OrganiserDeps) {}

  // ---------------------------------------------------------------- a group's own questions

  /** Checks the file with the bank's validator and stores its questions (all or nothing). */
  async importQuestions(actor: Actor, file: IncomingFile): Promise<ImportOutcome> {
    const group = await this.deps.group(actor);
    const locale = await this.deps.locale(actor);
    const shown = () => file.name.split(/[\\/]/).at(-1) || "questions";
    if (file.size !== undefined && file.size > MAX_IMPORT_BYTES) throw new UserError("questions.too_big", { name: shown(), size: Math.ceil(file.size / 1024), max: MAX_IMPORT_BYTES / 1024 });
    const data = await file.read();
    // some platforms learn the file's name only when they fetch it
    const name = shown();
    if (data.length > MAX_IMPORT_BYTES) throw new UserError("questions.too_big", { name, size: Math.ceil(data.length / 1024), max: MAX_IMPORT_BYTES / 1024 });
    const view = this.deps.library.current;
    const check = checkImport(name, data, view.bank, view.sections);
    if (check.problems.length) return { ok: false, file: name, problems: check.problems, drafts: check.drafts, locale };
    const saved = await this.deps.store.saveGroupQuestions(group.id, check.questions, this.deps.clock.now());
    const total = (await this.deps.store.groupQuestions(group.id)).length;
    return { ok: true, file: name, format: check.format, ...saved, total, locale };
  }

  async listQuestions(actor: Actor): Promise<GroupQuestionList> {
    const group = await this.deps.group(actor);
    const rows = await this.deps.store.groupQuestions(group.id);
    return { questions: rows.map((r) => ({ id: r.questionId, topic: r.content.topic, prompt: r.content.prompt, file: r.file, line: r.line })), locale: await this.deps.locale(actor) };
  }

  async removeQuestion(actor: Actor, id: string): Promise<{ id: string; removed: boolean; locale: Locale }> {
    const group = await this.deps.group(actor);
    const local = parseGroupQuestionId(id)?.localId ?? id.trim().toLowerCase();
    if (!KEBAB_CASE.test(local)) throw new UserError("questions.bad_id", { id: id.slice(0, 64) });
    const removed = await this.deps.store.removeGroupQuestion(group.id, local);
    if (!removed) {
      const ids = (await this.deps.store.groupQuestions(group.id)).map((r) => r.questionId);
      throw new UserError(ids.length ? "questions.no_such" : "questions.none_yet", { id: local, ids: ids.slice(0, 20).join(", ") });
    }
    return { id: local, removed, locale: await this.deps.locale(actor) };
  }

  /** An example file to fill in, in either format. */
  template(format: QuestionFormat): FileAttachment {
    const view = this.deps.library.current;
    return templateFile(format, view.bank, view.sections);
  }

  // ---------------------------------------------------------------- exports

  /**
   * A CSV file of the group's answers or leaderboard in a window (week, month, all time, or a season by name), or
   * of its own questions (the import format).
   */
  async exportFile(actor: Actor, kind: ExportKind, period: Period | "season" = "all", seasonName?: string): Promise<{ file: FileAttachment; rows: number }> {
    const group = await this.deps.group(actor);
    const locale = await this.deps.locale(actor);
    const now = this.deps.clock.now();
    if (kind === "questions") {
      const rows = await this.deps.store.groupQuestions(group.id);
      return { file: { name: "questions.csv", mime: CSV_MIME, data: questionsCsv(rows.map((r) => r.content)) }, rows: rows.length };
    }
    const window = await this.window(group, period, seasonName, now);
    const col = (key: string) => t(locale, `export.col.${key}` as Parameters<typeof t>[1]);
    if (kind === "answers") {
      const rows = await this.deps.store.exportAnswers(group.id, window.key);
      const header = ["answered_at", "member", "member_id", "round", "channel", "question", "topic", "choice", "correct", "points", "streak"].map(col);
      const when = new Intl.DateTimeFormat("sv-SE", { timeZone: group.timezone, dateStyle: "short", timeStyle: "medium" });
      const data = toCsv(
        header,
        rows.map((r) => [when.format(r.answeredAt), r.displayName, r.userId, r.roundId, r.channelId, parseGroupQuestionId(r.questionId)?.localId ?? r.questionId, r.topic, choiceLabel(r.choice), r.correct, r.points, r.streak]),
      );
      return { file: { name: `answers-${window.label}.csv`, mime: CSV_MIME, data }, rows: rows.length };
    }
    const board = await this.deps.store.topScores(group.id, window.key, null, 100_000);
    const streaks = await this.deps.store.streaks(group.id, board.map((r) => r.memberId), now);
    const header = ["rank", "member", "member_id", "points", "correct_count", "answered", "accuracy", "streak"].map(col);
    const data = toCsv(
      header,
      board.map((r) => [r.rank, r.displayName, r.userId, r.points, r.correct, r.answered, r.answered ? Math.round((100 * r.correct) / r.answered) : 0, streaks.get(r.memberId)?.current ?? 0]),
    );
    return { file: { name: `leaderboard-${window.label}.csv`, mime: CSV_MIME, data }, rows: board.length };
  }

  /** The score window of a period: its key, a label for file names, and the season when it is one. */
  async window(group: GroupRow, period: Period | "season", seasonName: string | undefined, now: Date): Promise<{ key: PeriodKey; label: string; season: SeasonRow | null }> {
    if (period === "season" || seasonName !== undefined) {
      const season = seasonName !== undefined ? await this.deps.store.seasonByName(group.id, seasonName) : await this.deps.store.currentSeason(group.id);
      if (!season) {
        const names = (await this.deps.store.seasons(group.id)).map((s) => s.name);
        if (seasonName === undefined) throw new UserError("season.none");
        throw new UserError(names.length ? "season.unknown" : "season.none", { name: seasonName, names: names.join(", ") });
      }
      return { key: `s:${season.id}`, label: `season-${season.name}`, season };
    }
    const keys = periodKeys(now, group.timezone);
    if (period === "week") return { key: `w:${keys.week}`, label: `week-${keys.week}`, season: null };
    if (period === "month") return { key: `m:${keys.month}`, label: `month-${keys.month}`, season: null };
    return { key: "all", label: "all", season: null };
  }

  // ---------------------------------------------------------------- seasons

  async startSeason(actor: Actor, name: string): Promise<SeasonChange> {
    const group = await this.deps.group(actor);
    const clean = name.trim().toLowerCase();
    if (!SEASON_NAME.test(clean)) throw new UserError("season.bad_name", { name: name.slice(0, 40) });
    const started = await this.deps.store.startSeason(group.id, clean, this.deps.clock.now());
    if (!started) throw new UserError("season.name_used", { name: clean });
    return { ...started, locale: await this.deps.locale(actor) };
  }

  // ---------------------------------------------------------------- delegated organisers

  /** Whether the actor (holding these platform roles) was made an organiser of their group. */
  async isDelegated(actor: Actor, roles: readonly string[] = []): Promise<boolean> {
    const group = await this.deps.store.findGroup(actor.group);
    return group ? this.deps.store.isDelegatedOrganiser(group.id, actor.userId, roles) : false;
  }

  async changeOrganisers(actor: Actor, action: "add" | "remove" | "list", who: { member?: { userId: string; displayName: string }; role?: { id: string; name: string } } = {}): Promise<OrganiserList> {
    const group = await this.deps.group(actor);
    const locale = await this.deps.locale(actor);
    let change: OrganiserList["change"] = null;
    if (action !== "list") {
      const target = who.member ? { kind: "member" as const, ref: who.member.userId, name: who.member.displayName } : who.role ? { kind: "role" as const, ref: who.role.id, name: who.role.name } : null;
      if (!target) throw new UserError("organisers.whom", { action });
      const changed =
        action === "add" ? await this.deps.store.addOrganiser(group.id, target.kind, target.ref, this.deps.clock.now()) : await this.deps.store.removeOrganiser(group.id, target.kind, target.ref);
      change = { action: action === "add" ? "added" : "removed", ...target, changed };
    }
    const entries = (await this.deps.store.organisers(group.id)).map((o) => ({ kind: o.kind, ref: o.ref }));
    return { entries, change, locale };
  }

  // ---------------------------------------------------------------- the next question of a schedule

  /**
   * The question the schedule posts next, queued so the preview is what will be posted; with `skip`, another one
   * is queued in its place.
   */
  async next(actor: Actor, channelId: string, name: string | undefined, skip: boolean): Promise<NextPreview> {
    const group = await this.deps.group(actor);
    const locale = await this.deps.locale(actor);
    const schedule = (await findNamedSchedule(this.deps.store, group.id, channelId, name, true))!;
    const bank = await this.deps.rounds.bankFor(group.id);
    const candidates = pool(bank, schedule.topics);
    const queuedId = await this.deps.store.nextQuestion(schedule.id);
    let q = candidates.find((c) => c.id === queuedId) ?? null;
    let skipped: string | null = null;
    const now = this.deps.clock.now();
    if (skip || !q) {
      const previous = q;
      q = await this.deps.rounds.pick(group.id, channelId, candidates, schedule, now, previous?.id);
      if (!q) throw new UserError(previous ? "next.no_other" : "quiz.no_questions", { topics: schedule.topics.join(", ") || "*" });
      skipped = skip && previous ? this.shownId(previous.id) : null;
    }
    if (q.id !== queuedId) await this.deps.store.setNextQuestion(schedule.id, q.id, now);
    const right = q.choices[q.answer] ?? "";
    return {
      channelId,
      scheduleName: schedule.name,
      nextRun: schedule.paused ? null : nextRun(schedule, now),
      skipped,
      question: {
        id: this.shownId(q.id),
        own: parseGroupQuestionId(q.id) !== null,
        prompt: q.prompt,
        choices: q.choices.map((text, i) => ({ label: choiceLabel(i), text })),
        correct: `${choiceLabel(q.answer)}. ${right}`,
        topic: this.deps.rounds.topicName(q.topic, locale),
        difficulty: q.difficulty,
        explanation: q.explanation,
      },
      locale,
    };
  }

  private shownId(id: string): string {
    return parseGroupQuestionId(id)?.localId ?? id;
  }

  // ---------------------------------------------------------------- forgetting a member

  /** Deletes what is stored about `member` (default: the caller); answers stay as anonymous counts. */
  async forget(actor: Actor, member?: { userId: string; displayName: string }): Promise<ForgetOutcome> {
    const group = await this.deps.group(actor);
    const who = member ?? { userId: actor.userId, displayName: actor.displayName };
    const known = await this.deps.store.findMember(group.id, who.userId);
    const counts = await this.deps.store.forgetMember(group.id, who.userId);
    return { self: !member || member.userId === actor.userId, name: known?.displayName ?? who.displayName, counts, locale: await this.deps.locale(actor) };
  }
}
