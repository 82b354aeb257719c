// Autocomplete over headings as people type, Korean included. Text is compared letter by letter (jamo), so an
// unfinished syllable counts (람ㄷ → 람다), and so do initial consonants alone (ㄹㄷ → 람다). A heading completes
// from any of its first words on (ebs volume t → "EBS Volume Type"), and from another spelling of one of those
// words (키네 → Kinesis, whose notes also write 키네시스).
//
// A heading word the notes write only in Latin letters also completes from its Hangul spelling as it is typed
// (데드 → Deadlock), by the loanword rule's consonant keys (loanword.ts).
//
// The index is over distinct words, not over every heading tail: a typed prefix either ends inside one word (all
// words starting with it, by binary search) or runs on past a whole word, and then the heading's next words are
// checked. Building it takes each distinct word apart once.
import { disassemble, getChoseong } from "es-hangul";
import { IdList, isHangulWord } from "./analyze.js";
import { hangulKey, latinKeys, soundsLikeStartOf } from "./loanword.js";

/** A heading completes from any of its first this many words. */
const PREFIX_WORDS = 6;
/** How many (key, heading) entries one prefix looks at: enough for a page of choices, bounded for one letter. */
const MAX_ENTRIES = 2000;

/** Keys of one kind (jamo, initial consonants, or the sound keys of Latin words), sorted, each with where the
 * words that have it occur. */
interface Keys {
  sorted: string[];
  /** key → its index in `sorted` */
  index: Map<string, number>;
  // Occurrences of key i: entries start[i] .. start[i + 1] of the arrays below, by heading.
  start: Int32Array;
  heading: Int32Array;
  /** position of the word in its heading, or -1 for another spelling (which completes nothing after it) */
  position: Int32Array;
  /** length of the key from this word to the heading's end: how much is left to type */
  rest: Int32Array;
  /** the word of each occurrence */
  word: Int32Array;
}

/**
 * The (heading, rest) pairs one prefix finds, reused from prefix to prefix: each pair is one number, the rest
 * above the heading, so sorting the numbers puts the closest completions first and, among equals, the headings
 * in the order of the notes.
 */
class Found {
  private readonly pairs = new Float64Array(MAX_ENTRIES);
  length = 0;
  private readonly taken: Uint8Array;

  constructor(headings: number) {
    this.taken = new Uint8Array(headings);
  }

  clear(): void {
    this.length = 0;
  }

  add(heading: number, rest: number): void {
    this.pairs[this.length++] = rest * HEADING_SLOTS + heading;
  }

  /** The distinct headings of the best pairs, at most `limit`. */
  best(limit: number): number[] {
    const sorted = this.pairs.subarray(0, this.length).sort();
    const out: number[] = [];
    for (let k = 0; k < sorted.length && out.length < limit; k++) {
      const h = sorted[k]! % HEADING_SLOTS;
      if (this.taken[h]) continue;
      this.taken[h] = 1;
      out.push(h);
    }
    for (const h of out) this.taken[h] = 0;
    return out;
  }
}

/** Headings are numbered below this in a found pair (rest × HEADING_SLOTS + heading, exact in a double). */
const HEADING_SLOTS = 2 ** 26;

export class HeadingPrefixes {
  /** each heading's words, as indexes into `wordLetters`/`wordInitials` (entries wordStart[h] .. wordStart[h + 1]) */
  private readonly words: Int32Array;
  private readonly wordStart: Int32Array;
  private readonly wordTexts: string[] = [];
  private readonly wordLetters: string[] = [];
  private readonly wordInitials: string[] = [];
  private readonly letters: Keys;
  private readonly initials: Keys;
  /** Latin heading words by the consonant keys of their Hangul spellings */
  private readonly sounds: Keys;
  private readonly found: Found;

