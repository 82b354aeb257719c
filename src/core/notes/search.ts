// Ranked search over note sections: BM25F over three fields (the heading counts most, then the breadcrumb, then
// the body), terms from analyze.ts, and a coverage rule so that a query the notes do not answer returns nothing
// instead of a weak guess.
//
// A query comes as the clauses plan.ts makes of it, each with alternatives (the word as typed, its stems, its
// spellings by sound, …). A section scores a clause by its best-scoring alternative and covers it as much as its
// best-covering one (lag as typed, though 랙이 in its heading scores more), so a wrong guess costs nothing.
import { Analyzer, Concepts, nfkc, type Analysis, type Term } from "./analyze.js";
import { bridgesInNfkc, markersPresent } from "./bridges.js";
import { CorpusWords } from "./corpus-words.js";
import { AWS_PACK } from "./glossary.js";
import { isStopLatin, LOANWORD_FACTOR, QueryPlanner, type Clause, type Plan } from "./plan.js";
import { buildPostings } from "./postings.js";
import type { Section } from "./types.js";
import { GREEK_LETTERS, STUDY_VOCABULARY } from "./vocabulary.js";

/** Share of the query's weight the best section must match; below it the notes do not cover the query. */
const MIN_COVERAGE = 0.5;
/** A section covering less of the query, down to this, still answers it when it has the query's most telling word
 * (the rarest in the notes of its content words): a long question's other words may be how it is asked. */
const TELLING_COVERAGE = 0.45;
/** ... but only where no more than this share of the query's weight is words the notes never use: half a question
 * about something else (맛집 추천) is not asked of them. */
const TELLING_UNKNOWN_SHARE = 0.5;
/** Queries of more words than this need less of their weight covered, in proportion. */
const LONG_QUERY_WORDS = 4;
/** Sections scoring below this share of the best one are not worth showing. */
const MIN_RELATIVE_SCORE = 0.25;
const TITLE_BOOST = 1;
const PRECISION_BOOST = 0.5;
/** A word matched only by sound counts for this share of itself in coverage: it might be another word. */
const LOANWORD_COVERAGE = 0.75;

/** The coverage at which a section with the query's most telling word answers it (TELLING_COVERAGE, scaled as
 * `required` is), or none where too much of the query's weight is words the notes never use. */
function tellingCoverage(unknown: number, total: number, required: number): number {
  return unknown < TELLING_UNKNOWN_SHARE * total ? (TELLING_COVERAGE / MIN_COVERAGE) * required : Infinity;
}

/** Domain packs: product-family vocabularies applied to notes that name enough of that family. */
export const DOMAIN_PACKS = [AWS_PACK] as const;

/** "#65 SQS …" and "10.16. Limitation": the numbering is how notes are ordered, not what they are about. */
export function headingWords(heading: string): string {
  // Most headings start with neither, and are their own words.
  const first = heading.charCodeAt(0);
  if (first !== 0x23 && !(first >= 0x30 && first <= 0x39)) return heading;
  return heading.replace(/^#\d+\s*/, "").replace(/^\d+(?:\.\d+)*\.?\s+/, "");
}

export interface ScoredSection {
  index: number;
  score: number;
  /** 0..1 share of the query's weight this section matched */
  coverage: number;
}

/** The concepts for a corpus: domain packs it names, the general vocabulary, then the pairs its notes write. */
export function conceptsFor(sections: readonly Section[], nfkcBodies: readonly string[] = sections.map((s) => nfkc(s.text))): Concepts {
  const bridges = new Map<string, string[]>();
  const add = (text: string) => {
    // Copied notes write the same pairs again: each is added once, where first written.
    if (text.includes("(")) for (const pair of bridgesInNfkc(text)) if (!bridges.has(pair.join("\n"))) bridges.set(pair.join("\n"), pair);
  };
  sections.forEach((s, i) => {
    add(nfkc(s.heading));
    add(nfkcBodies[i]!);
  });
  const entries: Array<readonly string[]> = [];
  for (const pack of DOMAIN_PACKS) if (packApplies(sections, pack)) entries.push(...pack.entries);
  entries.push(...STUDY_VOCABULARY, ...GREEK_LETTERS);
  const concepts = new Concepts(entries);
  for (const pair of bridges.values()) concepts.add(pair, true);
  return concepts;
}

/** Whether the notes name enough of a pack's products; reads only as far as it takes to know. */
function packApplies(sections: readonly Section[], pack: (typeof DOMAIN_PACKS)[number]): boolean {
  const latinWords = new Set<string>();
  for (let i = 0; i < sections.length; i++) {
    for (const text of [sections[i]!.heading, sections[i]!.text]) for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) latinWords.add(w);
    if ((i % 64 === 63 || i === sections.length - 1) && markersPresent(latinWords, pack.markers) >= pack.minMarkers) return true;
  }
  return false;
}

