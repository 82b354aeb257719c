// What a corpus teaches about itself, at index time: the pairs its authors write (교착 상태(Deadlock),
// Deadlock(교착상태), Kinesis Data Streams (키네시스), PCB (Process Control Block)) become aliases for that corpus,
// and the domain packs whose products the notes name are switched on.
import { nfkc, normalize } from "./analyze.js";
import { soundsAlike } from "./loanword.js";
import { isSurelyPredicate, stems } from "./morphology.js";

// Each pattern is tried where it can first match before a bracket (see pairsIn), not at every character.
/** `한글 말(English Words)`: up to three Korean words before the bracket, an English phrase inside. */
const KOREAN_THEN_LATIN = /((?:[\uac00-\ud7a3]+ ){0,2}[\uac00-\ud7a3]+) ?\( ?([a-z][a-z0-9'’\- ]{1,48}?) ?\)/y;
/** `English Words (한글 말)` */
const LATIN_THEN_KOREAN = /([a-z][a-z0-9\-]*(?: [a-z][a-z0-9\-]*){0,3}) ?\( ?([\uac00-\ud7a3][\uac00-\ud7a3 ]{0,24}?) ?\)/y;
/** `PCB (Process Control Block)`: an abbreviation and the words it abbreviates. */
const ABBREVIATION = /\b([a-z]{2,6}) ?\( ?([a-z][a-z\- ]{3,60}?) ?\)/y;

const STOP = new Set(["a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "by", "use", "using", "is", "are", "via", "vs"]);

/** A Korean word that carries a particle or ending ends the noun phrase before a bracket (프로세스는 교착 상태(…)). */
function hasParticle(word: string): boolean {
  return stems(word).some((s) => s.kind !== "none" && s.stem.length >= 2 && /[은는이가을를의에로와과도]$|에서$|으로$/.test(word));
}

/** Korean–English and abbreviation pairs written in `text`, each as a list of forms of one concept. */
export function bridgesIn(text: string): string[][] {
  return bridgesInNfkc(nfkc(text));
}

/** `bridgesIn` for text already in NFKC (the index reads each note's text once). */
export function bridgesInNfkc(nfkcText: string): string[][] {
  // The pairs are read from the text in lower case, with each run of blanks as one space. Only the few words
  // around a bracket can be part of a pair, so only those are lowered and collapsed, bracket by bracket. İ is the
  // one capital whose lower case is two letters (an i and a dot): text with it is lowered whole first.
  const t = nfkcText.includes("\u0130") ? nfkcText.toLowerCase() : nfkcText;
  // By kind, as the kinds are tried in this order: where two pairs claim one form, the first keeps it.
  const koreanThenLatin: string[][] = [];
  const latinThenKorean: string[][] = [];
  const abbreviations: string[][] = [];
  for (let q = t.indexOf("("); q >= 0; q = t.indexOf("(", q + 1)) {
    // Each kind of pair has a Latin letter or a syllable first in its bracket.
    let first = q + 1;
    while (first < t.length && isBlankAt(t, first)) first++;
    if (first === t.length || !(isHangulAt(t, first) || isLetterAt(t, first) || isUpperAt(t, first))) continue;
    // Back to the first character no pair can run through, or to the blank before the word a pattern cannot
    // reach; that character is kept, as a pattern may look at it.
    let start = q;
    let blanks = 0;
    while (start > 0 && (isPairCharAt(t, start - 1) || isUpperAt(t, start - 1))) {
      if (isBlankAt(t, start - 1) && !isBlankAt(t, start) && ++blanks > WORDS_BEFORE) break;
      start--;
    }
    if (start > 0) start--;
    // Every pattern ends at the bracket's close, and allows no bracket inside: the window ends there.
    const close = t.indexOf(")", q + 1);
    if (close < 0) break;
    const s = collapse(t, start, q, close + 1);
    pairsAt(s, collapsedBracket, koreanThenLatin, latinThenKorean, abbreviations);
  }
  return [...koreanThenLatin, ...latinThenKorean, ...abbreviations];
}

/** How many words before a bracket a pattern may read: four English words and a character before them, with a
 * margin. */
const WORDS_BEFORE = 6;

/** Where the bracket of the window last collapsed is, once collapsed. */
let collapsedBracket = 0;

/**
 * `t[start, end)` with each run of blanks as one space, in lower case, the bracket at `q` landing at
 * `collapsedBracket`. Most windows have no run to collapse and are one slice, lowered by the engine. Lowering
 * changes only letters that are in no pair, apart from İ, which bridgesInNfkc lowers beforehand.
 */
function collapse(t: string, start: number, q: number, end: number): string {
  let out = "";
  let from = start;
  collapsedBracket = q - start;
  for (let i = start; i < end; i++) {
    if (!isBlankAt(t, i)) continue;
    let j = i + 1;
    while (j < end && isBlankAt(t, j)) j++;
    if (j - i > 1 || t.charCodeAt(i) !== 0x20) {
      out += t.slice(from, i) + " ";
      // The bracket is no blank: a run is all before it or all after.
      if (i < q) collapsedBracket -= j - i - 1;
      from = j;
    }
    i = j - 1;
  }
  return (out + t.slice(from, end)).toLowerCase();
}

/** The pairs whose bracket is at `p` in `s` (normalised, each run of blanks one space), added to their kinds. */
function pairsAt(s: string, p: number, koreanThenLatin: string[][], latinThenKorean: string[][], abbreviations: string[][]): void {
  // A pattern's earliest match ending at a bracket starts a known number of words before it (three Korean, four
  // English words, one abbreviation), so each is tried at that one place.
  const end = s.charCodeAt(p - 1) === 0x20 ? p - 1 : p;
  const kl = matchAt(KOREAN_THEN_LATIN, s, koreanWordsBefore(s, end, 3));
  if (kl) {
    const words = kl[1]!.split(" ");
    // A first word glued to a word before it is that word's tail: joined by a hyphen to Korean, it is part of
    // the name (원-핫 인코딩, 문서-단어 행렬); to anything else, of another word (K-평균, 0으로, (agent)가).
    const before = kl.index > 0 ? s[kl.index - 1]! : " ";
    if (before === "-" && kl.index > 1 && isHangulAt(s, kl.index - 2)) {
      let from = kl.index - 2;
      while (from > 0 && isHangulAt(s, from - 1)) from--;
      words[0] = s.slice(from, kl.index) + words[0];
    } else if (/[a-z0-9\-_)\]]/.test(before)) words.shift();
    const latin = kl[2]!.trim();
    const latinWords = latin.split(" ").length;
    const phrase: string[] = [];
    for (let i = words.length - 1; i >= 0; i--) {
      // A word with a particle ends the phrase, unless the English needs more words than are left (비지도 학습
      // (Unsupervised Learning): 도 ends many a word too).
      if (phrase.length && phrase.length >= latinWords && hasParticle(words[i]!)) break;
      phrase.unshift(words[i]!);
    }
    // A verb alone before the bracket (분기 명령어가 씀(beq), 캐시에 있으면(hit)) is what the words in it do or are an
    // example of, not their name.
    const verbAlone = phrase.length === 1 && isSurelyPredicate(phrase[0]!);
    if (phrase.length && latinWords <= 4 && !verbAlone) koreanThenLatin.push([latin, phrase.join(" ")]);
  }
  const lk = matchAt(LATIN_THEN_KOREAN, s, latinWordsBefore(s, end, 4));
  // Not a name's tail (min_samples) nor a letter alone, nor a Korean remark in the bracket (a word of it with a
  // particle: (소프트맥스랑 같이 씀)).
  if (lk && !(lk.index > 0 && /[\w]/.test(s[lk.index - 1]!)) && lk[1]!.length > 1 && !lk[2]!.trim().split(" ").slice(0, -1).some(hasParticle)) {
    const words = lk[1]!.split(" ");
    const korean = lk[2]!.trim();
    // The English word the Korean sounds like (Kinesis Data Streams (키네시스) → kinesis), else the words before
    // the bracket back to the first small word.
    const alike = words.find((w) => soundsAlike(korean.replace(/ /g, ""), w));
    let phrase: string[];
    if (alike) phrase = [alike];
    else {
      phrase = [];
      for (let i = words.length - 1; i >= 0 && !STOP.has(words[i]!); i--) phrase.unshift(words[i]!);
    }
    // Letters alone are a command's arguments or a list's items (ln a b (하드 링크)), not a name.
    if (phrase.some((w) => w.length > 1)) latinThenKorean.push([phrase.join(" "), korean]);
  }
  const ab = matchAt(ABBREVIATION, s, abbreviationBefore(s, end));
  if (ab) {
    const short = ab[1]!;
    const long = ab[2]!.trim();
    const initials = long.split(" ").map((w) => w[0]).join("");
    if (initials === short) abbreviations.push([long, short]);
  }
}

/** A sticky pattern's match at `start` in `s`; none before the start of the text. */
function matchAt(pattern: RegExp, s: string, start: number): RegExpExecArray | null {
  if (start < 0) return null;
  pattern.lastIndex = start;
  return pattern.exec(s);
}

const isUpperAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 0x41 && c <= 0x5a;
};
/** JavaScript's `\s`. */
const isBlankAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
};
/** What the words before a bracket are made of: syllables, lower-case letters, digits, hyphens and blanks. */
const isPairCharAt = (s: string, i: number) => isHangulAt(s, i) || isLatinWordAt(s, i) || isBlankAt(s, i);

const isHangulAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 0xac00 && c <= 0xd7a3;
};
const isLetterAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 0x61 && c <= 0x7a;
};
const isLatinWordAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
};

