// The review of a loaded bank, beyond what the bot needs to load it: two questions that ask the same fact, a choice
// whose length gives it away, a correct choice pasted from the note while every wrong one is invented, a
// difficulty-3 question that weighs no real constraints, and a tag that names no exam the bank targets. Each
// finding is a warning until the question records why it is intended (`related:` for a near-duplicate pair,
// `allow:` for the others); then it is an exception.
// `studybot questions validate --strict` fails on warnings, `questions stats` counts both.
import type { Section } from "../notes/types.js";
import { cosine, textTerms, TermWeights, type TermVector } from "./similarity.js";
import { displayWidth } from "./stats.js";
import { ALLOWABLE_CHECKS, type AllowableCheck, type Question } from "./types.js";
import { groundingText } from "./validate.js";

export type ReviewCheck = "near-duplicate" | AllowableCheck;
export const REVIEW_CHECKS: readonly ReviewCheck[] = ["near-duplicate", ...ALLOWABLE_CHECKS];

/**
 * The thresholds, measured on the bank as it stood before the v2 rewrite (test/fixtures/bank-v1): see
 * test/questions/review.test.ts for what they find there.
 */
export const REVIEW_LIMITS = {
  nearDuplicate: {
    /** the correct answer counts this many times as much as the prompt: the fact a question asks is its answer */
    answerWeight: 3,
    /**
     * Across topics a shared short answer ("S3", "300 seconds") says little, so the answer counts less; and the
     * pair must have the same answer (see sameAnswer): the same fact asked under two topics has one answer.
     */
    crossTopicAnswerWeight: 1.5,
    /** added to the similarity of two questions of the same topic */
    sameTopicBonus: 0.1,
    /** a pair at or above this similarity asks the same fact */
    threshold: 0.418,
    /** correct answers at least this alike (cosine of their terms) are "the same answer" */
    sameAnswer: 0.8,
  },
  choiceLength: {
    /** the longest choice at least this many times as wide as the next longest (or the shortest this many times narrower than the next)… */
    ratio: 2,
    /** …and differing from it by at least this many terminal columns (a Hangul syllable is two) */
    minGap: 12,
  },
  /** a choice counts as copied from the note when at least this many characters (spacing ignored) appear there verbatim */
  verbatimMin: 8,
  /** a difficulty-3 scenario states at least this many constraints (see constraintMentions) */
  scenarioConstraints: 2,
} as const;

/**
 * What a scenario's constraints are stated with: kinds of concern (cost, latency, …) and requirement phrasings
 * (must, must not, rather not, acceptable). A one-step recall wrapped in "a company wants…" states at most one.
 */
export const SCENARIO_CONSTRAINTS: Readonly<Record<string, RegExp>> = {
  cost: /비용|저렴|요금|가격|예산|과금|\bcost|cheap|budget/i,
  performance: /지연|빠르|빠른|늦어|늦게|속도|성능|처리량|실시간|밀리초|latency|throughput|real[- ]?time|\biops/i,
  resilience: /가용성|내구성|장애|복구|중단|다운타임|재해|유실|손실|사라져도|사라지|failover|durab|availab|disaster|\brpo\b|\brto\b/i,
  operations: /운영\s*부담|관리\s*부담|관리하지|관리\s*없이|서버\s*관리|직접\s*관리|직접\s*(?:\S+\s+){0,2}\S*(?:하지\s*않|없이)|개입|손대지\s*않|코드\s*(?:를\s*)?(?:변경|수정)|다시\s*작성|재작성|최소한의\s*변경|수작업|수동으로|operational|overhead/i,
  security: /최소\s*권한|암호화|규제|규정|감사|컴플라이언스|비인가|공격|least privilege|compliance|encrypt/i,
  scale: /초당|수만|수백만|수천|대량|급증|폭증|트래픽이|예측할\s*수\s*없|예측하기\s*어려|알\s*수\s*없|\d+\s*(?:tb|gb|pb)\b|spiky|unpredictable/i,
  time: /\d+\s*(?:초|분|시간|일|주|개월|년)\s*(?:이\s*)?(?:이내|안에|동안|이상|마다|후|전|걸)|동안만|기간이\s*끝나|만료|보존|보관|retention|within/i,
  compatibility: /기존|그대로|호환|온프레미스|on-?premises?|프로토콜|protocol|legacy/i,
  // "…해야 한다/하고", "…하면 안 된다", "…하고 싶지(는) 않다", "…여도 괜찮다", "…없이", "…않고": the question's own
  // "…해야 하는가?" is not a requirement.
  requirement: /[가-힣]야\s*(?:한다|하고|하며|하지만|해서|하므로|하는데)|안\s*된다|안\s*되고|않아야|말아야|없어야|싶지(?:는|도)?\s*않|싶다|싶고|싶지만|원하지(?:는|도)?\s*않|원한다|괜찮|충분하|상관없|없이|않고|말고|그대로|must|should not|without/i,
};