/**
 * Each section's breadcrumb (the note's title, then its parents' headings), in NFKC. The title often names the
 * subject its sections never repeat (Kafka 정리 › acks). Sections follow their siblings, so a section whose parents
 * are the previous one's gets the very same string, made once.
 */
class Breadcrumbs {
  private previous: readonly string[] = [];
  private text = "";

  constructor(private readonly sections: readonly Section[]) {}

  of(i: number): string {
    const path = this.sections[i]!.path;
    const previous = this.previous;
    let same = path.length === previous.length && i > 0;
    for (let k = 0; same && k < path.length - 1; k++) same = path[k] === previous[k];
    if (!same) this.text = nfkc(path.slice(0, -1).map(headingWords).join(" \n "));
    this.previous = path;
    return this.text;
  }
}

/** Each section's heading read as a query, as term ids: entries start[i] .. start[i + 1] of terms. */
function headingTermsOf(analyzer: Analyzer, sections: readonly Section[]): { start: Int32Array; terms: Int32Array } {
  // Headings repeat their phrases (sections under one parent, numbered parts): each phrase is analysed once.
  const phraseTerms = new Map<string, number[]>();
  const ids: number[] = [];
  const start = new Int32Array(sections.length + 1);
  for (let i = 0; i < sections.length; i++) {
    for (const id of analyzer.queryTermIds(headingWords(sections[i]!.heading), phraseTerms)) if (!isStopLatin(analyzer.terms[id]!)) ids.push(id);
    start[i + 1] = ids.length;
  }
  return { start, terms: Int32Array.from(ids) };
}

export class SearchIndex {
  readonly concepts: Concepts;
  private readonly analyzer: Analyzer;
  /** how many terms the notes have: ids from here on were first met in queries */
  private readonly termCount: number;
  /** postings of term t, by section: postStart[t] .. postStart[t + 1], each at postSections[2p] (the section and
   * whether its heading or breadcrumb has the term) and postWeights[2p + 1] (its BM25 weight), see Postings */
  private readonly postStart: Int32Array;
  private readonly postSections: Int32Array;
  private readonly postWeights: Float32Array;
  private readonly idfs: Float64Array;
  private readonly emptyBody: Uint8Array;
  /** each section's heading as query-style term ids (entries headingStart[i] .. headingStart[i + 1]), to prefer
   * headings that say just what was asked */
  private readonly headingStart: Int32Array;
  private readonly headingTerms: Int32Array;
  /** ids below this may be heading terms */
  private readonly headingTermLimit: number;
  /** the notes' words, for spellings by sound, typo correction and autocomplete */
  private readonly words: CorpusWords;
  private readonly planner: QueryPlanner;
  private scratch?: Scratch;

