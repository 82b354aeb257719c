// Ranked search over note sections: BM25F over three fields (the heading counts most, then the breadcrumb,
// then the body), terms from analyze.ts, typo correction for Latin words, and a coverage rule so that a query
// the notes do not answer returns nothing instead of a weak guess.
import { analyze, conceptVocabulary, foldLatin, isHangulTerm, type Term } from "./analyze.js";
import type { Section } from "./types.js";

/** Longer queries are cut: nobody types more, and it bounds the work per query. */
export const MAX_QUERY_CHARS = 200;

/** heading, breadcrumb, body: weight, and how much the field's length normalises its counts */
const FIELDS = [
  { weight: 5, b: 0.3, title: true },
  { weight: 1.5, b: 0.3, title: true },
  { weight: 1, b: 0.75, title: false },
] as const;
const K1 = 1.2;
/** Share of the query's weight the best section must match; below it the notes do not cover the query. */
const MIN_COVERAGE = 0.5;
/** Sections scoring below this share of the best one are not worth showing. */
const MIN_RELATIVE_SCORE = 0.25;
const TITLE_BOOST = 1;
const PRECISION_BOOST = 0.5;

interface Posting {
  section: number; // index into sections
  tf: number; // field-weighted term frequency
  /** the term is in the heading or the breadcrumb: the section is about it, not merely mentioning it */
  titled: boolean;
}

