// Text → search terms, the same way for notes and queries, so Korean and English meet:
// - NFKC + lowercase (never NFD: it splits Hangul into jamo);
// - concepts of the vocabulary, the corpus's domain packs and its own bridges become one term ("@lambda")
//   whatever the spelling (람다, Lambda, lamda), matched in a run of words with the spaces removed, so spacing
//   variants meet (스토리지클래스 = 스토리지 클래스);
// - Latin words are terms (light plural folding);
// - Hangul is indexed as character bigrams, plus one bigram across the space between two Korean words, so a word
//   still matches with a particle glued to it (함수의); a one-syllable Korean word or stem is a term of its own.
//
// Notes repeat their words far more than they have distinct ones, so an Analyzer works out what each distinct
// word contributes (its terms, its stem, the concepts starting in it) once, and indexing a text is then mostly
// looking words up.
import { isIngSyllable } from "./loanword.js";
import { stems } from "./morphology.js";
import { CharTrie, NONE, ROOT } from "./trie.js";

export type Term = string;

const HANGUL = /[\uac00-\ud7a3]/;

/** Per UTF-16 code unit: 0 not known yet, 1 its own NFKC form whatever is around it, 2 not surely. */
const nfkcStability = new Uint8Array(0x10000);

/**
 * Whether a code unit is its own NFKC form wherever it stands: NFKC leaves it alone, and it is no mark or jamo
 * (which may combine with the character before it). Bullets, arrows, quotes and middle dots are, and so text
 * written with them needs no NFKC pass. Worked out once a code unit.
 */
function staysInNfkc(unit: number): boolean {
  let known = nfkcStability[unit]!;
  if (known === 0) {
    const ch = String.fromCharCode(unit);
    const stays = !(unit >= 0xd800 && unit <= 0xdfff) && ch.normalize("NFKC") === ch && !/[\p{M}\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff]/u.test(ch);
    nfkcStability[unit] = known = stays ? 1 : 2;
  }
  return known === 1;
}

/** Whether text is its own NFKC form, letter for letter, seen from its characters alone. */
function isOwnNfkc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && !(c >= 0xac00 && c <= 0xd7a3) && nfkcStability[c] !== 1 && !staysInNfkc(c)) return false;
  }
  return true;
}

/**
 * NFKC: text whose characters all stay as they are is returned as it is, which a scan tells sooner. A times sign
 * between digits is an x (3×3 as typed 3x3), letter for letter, so offsets into the text stay where they were.
 */
export function nfkc(text: string): string {
  const n = isOwnNfkc(text) ? text : text.normalize("NFKC");
  return n.includes("\u00d7") ? n.replace(/(?<=\d)\u00d7(?=\d)/g, "x") : n;
}

/** NFKC and lower case. */
export function normalize(text: string): string {
  return nfkc(text).toLowerCase();
}

/** `normalize` for text being typed: NFKC would turn a typed ㄷ into a conjoining jamo, so jamo stay as they are. */
export function normalizeTyped(text: string): string {
  return text.replace(/[^\u3131-\u318e]+/g, (x) => normalize(x));
}

const compact = (s: string) => s.replace(/[\s\-_/'\u2019]+/g, "");

/** Light English folding so "groups"/"group" and "queues"/"queue" meet; short words and "ss" endings stay. */
export function foldLatin(word: string): string {
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !/\d/.test(word)) return word.slice(0, -1);
  return word;
}

export function isHangulWord(word: string): boolean {
  return HANGUL.test(word);
}

/**
 * The concepts one corpus is searched with: every form of every concept, compacted into one character trie.
 * Built from the general vocabulary, the domain packs that apply and the corpus's own bridges.
 */
export class Concepts {
  /** the trie of compact forms, each ending at the index of its concept (in `terms`) */
  readonly trie = new CharTrie();
  /** every concept term, once */
  readonly terms: Term[] = [];
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
   * An Analyzer made earlier does not see what is added afterwards.
   */
  add(forms: readonly string[], merge = false): void {
    const normalized = withArabicNumerals(forms.map((f) => normalize(f).trim()).filter(Boolean));
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
      const node = this.trie.insert(c);
      if (this.trie.value(node) < 0) this.trie.setValue(node, this.indexOf(term));
      if (!HANGUL.test(form)) for (const w of form.match(/[a-z0-9]+/g) ?? []) this.latinVocabulary.add(w);
    }
  }

  oneSyllableTerm(word: string): Term | undefined {
    return this.oneSyllable.get(word);
  }

  private readonly index = new Map<Term, number>();

  private indexOf(term: Term): number {
    let i = this.index.get(term);
    if (i === undefined) {
      this.index.set(term, (i = this.terms.length));
      this.terms.push(term);
    }
    return i;
  }
}

/** Roman numerals after a word of a name, as a question types them in digits too (type ii error, type 2 error). */
const ROMAN_NUMERALS = new Map([["i", "1"], ["ii", "2"], ["iii", "3"]]);

