// Text → search terms, the same way for notes and queries, so Korean and English meet:
// - NFKC + lowercase (never NFD: it splits Hangul into jamo);
// - concepts of the vocabulary, the corpus's domain packs and its own bridges become one term ("@lambda")
//   whatever the spelling (람다, Lambda, lamda), matched in a run of words with the spaces removed, so spacing
//   variants meet (스토리지클래스 = 스토리지 클래스);
// - Latin words are terms (light plural folding);
// - Hangul is indexed as character bigrams, plus one bigram across the space between two Korean words, so a word
//   still matches with a particle glued to it (함수의); a one-syllable Korean word or stem is a term of its own.
import { stems } from "./morphology.js";

export type Term = string;

const HANGUL = /[\uac00-\ud7a3]/;
const TOKEN = /[a-z0-9]+(?:[.@][a-z0-9]+)*|[\uac00-\ud7a3]+/g;
/** What may stand between two words of one phrase: a concept form may span it. */
const JOINABLE_GAP = /^[\s\-_/]*$/;

export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

const compact = (s: string) => s.replace(/[\s\-_/]+/g, "");

/** Light English folding so "groups"/"group" and "queues"/"queue" meet; short words and "ss" endings stay. */
export function foldLatin(word: string): string {
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !/\d/.test(word)) return word.slice(0, -1);
  return word;
}

export function isHangulTerm(term: Term): boolean {
  return HANGUL.test(term) && !term.startsWith("@");
}

export function isHangulWord(word: string): boolean {
  return HANGUL.test(word);
}

interface TrieNode {
  next: Map<string, TrieNode>;
  term?: Term;
}

/**
 * The concepts one corpus is searched with: every form of every concept, compacted into one character trie.
 * Built from the general vocabulary, the domain packs that apply and the corpus's own bridges.
 */
export class Concepts {
  private readonly root: TrieNode = { next: new Map() };
  /** one-syllable Korean forms, matched as whole words only */
  private readonly oneSyllable = new Map<string, Term>();
  /** compact form → concept term */
  private readonly byForm = new Map<string, Term>();
  /** concept term → its forms as written in the tables (for autocomplete and the term matcher) */
  readonly forms = new Map<Term, string[]>();
  /** every Latin word of some concept form: vocabulary for typo correction */
  readonly latinVocabulary = new Set<string>();

  /** `entries`: one concept per entry, forms lowercase. Later entries never take a form an earlier one has. */
  constructor(entries: Iterable<readonly string[]>) {
    for (const forms of entries) this.add(forms);
  }

  /** The concept a form belongs to, if any. */
  termOf(form: string): Term | undefined {
    const c = compact(normalize(form).trim());
    return this.byForm.get(c) ?? this.oneSyllable.get(c);
  }

  /**
   * Adds one concept. With `merge`, forms join the concept one of them already belongs to (a pair the notes
   * write, such as 교착 상태(Deadlock), extends the vocabulary's concept rather than starting a rival one).
   */
  add(forms: readonly string[], merge = false): void {
    const normalized = forms.map((f) => normalize(f).trim()).filter(Boolean);
    if (!normalized.length) return;
    let term: Term | undefined;
    if (merge) for (const f of normalized) term ??= this.termOf(f);
    term ??= "@" + compact(normalized[0]!);
    for (const form of normalized) {
      const c = compact(form);
      if (!c || this.byForm.has(c) || this.oneSyllable.has(c)) continue;
      const list = this.forms.get(term) ?? [];
      if (!this.forms.has(term)) this.forms.set(term, list);
      list.push(form);
      if (HANGUL.test(c) && c.length === 1) {
        this.oneSyllable.set(c, term);
        continue;
      }
      this.byForm.set(c, term);
      let node = this.root;
      for (const ch of c) {
        let child = node.next.get(ch);
        if (!child) node.next.set(ch, (child = { next: new Map() }));
        node = child;
      }
      node.term ??= term;
      if (!HANGUL.test(form)) for (const w of form.match(/[a-z0-9]+/g) ?? []) this.latinVocabulary.add(w);
    }
  }

