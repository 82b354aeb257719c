// Scoring rules (DESIGN.md "Scoring"): pure functions, applied by the store inside the answer's transaction.
import type { ReviewRow, ScoreContext, ScoreDecision, Scorer, ScoringSettings } from "../../db/store.js";

/**
 * A correct answer earns `pointsCorrect`, plus `fastBonus` for each of the first `fastBonusCount` correct
 * answerers of the round. On scheduled rounds the streak counts consecutive correct rounds of the channel:
 * it continues only when the member's last streak round is the channel's previous scheduled round (so a day
 * with no scheduled round does not break it, while a missed round does); every `streakEvery`-th round of a
 * streak adds `streakBonus`. A wrong answer scores 0 and resets the streak.
 */
export function scorer(settings: ScoringSettings): Scorer {
  return (ctx: ScoreContext): ScoreDecision => {
    let points = 0;
    if (ctx.correct) {
      points += settings.pointsCorrect;
      if (ctx.correctBefore < settings.fastBonusCount) points += settings.fastBonus;
    }
    if (!ctx.scheduled) return { points, streak: null };

    const prevBest = ctx.streak?.best ?? 0;
    if (!ctx.correct) return { points, streak: { current: 0, best: prevBest } };
    const continues = ctx.streak !== null && ctx.streak.current > 0 && ctx.previousRoundId !== null && ctx.streak.lastRoundId === ctx.previousRoundId;
    const current = continues ? ctx.streak!.current + 1 : 1;
    if (settings.streakEvery > 0 && current % settings.streakEvery === 0) points += settings.streakBonus;
    return { points, streak: { current, best: Math.max(prevBest, current) } };
  };
}

const DAY = 86_400_000;

/**
 * The personal review queue for practice: a missed question comes back in 10 minutes, a correct one is
 * pushed out (1, 2, 4, 8 … days, at most 60).
 */
export function nextReview(prev: ReviewRow | null, correct: boolean, now: Date): Omit<ReviewRow, "memberId" | "questionId"> {
  if (!correct) {
    return { dueAt: new Date(now.getTime() + 10 * 60_000), intervalDays: 0, correctStreak: 0, lapses: (prev?.lapses ?? 0) + 1 };
  }
  const intervalDays = Math.min(60, prev && prev.intervalDays > 0 ? prev.intervalDays * 2 : 1);
  return { dueAt: new Date(now.getTime() + intervalDays * DAY), intervalDays, correctStreak: (prev?.correctStreak ?? 0) + 1, lapses: prev?.lapses ?? 0 };
}
