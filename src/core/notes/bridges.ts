// What a corpus teaches about itself, at index time: the pairs its authors write (교착 상태(Deadlock),
// Deadlock(교착상태), Kinesis Data Streams (키네시스), PCB (Process Control Block)) become aliases for that corpus,
// and the domain packs whose products the notes name are switched on.
import { normalize } from "./analyze.js";
import { soundsAlike } from "./loanword.js";
import { stems } from "./morphology.js";

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
  // Each run of blanks as one space; a lone space, the most of them, is left as it is rather than replaced.
  const s = normalize(text).replace(/[^\S ]\s*| \s+/g, " ");
  // By kind, as the kinds are tried in this order: where two pairs claim one form, the first keeps it.
  const koreanThenLatin: string[][] = [];
  const latinThenKorean: string[][] = [];
  const abbreviations: string[][] = [];
  // A pattern's earliest match ending at a bracket starts a known number of words before it (three Korean, four
  // English words, one abbreviation), so each is tried at that one place.
  const matchAt = (pattern: RegExp, start: number) => {
    if (start < 0) return null;
    pattern.lastIndex = start;
    return pattern.exec(s);
  };
  for (let p = s.indexOf("("); p >= 0; p = s.indexOf("(", p + 1)) {
    const end = s.charCodeAt(p - 1) === 0x20 ? p - 1 : p;
    const kl = matchAt(KOREAN_THEN_LATIN, koreanWordsBefore(s, end, 3));
    if (kl) {
      const words = kl[1]!.split(" ");
      const phrase: string[] = [];
      for (let i = words.length - 1; i >= 0; i--) {
        if (phrase.length && hasParticle(words[i]!)) break;
        phrase.unshift(words[i]!);
      }
      const latin = kl[2]!.trim();
      if (latin.split(" ").length <= 4) koreanThenLatin.push([latin, phrase.join(" ")]);
    }
    const lk = matchAt(LATIN_THEN_KOREAN, latinWordsBefore(s, end, 4));
    if (lk) {
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
      if (phrase.length) latinThenKorean.push([phrase.join(" "), korean]);
    }
    const ab = matchAt(ABBREVIATION, abbreviationBefore(s, end));
    if (ab) {
      const short = ab[1]!;
      const long = ab[2]!.trim();
      const initials = long.split(" ").map((w) => w[0]).join("");
      if (initials === short) abbreviations.push([long, short]);
    }
  }
  return [...koreanThenLatin, ...latinThenKorean, ...abbreviations];
}

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
