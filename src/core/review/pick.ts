// The daily question, per schedule (`pick=adaptive|random`, adaptive unless set):
// - random: uniformly among the channel's least used questions (src/core/questions/pick.ts);
// - adaptive: no question revealed in the channel in the last 60 days while others remain; among the rest, the
//   questions the group has never been asked first (else the channel's least used); and among those, a topic drawn
//   with weight (1 − accuracy) × (1 − coverage / 2), where accuracy is the group's share of right answers on the
//   topic's daily cards, smoothed as (right + 1) / (answered + 2) so an unanswered topic counts 1/2, and coverage
//   the share of the topic's questions the group has been asked. The weakest, least covered topics come most often,
//   and every topic keeps a chance. Then a question of that topic, uniformly. The schedule's topics filter applies
//   before any of this (`candidates`).
import { pickForChannel, type Random } from "../questions/pick.js";
import type { Question } from "../questions/types.js";
import type { PickMode } from "../store/rows.js";
import type { PickStore, RoundStore } from "../store/index.js";

/** a question revealed in the channel this recently is not asked again while others remain */
export const REPEAT_AFTER_DAYS = 60;

export interface PickContext {
  /** times each question was used in the channel */
  use: ReadonlyMap<string, number>;
  /** questions ever asked in the group */
  seen: ReadonlySet<string>;
  /** questions revealed in the channel in the last REPEAT_AFTER_DAYS */
  recent: ReadonlySet<string>;
  /** the group's answers per topic (daily cards) */
  tallies: ReadonlyMap<string, { answered: number; correct: number }>;
}

/** A topic's draw weight: weak (low accuracy) and little covered topics weigh most. */
export function topicWeight(tally: { answered: number; correct: number } | undefined, coverage: number): number {
  const accuracy = ((tally?.correct ?? 0) + 1) / ((tally?.answered ?? 0) + 2);
  return (1 - accuracy) * (1 - coverage / 2);
}

export function adaptivePick(candidates: readonly Question[], ctx: PickContext, random: Random = Math.random): Question | null {
  if (candidates.length === 0) return null;
  const rest = candidates.filter((q) => !ctx.recent.has(q.id));
  if (rest.length === 0) return pickForChannel(candidates, ctx.use, random);
  const unseen = rest.filter((q) => !ctx.seen.has(q.id));
  let tier = unseen;
  if (tier.length === 0) {
    const least = Math.min(...rest.map((q) => ctx.use.get(q.id) ?? 0));
    tier = rest.filter((q) => (ctx.use.get(q.id) ?? 0) === least);
  }
  const byTopic = new Map<string, Question[]>();
  for (const q of tier) byTopic.set(q.topic, [...(byTopic.get(q.topic) ?? []), q]);
  const weights = [...byTopic.keys()].map((topic) => {
    const all = candidates.filter((q) => q.topic === topic);
    const coverage = all.filter((q) => ctx.seen.has(q.id)).length / all.length;
    return [topic, topicWeight(ctx.tallies.get(topic), coverage)] as const;
  });
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = random() * total;
  let topic = weights.at(-1)![0];
  for (const [t, w] of weights) {
    if (x < w) {
      topic = t;
      break;
    }
    x -= w;
  }
  const qs = byTopic.get(topic)!;
  return qs[Math.min(qs.length - 1, Math.floor(random() * qs.length))]!;
}

/** Picks a channel's next daily question by the schedule's mode, reading what it needs from the store. */
export class QuestionPicker {
  constructor(
    private readonly store: PickStore & Pick<RoundStore, "questionUse">,
    private readonly random: Random = Math.random,
  ) {}

  async pick(groupId: number, channelId: string, candidates: readonly Question[], mode: PickMode, now: Date): Promise<Question | null> {
    const use = await this.store.questionUse(groupId, channelId);
    if (mode === "random") return pickForChannel(candidates, use, this.random);
    const [seen, recent, tallies] = [
      await this.store.groupQuestionIds(groupId),
      await this.store.revealedSince(groupId, channelId, new Date(now.getTime() - REPEAT_AFTER_DAYS * 86_400_000)),
      await this.store.groupTopicTallies(groupId),
    ];
    return adaptivePick(candidates, { use, seen, recent, tallies: new Map(tallies.map((t) => [t.topic, t])) }, this.random);
  }
}
