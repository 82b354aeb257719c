// The postings of a search index: each section's three fields (heading, breadcrumb, body) read into (term, count)
// pairs, then one BM25F weight per term and section, filled term by term in section order.
//
// Each step is a function of one section or one field: small functions are optimised after a few sections and
// recompiled at little cost when a larger corpus brings new kinds of text, where one long loop is not.
import { IdList, TermCounts, type Analyzer } from "./analyze.js";

/** heading, breadcrumb, body: weight, and how much the field's length normalises its counts */
const FIELDS = [
  { weight: 5, b: 0.3, title: true },
  { weight: 1.5, b: 0.3, title: true },
  { weight: 1, b: 0.75, title: false },
] as const;
const FIELD_COUNT = FIELDS.length;
const K1 = 1.2;
/** The field that repeats: sections under one parent share their breadcrumb, which is analysed once. Headings
 * and bodies seldom repeat, and looking them up would cost more than it saves. */
const BREADCRUMB = 1;
/** Breadcrumbs longer than this are not kept to be looked up. */
const REPEATED_TEXT_CHARS = 400;
/** Pairs a character of the bodies makes, about: the pair lists are sized for it, so that they seldom grow. */
const PAIRS_PER_CHARACTER = 0.35;

/**
 * Postings of term t: postings start[t] .. start[t + 1], posting p at sections[2p] and weights[2p + 1]: twice the
 * section, plus 1 when the term is in its heading or breadcrumb (the section is about it, not merely mentioning
 * it); then the BM25 saturation of the term's weighted frequency in that section. Side by side in eight bytes (one
 * buffer seen as 32-bit integers and as 32-bit floats), as filling them writes each posting to its own place: one
 * place, not two, and half the memory of two doubles. A weight needs no more than a float's seven digits.
 */
export interface Postings {
  /** how many terms the notes have */
  termCount: number;
  start: Int32Array;
  /** twice the section, plus 1 when titled, at even places */
  sections: Int32Array;
  /** the weights, at odd places: the same buffer as `sections` */
  weights: Float32Array;
  idf: Float64Array;
}

/** Field f of section i is slot FIELD_COUNT * i + f; its pairs are entries from[slot] .. to[slot]. */
interface FieldPairs {
  terms: IdList;
  counts: IdList;
  from: Int32Array;
  to: Int32Array;
  /** how many terms the field has, repeats counted */
  length: Float64Array;
  /** in how many sections each term is */
  df: IdList;
}

/**
 * Postings of `sectionCount` sections whose fields (heading, breadcrumb, body, in NFKC) `fieldsOf` gives;
 * `characters` is the length of the bodies, to size the lists.
 */
export function buildPostings(analyzer: Analyzer, sectionCount: number, fieldsOf: (section: number) => readonly string[], characters: number): Postings {
  const pairs = readFields(analyzer, sectionCount, fieldsOf, characters);
  return weigh(pairs, sectionCount, analyzer.terms.length);
}

function readFields(analyzer: Analyzer, n: number, fieldsOf: (section: number) => readonly string[], characters: number): FieldPairs {
  const terms = new IdList(Math.ceil(PAIRS_PER_CHARACTER * characters) + 1024);
  const pairs: FieldPairs = {
    terms,
    counts: new IdList(terms.data.length),
    from: new Int32Array(FIELD_COUNT * n),
    to: new Int32Array(FIELD_COUNT * n),
    length: new Float64Array(FIELD_COUNT * n),
    df: new IdList(),
  };
  // A field's terms are counted straight into the pairs' term list, then their counts are moved beside them.
  const counts = new TermCounts(terms);
  const marks = new IdList(1024, -1);
  // Breadcrumbs repeat (sections under one parent, copied notes); each is analysed once.
  const analysed = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const fields = fieldsOf(i);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const text = fields[f]!;
      const slot = FIELD_COUNT * i + f;
      const repeats = f === BREADCRUMB && text.length < REPEATED_TEXT_CHARS;
      const seen = repeats ? analysed.get(text) : undefined;
      if (seen === undefined) {
        readField(analyzer, text, counts, pairs, slot);
        if (repeats) analysed.set(text, slot);
      } else {
        pairs.from[slot] = pairs.from[seen]!;
        pairs.to[slot] = pairs.to[seen]!;
        pairs.length[slot] = pairs.length[seen]!;
      }
    }
    countSection(pairs, i, marks.reserve(analyzer.terms.length - 1, -1), analyzer.terms.length);
  }
  return pairs;
}

