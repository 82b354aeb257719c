// The words one corpus writes, as the query planner asks about them: spellings of a word in the other script
// (mutex → 뮤텍스, 스레드 → thread), a typo's closest word, the words of an English stem, and the Hangul words
// autocomplete completes. Built once an index has its postings, as which words it has is what they tell.
import { stemmer } from "stemmer";
import { foldLatin, isHangulWord, type Concepts, type Term } from "./analyze.js";
import { hangulKey, latinKeys, MIN_KEY_LENGTH, soundsAlike, spellingDistance } from "./loanword.js";
import { hasFinalConsonant, isParticle, isPredicate, stem, stems } from "./morphology.js";
import { firstAtLeast } from "./prefix.js";

/** Of the spellings by sound, those that read this much less like the word than the best are other words. */
const SPELLING_MARGIN = 0.3;
/** A word this long may be two edits off the name meant; a shorter one only where the name goes on past it. */
const TWO_EDITS_LENGTH = 10;
/** At most this many spellings by sound of one word. */
const MAX_LOANWORDS = 4;

/** How unlike an English word of a question a Hangul word of one syllable may be spelt to be taken for it: one
 * syllable shares its consonants with many words (책 with check, 못 with mode). Stricter than the planner's bound
 * the other way (a Hangul syllable typed for an English word of the notes, 존 for zone), as the notes' syllables are
 * many and most are Korean words. */
const ENGLISH_AS_ONE_SYLLABLE_DISTANCE = 0.34;
/** Particles of one syllable that end no English word spelt in Hangul. */
const CLEAR_PARTICLES = new Set([..."에을를은는의과와"]);
/** Particles of one syllable that English words spelt in Hangul also end in (-man, -ga, -do, -ro). */
const LOANWORD_LIKE_PARTICLE = /[만가도로]$/;

export class CorpusWords {
  /** folded Latin words of the corpus and vocabulary, by length, for typo correction */
  private readonly byLength = new Map<number, string[]>();
  /** sound key → Hangul words (stems) of the corpus, and → Latin words of the corpus */
  private readonly hangulBySound = new Map<string, string[]>();
  private readonly latinBySound = new Map<string, string[]>();
  /** the stems (two syllables or more) of the notes' Hangul words */
  private readonly hangulStems = new Set<string>();
  /** the notes' Hangul words, sorted */
  private readonly hangulWords: string[];
  private byStem?: Map<string, string[]>;
  /** the concepts named by letters and a word, see namesOfLettersAndWord */
  private letterNames?: Map<string, Array<{ word: string; term: Term }>>;
  /** the concepts by the double stem of their English words, see conceptsOfStem */
  private conceptsByStem?: Map<string, Term[]>;
  /** sound key → the English forms (spaces removed) of the concepts the notes have, with their concept */
  private conceptBySound?: Map<string, Array<{ form: string; term: Term }>>;

  /**
   * `latinWords`: the Latin words of the notes and of the concepts' forms; `hangulWords`: the notes' Hangul words;
   * `df`: in how many sections of the notes a term occurs.
   */
  constructor(
    private readonly concepts: Concepts,
    latinWords: Iterable<string>,
    hangulWords: readonly string[],
    private readonly df: (term: Term) => number,
  ) {
    this.hangulWords = [...hangulWords].sort();
    for (const w of latinWords) {
      if (/^\d+$/.test(w)) continue;
      if (w.length >= 4) {
        const bucket = this.byLength.get(w.length);
        if (bucket) bucket.push(w);
        else this.byLength.set(w.length, [w]);
      }
      // Kept as written, for its sound (viridis, not viridi); found as the index has it, folded.
      if (w.length >= 3 && this.df(foldLatin(w)) > 0) for (const key of latinKeys(w)) pushTo(this.latinBySound, key, w);
    }
    for (const w of hangulWords) {
      const st = stem(w);
      // A syllable with a final consonant may be a short English word (줌, 깃, 핫), as a particle is not.
      const one = stems(w).find((s) => s.stem.length === 1 && s.kind !== "ending")?.stem;
      if (one && hasFinalConsonant(one) && !isPredicate(w) && !isParticle(one)) {
        const key = hangulKey(one);
        if (key.length >= MIN_KEY_LENGTH) pushTo(this.hangulBySound, key, one);
      }
      if (st.length < 2) continue;
      this.hangulStems.add(st);
      const key = hangulKey(st);
      // A predicate (쓰려, 틀려) is no loanword: it spells no English word, however its consonants sound (three).
      // A syllable and a particle no loanword ends in (점에, 줌을) is that syllable's, heard as one above.
      const particled = st.length === 2 && one !== undefined && w.startsWith(one) && CLEAR_PARTICLES.has(w.slice(1));
      if (key.length >= MIN_KEY_LENGTH && !isPredicate(w) && !particled) pushTo(this.hangulBySound, key, st);
      // A last syllable read as a particle may end a loanword (스피어만 is Spearman, not 스피어 + 만; 오메가, 토네이도):
      // such a word is heard whole too. 으로 is a particle only (식으로).
      if (LOANWORD_LIKE_PARTICLE.test(w) && w.length === st.length + 1 && !st.endsWith("으") && !isPredicate(w)) {
        const whole = hangulKey(w);
        if (whole.length >= MIN_KEY_LENGTH && whole !== key) pushTo(this.hangulBySound, whole, w);
      }
    }
  }