  constructor(readonly sections: readonly Section[]) {
    // Each body is brought to NFKC once, for the pairs it writes and for its terms.
    const bodies = sections.map((s) => nfkc(s.text));
    this.concepts = conceptsFor(sections, bodies);
    const analyzer = (this.analyzer = new Analyzer(this.concepts));
    const n = sections.length;
    let characters = 0;
    for (const body of bodies) characters += body.length;
    const breadcrumbs = new Breadcrumbs(sections);
    const postings = buildPostings(analyzer, n, (i) => [nfkc(headingWords(sections[i]!.heading)), breadcrumbs.of(i), bodies[i]!], characters);
    this.termCount = postings.termCount;
    this.postStart = postings.start;
    this.postSections = postings.sections;
    this.postWeights = postings.weights;
    this.idfs = postings.idf;
    this.emptyBody = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.emptyBody[i] = /\S/.test(sections[i]!.text) ? 0 : 1;

    const latinWords = new Set<string>(this.concepts.latinVocabulary);
    const hangulWords: string[] = [];
    for (const [w, hangul] of analyzer.sealVocabulary()) {
      if (hangul) hangulWords.push(w);
      else latinWords.add(w);
    }

    const headings = headingTermsOf(analyzer, sections);
    this.headingStart = headings.start;
    this.headingTerms = headings.terms;
    this.headingTermLimit = analyzer.terms.length;
    this.words = new CorpusWords(this.concepts, latinWords, hangulWords, (t) => this.df(t));
    this.planner = new QueryPlanner(this.concepts, (text) => this.analyze(text), (t) => this.df(t), this.words);
  }

  /** Whether some Hangul word of the notes starts with `prefix`. */
  beginsHangulWord(prefix: string): boolean {
    return this.words.beginsHangulWord(prefix);
  }

  /** In how many sections a term occurs. */
  private df(term: Term): number {
    const id = this.analyzer.idOf(term);
    return id === undefined || id >= this.termCount ? 0 : this.postStart[id + 1]! - this.postStart[id]!;
  }
  /** Other spellings of one word in this corpus (see CorpusWords.spellings). */
  spellings(word: string): string[] {
    return this.words.spellings(word);
  }

  /** The query as clauses with their alternatives (exported for tests and the term matcher). */
  plan(typed: string): Plan {
    return this.planner.plan(typed);
  }

  /** Analyses a query (or a heading read as one) with this corpus's concepts. */
  analyze(text: string): Analysis {
    return this.analyzer.analyze(text);
  }

  /**
   * How much each clause weighs in the query, before any section is scored: its weight times the summed idfs of its
   * least telling alternative (a word the notes never use counting as the rarest of all, which is what makes "GCP
   * Cloud Run" empty); and whether the notes have a word of it.
   */
  private importances(clauses: readonly Clause[], maxIdf: number): Array<{ importance: number; known: boolean }> {
    return clauses.map((clause) => {
      let importance = Infinity;
      let known = false;
      for (const alt of clause.alternatives) {
        let altIdf = 0;
        for (const [term, share] of alt.terms) {
          const id = this.analyzer.idOf(term);
          const has = id !== undefined && id < this.termCount && this.postStart[id + 1]! > this.postStart[id]!;
          altIdf += share * (has ? this.idfs[id]! : maxIdf);
          known ||= has;
        }
        importance = Math.min(importance, altIdf);
      }
      return { importance, known };
    });
  }

  /**
   * Whether no section can cover enough of the query, told from the clauses' weights alone: a section covers at
   * most the weight of the clauses the notes have a word of. A question about something the notes never name
   * (GCP Cloud Run) then costs no walk through the postings of its common words, which a large corpus has many of.
   */
  private cannotAnswer(clauses: readonly Clause[], importances: ReadonlyArray<{ importance: number; known: boolean }>, required: number, comparison: boolean): boolean {
    let total = 0;
    let unknown = 0;
    clauses.forEach((clause, c) => {
      const weight = clause.weight * importances[c]!.importance;
      total += weight;
      if (!importances[c]!.known) unknown += weight;
    });
    const covered = total - unknown;
    const telling = tellingCoverage(unknown, total, required);
    // A margin for the rounding of a section's coverage, summed in another order.
    const margin = 1 - 1e-9;
    return total > 0 && covered < Math.min(required, telling) * total * margin && !(comparison && 2 * covered >= required * total * margin);
  }