  /**
   * Longest concept form starting at `start` of `joined` (a phrase with its separators removed), ending where
   * `canEnd` allows; with an English plural (s, es) after a Latin form.
   */
  matchAt(joined: string, start: number, canEnd: (end: number) => boolean): { term: Term; end: number } | null {
    let node: TrieNode | undefined = this.root;
    let best: { term: Term; end: number } | null = null;
    for (let i = start; i < joined.length; i++) {
      node = node.next.get(joined[i]!);
      if (!node) break;
      if (node.term) {
        const end = i + 1;
        if (canEnd(end)) best = { term: node.term, end };
        else if (joined[end] === "s" && canEnd(end + 1)) best = { term: node.term, end: end + 1 };
        else if (joined[end] === "e" && joined[end + 1] === "s" && canEnd(end + 2)) best = { term: node.term, end: end + 2 };
      }
    }
    return best;
  }

  oneSyllableTerm(word: string): Term | undefined {
    return this.oneSyllable.get(word);
  }
}

export interface Analysis {
  /** term → count */
  counts: Map<Term, number>;
  /** concept terms found, in order, each with the words it was found in (Latin words, or a Korean span) */
  concepts: Term[];
  conceptSources: Array<{ term: Term; latin: string[]; hangul: string }>;
  /** Latin words not taken by a concept (as typed, before folding) */
  latinWords: string[];
  /** Hangul words not taken by a concept (with `consume`, the pieces left after the concepts were removed) */
  hangulWords: string[];
  /** bigrams across the space between two Korean words (also in `counts`), with the two words */
  crossBigrams: Array<{ term: Term; left: string; right: string }>;
}

interface Token {
  text: string;
  hangul: boolean;
  /** separator before it: "" glued, " " whitespace, "-" a joinable separator, "|" a break */
  gap: "" | " " | "-" | "|";
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of s.matchAll(TOKEN)) {
    const gapText = s.slice(last, m.index);
    const gap: Token["gap"] = gapText === "" ? "" : !JOINABLE_GAP.test(gapText) ? "|" : /^\s+$/.test(gapText) ? " " : "-";
    tokens.push({ text: m[0], hangul: HANGUL.test(m[0][0]!), gap });
    last = m.index + m[0].length;
  }
  return tokens;
}

/** The most likely stem of a Hangul word, for the bigram across a space and one-syllable words. */
function particleStems(word: string): string[] {
  return stems(word)
    .filter((s) => s.kind !== "none")
    .map((s) => s.stem);
}

/**
 * Analyses text into terms. With `consume` (queries), the spans that matched a concept are removed before the
 * rest is split, so "람다 타임아웃" searches @lambda and @timeout rather than also their bigrams.
 */
export function analyze(text: string, concepts: Concepts, consume = false): Analysis {
  const counts = new Map<Term, number>();
  const add = (t: Term) => counts.set(t, (counts.get(t) ?? 0) + 1);
  const s = normalize(text).replace(/[\u0000-\u001f\u007f]/g, " ");
  const tokens = tokenize(s);
  const found: Term[] = [];
  const latinWords: string[] = [];
  const hangulWords: string[] = [];
  const crossBigrams: Analysis["crossBigrams"] = [];
  const conceptSources: Analysis["conceptSources"] = [];

  // Phrases: runs of tokens with joinable separators; concept forms may span the words of one phrase.
  let p = 0;
  while (p < tokens.length) {
    let q = p + 1;
    while (q < tokens.length && tokens[q]!.gap !== "|") q++;
    const phrase = tokens.slice(p, q);
    analysePhrase(phrase, concepts, consume, add, { found, latinWords, hangulWords, crossBigrams, conceptSources });
    p = q;
  }
  return { counts, concepts: found, conceptSources, latinWords, hangulWords, crossBigrams };
}