/** The forms, each with a Roman numeral after a word also in digits. */
function withArabicNumerals(forms: readonly string[]): string[] {
  const out = [...forms];
  for (const form of forms) {
    if (HANGUL.test(form)) continue;
    const words = form.split(" ");
    const digits = words.map((w, k) => (k > 0 && ROMAN_NUMERALS.get(w)) || w);
    if (digits.some((w, k) => w !== words[k])) out.push(digits.join(" "));
  }
  return out;
}

export interface Analysis {
  /** term → count */
  counts: Map<Term, number>;
  /** concept terms found, in order */
  concepts: Term[];
  /** each concept found, with the words it was found in: Latin words whole, Hangul as the text it took (all
   * together, and word by word) */
  conceptSources: Array<{ term: Term; latin: string[]; hangul: string; hangulPieces: string[] }>;
  /** Latin words not taken by a concept (as typed, before folding) */
  latinWords: string[];
  /** single letters joined to the word before or after them (t검정, p값, t-분포): a name's part, not noise */
  boundLetters: string[];
  /** Hangul words not taken by a concept (the pieces left after the concepts were removed) */
  hangulWords: string[];
  /** of those, the noun suffixes left at a word's end after a concept (가스비 → 비) */
  suffixes: string[];
  /** bigrams across the space between two Korean words (also in `counts`), with the two words */
  crossBigrams: Array<{ term: Term; left: string; right: string }>;
}

// What stands before a word: nothing (TCP는), whitespace, a joinable separator (- _ /), or a break (punctuation),
// which ends a phrase. Concept forms may span the words of one phrase.
const GLUED = 0;
const SPACE = 1;
const JOIN = 2;
const BREAK = 3;

/** a-z, 0-9, and A-Z, which the analyzer lowers as it reads */
// Small Greek letters are read as Latin ones: notes write their symbols (할인율 γ, 학습률 η). Capitals stay apart, as
// the signs they mostly are (Σ, Δ).
const isLatinCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 0x3b1 && c <= 0x3c9);
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const isHangulCode = (c: number) => c >= 0xac00 && c <= 0xd7a3;

/** JavaScript's `\s`, plus the control characters, which count as blanks. */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20 || c === 0x7f) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function gapOf(c: number): number {
  if (isSpaceCode(c)) return SPACE;
  return c === 0x2d || c === 0x5f || c === 0x2f ? JOIN : BREAK;
}

/** What the general reading of concepts needs of one word: the longest concept form starting at each offset (an
 * id, or -1), where it ends (an offset in the last word), and the trie node when the form may go on into the next
 * word. Worked out once a distinct word. */
interface Walks {
  term: Int32Array;
  end: Int32Array;
  on: Int32Array | undefined;
}

/** Word hashes stay small integers (31 bits signed), which the engine keeps unboxed. */
const HASH_MASK = 0x3fffffff;

/** How many words met only in queries are kept analysed. */
const MAX_QUERY_WORDS = 20_000;

/** A growable list of ids (or other integers). */
export class IdList {
  data: Int32Array;
  length = 0;

  constructor(size = 1024, fill = 0) {
    this.data = new Int32Array(size);
    if (fill !== 0) this.data.fill(fill);
  }

  push(id: number): void {
    this.reserve(this.length)[this.length++] = id;
  }

  /** Makes room for index `i` (new slots filled with `fill`), and returns the array. */
  reserve(i: number, fill = 0): Int32Array {
    if (i >= this.data.length) {
      const next = new Int32Array(Math.max(i + 1, this.data.length * 2));
      next.set(this.data);
      if (fill !== 0) next.fill(fill, this.data.length);
      this.data = next;
    }
    return this.data;
  }
}

/** The particle stems of a Hangul word (without the word itself). */
function particleStems(word: string): string[] {
  const out: string[] = [];
  for (const s of stems(word)) if (s.kind !== "none") out.push(s.stem);
  return out;
}

/** The most likely stem of a Hangul word, for the bigram across a space and one-syllable words. */
function bestStem(word: string): string {
  let best = word;
  for (const s of particleStems(word)) if (s.length >= 1 && s.length < best.length) best = s;
  return best;
}

/** A token that is nothing but a particle or ending (는, 랑, 이야). */
export function isParticleOnly(word: string): boolean {
  // After an open syllable, one closed by a consonant, or by ㄹ: each particle fits one of them (가, 은, 로).
  return ["가", "각", "갈"].some((base) => stems(base + word).some((s) => s.stem === base && s.kind !== "none"));
}

/** The one-syllable concept a Hangul word or its stem is, if any (키 → @key, 큐를 → @queue). */
function oneSyllableConcept(word: string, concepts: Concepts): Term | undefined {
  const own = concepts.oneSyllableTerm(word);
  if (own !== undefined) return own;
  for (const st of particleStems(word)) {
    const t = concepts.oneSyllableTerm(st);
    if (t) return t;
  }
  return undefined;
}

/** A Latin word's own terms: the folded word, and the parts of a dotted or joined name (appspec.yml → appspec,
 * yml; tcp+udp → tcp, udp). */
