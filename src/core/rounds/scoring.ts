// Scoring rules (DESIGN.md "Scoring"): pure functions, applied by the store inside the answer's transaction.
import type { ScoreContext, ScoreDecision, Scorer } from "../store/rows.js";

export interface ScoringSettings {
  /** points for a correct answer (default 10) */
  pointsCorrect: number;
  /** bonus for each of the first `fastBonusCount` correct answerers of a round (default +5 for 3) */
  fastBonus: number;
  fastBonusCount: number;
  /** every `streakEvery`-th consecutive correct scheduled round adds `streakBonus` (default every 5th, +5) */
  streakEvery: number;
  streakBonus: number;
}

export const DEFAULT_SCORING: ScoringSettings = { pointsCorrect: 10, fastBonus: 5, fastBonusCount: 3, streakEvery: 5, streakBonus: 5 };

/** Each setting as organisers name it (`/studybot config points=10`) and the values it may take. */
export const SCORING_OPTIONS = {
  points: { key: "pointsCorrect", min: 0, max: 1000 },
  "fast-bonus": { key: "fastBonus", min: 0, max: 1000 },
  "fast-count": { key: "fastBonusCount", min: 0, max: 100 },
  "streak-every": { key: "streakEvery", min: 0, max: 365 },
  "streak-bonus": { key: "streakBonus", min: 0, max: 1000 },
} as const satisfies Record<string, { key: keyof ScoringSettings; min: number; max: number }>;

export type ScoringOptionName = keyof typeof SCORING_OPTIONS;

/**
 * A correct answer earns `pointsCorrect`, plus `fastBonus` when it is one of the first `fastBonusCount`
 * correct answers of the round. On scheduled rounds the streak counts consecutive correct answers over the
 * channel's scheduled rounds: it continues from the member's streak at the previous scheduled round (so a
 * day with no scheduled round does not break it, while a missed or wrong round does), and every
 * `streakEvery`-th round of a streak adds `streakBonus`. A wrong answer scores 0 and resets the streak.
 */
export function scorer(settings: ScoringSettings): Scorer {
  return (ctx: ScoreContext): ScoreDecision => {
    if (!ctx.correct) return { points: 0, streak: 0 };
    let points = settings.pointsCorrect + (ctx.fast ? settings.fastBonus : 0);
    if (!ctx.scheduled) return { points, streak: 0 };
    const streak = ctx.previousStreak + 1;
    if (settings.streakEvery > 0 && streak % settings.streakEvery === 0) points += settings.streakBonus;
    return { points, streak };
  };
}