  /**
   * `headings`: each heading's words, normalised; `spellings(word)`: the other ways the notes write a word;
   * `isKoreanWordStart(syllables)`: whether a Korean word of the notes starts so (typed Hangul is then Korean).
   */
  constructor(
    headings: ReadonlyArray<readonly string[]>,
    spellings: (word: string) => readonly string[],
    private readonly isKoreanWordStart: (syllables: string) => boolean,
  ) {
    const wordIds = new Map<string, number>();
    const wordId = (w: string) => {
      let id = wordIds.get(w);
      if (id === undefined) {
        wordIds.set(w, (id = this.wordLetters.length));
        this.wordTexts.push(w);
        this.wordLetters.push(disassemble(w));
        this.wordInitials.push(getChoseong(w));
      }
      return id;
    };
    const letters = new KeyBuilder((w) => [this.wordLetters[w]!]);
    const initials = new KeyBuilder((w) => [this.wordInitials[w]!]);
    const sounds = new KeyBuilder((w) => latinKeys(this.wordTexts[w]!));
    const alternatives = new Map<string, number[]>();
    const sequence = new IdList();
    this.wordStart = new Int32Array(headings.length + 1);
    this.found = new Found(headings.length);
    headings.forEach((words, h) => {
      const first = sequence.length;
      let lettersLeft = 0;
      let initialsLeft = 0;
      for (const w of words) {
        const id = wordId(w);
        sequence.push(id);
        lettersLeft += this.wordLetters[id]!.length;
        initialsLeft += this.wordInitials[id]!.length;
      }
      this.wordStart[h + 1] = sequence.length;
      for (let k = 0; k < Math.min(words.length, PREFIX_WORDS); k++) {
        const w = words[k]!;
        const id = sequence.data[first + k]!;
        letters.add(id, h, k, lettersLeft);
        // Initial consonants complete a heading from a Korean word on.
        if (isHangulWord(w[0]!)) initials.add(id, h, k, initialsLeft);
        else if (/^[a-z]{3,}$/.test(w)) sounds.add(id, h, k, lettersLeft);
        lettersLeft -= this.wordLetters[id]!.length;
        initialsLeft -= this.wordInitials[id]!.length;
        let alt = alternatives.get(w);
        if (!alt) alternatives.set(w, (alt = w.length > 1 ? spellings(w).map((a) => wordId(a.replace(/\s+/g, ""))) : []));
        for (const a of alt) {
          letters.add(a, h, -1, this.wordLetters[a]!.length);
          if (isHangulWord(this.wordTexts[a]![0]!)) initials.add(a, h, -1, this.wordInitials[a]!.length);
        }
      }
    });
    this.words = sequence.data.slice(0, sequence.length);
    this.letters = letters.build();
    this.initials = initials.build();
    this.sounds = sounds.build();
  }

  /**
   * Headings that `typed` begins (spaces ignored), the closest completions first (an exact word before a longer
   * one), then in the order of the notes; at most `limit`.
   */
  match(typed: string, limit: number): number[] {
    const compact = typed.replace(/\s+/g, "");
    if (!compact) return [];
    const onlyInitials = /^[\u3131-\u314e]+$/.test(compact);
    const keys = onlyInitials ? this.initials : this.letters;
    const key = onlyInitials ? compact : disassemble(compact);
    const found = this.found;
    found.clear();
    // Words that the typed key runs on past: the heading's next words must go on as typed.
    const wordKeys = onlyInitials ? this.wordInitials : this.wordLetters;
    for (let length = 1; length < key.length && found.length < MAX_ENTRIES; length++) {
      const i = keys.index.get(key.slice(0, length));
      if (i === undefined) continue;
      for (let e = keys.start[i]!; e < keys.start[i + 1]! && found.length < MAX_ENTRIES; e++) {
        const position = keys.position[e]!;
        if (position < 0) continue;
        const h = keys.heading[e]!;
        if (this.continues(h, position + 1, key, length, wordKeys)) found.add(h, keys.rest[e]!);
      }
    }
    // Words that start with the typed key.
    const lo = firstAtLeast(keys.sorted, key);
    for (let i = lo; i < keys.sorted.length && found.length < MAX_ENTRIES && keys.sorted[i]!.startsWith(key); i++) {
      for (let e = keys.start[i]!; e < keys.start[i + 1]! && found.length < MAX_ENTRIES; e++) found.add(keys.heading[e]!, keys.rest[e]!);
    }
    const out = found.best(limit);
    // Hangul that begins no heading may be a Latin heading word spelled as it sounds (데드 → Deadlock). Only then:
    // two consonants say little, and a Korean word that begins headings is what it is.
    if (!out.length && /^[\uac00-\ud7a3]{2,}[\u3131-\u314e]?$/.test(compact)) {
      const syllables = compact.replace(/[\u3131-\u314e]$/, "");
      if (!this.isKoreanWordStart(syllables)) return this.soundMatches(syllables, limit);
    }
    return out;
  }

