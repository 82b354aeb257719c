// How alike two question texts are, for Korean written with English AWS terms. Terms come from the notes'
// analyzer, so the glossary decides which spellings are one concept (람다 = Lambda = lamda, 별칭 = alias); Korean
// words become character bigrams after a trailing particle is dropped (함수의 → 함수), which needs no dictionary
// and lets spacing and inflection variants meet. Terms are weighted by how rare they are in the bank (tf-idf), so
// the wording every question shares ("회사가 … 사용해야 하는가?") counts for little.
import { Analyzer, Concepts, foldLatin, normalize } from "../notes/analyze.js";
import { AWS_PACK } from "../notes/glossary.js";
import { STUDY_VOCABULARY } from "../notes/vocabulary.js";

export type TermCounts = Map<string, number>;
export type TermVector = Map<string, number>;

const HANGUL_WORD = /[\uac00-\ud7a3]+/g;
/** The bank is about AWS: its texts are read with the AWS pack and the general study vocabulary. */
let analyzer: Analyzer | undefined;
const bankAnalyzer = () => (analyzer ??= new Analyzer(new Concepts([...AWS_PACK.entries, ...STUDY_VOCABULARY])));
const LATIN_ONLY = /^[a-z0-9][a-z0-9.@]*$/;
// Particles and the commonest endings glued to a noun or verb stem. Only stripped from words of three syllables or
// more, so a two-syllable word such as 로그 or 과금 keeps its last syllable.
const TRAILING_PARTICLE = /(에서는|에서|에게|으로|부터|까지|처럼|보다|이나|하는|되는|하고|으면|은|는|이|가|을|를|의|에|로|와|과|도|만|한|된|할)$/;

/**
 * The terms of one text: glossary concepts (`@lambda`), the English words outside them, and the Korean words as
 * bigrams (a one-syllable word as itself). A Latin word followed by a Korean one is read as one phrase, so the
 * glossary's mixed forms match as written with a space (`API 키` is the concept `api key`).
 */
export function textTerms(text: string): TermCounts {
  const out: TermCounts = new Map();
  const add = (t: string) => out.set(t, (out.get(t) ?? 0) + 1);
  const glued = text.replace(/([A-Za-z0-9])\s+(?=[\uac00-\ud7a3])/g, "$1");
  const analysis = bankAnalyzer().analyze(glued);
  for (const term of analysis.concepts) add(term);
  for (const word of analysis.latinWords) {
    const term = foldLatin(word.toLowerCase());
    if (LATIN_ONLY.test(term)) add(term);
  }
  for (let word of normalize(text).match(HANGUL_WORD) ?? []) {
    if (word.length > 2) word = word.replace(TRAILING_PARTICLE, "");
    if (word.length === 1) add("1:" + word);
    for (let i = 0; i + 1 < word.length; i++) add(word.slice(i, i + 2));
  }
  return out;
}

/** Inverse document frequencies over a collection of texts: a term in few texts weighs more. */
export class TermWeights {
  private readonly df = new Map<string, number>();
  private docs = 0;

  constructor(texts: Iterable<TermCounts>) {
    for (const t of texts) {
      this.docs++;
      for (const term of t.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
  }

  idf(term: string): number {
    return Math.log((this.docs + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
  }

  /** Adds `weight` × tf-idf of `counts` into `into` (a new vector by default) and returns it. */
  add(counts: TermCounts, weight = 1, into: TermVector = new Map()): TermVector {
    for (const [term, n] of counts) into.set(term, (into.get(term) ?? 0) + weight * (1 + Math.log(n)) * this.idf(term));
    return into;
  }
}

/** Cosine of two term vectors, 0..1. */
export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, x] of a) {
    na += x * x;
    const y = b.get(term);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
