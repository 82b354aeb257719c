// Which question comes next. A channel sees no repeat until its pool (the questions of its topics) is
// exhausted; then the least-used questions come round again.
import type { Question, QuestionBank } from "./types.js";

export type Random = () => number;

/** Questions of the given topics (all of them when `topics` is empty). */
export function pool(bank: QuestionBank, topics: readonly string[]): Question[] {
  if (topics.length === 0) return bank.questions;
  const wanted = new Set(topics);
  return bank.questions.filter((q) => wanted.has(q.topic));
}

/**
 * Picks uniformly among the pool's questions used the fewest times in the channel (`use`: question id →
 * times used). Returns null when the pool is empty.
 */
export function pickForChannel(candidates: readonly Question[], use: ReadonlyMap<string, number>, random: Random = Math.random): Question | null {
  if (candidates.length === 0) return null;
  let min = Infinity;
  for (const q of candidates) min = Math.min(min, use.get(q.id) ?? 0);
  const least = candidates.filter((q) => (use.get(q.id) ?? 0) === min);
  return least[Math.min(least.length - 1, Math.floor(random() * least.length))] ?? null;
}

/**
 * Practice: a due review first (most overdue first), then a question the member has never practised, then
 * any question of the pool.
 */
export function pickForPractice(
  candidates: readonly Question[],
  due: ReadonlyArray<{ questionId: string }>,
  seen: ReadonlySet<string>,
  random: Random = Math.random,
): Question | null {
  if (candidates.length === 0) return null;
  const byId = new Map(candidates.map((q) => [q.id, q]));
  for (const r of due) {
    const q = byId.get(r.questionId);
    if (q) return q;
  }
  const fresh = candidates.filter((q) => !seen.has(q.id));
  const from = fresh.length > 0 ? fresh : candidates;
  return from[Math.min(from.length - 1, Math.floor(random() * from.length))] ?? null;
}
