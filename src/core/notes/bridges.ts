// What a corpus teaches about itself, at index time: the pairs its authors write (교착 상태(Deadlock),
// Deadlock(교착상태), Kinesis Data Streams (키네시스), PCB (Process Control Block)) become aliases for that corpus,
// and the domain packs whose products the notes name are switched on.
import { normalize } from "./analyze.js";
import { soundsAlike } from "./loanword.js";
import { stems } from "./morphology.js";

/** `한글 말(English Words)`: up to three Korean words before the bracket, an English phrase inside. */
const KOREAN_THEN_LATIN = /((?:[\uac00-\ud7a3]+ ){0,2}[\uac00-\ud7a3]+) ?\( ?([a-z][a-z0-9'’\- ]{1,48}?) ?\)/g;
/** `English Words (한글 말)` */
const LATIN_THEN_KOREAN = /([a-z][a-z0-9\-]*(?: [a-z][a-z0-9\-]*){0,3}) ?\( ?([\uac00-\ud7a3][\uac00-\ud7a3 ]{0,24}?) ?\)/g;
/** `PCB (Process Control Block)`: an abbreviation and the words it abbreviates. */
const ABBREVIATION = /\b([a-z]{2,6}) ?\( ?([a-z][a-z\- ]{3,60}?) ?\)/g;

const STOP = new Set(["a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "by", "use", "using", "is", "are", "via", "vs"]);

/** A Korean word that carries a particle or ending ends the noun phrase before a bracket (프로세스는 교착 상태(…)). */
function hasParticle(word: string): boolean {
  return stems(word).some((s) => s.kind !== "none" && s.stem.length >= 2 && /[은는이가을를의에로와과도]$|에서$|으로$/.test(word));
}

/** Korean–English and abbreviation pairs written in `text`, each as a list of forms of one concept. */
export function bridgesIn(text: string): string[][] {
  const s = normalize(text).replace(/\s+/g, " ");
  const pairs: string[][] = [];
  for (const m of s.matchAll(KOREAN_THEN_LATIN)) {
    const words = m[1]!.split(" ");
    const phrase: string[] = [];
    for (let i = words.length - 1; i >= 0; i--) {
      if (phrase.length && hasParticle(words[i]!)) break;
      phrase.unshift(words[i]!);
    }
    const latin = m[2]!.trim();
    if (latin.split(" ").length <= 4) pairs.push([latin, phrase.join(" ")]);
  }
  for (const m of s.matchAll(LATIN_THEN_KOREAN)) {
    const words = m[1]!.split(" ");
    const korean = m[2]!.trim();
    // The English word the Korean sounds like (Kinesis Data Streams (키네시스) → kinesis), else the words before
    // the bracket back to the first small word.
    const alike = words.find((w) => soundsAlike(korean.replace(/ /g, ""), w));
    let phrase: string[];
    if (alike) phrase = [alike];
    else {
      phrase = [];
      for (let i = words.length - 1; i >= 0 && !STOP.has(words[i]!); i--) phrase.unshift(words[i]!);
    }
    if (phrase.length) pairs.push([phrase.join(" "), korean]);
  }
  for (const m of s.matchAll(ABBREVIATION)) {
    const short = m[1]!;
    const long = m[2]!.trim();
    const initials = long.split(" ").map((w) => w[0]).join("");
    if (initials === short) pairs.push([long, short]);
  }
  return pairs;
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
