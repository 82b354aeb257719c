// Rounds: open one (pick a question, claim the slot, post the card), reveal one (mark it closed exactly
// once, count, edit the card). Shared by the scheduler and the organiser commands.
import type { GroupRef, PlatformPort, QuestionCard, RevealedCard, SourceRef } from "../cards.js";
import { DELIVERY_LEASE_MS, deliveryKindOf, DeliveryError, MAX_DELIVERY_ATTEMPTS, retryAt, type DeliveryKind } from "../delivery.js";
import { noMetrics, type CoreMetrics } from "../metrics.js";
import type { Locale } from "../locale.js";
import type { PortRegistry } from "../ports.js";
import type { Library } from "../library.js";
import type { QuestionCatalog } from "../organiser/questions.js";
import type { Question, QuestionBank } from "../questions/types.js";
import type { DeliveryStep, GroupRow, PickMode, RoundRow, ScheduleRow, Store } from "../store/index.js";
import type { Logger } from "../../logger.js";
import { pickForChannel, pool, type Random } from "../questions/pick.js";
import { OperatorError } from "../errors.js";

export const CHOICE_LABELS = ["A", "B", "C", "D", "E", "F", "G", "H"];

export function choiceLabel(index: number): string {
  return CHOICE_LABELS[index] ?? String(index + 1);
}

/** "b" → 1; null when the letter is not one of the first `count` labels. */
export function choiceIndex(label: string, count: number): number | null {
  const i = CHOICE_LABELS.indexOf(label.trim().toUpperCase());
  return i >= 0 && i < count ? i : null;
}

export interface RoundDeps {
  store: Store;
  /** the shipped bank and notes in force */
  library: Library;
  /** the shipped bank with a group's own questions */
  catalog: QuestionCatalog;
  ports: PortRegistry;
  logger: Logger;
  random?: Random;
  /** picks the daily question by the schedule's mode (src/core/review/pick.ts); uniformly among the least used without */
  picker?: { pick(groupId: number, channelId: string, candidates: readonly Question[], mode: PickMode, now: Date): Promise<Question | null> };
  metrics?: CoreMetrics;
}

/**
 * Where a post or a reveal ended for now: done, pending (a transient failure, tried again from the sweep), or failed
 * for good (`error` says why; the channel's schedules are paused unless it was transient).
 */
export type DeliveryOutcome = { state: "done"; round: RoundRow } | { state: "pending"; kind: DeliveryKind } | { state: "failed"; kind: DeliveryKind; error: unknown };

/** Failures that are the channel's, not the card's: the channel's schedules are paused until an organiser acts. */
const PAUSING: readonly DeliveryKind[] = ["permission", "channel_gone", "uninstalled"];

export function groupRef(group: GroupRow): GroupRef {
  return { platform: group.platform, externalId: group.externalId };
}

export class RoundService {
  private readonly openedListeners = new Set<(round: RoundRow) => void | Promise<void>>();
  private readonly revealedListeners = new Set<(round: RoundRow, card: RevealedCard) => void | Promise<void>>();
  constructor(private readonly deps: RoundDeps) {}

  /**
   * Called with every round whose card this process posted (the scheduler arms its reveal timer, a discussion
   * thread is started); posting waits for a listener's promise.
   */
  onOpened(listener: (round: RoundRow) => void | Promise<void>): () => void {
    this.openedListeners.add(listener);
    return () => this.openedListeners.delete(listener);
  }

  /**
   * Called, and awaited, with every round this process revealed (the learning loop takes its answers in; the
   * card's thread gets the summary).
   */
  onRevealed(listener: (round: RoundRow, card: RevealedCard) => void | Promise<void>): () => void {
    this.revealedListeners.add(listener);
    return () => this.revealedListeners.delete(listener);
  }

  private async opened(round: RoundRow): Promise<void> {
    for (const l of this.openedListeners) {
      try {
        await l(round);
      } catch (err) {
        this.deps.logger.error({ err, roundId: round.id }, "round listener failed");
      }
    }
  }

