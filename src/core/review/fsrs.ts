// FSRS (ts-fsrs) as the learning loop uses it: every answer a member gives moves their card for that question, and
// a card's retrievability is the predicted chance that they would recall the answer now.
//
// Ratings: a wrong answer is Again. A daily card is Good when right — the time since it was posted says nothing
// about recall (members answer when they see the channel). A practice question is shown to the member when they
// ask for it, so a right answer that took long (over a minute, but not so long that they left it open) is Hard.
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from "ts-fsrs";
import type { CardState, ReviewEvent, ReviewOutcome, ReviewScheduler } from "../store/review.js";

const DAY_MS = 86_400_000;
/** a right practice answer slower than this is Hard */
export const HARD_AFTER_MS = 60_000;
/** past this, the question was left open, and the time says nothing */
export const TIME_SAYS_NOTHING_AFTER_MS = 10 * 60_000;

/**
 * One learning step of 10 minutes: a miss comes back the same session, a first right answer moves a new card on to
 * days (the default 1 m / 10 m steps would bring back a daily card answered right ten minutes later).
 */
export const FSRS_PARAMETERS = { learning_steps: ["10m"], relearning_steps: ["10m"], enable_fuzz: false } as const;

const scheduler = fsrs({ ...FSRS_PARAMETERS, learning_steps: [...FSRS_PARAMETERS.learning_steps], relearning_steps: [...FSRS_PARAMETERS.relearning_steps] });

function toCard(s: CardState): Card {
  return {
    due: s.due,
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state as State,
    ...(s.lastReview ? { last_review: s.lastReview } : {}),
  };
}

function fromCard(c: Card): CardState {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    state: c.state,
    reps: c.reps,
    lapses: c.lapses,
    learningSteps: c.learning_steps,
    scheduledDays: c.scheduled_days,
    lastReview: c.last_review ?? null,
  };
}

export function ratingOf(event: ReviewEvent): Grade {
  if (!event.correct) return Rating.Again;
  if (event.revealedAt !== null) return Rating.Good;
  const took = event.answeredAt.getTime() - event.shownAt.getTime();
  return took > HARD_AFTER_MS && took <= TIME_SAYS_NOTHING_AFTER_MS ? Rating.Hard : Rating.Good;
}

/**
 * The card after an answer. The review happens when the member answered (never before their previous review of
 * the card); a daily card they missed is due no later than its reveal, so it is in their queue right after it.
 */
export const scheduleReview: ReviewScheduler = (prev, event): ReviewOutcome => {
  const at = new Date(Math.max(event.answeredAt.getTime(), prev?.lastReview?.getTime() ?? 0));
  const rating = ratingOf(event);
  const next = scheduler.next(prev ? toCard(prev) : createEmptyCard(at), at, rating);
  const card = fromCard(next.card);
  if (!event.correct && event.revealedAt !== null && card.due.getTime() > event.revealedAt.getTime()) card.due = event.revealedAt;
  const elapsedDays = prev?.lastReview ? (at.getTime() - prev.lastReview.getTime()) / DAY_MS : 0;
  return { card, log: { rating, state: prev?.state ?? State.New, elapsedDays, reviewedAt: at } };
};

/**
 * Predicted recall of the card now (0..1); 0 for a card never answered. FSRS's forgetting curve over the fractional
 * days since the last answer (ts-fsrs's own get_retrievability counts whole days, so it says 100 % all the first day).
 */
export function recall(card: CardState | null, now: Date): number {
  if (!card || card.state === State.New || !card.lastReview || card.stability <= 0) return 0;
  const days = Math.max(0, now.getTime() - card.lastReview.getTime()) / DAY_MS;
  return scheduler.forgetting_curve(days, card.stability);
}
