// Text → search terms, the same way for notes and queries, so Korean and English meet:
// - NFKC + lowercase (never NFD: it splits Hangul into jamo);
// - glossary concepts become one term ("@lambda") whatever the spelling (람다, Lambda, lamda);
// - Latin words are terms (light plural folding);
// - Hangul is indexed as character bigrams, plus one bigram across the space between two Korean words, so
//   a word still matches with a particle glued to it (함수의) and spacing variants meet (스토리지클래스);
//   a one-syllable Korean word is a term of its own.
import { AWS_PACK } from "./glossary.js";
import { STUDY_VOCABULARY } from "./vocabulary.js";

export type Term = string;

const HANGUL = /[\uac00-\ud7a3]/;
const HANGUL_RUN = /[\uac00-\ud7a3]+/g;
const LATIN_WORD = /[a-z0-9]+(?:[.@][a-z0-9]+)*/g;

export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

interface ConceptTables {
  /** compact Latin form ("autoscaling") → concept term */
  latin: Map<string, Term>;
  latinRegex: RegExp;
  /** compact Hangul form ("스토리지클래스") → concept term; matched inside Hangul runs with spaces removed */
  hangul: Map<string, Term>;
  hangulRegex: RegExp;
  /** one-syllable Korean forms, matched as whole words only */
  hangulWord: Map<string, Term>;
  /** every Latin word that belongs to some concept form: vocabulary for typo correction */
  latinVocabulary: Set<string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const compact = (s: string) => s.replace(/[\s\-_/]+/g, "");

function buildConceptTables(glossary: readonly (readonly string[])[]): ConceptTables {
  const latin = new Map<string, Term>();
  const hangul = new Map<string, Term>();
  const hangulWord = new Map<string, Term>();
  const latinVocabulary = new Set<string>();
  const latinForms: string[] = [];
  for (const forms of glossary) {
    const term = "@" + compact(normalize(forms[0]!));
    for (const raw of forms) {
      const form = normalize(raw).trim();
      if (HANGUL.test(form)) {
        // Mixed forms ("ebs 볼륨", "s3 버킷") are matched as Hangul with the Latin part glued on.
        const c = compact(form);
        if (c.length === 1) hangulWord.set(c, term);
        else if (!hangul.has(c)) hangul.set(c, term);
      } else {
        const c = compact(form);
        if (!latin.has(c)) {
          latin.set(c, term);
          latinForms.push(form);
        }
        for (const w of form.match(LATIN_WORD) ?? []) latinVocabulary.add(w);
      }
    }
  }
  latinForms.sort((a, b) => b.length - a.length);
  const latinPattern = latinForms.map((f) => f.split(/[\s\-_/]+/).map(escape).join("[\\s\\-_/]*")).join("|");
  const hangulForms = [...hangul.keys()].sort((a, b) => b.length - a.length);
  return {
    latin,
    latinRegex: new RegExp(`(?<![a-z0-9@])(?:${latinPattern})(?:s|es)?(?![a-z0-9])`, "g"),
    hangul,
    hangulRegex: new RegExp(hangulForms.map(escape).join("|"), "g"),
    hangulWord,
    latinVocabulary,
  };
}

const concepts = buildConceptTables([...AWS_PACK.entries, ...STUDY_VOCABULARY]);

export function conceptVocabulary(): ReadonlySet<string> {
  return concepts.latinVocabulary;
}

function conceptOfLatinMatch(match: string): Term | undefined {
  const c = compact(match);
  return concepts.latin.get(c) ?? concepts.latin.get(c.replace(/es$/, "")) ?? concepts.latin.get(c.replace(/s$/, ""));
}

/** Light English folding so "groups"/"group" and "queues"/"queue" meet; short words and "ss" endings stay. */
export function foldLatin(word: string): string {
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !/\d/.test(word)) return word.slice(0, -1);
  return word;
}

export interface Analysis {
  /** term → count */
  counts: Map<Term, number>;
  /** Latin words that were not part of a concept (before folding), for typo correction of queries */
  latinWords: string[];
  /** Hangul words (space-separated pieces), for query weighting */
  hangulWords: string[];
}

/**
 * Analyses text into terms. With `consume` (queries), the spans that matched a concept are removed before the
 * rest is split, so "람다 타임아웃" searches @lambda and @timeout rather than also their bigrams.
 */
export function analyze(text: string, consume = false): Analysis {
  const counts = new Map<Term, number>();
  const add = (t: Term, n = 1) => counts.set(t, (counts.get(t) ?? 0) + n);
  let s = normalize(text).replace(/[\u0000-\u001f\u007f]/g, " ");

  // 1. Latin concept forms.
  s = s.replace(concepts.latinRegex, (m) => {
    const term = conceptOfLatinMatch(m);
    if (term) add(term);
    return consume && term ? " " : m;
  });

  // 2. Hangul concept forms, on each run of Korean words with spaces removed (spacing variants meet).
  const hangulWords: string[] = [];
  s = s.replace(/[\uac00-\ud7a3a-z0-9]*[\uac00-\ud7a3][\uac00-\ud7a3a-z0-9]*(?:\s+[\uac00-\ud7a3a-z0-9]*[\uac00-\ud7a3][\uac00-\ud7a3a-z0-9]*)*/g, (phrase) => {
    const words = phrase.split(/\s+/);
    for (const w of words) {
      const word = concepts.hangulWord.get(w) ?? concepts.hangulWord.get(stripParticle(w));
      if (word) add(word);
    }
    const joined = words.join("");
    let kept = "";
    let last = 0;
    let matched = false;
    joined.replace(concepts.hangulRegex, (m, offset: number) => {
      add(concepts.hangul.get(m)!);
      matched = true;
      kept += joined.slice(last, offset) + (consume ? " " : m);
      last = offset + m.length;
      return m;
    });
    if (!matched || !consume) {
      hangulWords.push(...words);
      return phrase;
    }
    kept += joined.slice(last);
    const rest = kept.split(/\s+/).filter(Boolean);
    hangulWords.push(...rest);
    return " " + rest.join(" ") + " ";
  });

  // 3. Remaining Latin words.
  const latinWords: string[] = [];
  for (const m of s.match(LATIN_WORD) ?? []) {
    latinWords.push(m);
    add(foldLatin(m));
    // "appspec.yml" also matches "appspec"; "lambda@edge" also "lambda".
    if (/[.@]/.test(m)) for (const part of m.split(/[.@]/)) if (part.length > 1) add(foldLatin(part));
  }

  // 4. Hangul bigrams, with one bigram across each space between two Korean words.
  for (const phrase of s.match(/[\uac00-\ud7a3]+(?:\s+[\uac00-\ud7a3]+)*/g) ?? []) {
    const words = phrase.split(/\s+/);
    words.forEach((w, i) => {
      if (w.length === 1) add("1:" + w);
      for (let k = 0; k + 1 < w.length; k++) add(w.slice(k, k + 2));
      const next = words[i + 1];
      if (next) add(w[w.length - 1]! + next[0]!);
    });
  }
  return { counts, latinWords, hangulWords };
}

const PARTICLES = /(은|는|이|가|을|를|의|에|에서|로|으로|와|과|도|만)$/;
function stripParticle(word: string): string {
  return word.length > 1 ? word.replace(PARTICLES, "") : word;
}

export function isHangulTerm(term: Term): boolean {
  return HANGUL.test(term) && !term.startsWith("@");
}

export { HANGUL_RUN };