  search(query: string, limit: number): ScoredSection[] {
    const { clauses, words } = this.plan(query);
    if (clauses.length === 0) return [];
    const comparison = clauses.some((c) => c.compares);
    // A long question says more than the notes' words for it (너무, 실제, 이유): past a few words, a section need
    // cover less of it, as a search engine's "minimum should match" does.
    const required = MIN_COVERAGE * Math.min(1, LONG_QUERY_WORDS / Math.max(1, words));
    const n = this.sections.length;
    const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
    const importances = this.importances(clauses, maxIdf);
    if (this.cannotAnswer(clauses, importances, required, comparison)) return [];
    const scratch = (this.scratch ??= new Scratch(n, this.headingTermLimit));
    const { scores, matched, matchedInTitle, bestScore, bestMatched, bestTitled, altScore, altMatched, altTitled, queryTerm } = scratch;
    const { touched, clauseTouched, altTouched } = scratch;
    const { postStart, postSections, postWeights } = this;
    let touchedCount = 0;
    const queryIds: number[] = [];
    let totalWeight = 0;
    /** the weight of the clauses no section has */
    let unknownWeight = 0;
    // Which clauses each section matches, a bit each; and the content clause with the rarest words the notes have.
    const { clauseBits, bitWeight } = scratch;
    let tellingImportance = -1;
    let tellingBit = 0;
    for (let c = 0; c < clauses.length; c++) {
      const clause = clauses[c]!;
      const { importance } = importances[c]!;
      let clauseCount = 0;
      for (const alt of clause.alternatives) {
        let altCount = 0;
        const coverage = alt.factor === LOANWORD_FACTOR ? LOANWORD_COVERAGE : 1;
        for (let a = 0; a < alt.terms.length; a++) {
          const [term, share] = alt.terms[a]!;
          const id = this.analyzer.idOf(term);
          const known = id !== undefined && id < this.termCount && postStart[id + 1]! > postStart[id]!;
          if (id !== undefined && id < queryTerm.length && queryTerm[id] === 0) {
            queryTerm[id] = 1;
            queryIds.push(id);
          }
          if (!known) continue;
          const idf = this.idfs[id]!;
          const w = alt.factor * share;
          const wIdf = w * idf;
          const wCoverage = w * coverage;
          const end = postStart[id + 1]!;
          // A fallback counts only where the clause has matched nothing yet.
          const fallback = alt.fallback === true;
          for (let p = postStart[id]!; p < end; p++) {
            const sectionAndTitled = postSections[2 * p]!;
            const i = sectionAndTitled >> 1;
            if (fallback && bestMatched[i]! > 0) continue;
            if (altMatched[i] === 0) altTouched[altCount++] = i;
            altScore[i] = altScore[i]! + wIdf * postWeights[2 * p + 1]!;
            altMatched[i] = altMatched[i]! + wCoverage;
            if (sectionAndTitled & 1) altTitled[i] = altTitled[i]! + w;
          }
        }
        for (let t = 0; t < altCount; t++) {
          const i = altTouched[t]!;
          if (!(alt.fallback && bestMatched[i]! > 0)) {
            if (bestMatched[i] === 0) clauseTouched[clauseCount++] = i;
            if (altScore[i]! > bestScore[i]!) bestScore[i] = altScore[i]!;
            if (altMatched[i]! > bestMatched[i]!) bestMatched[i] = altMatched[i]!;
            if (altTitled[i]! > bestTitled[i]!) bestTitled[i] = altTitled[i]!;
          }
          altScore[i] = 0;
          altMatched[i] = 0;
          altTitled[i] = 0;
        }
      }
      const weight = clause.weight * importance;
      totalWeight += weight;
      if (clauseCount === 0) unknownWeight += weight;
      const bit = c < 31 ? 1 << c : 0;
      if (bit) bitWeight[c] = weight;
      if (clause.weight >= 1 && clauseCount > 0 && importance > tellingImportance && bit) {
        tellingImportance = importance;
        tellingBit = bit;
      }
      for (let t = 0; t < clauseCount; t++) {
        const i = clauseTouched[t]!;
        if (scores[i] === 0 && matched[i] === 0) touched[touchedCount++] = i;
        clauseBits[i] = clauseBits[i]! | bit;
        scores[i] = scores[i]! + clause.weight * bestScore[i]!;
        matched[i] = matched[i]! + weight * Math.min(1, bestMatched[i]!);
        matchedInTitle[i] = matchedInTitle[i]! + weight * Math.min(1, bestTitled[i]!);
        bestScore[i] = 0;
        bestMatched[i] = 0;
        bestTitled[i] = 0;
      }
    }
    // The best `limit` sections, best first (ties by position in the notes), among those worth showing. A section
    // whose heading (or breadcrumb) names the topic ranks above one that only mentions it, and a heading that says
    // just what was asked above a more specific one ("JWT" over "JWT Claim Set"); a heading with nothing under it
    // is a signpost, shown only when nothing better exists. The heading's precision is worked out only for the
    // sections that can still be shown: the others cannot reach the best ones even with a perfect heading.
    const top: ScoredSection[] = [];
    if (touchedCount > 0 && totalWeight > 0) {
      let bestCoverage = 0;
      let bestCovering = -1;
      let secondCoverage = 0;
      let answers = false;
      const telling = tellingCoverage(unknownWeight, totalWeight, required);
      let bestLower = 0;
      const lowest = scratch.lowestFor(limit);
      let lowestCount = 0;
      // Without the precision boost: the least a section can score.
      const lowerOf = (i: number) => scores[i]! * (this.emptyBody[i] ? 0.5 : 1) * (1 + TITLE_BOOST * (matchedInTitle[i]! / totalWeight));
      for (let t = 0; t < touchedCount; t++) {
        const i = touched[t]!;
        const coverage = matched[i]! / totalWeight;
        // A section that covers more of the query ranks higher than its term weights alone say, but gently: the
        // square root, so that a section that says a lot about most of the query keeps its place.
        scores[i] = scores[i]! * Math.sqrt(Math.min(1, coverage));
        const lower = lowerOf(i);
        matched[i] = coverage;
        if (coverage > bestCoverage) {
          secondCoverage = bestCoverage;
          bestCoverage = coverage;
          bestCovering = i;
        } else if (coverage > secondCoverage) secondCoverage = coverage;
        if (coverage >= required || (coverage >= telling && (clauseBits[i]! & tellingBit) !== 0)) answers = true;
        if (lower > bestLower) bestLower = lower;
        // The `limit` highest lower scores of the sections covering enough of the query.
        if (coverage >= required * 0.6 && (lowestCount < limit || lower > lowest[limit - 1]!)) {
          let at = lowestCount < limit ? lowestCount++ : limit - 1;
          while (at > 0 && lowest[at - 1]! < lower) {
            lowest[at] = lowest[at - 1]!;
            at--;
          }
          lowest[at] = lower;
        }
      }
      // Two things compared are often written in two sections (릿지 and 라쏘): together they may cover the query.
      if (answers || (comparison && bestCoverage + secondCoverage >= required && this.pairCovers(bestCovering, touchedCount, totalWeight, required))) {
        // A section is worth its precision if it could be the best, or among the `limit` best that cover enough.
        const bar = Math.min(bestLower, lowestCount < limit ? 0 : lowest[limit - 1]!) * (1 - 1e-9);
        const candidates = scratch.candidates;
        let candidateCount = 0;
        let topScore = 0;
        for (let t = 0; t < touchedCount; t++) {
          const i = touched[t]!;
          if (lowerOf(i) + PRECISION_BOOST * scores[i]! * (this.emptyBody[i] ? 0.5 : 1) < bar) continue;
          const from = this.headingStart[i]!;
          const to = this.headingStart[i + 1]!;
          let precise = 0;
          for (let h = from; h < to; h++) precise += queryTerm[this.headingTerms[h]!]!;
          const precision = to > from ? precise / (to - from) : 0;
          const boost = 1 + TITLE_BOOST * (matchedInTitle[i]! / totalWeight) + PRECISION_BOOST * precision;
          const score = scores[i]! * boost * (this.emptyBody[i] ? 0.5 : 1);
          scores[i] = score;
          candidates[candidateCount++] = i;
          if (score > topScore) topScore = score;
        }
        for (let t = 0; t < candidateCount; t++) {
          const i = candidates[t]!;
          const score = scores[i]!;
          if (score < topScore * MIN_RELATIVE_SCORE || matched[i]! < required * 0.6) continue;
          if (top.length === limit && !outranks(score, i, top[limit - 1]!)) continue;
          let at = top.length === limit ? limit - 1 : top.length;
          while (at > 0 && outranks(score, i, top[at - 1]!)) {
            top[at] = top[at - 1]!;
            at--;
          }
          top[at] = { index: i, score, coverage: matched[i]! };
        }
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const i = touched[t]!;
      scores[i] = 0;
      matched[i] = 0;
      matchedInTitle[i] = 0;
      clauseBits[i] = 0;
    }
    for (const id of queryIds) queryTerm[id] = 0;
    return top;
  }

  /**
   * Whether the section covering most of a comparison and another together cover enough of it, the other counting
   * only for the clauses the first lacks: two things compared are often in two sections (릿지, 라쏘), but two
   * sections that both half-match the same words are no answer to a comparison of something else.
   */
  private pairCovers(best: number, touchedCount: number, totalWeight: number, required: number): boolean {
    const { touched, clauseBits, matched, bitWeight } = this.scratch!;
    const own = clauseBits[best]!;
    for (let t = 0; t < touchedCount; t++) {
      const i = touched[t]!;
      let rest = clauseBits[i]! & ~own;
      if (i === best || rest === 0) continue;
      let extra = 0;
      for (let c = 0; rest !== 0; c++, rest >>>= 1) if (rest & 1) extra += bitWeight[c]!;
      if (matched[best]! + Math.min(matched[i]!, extra / totalWeight) >= required) return true;
    }
    return false;
  }
}

/** Per-query working arrays, one slot a section (a term for `queryTerm`), kept zeroed between queries. */
class Scratch {
  readonly scores: Float64Array;
  readonly matched: Float64Array;
  readonly matchedInTitle: Float64Array;
  readonly bestScore: Float64Array;
  readonly bestMatched: Float64Array;
  readonly bestTitled: Float64Array;
  readonly altScore: Float64Array;
  readonly altMatched: Float64Array;
  readonly altTitled: Float64Array;
  readonly queryTerm: Uint8Array;
  /** by section, a bit for each of the query's first 31 clauses it matches */
  readonly clauseBits: Int32Array;
  /** the weight of each of the query's first 31 clauses, by its bit */
  readonly bitWeight = new Float64Array(31);
  /** sections met by the query, by the current clause, by the current alternative */
  readonly touched: Int32Array;
  readonly clauseTouched: Int32Array;
  readonly altTouched: Int32Array;
  /** sections whose heading precision is worked out */
  readonly candidates: Int32Array;
  /** the highest lower bounds of scores, best first */
  private lowest = new Float64Array(64);

  constructor(sections: number, terms: number) {
    this.candidates = new Int32Array(sections);
    this.touched = new Int32Array(sections);
    this.clauseTouched = new Int32Array(sections);
    this.altTouched = new Int32Array(sections);
    this.scores = new Float64Array(sections);
    this.clauseBits = new Int32Array(sections);
    this.matched = new Float64Array(sections);
    this.matchedInTitle = new Float64Array(sections);
    this.bestScore = new Float64Array(sections);
    this.bestMatched = new Float64Array(sections);
    this.bestTitled = new Float64Array(sections);
    this.altScore = new Float64Array(sections);
    this.altMatched = new Float64Array(sections);
    this.altTitled = new Float64Array(sections);
    this.queryTerm = new Uint8Array(terms);
  }

  lowestFor(limit: number): Float64Array {
    if (this.lowest.length < limit) this.lowest = new Float64Array(limit);
    return this.lowest;
  }
}

function outranks(score: number, index: number, other: ScoredSection): boolean {
  return score > other.score || (score === other.score && index < other.index);
}