export interface ReviewFinding {
  check: ReviewCheck;
  /** where to look: the question (for a near-duplicate group, its first member in file order) */
  file: string;
  line: number;
  /** the question, or every member of a near-duplicate group */
  ids: string[];
  message: string;
  /** the recorded reason, when the question accepts this finding (an exception rather than a warning) */
  reason?: string;
}

export interface BankReview {
  /** findings without a recorded reason, in bank order */
  warnings: ReviewFinding[];
  /** findings the questions accept with a reason */
  exceptions: ReviewFinding[];
}

export interface ReviewOptions {
  /** the notes' sections: needed for the verbatim-answer check (skipped without them) */
  sections?: readonly Section[];
  /** topics.yaml's exam codes: tags must name one of them (the exam-tag check is skipped without them) */
  exams?: Iterable<string>;
}

/** Every review check over the bank. Pure: the same questions give the same findings in the same order. */
export function reviewBank(questions: readonly Question[], opts: ReviewOptions = {}): BankReview {
  const findings: ReviewFinding[] = [...nearDuplicateFindings(questions)];
  const noteText = opts.sections ? noteTexts(opts.sections) : null;
  const fileOf = new Map(opts.sections?.map((s) => [s.id, s.file]) ?? []);
  const exams = opts.exams ? [...opts.exams] : [];
  for (const q of questions) {
    const perQuestion = [
      choiceLengthFinding(q),
      noteText ? verbatimFinding(q, noteText.get(fileOf.get(q.sectionId ?? -1) ?? "")) : null,
      scenarioFinding(q),
      exams.length ? examTagFinding(q, exams) : null,
    ];
    for (const f of perQuestion) if (f) findings.push(f);
  }
  const order = new Map(questions.map((q, i) => [q.id, i]));
  findings.sort((a, b) => (order.get(a.ids[0]!) ?? 0) - (order.get(b.ids[0]!) ?? 0) || REVIEW_CHECKS.indexOf(a.check) - REVIEW_CHECKS.indexOf(b.check));
  return { warnings: findings.filter((f) => f.reason === undefined), exceptions: findings.filter((f) => f.reason !== undefined) };
}

/** Warnings and exceptions per check, every check listed. */
export function countFindings(review: BankReview): Array<{ check: ReviewCheck; warnings: number; exceptions: number }> {
  return REVIEW_CHECKS.map((check) => ({
    check,
    warnings: review.warnings.filter((f) => f.check === check).length,
    exceptions: review.exceptions.filter((f) => f.check === check).length,
  }));
}

// ── near-duplicates ───────────────────────────────────────────────────────────────────────────────────────────

export interface SimilarPair {
  a: Question;
  b: Question;
  /** 0..1.1: cosine of prompt and answer terms, plus the same-topic bonus */
  score: number;
  /** the correct answers are alike */
  sameAnswer: boolean;
}

/** Every pair of questions that asks the same fact, most similar first. */
export function similarPairs(questions: readonly Question[]): SimilarPair[] {
  const L = REVIEW_LIMITS.nearDuplicate;
  const prompts = questions.map((q) => textTerms(q.prompt));
  const choices = questions.map((q) => q.choices.map(textTerms));
  const answers = questions.map((q, i) => choices[i]![q.answer] ?? new Map<string, number>());
  const weights = new TermWeights([...prompts, ...choices.flat()]);
  const fact = (i: number, answerWeight: number): TermVector => weights.add(answers[i]!, answerWeight, weights.add(prompts[i]!));
  const sameTopicFacts = questions.map((_, i) => fact(i, L.answerWeight));
  const crossTopicFacts = questions.map((_, i) => fact(i, L.crossTopicAnswerWeight));
  const answerVectors = answers.map((a) => weights.add(a));

  const pairs: SimilarPair[] = [];
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      const a = questions[i]!;
      const b = questions[j]!;
      const sameTopic = a.topic === b.topic;
      const answer = cosine(answerVectors[i]!, answerVectors[j]!);
      const score = sameTopic ? cosine(sameTopicFacts[i]!, sameTopicFacts[j]!) + L.sameTopicBonus : cosine(crossTopicFacts[i]!, crossTopicFacts[j]!);
      const sameAnswer = answer >= L.sameAnswer;
      if (score < L.threshold || (!sameTopic && !sameAnswer)) continue;
      pairs.push({ a, b, score, sameAnswer });
    }
  }
  return pairs.sort((x, y) => y.score - x.score);
}