  private async revealed(round: RoundRow, card: RevealedCard): Promise<void> {
    for (const l of this.revealedListeners) {
      try {
        await l(round, card);
      } catch (err) {
        this.deps.logger.error({ err, roundId: round.id }, "reveal listener failed");
      }
    }
  }

  port(platform: string): PlatformPort | undefined {
    return this.deps.ports.get(platform);
  }

  topicName(key: string, locale: Locale): string {
    const t = this.deps.library.current.bank.topics.get(key);
    return t ? t[locale] : key;
  }

  /** The bank a group's rounds draw from: the shipped questions and the group's own. */
  bankFor(groupId: number): Promise<QuestionBank> {
    return this.deps.catalog.bankFor(groupId);
  }

  /**
   * The question a round was opened with, from `bank` (the group's: `bankFor`). Rounds keep its correct index, so
   * scoring never depends on this.
   */
  question(round: { questionId: string }, bank: QuestionBank): Question | null {
    return bank.byId.get(round.questionId) ?? null;
  }

  card(round: RoundRow, locale: Locale, bank: QuestionBank): QuestionCard {
    const q = this.question(round, bank);
    return {
      roundId: round.id,
      questionId: round.questionId,
      prompt: q?.prompt ?? round.questionId,
      choices: (q?.choices ?? Array.from({ length: round.choiceCount }, (_, i) => choiceLabel(i))).map((text, i) => ({ label: choiceLabel(i), text })),
      topic: { key: round.topic, name: this.topicName(round.topic, locale) },
      difficulty: q?.difficulty ?? 2,
      revealAt: round.revealAt,
      locale,
    };
  }

  /** The note section a question cites, null when it cites none (a group's own question may not). */
  source(q: Question | null): SourceRef | null {
    const from = q?.source;
    if (!q || !from) return null;
    const view = this.deps.library.current;
    let s = q.sectionId !== null ? view.sectionsById.get(q.sectionId) : undefined;
    // A reload renumbers sections, and a group's question is resolved by name: the note and heading decide then.
    if (!s || !s.file.endsWith(from.note)) s = view.sections.find((x) => x.file.endsWith(from.note) && x.heading === from.heading);
    if (s) return { file: s.file, line: s.line, heading: s.heading, path: s.path };
    return { file: from.note, line: 0, heading: from.heading, path: [from.heading] };
  }

  async revealedCard(round: RoundRow, locale: Locale, bank?: QuestionBank): Promise<RevealedCard> {
    const summary = await this.deps.store.roundSummary(round.id, 3);
    const from = bank ?? (await this.bankFor(round.groupId));
    const q = this.question(round, from);
    return {
      ...this.card(round, locale, from),
      correctIndex: round.correctIndex,
      counts: summary.counts,
      answered: summary.answered,
      explanation: q?.explanation ?? "",
      source: this.source(q),
      fastestCorrect: summary.fastestCorrect.map((f) => ({
        userId: f.userId,
        displayName: f.displayName,
        seconds: Math.max(0, Math.round((f.answeredAt.getTime() - round.openedAt.getTime()) / 100) / 10),
      })),
    };
  }

  private get metrics(): CoreMetrics {
    return this.deps.metrics ?? noMetrics;
  }