  /** Whether some Hangul word of the notes starts with `prefix`. */
  beginsHangulWord(prefix: string): boolean {
    return this.hangulWords[firstAtLeast(this.hangulWords, prefix)]?.startsWith(prefix) ?? false;
  }

  /** Whether a Hangul stem (two syllables or more) is a stem of some word of the notes. */
  hasHangulStem(st: string): boolean {
    return this.hangulStems.has(st);
  }

  /** The notes' Latin words a Hangul word sounds like (스레드 → thread), best first. */
  latinSoundingLike(hangul: string): string[] {
    return this.soundAlikes(hangul, [hangulKey(hangul)], this.latinBySound);
  }

  /**
   * The names of the notes made of letters and an English word that a Hangul word spells after or before the
   * letters' names (케이민즈: k and 민즈, k-means; 라이트지비엠: 라이트 and gbm, LightGBM): concepts of two words
   * (k-means, t-test) and the notes' Latin words (lightgbm).
   */
  namesOfLettersAndWord(letters: string, rest: string, lettersFirst: boolean): Term[] {
    const out: Term[] = [];
    const table = (this.letterNames ??= this.letterNameTable());
    for (const { word, term } of table.get(`${lettersFirst ? ">" : "<"}${letters}`) ?? []) {
      if (!out.includes(term) && this.df(term) > 0 && soundsAlike(rest, word)) out.push(term);
    }
    for (const words of this.byLength.values()) {
      for (const w of words) {
        if (!(lettersFirst ? w.startsWith(letters) : w.endsWith(letters)) || w.length < letters.length + 3) continue;
        const word = lettersFirst ? w.slice(letters.length) : w.slice(0, -letters.length);
        const term = foldLatin(w);
        if (!out.includes(term) && this.df(term) > 0 && soundsAlike(rest, word)) out.push(term);
      }
    }
    return out;
  }

  /** The concepts named by letters and a word (k-means, p value, word2vec's cbow no), by ">letters" where the
   * letters come first and "<letters" where they come last: the word, and the concept. */
  private letterNameTable(): Map<string, Array<{ word: string; term: Term }>> {
    const table = new Map<string, Array<{ word: string; term: Term }>>();
    for (const [term, forms] of this.concepts.forms) {
      for (const form of forms) {
        const words = form.split(/[ -]/);
        if (words.length !== 2 || !words.every((w) => /^[a-z]+$/.test(w))) continue;
        const [first, second] = words as [string, string];
        if (first.length <= 3 && second.length >= 3) pushTo(table, `>${first}`, { word: second, term });
        if (second.length <= 3 && first.length >= 3) pushTo(table, `<${second}`, { word: first, term });
      }
    }
    return table;
  }

