// Rounds: open one (pick a question, claim the slot, post the card), reveal one (mark it closed exactly
// once, count, edit the card). Shared by the scheduler and the organiser commands.
import type { GroupRef, PlatformPort, QuestionCard, RevealedCard, SourceRef } from "../cards.js";
import type { Locale } from "../locale.js";
import type { PortRegistry } from "../ports.js";
import type { Question, QuestionBank } from "../questions/types.js";
import type { Section } from "../notes/types.js";
import type { GroupRow, PickMode, RoundRow, ScheduleRow, Store } from "../store/index.js";
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
  bank: QuestionBank;
  sections: readonly Section[];
  ports: PortRegistry;
  logger: Logger;
  random?: Random;
  /** picks the daily question by the schedule's mode (src/core/review/pick.ts); uniformly among the least used without */
  picker?: { pick(groupId: number, channelId: string, candidates: readonly Question[], mode: PickMode, now: Date): Promise<Question | null> };
}

export function groupRef(group: GroupRow): GroupRef {
  return { platform: group.platform, externalId: group.externalId };
}

export class RoundService {
  private readonly sectionsById = new Map<number, Section>();
  private readonly openedListeners = new Set<(round: RoundRow) => void | Promise<void>>();
  private readonly revealedListeners = new Set<(round: RoundRow, card: RevealedCard) => void | Promise<void>>();
  constructor(private readonly deps: RoundDeps) {
    for (const s of deps.sections) this.sectionsById.set(s.id, s);
  }

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
    const t = this.deps.bank.topics.get(key);
    return t ? t[locale] : key;
  }

  /** The question a round was opened with. Rounds keep its correct index, so scoring never depends on this. */
  question(round: { questionId: string }): Question | null {
    return this.deps.bank.byId.get(round.questionId) ?? null;
  }

  card(round: RoundRow, locale: Locale): QuestionCard {
    const q = this.question(round);
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

  source(q: Question | null): SourceRef | null {
    if (!q) return null;
    let s = q.sectionId !== null ? this.sectionsById.get(q.sectionId) : undefined;
    if (!s) s = this.deps.sections.find((x) => x.file.endsWith(q.source.note) && x.heading === q.source.heading);
    if (s) return { file: s.file, line: s.line, heading: s.heading, path: s.path };
    return { file: q.source.note, line: 0, heading: q.source.heading, path: [q.source.heading] };
  }

  async revealedCard(round: RoundRow, locale: Locale): Promise<RevealedCard> {
    const summary = await this.deps.store.roundSummary(round.id, 3);
    const q = this.question(round);
    return {
      ...this.card(round, locale),
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

  /**
   * Opens a round in a channel and posts its card through the group's platform port. For a scheduled
   * round the (schedule, local date) key is claimed first: null means that day was already posted.
   */
  async open(
    group: GroupRow,
    channelId: string,
    opts: { schedule: ScheduleRow | null; localDate: string | null; topics: string[]; revealAfterMinutes: number; instantFeedback: boolean; now: Date; locale: Locale },
  ): Promise<{ round: RoundRow; card: QuestionCard } | null> {
    const port = this.port(group.platform);
    if (!port) throw new Error(`no platform port registered for "${group.platform}"`);
    const candidates = pool(this.deps.bank, opts.topics);
    const q = this.deps.picker
      ? await this.deps.picker.pick(group.id, channelId, candidates, opts.schedule?.pick ?? "adaptive", opts.now)
      : pickForChannel(candidates, await this.deps.store.questionUse(group.id, channelId), this.deps.random);
    if (!q) throw new OperatorError("quiz.no_questions", { topics: opts.topics.join(", ") || "*" });
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
    });
    if (!round) return null;
    const card = this.card(round, opts.locale);
    try {
      const ref = await port.postCard(groupRef(group), channelId, card);
      await this.deps.store.setRoundMessage(round.id, ref);
      const posted = { ...round, message: ref };
      await this.opened(posted);
      return { round: posted, card };
    } catch (err) {
      // Give the slot back so the next tick can try again; the card never reached the channel.
      await this.deps.store.releaseRound(round.id);
      throw err;
    }
  }

  /**
   * Posts the card of a round that was claimed but never posted (its process stopped in between). Only one
   * process takes it over; false when another one did.
   */
  async repost(round: RoundRow, group: GroupRow, locale: Locale): Promise<boolean> {
    const port = this.port(group.platform);
    if (!port || !(await this.deps.store.takeUnposted(round.id))) return false;
    try {
      const ref = await port.postCard(groupRef(group), round.channelId, this.card(round, locale));
      await this.deps.store.setRoundMessage(round.id, ref);
      await this.opened({ ...round, message: ref });
      return true;
    } catch (err) {
      await this.deps.store.untakeUnposted(round.id);
      throw err;
    }
  }

  /**
   * Reveals a round: marks it closed (exactly once across processes), then edits its card in place. Returns
   * null when it had already been revealed.
   */
  async reveal(round: RoundRow, group: GroupRow, locale: Locale, now: Date): Promise<RevealedCard | null> {
    const won = await this.deps.store.markRevealed(round.id, now);
    if (!won) return null;
    const card = await this.revealedCard({ ...round, revealedAt: now }, locale);
    const port = this.port(group.platform);
    if (port && round.message) {
      try {
        await port.editCard(groupRef(group), round.message, card);
      } catch (err) {
        this.deps.logger.error({ err, roundId: round.id, group: group.externalId, platform: group.platform }, "could not edit the card at reveal");
      }
    }
    await this.revealed({ ...round, revealedAt: now }, card);
    return card;
  }
}