  /** Headings with a Latin word whose Hangul spelling may start with `hangul`, the closest first. */
  private soundMatches(hangul: string, limit: number): number[] {
    const key = hangulKey(hangul);
    const keys = this.sounds;
    const lo = firstAtLeast(keys.sorted, key);
    const found = this.found;
    found.clear();
    const alike = new Map<number, boolean>();
    for (let i = lo; i < keys.sorted.length && found.length < MAX_ENTRIES && keys.sorted[i]!.startsWith(key); i++) {
      for (let e = keys.start[i]!; e < keys.start[i + 1]! && found.length < MAX_ENTRIES; e++) {
        const word = keys.word[e]!;
        let ok = alike.get(word);
        if (ok === undefined) alike.set(word, (ok = soundsLikeStartOf(hangul, this.wordTexts[word]!)));
        if (ok) found.add(keys.heading[e]!, keys.rest[e]!);
      }
    }
    return found.best(limit);
  }

  /** Whether heading `h`'s words from `position` on spell `key` from `from` to its end (or further). */
  private continues(h: number, position: number, key: string, from: number, wordKeys: readonly string[]): boolean {
    let at = from;
    for (let p = this.wordStart[h]! + position; p < this.wordStart[h + 1]! && at < key.length; p++) {
      const w = wordKeys[this.words[p]!]!;
      const n = Math.min(w.length, key.length - at);
      if (!key.startsWith(n === w.length ? w : w.slice(0, n), at)) return false;
      at += n;
    }
    return at === key.length;
  }
}

/** The first index of sorted `keys` whose key is not below `key` (where the keys starting with it begin). */
export function firstAtLeast(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Collects (word, heading, position, rest) entries in the order of the headings, then files them under the
 * words' keys, keeping that order. */
class KeyBuilder {
  private readonly entries = new IdList();

  /** `keysOf(word)`: the keys a word is found by (its jamo; its initial consonants; its sound keys) */
  constructor(private readonly keysOf: (word: number) => readonly string[]) {}

  add(word: number, heading: number, position: number, rest: number): void {
    this.entries.push(word);
    this.entries.push(heading);
    this.entries.push(position);
    this.entries.push(rest);
  }

  build(): Keys {
    const data = this.entries.data;
    // Each word's keys, by their place among the sorted keys. Several words may share a key (람다 and 리더 both
    // start ㄹㄷ).
    const wordKeys = new Map<number, string[]>();
    for (let e = 0; e < this.entries.length; e += 4) {
      const word = data[e]!;
      if (!wordKeys.has(word)) wordKeys.set(word, this.keysOf(word).filter(Boolean) as string[]);
    }
    const sorted = [...new Set([...wordKeys.values()].flat())].sort();
    const index = new Map(sorted.map((k, i) => [k, i]));
    const ranks = new Map<number, number[]>();
    for (const [word, keys] of wordKeys) ranks.set(word, keys.map((k) => index.get(k)!));
    const start = new Int32Array(sorted.length + 1);
    for (let e = 0; e < this.entries.length; e += 4) for (const r of ranks.get(data[e]!)!) start[r + 1]!++;
    for (let i = 0; i < sorted.length; i++) start[i + 1] = start[i + 1]! + start[i]!;
    const total = start[sorted.length]!;
    const keys: Keys = { sorted, index, start, heading: new Int32Array(total), position: new Int32Array(total), rest: new Int32Array(total), word: new Int32Array(total) };
    const cursor = start.slice(0, sorted.length);
    for (let e = 0; e < this.entries.length; e += 4) {
      for (const r of ranks.get(data[e]!)!) {
        const at = cursor[r]!++;
        keys.word[at] = data[e]!;
        keys.heading[at] = data[e + 1]!;
        keys.position[at] = data[e + 2]!;
        keys.rest[at] = data[e + 3]!;
      }
    }
    return keys;
  }
}