function latinTerms(word: string, add: (t: Term) => void): void {
  add(foldLatin(word));
  // "appspec.yml" also matches "appspec"; "lambda@edge" also "lambda".
  if (/[.@+]/.test(word)) for (const part of word.split(/[.@+#]/)) if (part.length > 1) add(foldLatin(part));
}

/** How many of the signs at `j` end the Latin word `s[i, j)` before them: ++ or #, or + after one letter (B+ 트리,
 * A+), when no letter or digit follows. */
function signedTail(s: string, i: number, j: number): number {
  const d = s.charCodeAt(j);
  const n = d === 0x2b && s.charCodeAt(j + 1) === 0x2b ? 2 : d === 0x23 || (d === 0x2b && j - i === 1) ? 1 : 0;
  return n > 0 && !isLatinCode(s.charCodeAt(j + n)) ? n : 0;
}

/** A Hangul word's bigrams, or the word itself when it is one syllable. */
function hangulTerms(word: string, add: (t: Term) => void): void {
  if (word.length === 1) add("1:" + word);
  for (let j = 0; j + 1 < word.length; j++) add(word.slice(j, j + 2));
}

/** Counts of term ids, with the ids counted so far (appended to `touched`, which may hold more before them) and
 * the total. */
export class TermCounts {
  counts = new Int32Array(1024);
  total = 0;

  constructor(readonly touched = new IdList()) {}

  add(id: number): void {
    if (id >= this.counts.length) {
      const next = new Int32Array(Math.max(id + 1, this.counts.length * 2));
      next.set(this.counts);
      this.counts = next;
    }
    if (this.counts[id]!++ === 0) this.touched.push(id);
    this.total++;
  }

  clear(): void {
    for (let m = 0; m < this.touched.length; m++) this.counts[this.touched.data[m]!] = 0;
    this.touched.length = 0;
    this.total = 0;
  }
}

/**
 * The analysis of one corpus: its concepts, the ids of its terms, and what each distinct word contributes.
 * Notes are analysed into counts of term ids (`countTerms`), queries into terms with their sources (`analyze`).
 */
export class Analyzer {
  /** ids of the terms other than two syllables, which the bigram table holds */
  private readonly ids = new Map<Term, number>();
  /** term of each id */
  readonly terms: Term[] = [];
  // Distinct words, by index in the order first met. What reading a note needs of a word sits in flat arrays,
  // side by side (a note's reading mostly looks words up); what the rarer paths need, in `walks`.
  private readonly texts: string[] = [];
  private readonly hashes = new IdList();
  /** the words' letters one after another; word w's are chars[charStart[w] .. charStart[w + 1]) */
  private chars = new Uint16Array(1 << 14);
  private readonly charStart = new IdList();
  /** What reading a word in a note needs of it, WORD_INFO numbers a word (see the offsets below), together: a
   * note's reading looks words up in no order, and each lookup then reads one cache line, not ten arrays. */
  private info = new Int32Array(WORD_INFO * 1024);
  /** the ids of the terms a word adds in a note by itself (not its concepts, nor the bigram across a space):
   * docData[DOC_START .. DOC_END), DOC_START -1 until worked out */
  private readonly docData = new IdList();
  /** the concepts met reading the word from its start when no form goes on into the next word, as (term, start,
   * end) triples in scanData[SCAN_START .. SCAN_END) */
  private readonly scanData = new IdList();
  /** the offsets met on the way where a form might go on, openData[OPEN_START .. OPEN_END), with the trie node
   * reached at the word's end (openNodes, alike) */
  private readonly openData = new IdList();
  private readonly openNodes = new IdList();
  private readonly walks: Array<Walks | undefined> = [];
  /** an open-addressing table of the words by hash (index + 1, 0 = empty) */
  private table = new Int32Array(1 << 12);
  /** how much of the arrays above the notes' words fill; words after these were first met in queries, and are
   * dropped past a bound */
  private sealed: { words: number; doc: number; scan: number; open: number } | null = null;
  private conceptIds = new Int32Array(0);
  /** two-syllable terms: open addressing by (left syllable, right syllable), keys + 1 and their term ids */
  private bigramKeys = new Int32Array(1 << 12);
  private bigramValues = new Int32Array(1 << 12);
  private bigramCount = 0;
  // The words of the phrase being read and the kind of gap before each, then its concept spans. Sized for the
  // longest phrases notes have (a paragraph without punctuation), so that they almost never grow: code first run
  // deep into a large corpus makes the engine recompile the whole loop around it.
  private phrase = new Int32Array(1024);
  private phraseGap = new Uint8Array(1024);
  private spanTerm = new Int32Array(1024);
  private spanFrom = new Int32Array(2048);
  private spanTo = new Int32Array(2048);

  constructor(readonly concepts: Concepts) {
    this.charStart.push(0);
  }

  /** The id of a term, given one if it has none yet. */
  id(term: Term): number {
    if (isBigram(term)) return this.bigramId(term.charCodeAt(0), term.charCodeAt(1));
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  /** The term id of a concept, by its index in Concepts.terms. */
  private conceptId(concept: number): number {
    if (concept >= this.conceptIds.length) {
      const next = new Int32Array(this.concepts.terms.length).fill(-1);
      next.set(this.conceptIds);
      this.conceptIds = next;
    }
    const id = this.conceptIds[concept]!;
    return id >= 0 ? id : (this.conceptIds[concept] = this.id(this.concepts.terms[concept]!));
  }

  /** The id of a term, if it has one. */
  idOf(term: Term): number | undefined {
    if (!isBigram(term)) return this.ids.get(term);
    const id = this.findBigram(term.charCodeAt(0), term.charCodeAt(1));
    return id < 0 ? undefined : id;
  }

  /**
   * Every distinct word of the notes, with whether it is Hangul. Ends the notes' analysis: words first met
   * afterwards (in queries) are kept within a bound.
   */
  sealVocabulary(): Array<[string, boolean]> {
    this.sealed = { words: this.texts.length, doc: this.docData.length, scan: this.scanData.length, open: this.openData.length };
    return this.texts.map((w, i) => [w, this.isHangul(i)]);
  }

  /** The index of the word s[start, end) in lower case, whose hash is `hash`: found in the table, or added. */
  private word(s: string, start: number, end: number, hash: number): number {
    const length = end - start;
    let mask = this.table.length - 1;
    const hashes = this.hashes.data;
    const charStart = this.charStart.data;
    const chars = this.chars;
    probe: for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = this.table[slot]!;
      if (at === 0) break;
      const w = at - 1;
      const from = charStart[w]!;
      if (hashes[w] !== hash || charStart[w + 1]! - from !== length) continue;
      for (let i = 0; i < length; i++) if (chars[from + i] !== lower(s.charCodeAt(start + i))) continue probe;
      return w;
    }
    if (2 * (this.texts.length + 1) > this.table.length) this.rehash(this.table.length * 2);
    mask = this.table.length - 1;
    const w = this.texts.length;
    const text = s.slice(start, end).toLowerCase();
    this.texts.push(text);
    this.hashes.push(hash);
    const from = this.charStart.data[w]!;
    if (from + length > this.chars.length) {
      const next = new Uint16Array(Math.max(from + length, this.chars.length * 2));
      next.set(this.chars);
      this.chars = next;
    }
    for (let i = 0; i < length; i++) this.chars[from + i] = text.charCodeAt(i);
    this.charStart.push(from + length);
    if (WORD_INFO * (w + 1) > this.info.length) {
      const next = new Int32Array(this.info.length * 2);
      next.set(this.info);
      this.info = next;
    }
    const hangul = isHangulCode(text.charCodeAt(0));
    const at = WORD_INFO * w;
    this.info.fill(0, at, at + WORD_INFO);
    this.info[at + FLAGS] = hangul ? HANGUL_WORD : 0;
    this.info[at + STEM_END] = hangul ? bestStem(text).slice(-1).charCodeAt(0) : 0;
    this.info[at + FIRST_CHAR] = text.charCodeAt(0);
    this.info[at + DOC_START] = -1;
    this.walks[w] = undefined;
    let slot = hash & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = w + 1;
    return w;
  }

  /** Drops the words first met in queries (and what was worked out for them). */
  private forgetQueryWords(): void {
    const sealed = this.sealed!;
    this.texts.length = sealed.words;
    this.hashes.length = sealed.words;
    this.charStart.length = sealed.words + 1;
    this.walks.length = sealed.words;
    this.docData.length = sealed.doc;
    this.scanData.length = sealed.scan;
    this.openData.length = sealed.open;
    this.openNodes.length = sealed.open;
    this.rehash(this.table.length);
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    const mask = size - 1;
    for (let w = 0; w < this.texts.length; w++) {
      let slot = this.hashes.data[w]! & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = w + 1;
    }
  }

  private isHangul(w: number): boolean {
    return (this.info[WORD_INFO * w + FLAGS]! & HANGUL_WORD) !== 0;
  }

  /**
   * Reads normalised text into phrases (runs of words with joinable gaps: concept forms may span the words of
   * one phrase) and calls `each(n, from, to)` with each phrase's words in `this.phrase[0..n)` and where the
   * phrase is in the text.
   */
  private phrases(text: string, each: (n: number, from: number, to: number) => void): void {
    // Letters are lowered as words are read; İ is the one letter whose lower case (i + a dot) is not one letter.
    const s = text.includes("\u0130") ? text.toLowerCase() : text;
    let n = 0;
    let gap = GLUED;
    let i = 0;
    let from = 0;
    let to = 0;
    const length = s.length;
    while (i < length) {
      const c = s.charCodeAt(i);
      let j = i + 1;
      let hash = c;
      if (isLatinCode(c)) {
        // Latin runs, dotted names such as appspec.yml and joined ones such as N+1 being one word
        hash = lower(c);
        for (;;) {
          while (j < length && isLatinCode(s.charCodeAt(j))) hash = (Math.imul(hash, 31) + lower(s.charCodeAt(j++))) & HASH_MASK;
          if (j + 1 >= length) break;
          const d = s.charCodeAt(j);
          if ((d !== 0x2e && d !== 0x40 && d !== 0x2b) || !isLatinCode(s.charCodeAt(j + 1))) break;
          hash = (Math.imul(hash, 31) + d) & HASH_MASK;
          j++;
        }
        // A name that ends in ++ or # (C++, C#), or a letter with + (B+), keeps them.
        const tail = signedTail(s, i, j);
        for (let end = j + tail; j < end; j++) hash = (Math.imul(hash, 31) + s.charCodeAt(j)) & HASH_MASK;
      } else if (isHangulCode(c)) {
        while (j < length && isHangulCode(s.charCodeAt(j))) hash = (Math.imul(hash, 31) + s.charCodeAt(j++)) & HASH_MASK;
      } else {
        // An apostrophe inside a Latin word (Amdahl's, Little's) joins its parts, as a name is read across it.
        const g = (c === 0x27 || c === 0x2019) && isLatinCode(s.charCodeAt(i - 1)) && isLatinCode(s.charCodeAt(j)) ? JOIN : gapOf(c);
        gap = gap === GLUED ? g : gap === BREAK || g === BREAK ? BREAK : gap === SPACE && g === SPACE ? SPACE : JOIN;
        i = j;
        continue;
      }
      if (gap === BREAK && n > 0) {
        each(n, from, to);
        n = 0;
      }
      if (n === 0) from = i;
      to = j;
      if (n === this.phrase.length) {
        const words = new Int32Array(n * 2);
        words.set(this.phrase);
        this.phrase = words;
        const gaps = new Uint8Array(n * 2);
        gaps.set(this.phraseGap);
        this.phraseGap = gaps;
      }
      this.phrase[n] = this.word(s, i, j, hash);
      this.phraseGap[n] = gap;
      n++;
      gap = GLUED;
      i = j;
    }
    if (n > 0) each(n, from, to);
  }

  /** Works out the terms a word adds in a note by itself. */
  private docTerms(w: number): void {
    const text = this.texts[w]!;
    this.info[WORD_INFO * w + DOC_START] = this.docData.length;
    const add = (t: Term) => this.docData.push(this.id(t));
    if (!this.isHangul(w)) latinTerms(text, add);
    else {
      const one = oneSyllableConcept(text, this.concepts);
      if (one) add(one);
      hangulTerms(text, add);
      for (const st of particleStems(text)) if (st.length === 1) add("1:" + st);
    }
    this.info[WORD_INFO * w + DOC_END] = this.docData.length;
  }

  /** The longest concept form from each offset of a word, as far as the word goes. */
  private walksOf(w: number): Walks {
    const known = this.walks[w];
    if (known) return known;
    const x = this.texts[w]!;
    const hangul = this.isHangul(w);
    const starts = hangul ? x.length : 1;
    const term = new Int32Array(starts).fill(-1);
    const end = new Int32Array(starts);
    const trie = this.concepts.trie;
    let on: Int32Array | undefined;
    for (let j = 0; j < starts; j++) {
      let node = ROOT;
      let i = j;
      for (; i < x.length; i++) {
        node = trie.step(node, x.charCodeAt(i));
        if (node === NONE) break;
        const concept = trie.value(node);
        if (concept >= 0) {
          const e = formEnd(x, hangul, i + 1);
          if (e > 0) {
            term[j] = this.conceptId(concept);
            end[j] = e;
          }
        }
      }
      // Only a form that starts the word may go on into the next one: 리플레이 어택 holds no 레이어.
      if (i === x.length && j === 0 && trie.goesOn(node)) (on ??= new Int32Array(starts).fill(NONE))[j] = node;
    }
    return (this.walks[w] = { term, end, on });
  }

  /** Reads a word from its start as conceptSpans would when no form goes on into the next word, noting where one might. */
  private read(w: number): void {
    const { term, end, on } = this.walksOf(w);
    const scanStart = this.scanData.length;
    const openStart = this.openData.length;
    let mask = 0;
    let mask2 = 0;
    let j = 0;
    while (j < term.length) {
      const open = on ? on[j]! : NONE;
      if (open !== NONE) {
        this.openData.push(j);
        this.openNodes.push(open);
        mask |= this.concepts.trie.lowBits(open);
        mask2 |= this.concepts.trie.highBits(open);
      }
      if (term[j]! >= 0) {
        this.scanData.push(term[j]!);
        this.scanData.push(j);
        this.scanData.push(end[j]!);
        j = end[j]!;
      } else j++;
    }
    const at = WORD_INFO * w;
    const info = this.info;
    info[at + SCAN_START] = scanStart;
    info[at + SCAN_END] = this.scanData.length;
    info[at + OPEN_START] = openStart;
    info[at + OPEN_END] = this.openData.length;
    info[at + OPEN_MASK] = mask;
    info[at + OPEN_MASK2] = mask2;
    info[at + FLAGS] = info[at + FLAGS]! | READ;
  }

  /**
   * The concepts of the phrase in `this.phrase[0..n)`, longest first from left to right; each span goes from
   * (word, offset) to (word, end offset) in `spanFrom`/`spanTo` (two numbers each). Returns how many.
   */
  private conceptSpans(n: number): number {
    const words = this.phrase;
    const trie = this.concepts.trie;
    let count = 0;
    let k = 0;
    let j = 0;
    while (k < n) {
      const w = words[k]!;
      const hangul = this.isHangul(w);
      // A Latin form starts at a word's start; a Korean one anywhere in a Korean word.
      if (!hangul && j > 0) {
        k++;
        j = 0;
        continue;
      }
      if (j === 0) {
        const at = WORD_INFO * w;
        if (!(this.info[at + FLAGS]! & READ)) this.read(w);
        const info = this.info;
        // The word read from its start, up to the first place where a form might go on into the next word.
        let stop = -1;
        const next = k + 1 < n ? info[WORD_INFO * words[k + 1]! + FIRST_CHAR]! : 0;
        if (next && info[at + OPEN_MASK]! & (1 << (next & 31)) && info[at + OPEN_MASK2]! & (1 << ((next >>> 5) & 31))) {
          for (let m = info[at + OPEN_START]!, end = info[at + OPEN_END]!; m < end; m++) {
            if (trie.step(this.openNodes.data[m]!, next) !== NONE) {
              stop = this.openData.data[m]!;
              break;
            }
          }
        }
        const scan = this.scanData.data;
        for (let m = info[at + SCAN_START]!, end = info[at + SCAN_END]!; m < end && (stop < 0 || scan[m + 1]! < stop); m += 3) {
          if (count === this.spanTerm.length) this.growSpans();
          this.spanTerm[count] = scan[m]!;
          this.spanFrom[2 * count] = k;
          this.spanFrom[2 * count + 1] = scan[m + 1]!;
          this.spanTo[2 * count] = k;
          this.spanTo[2 * count + 1] = scan[m + 2]!;
          count++;
        }
        if (stop < 0) {
          k++;
          continue;
        }
        j = stop;
      }
      const walks = this.walksOf(w);
      let term = walks.term[j]!;
      let endWord = k;
      let endAt = walks.end[j]!;
      let node = walks.on ? walks.on[j]! : NONE;
      // The walk of walksOf, on into the next words. It is written out in both places: this is the build's
      // hottest loop, and a shared method passing its finds back through fields measured no faster and at times slower.
      for (let kk = k + 1; node !== NONE && kk < n; kk++) {
        const text = this.texts[words[kk]!]!;
        const xHangul = this.isHangul(words[kk]!);
        let i = 0;
        for (; i < text.length; i++) {
          node = trie.step(node, text.charCodeAt(i));
          if (node === NONE) break;
          const concept = trie.value(node);
          if (concept >= 0) {
            const e = formEnd(text, xHangul, i + 1);
            if (e > 0) {
              term = this.conceptId(concept);
              endWord = kk;
              endAt = e;
            }
          }
        }
        if (i < text.length) break;
      }
      if (term >= 0) {
        if (count === this.spanTerm.length) this.growSpans();
        this.spanTerm[count] = term;
        this.spanFrom[2 * count] = k;
        this.spanFrom[2 * count + 1] = j;
        this.spanTo[2 * count] = endWord;
        this.spanTo[2 * count + 1] = endAt;
        count++;
        k = endWord;
        j = endAt;
        if (j >= this.texts[words[k]!]!.length) {
          k++;
          j = 0;
        }
      } else if (hangul && j + 1 < this.texts[w]!.length) j++;
      else {
        k++;
        j = 0;
      }
    }
    return count;
  }

  private growSpans(): void {
    const term = new Int32Array(this.spanTerm.length * 2);
    term.set(this.spanTerm);
    const from = new Int32Array(term.length * 2);
    from.set(this.spanFrom);
    const to = new Int32Array(term.length * 2);
    to.set(this.spanTo);
    this.spanTerm = term;
    this.spanFrom = from;
    this.spanTo = to;
  }

  /** Adds the terms of a note's text to `out`, each as often as it occurs. */
  countTerms(text: string, out: TermCounts): void {
    this.countNfkcTerms(nfkc(text), out);
  }

  /** `countTerms` for text already in NFKC. */
  countNfkcTerms(text: string, out: TermCounts): void {
    this.phrases(text, (n) => {
      const words = this.phrase;
      const spans = this.conceptSpans(n);
      for (let m = 0; m < spans; m++) out.add(this.spanTerm[m]!);
      for (let k = 0; k < n; k++) {
        const w = words[k]!;
        const at = WORD_INFO * w;
        if (this.info[at + DOC_START]! < 0) this.docTerms(w);
        const info = this.info;
        const doc = this.docData.data;
        for (let m = info[at + DOC_START]!, end = info[at + DOC_END]!; m < end; m++) out.add(doc[m]!);
        if (k > 0 && this.phraseGap[k] === SPACE && info[at + FLAGS]! & HANGUL_WORD) {
          const before = WORD_INFO * words[k - 1]!;
          if (info[before + FLAGS]! & HANGUL_WORD) out.add(this.bigramId(info[before + STEM_END]!, info[at + FIRST_CHAR]!));
        }
      }
    });
  }

  /** The term id of two syllables, or -1 if they are no term yet. */
  private findBigram(left: number, right: number): number {
    const key = (left - 0xac00) * 11172 + (right - 0xac00) + 1;
    const mask = this.bigramKeys.length - 1;
    for (let slot = bigramSlot(key, mask); this.bigramKeys[slot] !== 0; slot = (slot + 1) & mask) if (this.bigramKeys[slot] === key) return this.bigramValues[slot]!;
    return -1;
  }

  /** The term id of two syllables: a bigram of a word, or across a space (a stem's last syllable, the next word's first). */
  private bigramId(left: number, right: number): number {
    const key = (left - 0xac00) * 11172 + (right - 0xac00) + 1;
    const mask = this.bigramKeys.length - 1;
    let slot = bigramSlot(key, mask);
    for (; this.bigramKeys[slot] !== 0; slot = (slot + 1) & mask) if (this.bigramKeys[slot] === key) return this.bigramValues[slot]!;
    const id = this.terms.length;
    this.terms.push(String.fromCharCode(left, right));
    if (2 * ++this.bigramCount > this.bigramKeys.length) {
      const keys = this.bigramKeys;
      const values = this.bigramValues;
      this.bigramKeys = new Int32Array(keys.length * 2);
      this.bigramValues = new Int32Array(keys.length * 2);
      for (let m = 0; m < keys.length; m++) if (keys[m] !== 0) this.putBigram(keys[m]!, values[m]!);
    }
    this.putBigram(key, id);
    return id;
  }

  private putBigram(key: number, id: number): void {
    const mask = this.bigramKeys.length - 1;
    let slot = bigramSlot(key, mask);
    while (this.bigramKeys[slot] !== 0) slot = (slot + 1) & mask;
    this.bigramKeys[slot] = key;
    this.bigramValues[slot] = id;
  }

  /**
   * The distinct term ids of a text read as a query (the terms `analyze` counts), each phrase analysed once
   * across the calls that share `cache`: headings repeat their phrases.
   */
  queryTermIds(text: string, cache: Map<string, number[]>): number[] {
    const s = normalize(text);
    const phrases: string[] = [];
    this.phrases(s, (_, from, to) => phrases.push(s.slice(from, to)));
    const out: number[] = [];
    for (const phrase of phrases) {
      let ids = cache.get(phrase);
      if (!ids) cache.set(phrase, (ids = [...this.analyze(phrase).counts.keys()].map((t) => this.id(t))));
      for (const id of ids) if (!out.includes(id)) out.push(id);
    }
    return out;
  }

  /**
   * Analyses a query (or a heading read as one): the spans that matched a concept are removed before the rest
   * is split, so "람다 타임아웃" searches @lambda and @timeout rather than also their bigrams.
   */
  analyze(text: string): Analysis {
    // Words met only in queries are dropped past a bound, between queries: never while one is read, whose words
    // met so far would go with them.
    if (this.sealed && this.texts.length >= this.sealed.words + MAX_QUERY_WORDS) this.forgetQueryWords();
    const counts = new Map<Term, number>();
    const add = (t: Term) => counts.set(t, (counts.get(t) ?? 0) + 1);
    const found: Term[] = [];
    const latinWords: string[] = [];
    const boundLetters: string[] = [];
    const hangulWords: string[] = [];
    const suffixes: string[] = [];
    const crossBigrams: Analysis["crossBigrams"] = [];
    const conceptSources: Analysis["conceptSources"] = [];
    this.phrases(normalize(text), (n) => {
      const words = Array.from(this.phrase.subarray(0, n), (w) => ({ text: this.texts[w]!, hangul: this.isHangul(w), stemEnd: String.fromCharCode(this.info[WORD_INFO * w + STEM_END]!) }));
      // What each concept took of each word, as [from, to) offsets, in order.
      const taken: Array<number[] | undefined> = [];
      const spans = this.conceptSpans(n);
      for (let m = 0; m < spans; m++) {
        const term = this.terms[this.spanTerm[m]!]!;
        const first = this.spanFrom[2 * m]!;
        const last = this.spanTo[2 * m]!;
        add(term);
        found.push(term);
        const hangulPieces: string[] = [];
        const latin: string[] = [];
        for (let k = first; k <= last; k++) {
          const w = words[k]!;
          const from = k === first ? this.spanFrom[2 * m + 1]! : 0;
          const to = k === last ? this.spanTo[2 * m + 1]! : w.text.length;
          (taken[k] ??= []).push(from, to);
          if (w.hangul) hangulPieces.push(w.text.slice(from, to));
          latin.push(w.text);
        }
        const hangul = hangulPieces.join("");
        conceptSources.push(hangul ? { term, latin: [], hangul, hangulPieces } : { term, latin, hangul: "", hangulPieces: [] });
      }

      let previousStem: string | null = null;
      let previousWord = "";
      for (let k = 0; k < n; k++) {
        const t = words[k]!;
        // Only what no concept took is left of the word (possibly several pieces).
        const cuts = taken[k];
        let pieces: string[];
        // What is left after a concept at the word's end (차이가, 테스트에서, 정규화하면)
        let tail = "";
        if (!cuts) pieces = [t.text];
        else {
          pieces = [];
          let at = 0;
          for (let c = 0; c < cuts.length; c += 2) {
            if (cuts[c]! > at) pieces.push(t.text.slice(at, cuts[c]!));
            at = cuts[c + 1]!;
          }
          if (at < t.text.length) pieces.push((tail = t.text.slice(at)));
        }

        if (!t.hangul) {
          previousStem = null;
          for (const w of pieces) {
            latinWords.push(w);
            latinTerms(w, add);
          }
          // joined (no space) to a word of its own, not to another letter (a-b-c)
          const joinedTo = (j: number) => j >= 0 && j < n && this.phraseGap[Math.max(j, k)] !== SPACE && (words[j]!.hangul || words[j]!.text.length > 1);
          if (t.text.length === 1 && (joinedTo(k - 1) || joinedTo(k + 1))) boundLetters.push(t.text);
          continue;
        }
        for (const w of pieces) {
          // A Korean ending glued to a Latin word (TCP랑, UDP는) or left after a concept (차이가) is no word of its own.
          if (this.phraseGap[k] === GLUED && k > 0 && !words[k - 1]!.hangul && w === t.text && isParticleOnly(w)) continue;
          // ... nor is an English -ing left after one (서브넷팅 → 서브넷 + 팅).
          if (w === tail && (isParticleOnly(w) || isIngSyllable(w))) continue;
          const one = oneSyllableConcept(w, this.concepts);
          if (one) {
            add(one);
            found.push(one);
            conceptSources.push({ term: one, latin: [], hangul: w, hangulPieces: [w] });
            continue;
          }
          hangulWords.push(w);
          if (w === tail && NOUN_SUFFIXES.has(w)) suffixes.push(w);
          hangulTerms(w, add);
        }
        // A particle glued to a Latin word (RTO가) is no word to join the next one to.
        const intact = pieces.length === 1 && pieces[0] === t.text && !(this.phraseGap[k] === GLUED && k > 0 && !words[k - 1]!.hangul && isParticleOnly(t.text));
        if (previousStem && intact && this.phraseGap[k] === SPACE) {
          const cross = previousStem + t.text[0]!;
          add(cross);
          crossBigrams.push({ term: cross, left: previousWord, right: t.text });
        }
        previousStem = intact ? t.stemEnd : null;
        previousWord = t.text;
      }
    });
    return { counts, concepts: found, conceptSources, latinWords, boundLetters, hangulWords, suffixes, crossBigrams };
  }
}

/** Word flags. */
const HANGUL_WORD = 1;
const READ = 2;

/** Offsets of what Analyzer.info holds of a word: its flags, the last syllable of its likeliest stem (the left half
 * of a bigram across the space after it), its first letter, and where its terms, concepts and open forms are. */
const FLAGS = 0;
const STEM_END = 1;
const FIRST_CHAR = 2;
const DOC_START = 3;
const DOC_END = 4;
const SCAN_START = 5;
const SCAN_END = 6;
const OPEN_START = 7;
const OPEN_END = 8;
const OPEN_MASK = 9;
const OPEN_MASK2 = 10;
const WORD_INFO = 16;

/** Two Hangul syllables: a term the bigram table numbers. */
function isBigram(term: Term): boolean {
  return term.length === 2 && isHangulCode(term.charCodeAt(0)) && isHangulCode(term.charCodeAt(1));
}

function bigramSlot(key: number, mask: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}

/**
 * Where a concept form that matched `word` up to `end` may end: there, when the word is Korean or ends there;
 * after an English plural (s, es) that ends the word; else nowhere (-1), as a Latin form ends on a word boundary.
 */
function formEnd(word: string, hangul: boolean, end: number): number {
  if (hangul || end === word.length) return end;
  if (word.charCodeAt(end) === 0x73 && end + 1 === word.length) return end + 1;
  if (word.charCodeAt(end) === 0x65 && word.charCodeAt(end + 1) === 0x73 && end + 2 === word.length) return end + 2;
  return -1;
}

/** Syllables Korean puts after a noun to make another of it (가스비, 전송량, 확장성, 사용자): what it costs, how much,
 * what kind, who. Only these: a name's last syllable left after a concept is as often the rest of a loanword that
 * starts like one (파이썬 is no π, 알파벳 no α). */
const NOUN_SUFFIXES = new Set([..."비료값량율률성화적용형별자법식권금들님측간내외"]);
