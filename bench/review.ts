// Review benchmark: how much a month of spaced review helps simulated learners remember the daily questions, with
// FSRS (the scheduler /review uses, src/core/review/fsrs.ts) beside a Leitner-box schedule, random re-asking and
// no practice at all, at the same number of practice questions a day.
//
// The learners' memory is NOT FSRS's own model (FSRS forgets along a power curve and grows stability by its fitted
// formulas); it is a simpler, different one, so FSRS gets no home advantage:
//   - each question q has a difficulty d_q drawn log-normally (median 1, σ = 0.5 in log space); each learner l has a
//     jitter j_l ∈ [0.7, 1.3] on how fast they learn and k_l ∈ [0.7, 1.3] on how much a recall helps;
//   - after seeing a question's answer (its first showing, or any miss) the learner holds it with stability
//     S = S0 · j_l / d_q days, and recall falls exponentially: R(t) = exp(−t / S); the bench runs two kinds of
//     learners, fast forgetters (S0 = 1 day: 37 % a day later) and slower ones (S0 = 3 days: 72 %);
//   - a successful recall multiplies S by g = 1 + (G − 1) · k_l / d_q (G = 2.5); a failed one resets S to the
//     first-showing value (the answer is shown again);
//   - asked a question, a learner is right with probability R (never seen: R = 0).
// Each simulated day: at 09:00 the daily card brings one new question to everyone (answered, revealed at 10:00);
// at 20:00 each learner answers K practice questions chosen by the strategy:
//   - FSRS: the cards due by the end of the day, most overdue first (as /review asks them; a card missed a moment
//     ago comes back after the others), then the cards due soonest (reviewing ahead), until K;
//   - Leitner: boxes 1..5 with intervals 1, 2, 4, 8, 16 days; right moves a card up a box, wrong back to box 1;
//     due cards first (lowest box, most overdue), then the next due, until K;
//   - random: K questions drawn uniformly from those shown so far;
//   - none: no practice (the baseline).
// Figure: the learner's mean true recall over the questions shown so far, at the end of each day, averaged over
// the 30 days ("30-day mean recall"); mean over learners per seed, then the mean over seeds with a 95 % confidence
// interval (Student's t over seeds). Gains are over no practice; their ratio is computed per seed (paired).
// Run alone: node --import tsx bench/review.ts   (or with everything: npm run bench)
import path from "node:path";
import { fileURLToPath } from "node:url";
import { recall as predicted, scheduleReview } from "../src/core/review/fsrs.js";
import type { CardState } from "../src/core/store/review.js";
import { seededRandom as seeded } from "../src/core/random.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DAYS = 30;
const LEARNERS = 40;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const K = 5;
const S0S = [1, 3];
const G = 2.5;
const LEITNER_DAYS = [1, 2, 4, 8, 16];
const STRATEGIES = ["none", "random", "leitner", "fsrs"] as const;
type Strategy = (typeof STRATEGIES)[number];

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Memory {
  /** stability in days, and when it was last refreshed */
  s: number;
  at: number;
}

interface Learner {
  /** stability after a first showing, before the jitters */
  s0: number;
  j: number;
  k: number;
  memory: Map<number, Memory>;
  fsrs: Map<number, CardState>;
  leitner: Map<number, { box: number; due: number }>;
}

const trueRecall = (m: Memory | undefined, now: number) => (m ? Math.exp(-(now - m.at) / DAY / m.s) : 0);

/** One answer: right with probability of the true recall; the memory changes as the model says. */
function ask(l: Learner, q: number, difficulty: number[], now: number, random: () => number): boolean {
  const m = l.memory.get(q);
  const right = random() < trueRecall(m, now);
  const first = (l.s0 * l.j) / difficulty[q]!;
  if (right && m) l.memory.set(q, { s: m.s * (1 + ((G - 1) * l.k) / difficulty[q]!), at: now });
  else l.memory.set(q, { s: first, at: now });
  return right;
}

function practise(strategy: Strategy, l: Learner, shown: number, difficulty: number[], now: number, endOfDay: number, random: () => number): void {
  if (strategy === "none") return;
  for (let n = 0; n < K; n++) {
    let q: number;
    if (strategy === "random") q = Math.floor(random() * shown);
    else if (strategy === "leitner") {
      const cards = [...l.leitner].sort((a, b) => a[1].due - b[1].due || a[1].box - b[1].box);
      const due = cards.filter(([, c]) => c.due <= endOfDay).sort((a, b) => a[1].box - b[1].box || a[1].due - b[1].due);
      q = (due[0] ?? cards[0])![0];
    } else {
      const cards = [...l.fsrs].sort((a, b) => a[1].due.getTime() - b[1].due.getTime() || a[0] - b[0]);
      q = cards[0]![0];
    }
    const right = ask(l, q, difficulty, now, random);
    if (strategy === "leitner") {
      const c = l.leitner.get(q)!;
      const box = right ? Math.min(LEITNER_DAYS.length, c.box + 1) : 1;
      l.leitner.set(q, { box, due: now + LEITNER_DAYS[box - 1]! * DAY });
    }
    if (strategy === "fsrs" || strategy === "random" || strategy === "leitner") {
      // every answer moves the FSRS card too (as in the product); only the FSRS strategy reads it
      const prev = l.fsrs.get(q) ?? null;
      l.fsrs.set(q, scheduleReview(prev, { correct: right, answeredAt: new Date(now), shownAt: new Date(now), revealedAt: null }).card);
    }
    now += 60_000;
  }
}

