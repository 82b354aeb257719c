// The learning loop's transactions (src/core/store/review.ts), written once for both dialects as steps: an answer
// moves its member's card through the core's scheduler, and its log entry's unique (member, source, source id) key
// makes it count once, however many processes try.
import type { CardState, ReviewEvent, ReviewScheduler, ReviewSource } from "../core/store/index.js";
import type { Queries } from "./queries.js";
import { reviewCardRecord, toReviewCard } from "./records.js";
import { got, type Steps } from "./steps.js";

/** One answer into its member's card: false when that answer had moved the card already. */
export function* applyReview(
  q: Queries,
  answer: { memberId: number; questionId: string; source: ReviewSource; sourceId: number },
  event: ReviewEvent,
  schedule: ReviewScheduler,
): Steps<boolean> {
  const prev = yield* got(q.reviewCard(answer.memberId, answer.questionId));
  const before: CardState | null = prev ? toReviewCard(prev) : null;
  const { card, log } = schedule(before, event);
  const logged = yield* got(
    q.insertReviewLog({
      memberId: answer.memberId,
      questionId: answer.questionId,
      source: answer.source,
      sourceId: answer.sourceId,
      rating: log.rating,
      state: log.state,
      stability: card.stability,
      difficulty: card.difficulty,
      elapsedDays: log.elapsedDays,
      scheduledDays: card.scheduledDays,
      reviewedAt: log.reviewedAt.getTime(),
    }),
  );
  if (!logged) return false;
  yield* got(q.upsertReviewCard(reviewCardRecord(answer.memberId, answer.questionId, card)));
  return true;
}

/** A revealed round's answers into their members' cards; those already taken in are skipped. */
export function* reviewRound(q: Queries, roundId: number, schedule: ReviewScheduler): Steps<number> {
  let done = 0;
  for (const a of yield* got(q.pendingRoundAnswers(roundId))) {
    const event: ReviewEvent = { correct: a.correct, answeredAt: new Date(a.answeredAt), shownAt: new Date(a.openedAt), revealedAt: a.revealedAt === null ? null : new Date(a.revealedAt) };
    if (yield* applyReview(q, { memberId: a.memberId, questionId: a.questionId, source: "round", sourceId: roundId }, event, schedule)) done++;
  }
  return done;
}