  /**
   * Opens a round in a channel and posts its card through the group's platform port. For a scheduled round the
   * (schedule, local date) key is claimed first: null means that day was already posted. A post that fails
   * transiently leaves the round claimed and pending (the sweep posts the same round again, never another); one
   * that fails for good ends it "failed" and pauses the channel's schedules.
   */
  async open(
    group: GroupRow,
    channelId: string,
    opts: { schedule: ScheduleRow | null; localDate: string | null; topics: string[]; revealAfterMinutes: number; instantFeedback: boolean; now: Date; locale: Locale },
  ): Promise<{ round: RoundRow; card: QuestionCard; delivery: DeliveryOutcome } | null> {
    if (!this.port(group.platform)) throw new Error(`no platform port registered for "${group.platform}"`);
    const bank = await this.bankFor(group.id);
    const candidates = pool(bank, opts.topics);
    // A question an organiser previewed (/studybot next) or picked by skipping is the one posted.
    const queued = opts.schedule ? await this.deps.store.nextQuestion(opts.schedule.id) : null;
    const q = candidates.find((c) => c.id === queued) ?? (await this.pick(group.id, channelId, candidates, opts.schedule, opts.now));
    if (!q) throw new OperatorError("quiz.no_questions", { topics: opts.topics.join(", ") || "*" });
    const season = await this.deps.store.currentSeason(group.id);
    const round = await this.deps.store.claimRound({
      groupId: group.id,
      scheduleId: opts.schedule?.id ?? null,
      channelId,
      questionId: q.id,
      questionHash: q.hash,
      topic: q.topic,
      correctIndex: q.answer,
      choiceCount: q.choices.length,
      localDate: opts.localDate,
      openedAt: opts.now,
      revealAt: new Date(opts.now.getTime() + opts.revealAfterMinutes * 60_000),
      instantFeedback: opts.instantFeedback,
      leaseUntil: new Date(opts.now.getTime() + DELIVERY_LEASE_MS),
      seasonId: season?.id ?? null,
    });
    if (!round) return null;
    // The claimed round keeps the question until its card is posted or given up: the queue has done its work.
    if (opts.schedule && queued === q.id) await this.deps.store.clearNextQuestion(opts.schedule.id, q.id);
    const card = this.card(round, opts.locale, bank);
    const delivery = await this.post(round, group, card, opts.now, false);
    return { round: delivery.state === "done" ? delivery.round : round, card, delivery };
  }

  /**
   * The question the channel would get next from `candidates` by the schedule's pick mode (adaptive unless set;
   * uniformly among the least used without a picker), `exclude` left out.
   */
  async pick(groupId: number, channelId: string, candidates: readonly Question[], schedule: ScheduleRow | null, now: Date, exclude?: string): Promise<Question | null> {
    const others = exclude === undefined ? candidates : candidates.filter((c) => c.id !== exclude);
    return this.deps.picker
      ? this.deps.picker.pick(groupId, channelId, others, schedule?.pick ?? "adaptive", now)
      : pickForChannel(others, await this.deps.store.questionUse(groupId, channelId), this.deps.random);
  }

  private async post(round: RoundRow, group: GroupRow, card: QuestionCard, now: Date, retry: boolean): Promise<DeliveryOutcome> {
    const port = this.port(group.platform);
    if (!port) return { state: "pending", kind: "transient" };
    try {
      const ref = await port.postCard(groupRef(group), round.channelId, card, { roundId: round.id, retry });
      await this.deps.store.markPosted(round.id, ref);
      this.metrics.cardPosted(group.platform);
      const posted: RoundRow = { ...round, message: ref, delivery: { post: "posted", reveal: null, attempts: 0, nextAttemptAt: null, lastError: null } };
      await this.opened(posted);
      return { state: "done", round: posted };
    } catch (err) {
      return this.failed("post", round, group, err, now);
    }
  }

  /**
   * One more try of a round's pending post or reveal (the sweep calls this when its time has come). The try is
   * leased first, so one process makes it; null when another process took it or nothing is left to do here.
   */
  async retry(round: RoundRow, group: GroupRow, locale: Locale, now: Date): Promise<DeliveryOutcome | null> {
    if (round.revealedAt === null && (round.delivery.post !== "pending" || round.revealAt.getTime() <= now.getTime())) return null; // the reveal closes it
    if (!(await this.deps.store.leaseDelivery(round.id, now, new Date(now.getTime() + DELIVERY_LEASE_MS)))) return null;
    if (round.revealedAt === null) return this.post(round, group, this.card(round, locale, await this.bankFor(group.id)), now, true);
    return this.deliverReveal(round, group, await this.revealedCard(round, locale), now);
  }