/** Where up to `max` Korean words separated by single spaces and ending at `end` start; -1 if none ends there. */
function koreanWordsBefore(s: string, end: number, max: number): number {
  let start = end;
  for (let words = 0; words < max; words++) {
    let i = words === 0 ? end : start - 1;
    if (words > 0 && (s.charCodeAt(i) !== 0x20 || !isHangulAt(s, i - 1))) break;
    while (i > 0 && isHangulAt(s, i - 1)) i--;
    if (i === (words === 0 ? end : start - 1)) break;
    start = i;
  }
  return start === end ? -1 : start;
}

/**
 * Where up to `max` English words ([a-z][a-z0-9-]*) separated by single spaces and ending at `end` start: the
 * first word may be the tail of a run that starts with a digit or hyphen; the others are whole runs.
 */
function latinWordsBefore(s: string, end: number, max: number): number {
  let start = -1;
  let runEnd = end;
  for (let words = 0; words < max; words++) {
    let i = runEnd;
    while (i > 0 && isLatinWordAt(s, i - 1)) i--;
    let first = i;
    while (first < runEnd && !isLetterAt(s, first)) first++;
    if (first === runEnd) break;
    start = first;
    // A run that does not start with a letter can only be the first word.
    if (first !== i || s.charCodeAt(i - 1) !== 0x20 || !isLatinWordAt(s, i - 2)) break;
    runEnd = i - 1;
  }
  return start;
}

/** Where an abbreviation of two to six letters ending at `end` starts, at a word boundary; -1 if none. */
function abbreviationBefore(s: string, end: number): number {
  let i = end;
  while (i > 0 && isLetterAt(s, i - 1)) i--;
  const length = end - i;
  if (length < 2 || length > 6) return -1;
  return i > 0 && /\w/.test(s[i - 1]!) ? -1 : i;
}

/** Canonical names in a pack that the notes use as words. */
export function markersPresent(latinWords: ReadonlySet<string>, markers: readonly string[]): number {
  let n = 0;
  for (const marker of markers) {
    const words = normalize(marker).split(/[\s\-_/]+/);
    if (latinWords.has(words.join("")) || words.every((w) => latinWords.has(w))) n++;
  }
  return n;
}