/** One seed, one strategy: the learners' mean 30-day recall, their mean recall on day 30, and FSRS's predicted recall then. */
function simulate(seed: number, strategy: Strategy, s0: number): { mean: number; last: number; predicted: number } {
  const random = seeded(seed * 7919 + STRATEGIES.indexOf(strategy));
  // the same questions and learners for every strategy of a seed
  const world = seeded(seed);
  const difficulty = Array.from({ length: DAYS }, () => Math.exp(0.5 * normal(world)));
  const learners: Learner[] = Array.from({ length: LEARNERS }, () => ({ s0, j: 0.7 + 0.6 * world(), k: 0.7 + 0.6 * world(), memory: new Map(), fsrs: new Map(), leitner: new Map() }));
  const start = Date.UTC(2025, 2, 3, 0, 0); // 09:00 in Seoul
  let total = 0;
  let last = 0;
  let guess = 0;
  for (let day = 0; day < DAYS; day++) {
    const morning = start + day * DAY;
    const endOfDay = morning + 15 * HOUR;
    let sum = 0;
    for (const l of learners) {
      // the daily card: a new question, answered (wrong: never seen), its answer shown at the reveal
      const right = ask(l, day, difficulty, morning, random);
      l.fsrs.set(day, scheduleReview(null, { correct: right, answeredAt: new Date(morning + 5 * 60_000), shownAt: new Date(morning), revealedAt: new Date(morning + HOUR) }).card);
      l.memory.set(day, { s: (l.s0 * l.j) / difficulty[day]!, at: morning + HOUR });
      l.leitner.set(day, { box: 1, due: morning + HOUR + DAY });
      practise(strategy, l, day + 1, difficulty, morning + 11 * HOUR, endOfDay, random);
      let r = 0;
      for (let q = 0; q <= day; q++) r += trueRecall(l.memory.get(q), endOfDay);
      sum += r / (day + 1);
      if (day === DAYS - 1) {
        let p = 0;
        for (let q = 0; q <= day; q++) p += predicted(l.fsrs.get(q) ?? null, new Date(endOfDay));
        guess += p / (day + 1) / LEARNERS;
      }
    }
    total += sum / LEARNERS;
    if (day === DAYS - 1) last = sum / LEARNERS;
  }
  return { mean: total / DAYS, last, predicted: guess };
}

/** Student's t for a two-sided 95 % interval by degrees of freedom (small samples). */
const T95: Record<number, number> = { 1: 12.71, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228 };

function interval(xs: number[]): { mean: number; half: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  return { mean, half: ((T95[xs.length - 1] ?? 1.96) * sd) / Math.sqrt(xs.length) };
}

const pct = (x: { mean: number; half: number }) => `${(x.mean * 100).toFixed(1)} % ± ${(x.half * 100).toFixed(1)}`;

export async function runReviewBench(): Promise<void> {
  console.log(`== review == (${LEARNERS} simulated learners × ${SEEDS.length} seeds, ${DAYS} days, one new daily question a day, ${K} practice questions a day; memory: exponential forgetting, not FSRS's curve — see bench/review.ts)`);
  for (const s0 of S0S) {
    const t0 = performance.now();
    const runs = new Map(STRATEGIES.map((s) => [s, SEEDS.map((seed) => simulate(seed, s, s0))]));
    const ms = performance.now() - t0;
    const mean = (s: Strategy) => interval(runs.get(s)!.map((r) => r.mean));
    const last = (s: Strategy) => interval(runs.get(s)!.map((r) => r.last));
    console.log(`\nlearners with S0 = ${s0} day${s0 === 1 ? "" : "s"} (recall a day after a first showing ≈ ${Math.round(Math.exp(-1 / s0) * 100)} %): 30-day mean recall of the questions shown so far (95 % CI over seeds), day-30 recall, gain over no practice`);
    const none = runs.get("none")!;
    for (const s of STRATEGIES) {
      const gain = interval(runs.get(s)!.map((r, i) => r.mean - none[i]!.mean));
      console.log(`  ${s.padEnd(8)} ${pct(mean(s)).padEnd(16)} day 30: ${pct(last(s)).padEnd(16)} gain: ${s === "none" ? "— (baseline)" : `${(gain.mean * 100).toFixed(1)} points ± ${(gain.half * 100).toFixed(1)}`}`);
    }
    const ratio = (a: Strategy, b: Strategy) => interval(runs.get(a)!.map((r, i) => (r.mean - none[i]!.mean) / (runs.get(b)![i]!.mean - none[i]!.mean)));
    const r = (x: { mean: number; half: number }) => `${x.mean.toFixed(2)}× ± ${x.half.toFixed(2)}`;
    console.log(`  ratio of gains: FSRS / Leitner ${r(ratio("fsrs", "leitner"))}; FSRS / random ${r(ratio("fsrs", "random"))}; Leitner / random ${r(ratio("leitner", "random"))}`);
    const cal = interval(runs.get("fsrs")!.map((x) => x.predicted - x.last));
    console.log(`  FSRS's predicted recall on day 30 minus the simulated true recall (FSRS arm): ${(cal.mean * 100).toFixed(1)} points ± ${(cal.half * 100).toFixed(1)} (default parameters, never fitted to these learners)`);
    console.log(`  (${STRATEGIES.length * SEEDS.length} runs in ${ms.toFixed(0)} ms)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runReviewBench();
}