  /**
   * The concepts of the notes one of whose English forms a Hangul word spells by sound, however the notes write
   * the concept (아이겐벡터 → eigenvector, where the notes write 고유벡터), each with how unlike its form it is spelt.
   */
  conceptsSoundingLike(hangul: string): Array<{ term: Term; distance: number }> {
    const table = (this.conceptBySound ??= this.conceptSoundTable());
    const out: Array<{ term: Term; distance: number }> = [];
    for (const { form, term } of table.get(hangulKey(hangul)) ?? []) {
      if (out.some((c) => c.term === term) || !soundsAlike(hangul, form)) continue;
      out.push({ term, distance: spellingDistance(hangul, form) });
    }
    return out;
  }

  /** Built at the first query that asks: most never do. */
  private conceptSoundTable(): Map<string, Array<{ form: string; term: Term }>> {
    const table = new Map<string, Array<{ form: string; term: Term }>>();
    for (const [term, forms] of this.concepts.forms) {
      if (this.df(term) === 0) continue;
      for (const f of forms) {
        const form = f.replace(/[\s\-_/]+/g, "");
        if (form.length < 4 || !/^[a-z]+$/.test(form)) continue;
        for (const key of latinKeys(form)) {
          const list = table.get(key);
          if (!list) table.set(key, [{ form, term }]);
          else if (!list.some((e) => e.term === term)) list.push({ form, term });
        }
      }
    }
    return table;
  }

  /** The notes' Hangul words (stems) a Latin word sounds like (proxy → 프록시), best first. */
  hangulSoundingLike(latin: string): string[] {
    return this.soundAlikes(latin, latinKeys(latin), this.hangulBySound);
  }

  /**
   * Other spellings of one word in this corpus: the forms of its concept (Lambda → 람다) and the corpus's words
   * in the other script that sound like it (mutex → 뮤텍스). For autocomplete and the term matcher.
   */
  spellings(word: string): string[] {
    const w = word.toLowerCase();
    const out = new Set<string>();
    const term = this.concepts.termOf(w);
    if (term) for (const f of this.concepts.forms.get(term) ?? []) out.add(f);
    if (isHangulWord(w)) {
      const st = stem(w);
      if (st.length >= 2) for (const l of this.latinSoundingLike(st)) out.add(l);
    } else for (const h of this.hangulSoundingLike(w)) out.add(h);
    out.delete(w);
    return [...out];
  }

  /** The two Latin words of the notes a Hangul word spells, split where both halves (two syllables or more) sound
   * like one; the split whose halves read most like their words, and how unlike them. */
  twoWordsBySound(word: string): { words: [string, string]; distance: number } | null {
    let best: { words: [string, string]; distance: number } | null = null;
    for (let k = 2; k + 2 <= word.length; k++) {
      const [left, right] = [word.slice(0, k), word.slice(k)];
      const l = this.latinSoundingLike(left)[0];
      const r = l === undefined ? undefined : this.latinSoundingLike(right)[0];
      if (l === undefined || r === undefined || l === r) continue;
      // the mean of the halves' distances, weighed by their lengths, to compare with the whole word's
      const distance = (spellingDistance(left, l) * left.length + spellingDistance(right, r) * right.length) / word.length;
      if (!best || distance < best.distance) best = { words: [l, r], distance };
    }
    return best;
  }

  /** The notes' Latin words (four letters or more) whose English stem is `root`; the table is made when a query
   * first needs it. */
  latinWordsOfStem(root: string): readonly string[] {
    if (!this.byStem) {
      this.byStem = new Map();
      for (const words of this.byLength.values()) for (const w of words) if (this.df(foldLatin(w)) > 0) pushTo(this.byStem, stemmer(w), foldLatin(w));
    }
    return this.byStem.get(root) ?? [];
  }

  /**
   * The concepts one of whose English words is the same word in another form (dimensional → dimension), told by the
   * stemmer's stem of its stem, as one pass of it leaves some suffixes (dimensional → dimension → dimens). The table
   * is made when a query first needs it.
   */
  conceptsOfStem(word: string): readonly Term[] {
    if (!this.conceptsByStem) {
      this.conceptsByStem = new Map();
      for (const [term, forms] of this.concepts.forms) {
        for (const form of forms) if (/^[a-z]{4,}$/.test(form)) pushTo(this.conceptsByStem, stemmer(stemmer(form)), term);
      }
    }
    return this.conceptsByStem.get(stemmer(stemmer(word))) ?? [];
  }