/** Near-duplicate groups (pairs joined when they share a question); a pair either question marks `related` is an exception. */
function nearDuplicateFindings(questions: readonly Question[]): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  const order = new Map(questions.map((q, i) => [q.id, i]));
  // Union-find over the flagged pairs; a group is named by its first member in bank order.
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    const p = parent.get(id) ?? id;
    return p === id ? id : root(p);
  };
  const join = (x: string, y: string) => {
    const [rx, ry] = [root(x), root(y)];
    if (rx !== ry) parent.set(order.get(rx)! < order.get(ry)! ? ry : rx, order.get(rx)! < order.get(ry)! ? rx : ry);
  };
  const flagged: SimilarPair[] = [];
  for (const p of similarPairs(questions)) {
    const reason = relatedReason(p.a, p.b.id) ?? relatedReason(p.b, p.a.id);
    if (reason !== undefined) {
      findings.push({ check: "near-duplicate", file: p.a.file, line: p.a.line, ids: [p.a.id, p.b.id], message: `near-duplicate: "${p.a.id}" and "${p.b.id}" (${where(p.b)}) are related on purpose (similarity ${p.score.toFixed(2)})`, reason });
      continue;
    }
    flagged.push(p);
    join(p.a.id, p.b.id);
  }
  const groups = new Map<string, SimilarPair[]>();
  for (const p of flagged) {
    const r = root(p.a.id);
    groups.set(r, [...(groups.get(r) ?? []), p]);
  }
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const [, pairs] of groups) {
    const members = [...new Set(pairs.flatMap((p) => [p.a.id, p.b.id]))].sort((x, y) => order.get(x)! - order.get(y)!).map((id) => byId.get(id)!);
    const [first, ...others] = members;
    const best = pairs.reduce((m, p) => (p.score > m.score ? p : m));
    const why = best.sameAnswer ? "; same answer" : "";
    const listed = others.map((q) => `"${q.id}" (${where(q)})`);
    const names = listed.length === 1 ? listed[0]! : `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)!}`;
    findings.push({
      check: "near-duplicate",
      file: first!.file,
      line: first!.line,
      ids: members.map((q) => q.id),
      message:
        `near-duplicate: "${first!.id}" asks the same fact as ${names} (similarity ${best.score.toFixed(2)}${why}): ` +
        `merge them into one question or rewrite ${others.length === 1 ? "one" : "all but one"} to ask another fact; if both are wanted, ` +
        `add related: [{ id: ${others[0]!.id}, reason: "…" }] to "${first!.id}"`,
    });
  }
  return findings;
}

function relatedReason(q: Question, otherId: string): string | undefined {
  return q.related?.find((r) => r.id === otherId)?.reason;
}

function where(q: Question): string {
  return `${q.file}:${q.line}`;
}

// ── per-question checks ───────────────────────────────────────────────────────────────────────────────────────

function finding(q: Question, check: AllowableCheck, message: string): ReviewFinding {
  const reason = q.allow?.[check];
  return { check, file: q.file, line: q.line, ids: [q.id], message, ...(reason !== undefined ? { reason } : {}) };
}

/**
 * The one choice that stands out by its length (with three choices or more): the longest at least `ratio` times
 * as wide as the next longest, or the shortest at most 1/`ratio` of the next shortest, by at least `minGap`
 * columns. Two long and two short choices are a split, not an outlier.
 */