function analysePhrase(
  phrase: Token[],
  concepts: Concepts,
  consume: boolean,
  add: (t: Term) => void,
  out: Pick<Analysis, "latinWords" | "hangulWords" | "crossBigrams" | "conceptSources"> & { found: Term[] },
): void {
  const { found, latinWords, hangulWords, crossBigrams, conceptSources } = out;
  const joined = phrase.map((t) => t.text).join("");
  const tokenAt = new Int32Array(joined.length);
  const tokenStart: number[] = [];
  let offset = 0;
  phrase.forEach((t, k) => {
    tokenStart.push(offset);
    tokenAt.fill(k, offset, offset + t.text.length);
    offset += t.text.length;
  });
  const tokenEnd = (k: number) => tokenStart[k]! + phrase[k]!.text.length;
  const isHangulAt = (i: number) => phrase[tokenAt[i]!]!.hangul;
  // A Latin form starts and ends on word boundaries; a Korean one anywhere in a run of Korean words.
  const canEnd = (end: number) => {
    if (end > joined.length) return false;
    if (end === joined.length) return true;
    const k = tokenAt[end - 1]!;
    return isHangulAt(end - 1) || tokenEnd(k) === end;
  };
  const consumed = new Uint8Array(joined.length);
  let i = 0;
  while (i < joined.length) {
    const k = tokenAt[i]!;
    const startsWord = tokenStart[k] === i;
    if (startsWord || isHangulAt(i)) {
      const m = concepts.matchAt(joined, i, canEnd);
      // A Latin match must not end inside a Korean word's first syllables only by accident: boundaries checked above.
      if (m && (isHangulAt(i) || startsWord)) {
        add(m.term);
        found.push(m.term);
        if (consume) {
          consumed.fill(1, i, m.end);
          const first = tokenAt[i]!;
          const last = tokenAt[m.end - 1]!;
          const covered = phrase.slice(first, last + 1);
          conceptSources.push(
            covered.some((t) => t.hangul) ? { term: m.term, latin: [], hangul: joined.slice(i, m.end).replace(/[^\uac00-\ud7a3]/g, "") } : { term: m.term, latin: covered.map((t) => t.text), hangul: "" },
          );
        }
        i = m.end;
        continue;
      }
    }
    i++;
  }

  let previousStem: string | null = null;
  let previousWord = "";
  phrase.forEach((t, k) => {
    const start = tokenStart[k]!;
    // With consume, only what no concept took is left of the word (possibly several pieces).
    const pieces: string[] = [];
    if (consume) {
      let piece = "";
      for (let j = 0; j < t.text.length; j++) {
        if (consumed[start + j]) {
          if (piece) pieces.push(piece);
          piece = "";
        } else piece += t.text[j];
      }
      if (piece) pieces.push(piece);
    } else pieces.push(t.text);

    if (!t.hangul) {
      previousStem = null;
      for (const w of pieces) {
        latinWords.push(w);
        add(foldLatin(w));
        // "appspec.yml" also matches "appspec"; "lambda@edge" also "lambda".
        if (/[.@]/.test(w)) for (const part of w.split(/[.@]/)) if (part.length > 1) add(foldLatin(part));
      }
      return;
    }
    for (const w of pieces) {
      const whole = w === t.text;
      // A Korean ending glued to a Latin word (TCP랑, UDP는) is no word of its own.
      if (consume && t.gap === "" && k > 0 && !phrase[k - 1]!.hangul && whole && isParticleOnly(w)) continue;
      const one = concepts.oneSyllableTerm(w) ?? particleStems(w).map((x) => concepts.oneSyllableTerm(x)).find(Boolean);
      if (one) {
        add(one);
        found.push(one);
        if (consume) continue;
      }
      hangulWords.push(w);
      if (w.length === 1) add("1:" + w);
      for (let j = 0; j + 1 < w.length; j++) add(w.slice(j, j + 2));
      if (!consume) for (const st of particleStems(w)) if (st.length === 1) add("1:" + st);
    }
    const intact = pieces.length === 1 && pieces[0] === t.text;
    if (previousStem && intact && t.gap === " ") {
      const cross = previousStem[previousStem.length - 1]! + t.text[0]!;
      add(cross);
      crossBigrams.push({ term: cross, left: previousWord, right: t.text });
    }
    previousStem = intact ? bestStem(t.text) : null;
    previousWord = t.text;
  });
}

function bestStem(word: string): string {
  let best = word;
  for (const s of particleStems(word)) if (s.length >= 1 && s.length < best.length) best = s;
  return best;
}

/** A token that is nothing but a particle or ending (는, 랑, 이야). */
export function isParticleOnly(word: string): boolean {
  return stems("가" + word).some((s) => s.stem === "가" && s.kind !== "none");
}

export { HANGUL };
