// The learning loop: each member's FSRS cards (moved by every answer they give), what /review asks next, their
// review counts and exam readiness, and the opt-in daily reminder. Daily cards are taken in when they are revealed,
// so nothing is spoiled; the scheduler's sweep takes in any reveal this process did not see (another process, a
// restart between the reveal and its review), each answer once by the review log's unique key.
import type { GroupRef } from "../cards.js";
import type { Clock } from "../clock.js";
import { addDays, localDate, localParts, weekKey, zonedTime } from "../clock.js";
import type { Locale } from "../locale.js";
import { resolveLocale } from "../locale.js";
import { OperatorError } from "../errors.js";
import { t } from "../messages/index.js";
import { trimAtLine } from "../notes/lookup.js";
import type { Library } from "../library.js";
import type { QuestionCatalog } from "../organiser/questions.js";
import type { PortRegistry } from "../ports.js";
import type { Random } from "../questions/pick.js";
import type { Question } from "../questions/types.js";
import type { SourceRef } from "../cards.js";
import type { CardState, GroupRow, MemberRow, RoundRow, Store } from "../store/index.js";
import type { Logger } from "../../logger.js";
import { recall, scheduleReview } from "./fsrs.js";
import { groupReadiness, readiness } from "./readiness.js";
import type { AfterAnswer, ExamReadiness, Readiness, ReviewSummary } from "./types.js";

/** rounds revealed this long ago are still checked for answers not yet taken into cards */
const CATCH_UP_MS = 2 * 86_400_000;
/** how much of a note section follows an answer */
const SECTION_CHARS = 700;

export interface ReviewDeps {
  store: Store;
  /** the notes in force (re-read on a reload): a question's note section follows an answer */
  library: Library;
  /** the shipped bank with a group's own questions: cards name either */
  catalog: QuestionCatalog;
  clock: Clock;
  logger: Logger;
  ports: PortRegistry;
  defaultLocale: Locale;
  random?: Random;
}

/** What /review asks next. */
export interface NextReview {
  question: Question | null;
  from: "due" | "new" | null;
  /** cards due today, this one included */
  dueToday: number;
  nextDue: Date | null;
}

export class ReviewService {
  private readonly store: Store;
  private readonly logger: Logger;

  constructor(private readonly deps: ReviewDeps) {
    this.store = deps.store;
    this.logger = deps.logger.child({ component: "review" });
  }

  /** The end of the group's local day: "due today" means due before it. */
  endOfToday(now: Date, timezone: string): Date {
    return zonedTime(addDays(localDate(now, timezone), 1), "00:00", timezone);
  }

  /** Due counts, reviews this week and predicted recall of a member. */
  async summary(group: GroupRow, memberId: number): Promise<ReviewSummary> {
    const now = this.deps.clock.now();
    const cards = await this.store.memberCards(memberId);
    const answered = cards.filter((c) => c.lastReview !== null);
    // A day ahead: right after an answer every card is at 100 %, a missed one as much as one known for months.
    const tomorrow = new Date(now.getTime() + 86_400_000);
    return {
      dueToday: await this.store.countDue(memberId, this.endOfToday(now, group.timezone)),
      doneThisWeek: await this.store.reviewsSince(memberId, zonedTime(weekKey(now, group.timezone), "00:00", group.timezone)),
      predictedRecall: answered.length ? answered.reduce((s, c) => s + recall(c, tomorrow), 0) / answered.length : null,
    };
  }

  /**
   * The member's next review: the most overdue of their cards due today (a question missed a minute ago comes back
   * after the others), else a question they never answered from their weakest topic (the lowest share of right
   * answers, smoothed as (right + 1) / (answered + 2); ties drawn at random). `exclude`: questions not to ask as new
   * ones (those on the group's open cards: a practice answer would give theirs away).
   */
  async next(group: GroupRow, member: MemberRow, exclude: ReadonlySet<string> = new Set()): Promise<NextReview> {
    const now = this.deps.clock.now();
    const bank = await this.deps.catalog.bankFor(group.id);
    // A group with only its notes so far has nothing to review, which /quiz says the same way.
    if (bank.questions.length === 0) throw new OperatorError("quiz.no_questions", { topics: "*" });
    const due = (await this.store.dueCards(member.id, this.endOfToday(now, group.timezone), 50)).filter((c) => bank.byId.has(c.questionId));
    const first = due[0];
    if (first) return { question: bank.byId.get(first.questionId)!, from: "due", dueToday: due.length, nextDue: null };
    const cards = await this.store.memberCards(member.id);
    const known = new Set(cards.map((c) => c.questionId));
    const nextDue = cards.reduce<Date | null>((d, c) => (c.due > now && (!d || c.due < d) ? c.due : d), null);
    const fresh = bank.questions.filter((q) => !known.has(q.id) && !exclude.has(q.id));
    if (fresh.length === 0) return { question: null, from: null, dueToday: 0, nextDue };
    const tally = new Map<string, { answered: number; correct: number }>();
    for (const r of await this.store.questionTallies(member.id)) {
      const topic = bank.byId.get(r.questionId)?.topic;
      if (!topic) continue;
      const x = tally.get(topic) ?? { answered: 0, correct: 0 };
      tally.set(topic, { answered: x.answered + r.answered, correct: x.correct + r.correct });
    }
    const accuracy = (topic: string) => ((tally.get(topic)?.correct ?? 0) + 1) / ((tally.get(topic)?.answered ?? 0) + 2);
    const topics = [...new Set(fresh.map((q) => q.topic))];
    const lowest = Math.min(...topics.map(accuracy));
    const weakest = topics.filter((x) => accuracy(x) === lowest);
    const topic = this.draw(weakest);
    return { question: this.draw(fresh.filter((q) => q.topic === topic)), from: "new", dueToday: 0, nextDue };
  }