/** Reads one field's text into its pairs. */
function readField(analyzer: Analyzer, text: string, counts: TermCounts, pairs: FieldPairs, slot: number): void {
  const from = pairs.terms.length;
  analyzer.countNfkcTerms(text, counts);
  const to = pairs.terms.length;
  const termCounts = pairs.counts.reserve(to);
  const terms = pairs.terms.data;
  const byTerm = counts.counts;
  for (let m = from; m < to; m++) {
    const id = terms[m]!;
    termCounts[m] = byTerm[id]!;
    byTerm[id] = 0;
  }
  pairs.counts.length = to;
  pairs.from[slot] = from;
  pairs.to[slot] = to;
  pairs.length[slot] = counts.total;
  counts.total = 0;
}

/** Counts section i in the document frequency of each term it has; `mark` notes the terms counted for it. */
function countSection(pairs: FieldPairs, i: number, mark: Int32Array, termCount: number): void {
  const df = pairs.df.reserve(termCount - 1);
  const terms = pairs.terms.data;
  for (let slot = FIELD_COUNT * i; slot < FIELD_COUNT * i + FIELD_COUNT; slot++) {
    for (let m = pairs.from[slot]!, to = pairs.to[slot]!; m < to; m++) {
      const id = terms[m]!;
      if (mark[id] !== i) {
        mark[id] = i;
        df[id]!++;
      }
    }
  }
}

/** BM25F: each field's counts are normalised by that field's own length, so a heading match is not diluted by a
 * long body, and only then weighted and summed. */
function weigh(pairs: FieldPairs, n: number, termCount: number): Postings {
  const averages = FIELDS.map((_, f) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += pairs.length[FIELD_COUNT * i + f]!;
    return sum / Math.max(1, n) || 1;
  });
  const df = pairs.df.reserve(termCount);
  const start = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) start[t + 1] = start[t]! + df[t]!;
  const total = start[termCount]!;
  const buffer = new ArrayBuffer(8 * total);
  const postings: Postings = {
    termCount,
    start,
    sections: new Int32Array(buffer),
    weights: new Float32Array(buffer),
    idf: new Float64Array(termCount),
  };
  const cursor = start.slice(0, termCount);
  const scratch: SectionScratch = { tf: new Float64Array(termCount), titled: new Uint8Array(termCount), touched: new IdList() };
  const norms = new Float64Array(FIELD_COUNT);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < FIELD_COUNT; f++) {
      const { b } = FIELDS[f]!;
      norms[f] = 1 - b + (b * pairs.length[FIELD_COUNT * i + f]!) / averages[f]!;
    }
    weighSection(pairs, i, norms, scratch, postings, cursor);
  }
  for (let t = 0; t < termCount; t++) postings.idf[t] = Math.log(1 + (n - df[t]! + 0.5) / (df[t]! + 0.5));
  return postings;
}

interface SectionScratch {
  tf: Float64Array;
  titled: Uint8Array;
  touched: IdList;
}

/** Fills section i's postings: its weighted frequency of each term it has, saturated. */
function weighSection(pairs: FieldPairs, i: number, norms: Float64Array, scratch: SectionScratch, postings: Postings, cursor: Int32Array): void {
  const { tf, titled, touched } = scratch;
  const terms = pairs.terms.data;
  const counts = pairs.counts.data;
  touched.length = 0;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const slot = FIELD_COUNT * i + f;
    const { weight, title } = FIELDS[f]!;
    const norm = norms[f]!;
    for (let m = pairs.from[slot]!, to = pairs.to[slot]!; m < to; m++) {
      const id = terms[m]!;
      if (tf[id] === 0) touched.push(id);
      tf[id] = tf[id]! + (weight * counts[m]!) / norm;
      if (title) titled[id] = 1;
    }
  }
  const { sections, weights } = postings;
  for (let m = 0; m < touched.length; m++) {
    const id = touched.data[m]!;
    const at = 2 * cursor[id]!++;
    const x = tf[id]!;
    sections[at] = 2 * i + titled[id]!;
    weights[at + 1] = (x * (K1 + 1)) / (x + K1);
    tf[id] = 0;
    titled[id] = 0;
  }
}