function choiceLengthFinding(q: Question): ReviewFinding | null {
  if (q.choices.length < 3) return null;
  const { ratio, minGap } = REVIEW_LIMITS.choiceLength;
  const byWidth = q.choices.map((c, i) => ({ i, w: displayWidth(c) })).sort((a, b) => a.w - b.w);
  const [shortest, nextShortest] = [byWidth[0]!, byWidth[1]!];
  const [longest, nextLongest] = [byWidth.at(-1)!, byWidth.at(-2)!];
  const odd: string[] = [];
  const name = (i: number) => `choices[${i}]${i === q.answer ? " (the correct one)" : ""}`;
  if (longest.w >= ratio * nextLongest.w && longest.w - nextLongest.w >= minGap) odd.push(`${name(longest.i)} is ${longest.w} columns wide, the next longest ${nextLongest.w}`);
  if (shortest.w * ratio <= nextShortest.w && nextShortest.w - shortest.w >= minGap) odd.push(`${name(shortest.i)} is ${shortest.w} columns wide, the next shortest ${nextShortest.w}`);
  if (odd.length === 0) return null;
  return finding(q, "choice-length", `choice-length: ${odd.join("; ")}: a choice that stands out by its length gives itself away; make the choices similar in length, or record why in allow: { choice-length: "…" }`);
}

/** Every note's text as the grounding check reads it (case, spacing and emphasis ignored), by note file. */
function noteTexts(sections: readonly Section[]): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const s of sections) parts.set(s.file, [...(parts.get(s.file) ?? []), groundingText(`${s.heading}\n${s.raw}\n${s.text}`)]);
  return new Map([...parts].map(([file, texts]) => [file, texts.join("\n")]));
}

/** The correct choice is copied from the cited note word for word, and no wrong choice is. */
function verbatimFinding(q: Question, note: string | undefined): ReviewFinding | null {
  if (!note) return null;
  const copied = (choice: string) => {
    const g = groundingText(choice);
    return [...g].length >= REVIEW_LIMITS.verbatimMin && note.includes(g);
  };
  if (!copied(q.choices[q.answer]!) || q.choices.some((c, i) => i !== q.answer && copied(c))) return null;
  return finding(
    q,
    "verbatim-answer",
    `verbatim-answer: the correct choice is the only one copied word for word from ${q.source?.note ?? "its note"}, so a member can spot it by its wording: paraphrase it, or word a wrong choice in the note's vocabulary too; or record why in allow: { verbatim-answer: "…" }`,
  );
}

export interface ConstraintMention {
  /** the words of the prompt that state it */
  text: string;
  /** the SCENARIO_CONSTRAINTS kinds those words match, e.g. ["operations", "requirement"] for "관리 없이" */
  kinds: string[];
}

/**
 * The constraints a prompt states, in prompt order. Matches that overlap or touch ("서버 관리 없이" is both an
 * operations concern and a requirement) are one mention, so a phrase is never counted twice.
 */
export function constraintMentions(prompt: string): ConstraintMention[] {
  const spans: Array<{ start: number; end: number; kinds: string[] }> = [];
  for (const [kind, re] of Object.entries(SCENARIO_CONSTRAINTS)) {
    for (const m of prompt.matchAll(new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g"))) {
      spans.push({ start: m.index, end: m.index + m[0].length, kinds: [kind] });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: typeof spans = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end + 1) {
      last.end = Math.max(last.end, s.end);
      for (const k of s.kinds) if (!last.kinds.includes(k)) last.kinds.push(k);
    } else merged.push({ ...s, kinds: [...s.kinds] });
  }
  return merged.map((m) => ({ text: prompt.slice(m.start, m.end), kinds: m.kinds }));
}

/** Difficulty 3 promises a scenario that weighs at least two constraints. */
function scenarioFinding(q: Question): ReviewFinding | null {
  if (q.difficulty !== 3) return null;
  const mentions = constraintMentions(q.prompt);
  if (mentions.length >= REVIEW_LIMITS.scenarioConstraints) return null;
  const found = mentions.length === 0 ? "no constraint" : `only one constraint ("${mentions[0]!.text}")`;
  return finding(
    q,
    "scenario",
    `scenario: difficulty 3, but the prompt states ${found}: a difficulty-3 question is a scenario that weighs at least two (e.g. cost and latency, or a requirement and what may be given up); state the second constraint, or lower the difficulty to 1 (recall) or 2 (understanding); or record why in allow: { scenario: "…" }`,
  );
}

/** Tags name the exams the bank prepares for (topics.yaml `exams:`), so a retired code such as SAA-C02 stands out. */
function examTagFinding(q: Question, exams: readonly string[]): ReviewFinding | null {
  const other = q.tags.filter((t) => !exams.includes(t));
  if (other.length === 0) return null;
  return finding(
    q,
    "exam-tag",
    `exam-tag: ${other.join(", ")} ${other.length === 1 ? "is not an exam" : "are not exams"} of topics.yaml (${exams.join(", ")}): tag the current exam the question prepares for, or record why in allow: { exam-tag: "…" }`,
  );
}