  /** The closest word of the corpus or vocabulary to an unknown Latin word (cloudfrnt → cloudfront), if one is near. */
  correct(word: string): string | null {
    const maxEdits = word.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = maxEdits + 1;
    let bestDf = -1;
    const letters = letterCounts(word);
    const digits = word.match(/\d+/g)?.join(" ") ?? "";
    for (let len = word.length - maxEdits; len <= word.length + maxEdits; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        // Typos rarely take the first letter, and a word two edits away with another first letter is more often another
        // word (attention, retention).
        if (candidate[0] !== word[0]) continue;
        // A name with a number (resilience4j, log4j) keeps its number: log4j is no log5j.
        if (digits !== (candidate.match(/\d+/g)?.join(" ") ?? "")) continue;
        // An edit changes at most two letter counts by one: a cheap bound before the distance itself.
        if (letterDifference(letters, word.length, candidate) > 2 * Math.min(maxEdits, bestDistance)) continue;
        const d = boundedDamerau(word, candidate, bestDistance);
        // Two edits are another name as often as a typo (lightgcn, lightgbm), unless the word is long or the name
        // only goes on past it (postgres, postgresql).
        if (d > maxEdits || (d === 2 && word.length < TWO_EDITS_LENGTH && !candidate.startsWith(word))) continue;
        const df = this.df(foldLatin(candidate));
        if (d < bestDistance || (d === bestDistance && df > bestDf)) {
          best = candidate;
          bestDistance = d;
          bestDf = df;
        }
      }
    }
    return best;
  }

  /**
   * Words of the corpus in the other script that sound like `word` (its keys looked up in `table`): those that
   * read most like it first, the most used among equals; one that reads much less like it than the best is
   * another word that shares its consonants (가장 beside 가우시안 for gaussian).
   */
  private soundAlikes(word: string, keys: readonly string[], table: Map<string, string[]>): string[] {
    const hangul = isHangulWord(word);
    // A Latin word is returned as the index has it (folded), once however many of its forms sound alike.
    const term = (w: string) => (hangul ? foldLatin(w) : w);
    const alike: string[] = [];
    for (const key of keys) {
      for (const w of table.get(key) ?? []) {
        if (!hangul && w.length === 1 && spellingDistance(w, word) > ENGLISH_AS_ONE_SYLLABLE_DISTANCE) continue;
        if (!alike.includes(w) && (hangul ? soundsAlike(word, w) : soundsAlike(w, word))) alike.push(w);
      }
    }
    if (alike.length < 2) return [...new Set(alike.map(term))];
    const found = alike.map((w) => ({ w, distance: hangul ? spellingDistance(word, w) : spellingDistance(w, word), df: this.df(hangul ? foldLatin(w) : w.slice(0, 2)) }));
    found.sort((a, b) => a.distance - b.distance || b.df - a.df);
    const bar = found[0]!.distance + SPELLING_MARGIN;
    const out = new Set<string>();
    for (const f of found) if (f.distance <= bar && out.size < MAX_LOANWORDS) out.add(term(f.w));
    return [...out];
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** Letter counts of a Latin word. */
function letterCounts(word: string): Int32Array {
  const counts = new Int32Array(128);
  for (let i = 0; i < word.length; i++) counts[word.charCodeAt(i) & 127]!++;
  return counts;
}

const taken = new Uint8Array(256);

/**
 * How many letters two words do not share, given the first one's `counts` (left as they were): one edit changes
 * it by at most two, so it bounds the edit distance from below cheaply.
 */
function letterDifference(counts: Int32Array, length: number, word: string): number {
  const n = Math.min(word.length, taken.length);
  let common = 0;
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i) & 127;
    taken[i] = counts[c]! > 0 ? 1 : 0;
    if (taken[i]) {
      counts[c]!--;
      common++;
    }
  }
  for (let i = 0; i < n; i++) if (taken[i]) counts[word.charCodeAt(i) & 127]!++;
  return length + word.length - 2 * common;
}

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