  /**
   * Reveals a round: marks it closed (exactly once across processes), then edits its card in place. A card whose
   * message is gone gets the reveal as a new message; a transient failure is tried again from the sweep. Returns
   * null when it had already been revealed.
   */
  async reveal(round: RoundRow, group: GroupRow, locale: Locale, now: Date): Promise<RevealedCard | null> {
    const won = await this.deps.store.markRevealed(round.id, now, new Date(now.getTime() + DELIVERY_LEASE_MS));
    if (!won) return null;
    const closed: RoundRow = { ...round, revealedAt: now, delivery: { ...round.delivery, reveal: "pending", attempts: 0 } };
    const card = await this.revealedCard(closed, locale);
    await this.deliverReveal(closed, group, card, now);
    await this.revealed(closed, card);
    return card;
  }

  private async deliverReveal(round: RoundRow, group: GroupRow, card: RevealedCard, now: Date): Promise<DeliveryOutcome> {
    if (round.delivery.post !== "posted" || !round.message) {
      // Its card never reached the channel: there is nothing to reveal, and the post is given up.
      const kind = round.delivery.lastError ?? "transient";
      await this.deps.store.failDelivery(round.id, "post", kind, now, round.delivery.attempts);
      this.deps.logger.warn({ roundId: round.id, channel: round.channelId, group: group.externalId, platform: group.platform, kind }, "a question whose card was never posted closed at its reveal time");
      return { state: "failed", kind, error: null };
    }
    const port = this.port(group.platform);
    if (!port) return { state: "pending", kind: "transient" };
    try {
      await port.editCard(groupRef(group), round.message, card);
      await this.deps.store.markRevealDelivered(round.id);
    } catch (err) {
      if (deliveryKindOf(err) !== "message_gone") return this.failed("reveal", round, group, err, now);
      try {
        const ref = await port.postRevealed(groupRef(group), round.channelId, card);
        await this.deps.store.markRevealDelivered(round.id, ref);
        this.deps.logger.warn({ roundId: round.id, channel: round.channelId, group: group.externalId, platform: group.platform }, "the card's message was deleted: posted the reveal as a new message");
      } catch (again) {
        return this.failed("reveal", round, group, again, now);
      }
    }
    this.metrics.revealed(group.platform, "done");
    return { state: "done", round: { ...round, delivery: { ...round.delivery, reveal: "done", nextAttemptAt: null } } };
  }

  /** A failed try: counted and tried again later when transient, else the step ends failed and the channel pauses. */
  private async failed(step: DeliveryStep, round: RoundRow, group: GroupRow, err: unknown, now: Date): Promise<DeliveryOutcome> {
    const kind = deliveryKindOf(err);
    const attempts = round.delivery.attempts + 1;
    const context = { err, roundId: round.id, step, kind, attempts, channel: round.channelId, group: group.externalId, platform: group.platform };
    this.metrics.deliveryFailed(group.platform, kind);
    if (!PAUSING.includes(kind) && attempts < MAX_DELIVERY_ATTEMPTS) {
      const next = retryAt(now, attempts);
      await this.deps.store.retryDelivery(round.id, attempts, next, kind);
      // A failure no port classified is unexpected: logged as an error, still tried again.
      if (err instanceof DeliveryError) this.deps.logger.warn({ ...context, next }, `could not ${step} the card; trying again later`);
      else this.deps.logger.error({ ...context, next }, `could not ${step} the card (unexpected failure); trying again later`);
      return { state: "pending", kind };
    }
    await this.deps.store.failDelivery(round.id, step, kind, now, attempts);
    if (step === "reveal") this.metrics.revealed(group.platform, "failed");
    this.deps.logger.error(context, `gave up trying to ${step} the card`);
    if (PAUSING.includes(kind)) {
      const detail = err instanceof DeliveryError ? err.detail : null;
      const paused = await this.deps.store.pauseSchedules(group.id, kind === "uninstalled" ? null : round.channelId, { kind, detail, at: now });
      if (paused > 0) this.deps.logger.warn({ group: group.externalId, platform: group.platform, channel: round.channelId, kind, detail, paused }, "paused schedules until an organiser fixes the channel");
    }
    return { state: "failed", kind, error: err };
  }
}
