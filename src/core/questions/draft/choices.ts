// Choosing wrong choices: distinct from the answer and from each other after normalisation, of similar length
// and form, and never something the answer's own section also states.
import { script, squash, width } from "./text.js";

/** Deterministic draws: the same seed drafts the same questions. */
export { seededRandom as random } from "../../random.js";

/** A stable 32-bit hash of the parts, to seed one draft's choices independently of the others. */
export function seedOf(...parts: Array<string | number>): number {
  let h = 2166136261;
  for (const ch of parts.join("\u0000")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function shuffle<T>(items: readonly T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface Candidate {
  text: string;
  /** how strongly it is of the answer's kind: 2 = same list or siblings, 1 = same note, 0 = elsewhere */
  kinship: number;
}

/**
 * Up to `count` distractors for `answer`, strongest kin first, then closest in length and script. Drops any that
 * equal the answer or each other after normalisation, contain one another, or appear in `forbidden` (text the
 * answer's section states as true).
 */
export function pickDistractors(answer: string, candidates: readonly Candidate[], count: number, rnd: () => number, forbidden: (text: string) => boolean = () => false): Candidate[] {
  const a = squash(answer);
  const aw = width(answer);
  const scored = shuffle(candidates, rnd)
    .filter((c) => {
      const k = squash(c.text);
      if (k === "" || k === a || a.includes(k) || k.includes(a)) return false;
      const ratio = width(c.text) / aw;
      return ratio >= 0.4 && ratio <= 2.5 && !forbidden(c.text);
    })
    .map((c) => ({ c, score: c.kinship * 2 - Math.abs(Math.log(width(c.text) / aw)) - (script(c.text) === script(answer) ? 0 : 1) }))
    .sort((x, y) => y.score - x.score);
  const out: Candidate[] = [];
  const keys = new Set([a]);
  for (const { c } of scored) {
    const k = squash(c.text);
    if ([...keys].some((x) => x === k || x.includes(k) || k.includes(x))) continue;
    keys.add(k);
    out.push(c);
    if (out.length === count) break;
  }
  return out;
}

/** Max over min visible length of the choices: 1 is even, 3 means one choice stands out by its length. */
export function lengthSpread(choices: readonly string[]): number {
  const ws = choices.map(width);
  return Math.max(...ws) / Math.max(1, Math.min(...ws));
}