/** "#65 SQS …" and "10.16. Limitation": the numbering is how notes are ordered, not what they are about. */
export function headingWords(heading: string): string {
  return heading.replace(/^#\d+\s*/, "").replace(/^\d+(?:\.\d+)*\.?\s+/, "");
}

export interface ScoredSection {
  index: number;
  score: number;
  /** 0..1 share of the query's weight this section matched */
  coverage: number;
}

export class SearchIndex {
  private readonly postings = new Map<Term, Posting[]>();
  private readonly emptyBody: Uint8Array;
  /** each section's heading as query-style terms, to prefer headings that say just what was asked */
  private readonly headingTerms: Array<Set<Term>>;
  /** folded Latin words of the corpus and glossary, by length, for typo correction */
  private readonly vocabulary = new Map<number, string[]>();

  constructor(readonly sections: readonly Section[]) {
    this.emptyBody = new Uint8Array(sections.length);
    // Every word of a heading counts here ("with S3" is less exactly "S3" than "S3"), but the vendor name.
    this.headingTerms = sections.map((s) => new Set([...analyze(headingWords(s.heading), true).counts.keys()].filter((t) => t !== "aws" && t !== "amazon")));
    const latinWords = new Set<string>(conceptVocabulary());

    // BM25F: each field's term counts are normalised by that field's own length, so a heading match is not
    // diluted by a long body, and only then weighted and summed.
    const fieldsOf = (s: Section): string[] => [headingWords(s.heading), s.path.slice(1, -1).map(headingWords).join(" \n "), s.text];
    const analysed = sections.map((s) =>
      fieldsOf(s).map((text) => {
        const a = analyze(text);
        for (const w of a.latinWords) latinWords.add(w);
        let length = 0;
        for (const n of a.counts.values()) length += n;
        return { counts: a.counts, length };
      }),
    );
    const avg = FIELDS.map((_, f) => analysed.reduce((sum, fields) => sum + fields[f]!.length, 0) / Math.max(1, sections.length) || 1);

    analysed.forEach((fields, i) => {
      const tf = new Map<Term, number>();
      const titled = new Set<Term>();
      fields.forEach((field, f) => {
        const { weight, b, title } = FIELDS[f]!;
        const norm = 1 - b + (b * field.length) / avg[f]!;
        for (const [term, n] of field.counts) {
          tf.set(term, (tf.get(term) ?? 0) + (weight * n) / norm);
          if (title) titled.add(term);
        }
      });
      for (const [term, n] of tf) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ section: i, tf: n, titled: titled.has(term) });
      }
      this.emptyBody[i] = sections[i]!.text.trim() === "" ? 1 : 0;
    });
    for (const w of latinWords) {
      if (w.length < 4 || /^\d+$/.test(w)) continue;
      let bucket = this.vocabulary.get(w.length);
      if (!bucket) this.vocabulary.set(w.length, (bucket = []));
      bucket.push(w);
    }
  }

  private idf(term: Term): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.sections.length - df + 0.5) / (df + 0.5));
  }

  /** The query's terms with their weights: each Korean word shares one unit among its bigrams. */
  queryTerms(query: string): Map<Term, number> {
    const analysis = analyze(query.slice(0, MAX_QUERY_CHARS), true);
    const weights = new Map<Term, number>();
    const bigramsOfWord = new Map<Term, number>();
    for (const w of analysis.hangulWords) {
      const n = Math.max(1, w.length - 1);
      for (let k = 0; k + 1 < w.length; k++) bigramsOfWord.set(w.slice(k, k + 2), Math.min(bigramsOfWord.get(w.slice(k, k + 2)) ?? 1, 1 / n));
    }
    for (const [term, count] of analysis.counts) {
      if (STOP.has(term)) continue;
      let weight: number;
      if (term.startsWith("@")) weight = 1.5;
      else if (term.startsWith("1:")) weight = 0.6;
      else if (isHangulTerm(term)) weight = bigramsOfWord.get(term) ?? 0.35; // bigram across a space: a hint only
      else weight = 1;
      weights.set(term, Math.max(weights.get(term) ?? 0, weight * Math.min(count, 2)));
    }
    // Unknown Latin words: try a close word of the corpus (cloudfrnt → cloudfront).
    for (const word of analysis.latinWords) {
      const folded = foldLatin(word);
      if (STOP.has(folded) || this.postings.has(folded) || word.length < 4 || /\d/.test(word)) continue;
      const fix = this.correct(word);
      if (!fix) {
        // A name the notes never use (another cloud's product, a tool we have no note on) says the query is
        // about something else: it weighs double, so such a query comes back empty rather than half-matched.
        weights.set(folded, 2 * (weights.get(folded) ?? 1));
        continue;
      }
      const w = weights.get(folded) ?? 1;
      weights.delete(folded);
      const conceptHit = analyze(fix, true).counts;
      for (const term of conceptHit.keys()) weights.set(term, Math.max(weights.get(term) ?? 0, term.startsWith("@") ? 1.5 * w : w));
    }
    return weights;
  }

  private correct(word: string): string | null {
    const maxEdits = word.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = maxEdits + 1;
    let bestDf = -1;
    for (let len = word.length - maxEdits; len <= word.length + maxEdits; len++) {
      for (const candidate of this.vocabulary.get(len) ?? []) {
        if (candidate[0] !== word[0] && maxEdits === 1) continue;
        const d = boundedDamerau(word, candidate, bestDistance);
        if (d > maxEdits) continue;
        const df = this.postings.get(foldLatin(candidate))?.length ?? 0;
        if (d < bestDistance || (d === bestDistance && df > bestDf)) {
          best = candidate;
          bestDistance = d;
          bestDf = df;
        }
      }
    }
    return best;
  }

  search(query: string, limit: number): ScoredSection[] {
    const terms = this.queryTerms(query);
    if (terms.size === 0) return [];
    const n = this.sections.length;
    const scores = new Float64Array(n);
    const matched = new Float64Array(n);
    const matchedInTitle = new Float64Array(n);
    const touched: number[] = [];
    let totalWeight = 0;
    const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
    for (const [term, weight] of terms) {
      const list = this.postings.get(term);
      // A word the notes never use still counts in the query's weight: that is what makes "GCP Cloud Run" empty.
      const idf = list ? this.idf(term) : maxIdf;
      totalWeight += weight * idf;
      if (!list) continue;
      for (const p of list) {
        const i = p.section;
        if (scores[i] === 0) touched.push(i);
        scores[i] = scores[i]! + weight * idf * ((p.tf * (K1 + 1)) / (p.tf + K1));
        matched[i] = matched[i]! + weight * idf;
        if (p.titled) matchedInTitle[i] = matchedInTitle[i]! + weight * idf;
      }
    }
    if (touched.length === 0 || totalWeight === 0) return [];
    const results: ScoredSection[] = [];
    for (const i of touched) {
      // A section whose heading (or breadcrumb) names the topic ranks above one that only mentions it, and a
      // heading that says just what was asked above a more specific one ("JWT" over "JWT Claim Set").
      const heading = this.headingTerms[i]!;
      let precise = 0;
      for (const t of heading) if (terms.has(t)) precise++;
      const precision = heading.size ? precise / heading.size : 0;
      const boost = 1 + TITLE_BOOST * (matchedInTitle[i]! / totalWeight) + PRECISION_BOOST * precision;
      // A heading with nothing under it is a signpost: show it only when nothing better exists.
      const score = scores[i]! * boost * (this.emptyBody[i] ? 0.5 : 1);
      results.push({ index: i, score, coverage: matched[i]! / totalWeight });
    }
    results.sort((a, b) => b.score - a.score || a.index - b.index);
    const best = results.reduce((m, r) => Math.max(m, r.coverage), 0);
    if (best < MIN_COVERAGE) return [];
    const top = results[0]!.score;
    return results.filter((r) => r.score >= top * MIN_RELATIVE_SCORE && r.coverage >= MIN_COVERAGE * 0.6).slice(0, limit);
  }
}

/** Query words that carry no meaning for the notes. */
const STOP = new Set<Term>(["aws", "amazon", "the", "a", "an", "of", "and", "or", "in", "on", "to", "for", "is", "are", "what", "how", "with", "about", "1:뭐", "1:왜"]);

/** Damerau–Levenshtein (optimal string alignment), giving up once the distance exceeds `limit`. */
function boundedDamerau(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