  /** What follows a practice answer: how many cards are due today, and the note section the question comes from. */
  async afterAnswer(group: GroupRow, memberId: number, source: SourceRef | null): Promise<AfterAnswer> {
    const dueToday = await this.store.countDue(memberId, this.endOfToday(this.deps.clock.now(), group.timezone));
    const section = source ? this.deps.library.current.sections.find((s) => s.file === source.file && s.line === source.line) : undefined;
    if (!section || !source) return { dueToday, section: null };
    const trimmed = trimAtLine(section.text, SECTION_CHARS);
    return { dueToday, section: { source, text: trimmed.text, trimmed: trimmed.truncated } };
  }

  /** A member's readiness per exam, beside the group's. */
  async readiness(group: GroupRow, member: MemberRow, locale: Locale): Promise<Omit<Readiness, "locale">> {
    const now = this.deps.clock.now();
    const byMember = new Map<number, Map<string, CardState>>();
    for (const c of await this.store.groupCards(group.id)) {
      let m = byMember.get(c.memberId);
      if (!m) byMember.set(c.memberId, (m = new Map()));
      m.set(c.questionId, c);
    }
    const bank = await this.deps.catalog.bankFor(group.id);
    const exams: ExamReadiness[] = readiness(bank, byMember.get(member.id) ?? new Map(), now, locale);
    return { userId: member.userId, displayName: member.displayName, exams, group: groupReadiness(bank, byMember, now, locale) };
  }

  /** Takes a revealed round's answers into their members' cards (each once, whoever calls it). */
  async roundRevealed(round: RoundRow): Promise<void> {
    const n = await this.store.reviewRound(round.id, scheduleReview);
    if (n > 0) this.logger.debug({ roundId: round.id, answers: n }, "daily answers taken into review cards");
  }

  /**
   * The scheduler's sweep: reveals this process did not take in (another process revealed them, or this one stopped
   * right after), then the reminders due now.
   */
  async sweep(platforms: string[]): Promise<{ reviewed: number; reminded: number }> {
    const now = this.deps.clock.now();
    let reviewed = 0;
    for (const id of await this.store.roundsToReview(new Date(now.getTime() - CATCH_UP_MS), platforms)) {
      try {
        reviewed += await this.store.reviewRound(id, scheduleReview);
      } catch (err) {
        this.logger.error({ err, roundId: id }, "could not take a round's answers into review cards");
      }
    }
    return { reviewed, reminded: await this.remind(platforms) };
  }

  /**
   * Sends each member who asked for it their reminder: once their local time has reached theirs, when something is
   * due today, at most once a local day (the (member, day) key is claimed first, so one process sends it, and a
   * message that fails is not tried again that day).
   */
  async remind(platforms: string[]): Promise<number> {
    const now = this.deps.clock.now();
    let sent = 0;
    for (const r of await this.store.reminders(platforms)) {
      const port = this.deps.ports.get(r.group.platform);
      if (!port?.sendDirect) continue;
      const p = localParts(now, r.group.timezone);
      const time = `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
      if (time < r.time) continue;
      const due = await this.store.countDue(r.memberId, this.endOfToday(now, r.group.timezone));
      if (due === 0) continue;
      const today = localDate(now, r.group.timezone);
      if (!(await this.store.claimReviewReminder(r.memberId, today, now))) continue;
      const locale = r.group.locale === "ko" || r.group.locale === "en" ? r.group.locale : resolveLocale(this.deps.defaultLocale, r.memberLocale ?? undefined);
      const ref: GroupRef = { platform: r.group.platform, externalId: r.group.externalId };
      try {
        await port.sendDirect(ref, r.userId, t(locale, "review.reminder", { count: due }));
        sent++;
      } catch (err) {
        // One try a day: a member whose direct messages are closed is not retried every minute until midnight.
        this.logger.warn({ err, memberId: r.memberId, platform: r.group.platform }, "could not send a review reminder");
      }
    }
    return sent;
  }

  private draw<T>(items: readonly T[]): T {
    const r = (this.deps.random ?? Math.random)();
    return items[Math.min(items.length - 1, Math.floor(r * items.length))]!;
  }
}
