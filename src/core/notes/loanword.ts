// Loanwords by sound, not by table: 스레드 ↔ thread, 프록시 ↔ proxy, 콜백 ↔ callback. Both spellings are reduced to
// a key of consonant classes (vowels carry too little: English spells them freely, Korean inserts ㅡ/ㅣ), and two
// words whose keys meet are one loanword. English spelling is ambiguous (ch in cache/schema, g in page/target), so
// an English word may have a few keys; a Hangul word has one.
//
// Classes: K (k g c q), T (t d), P (p b f v), S (s z j ch sh th ㅅ ㅈ ㅊ), M, N (n ng ㅇ-final), L (l r ㄹ), H.

const INITIAL = ["K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", "", "S", "S", "S", "K", "T", "P", "H"];
const FINAL = ["", "K", "K", "K", "N", "N", "N", "T", "L", "L", "M", "L", "L", "L", "P", "L", "M", "P", "P", "T", "T", "N", "T", "T", "K", "T", "P", ""];

/** A key must have at least this many consonants: one consonant alone (큐, 키) says too little. */
export const MIN_KEY_LENGTH = 2;

/** The consonant-class key of a Hangul word (뮤텍스 → MTKS). Syllables only; other characters are skipped. */
export function hangulKey(word: string): string {
  let key = "";
  for (const ch of word) {
    const code = ch.charCodeAt(0) - 0xac00;
    if (code < 0 || code > 11171) continue;
    key += INITIAL[Math.floor(code / 588)]! + FINAL[code % 28]!;
  }
  // ㄹㄹ is how Korean writes one English l between vowels (밸런서, 콜렉션).
  return key.replace(/L+/g, "L");
}

const VOWEL = /[aeiouy]/;

/** The keys of a Latin word (thread → SLT, TLT; cache → KS, KK), at most a few. */
export function latinKeys(word: string): readonly string[] {
  let keys = keyCache.get(word);
  if (!keys) {
    if (keyCache.size > 100_000) keyCache.clear();
    keyCache.set(word, (keys = computeLatinKeys(word)));
  }
  return keys;
}

/** Words recur (notes, queries, autocomplete as it is typed): each is keyed once. */
const keyCache = new Map<string, readonly string[]>();

function computeLatinKeys(word: string): string[] {
  const w = word.toLowerCase().replace(/[^a-z]/g, "");
  let keys = [""];
  const add = (...options: string[]) => {
    const next: string[] = [];
    for (const k of keys) for (const o of options) next.push(k + o);
    keys = [...new Set(next)].slice(0, 8);
  };
  let i = 0;
  const at = (j: number) => w[j] ?? "";
  while (i < w.length) {
    const c = w[i]!;
    const n = at(i + 1);
    const rest = w.slice(i);
    if (VOWEL.test(c) || c === "w") {
      i++;
      continue;
    }
    if (c === n && c !== "c") {
      i++; // a doubled letter is one sound (buffer, commit)
      continue;
    }
    if (/^(tion|sion|tia|cia|sia)/.test(rest)) {
      add("S");
      i += 1 + (c === "t" || c === "s" || c === "c" ? 1 : 0);
      continue;
    }
    if (rest.startsWith("tch")) {
      add("S");
      i += 3;
      continue;
    }
    if (rest.startsWith("sch")) {
      add("SK");
      i += 3;
      continue;
    }
    if (c === "c" && n === "h") {
      add("S", "K");
      i += 2;
      continue;
    }
    if ((c === "s" || c === "t") && n === "h") {
      add(...(c === "s" ? ["S"] : ["S", "T"]));
      i += 2;
      continue;
    }
    if (c === "p" && n === "h") {
      add("P");
      i += 2;
      continue;
    }
    if (c === "g" && n === "h") {
      i += 2;
      continue;
    }
    if (c === "c" && n === "k") {
      add("K");
      i += 2;
      continue;
    }
    if (c === "c" && n === "c") {
      add(/[eiy]/.test(at(i + 2)) ? "KS" : "K");
      i += 2;
      continue;
    }
    if (c === "n" && n === "g") {
      add("N", "NK");
      i += 2;
      continue;
    }
    if (c === "m" && n === "n" && i + 2 >= w.length) {
      add("M");
      i += 2;
      continue;
    }
    if (c === "q") {
      add("K");
      i += n === "u" ? 2 : 1;
      continue;
    }
    if (c === "x") {
      add("KS");
      // xc before e, i or y is one s after the k (exception, excel → 익셉션, 엑셀).
      i += n === "c" && /[eiy]/.test(at(i + 2)) ? 2 : 1;
      continue;
    }
    if (c === "r") {
      // English r sounds only before a vowel (server → 서버, tree → 트리), and not before a silent final e (firmware).
      // After a vowel and before -ed or -es it may not be written either (prepared → 프리페어드, stored → 스토어드).
      if (VOWEL.test(n) && !(n === "e" && i + 2 >= w.length)) {
        if (n === "e" && VOWEL.test(at(i - 1)) && /[ds]/.test(at(i + 2)) && !VOWEL.test(at(i + 3))) add("L", "");
        else add("L");
      } else if (/[aeiou]/.test(at(i - 1)) && n && !VOWEL.test(n) && n !== "r") {
        // ... but a name may be read letter by letter, as its speakers say it (SARSA → 사르사, argon → 아르곤).
        add("", "L");
      }
      i++;
      continue;
    }
    if (c === "h") {
      if (VOWEL.test(n)) add("H");
      i++;
      continue;
    }
    // Dutch ij before a consonant is a vowel (Dijkstra → 다익스트라, Rijndael → 레인달); hijack's j is not.
    if (c === "j" && at(i - 1) === "i" && n && !VOWEL.test(n)) {
      i++;
      continue;
    }
    if (c === "c") add(/[eiy]/.test(n) ? "S" : "K");
    else if (c === "g") add(...(/[eiy]/.test(n) ? ["S", "K"] : ["K"]));
    else if (c === "d" && n === "u") add("T", "S");
    else if (c === "t" && n === "u") add("T", "S");
    else if (c === "k") add("K");
    else if (c === "t" || c === "d") add("T");
    else if (c === "p" || c === "b" || c === "f" || c === "v") add("P");
    else if (c === "s" || c === "z" || c === "j") add("S");
    else if (c === "m") add("M");
    else if (c === "n") add("N");
    else if (c === "l") add("L");
    i++;
  }
  return keys.map((k) => k.replace(/L+/g, "L")).filter((k) => k.length >= MIN_KEY_LENGTH);
}

// Consonants alone confuse 월드 with load and 파이썬 with option, so the start of the word must agree too: both
// begin with a w sound (웹, web), another vowel (옵션, option) or a consonant, and the first vowel after the first consonant is one
// Korean writes for that English spelling (파 for py, 버 for ve, 스 for a cluster such as thr).
const KOREAN_VOWEL_CLASS = ["A", "E", "A", "E", "O", "E", "O", "E", "O", "A", "E", "E", "O", "U", "O", "E", "I", "U", "-", "I", "I"];
const ENGLISH_VOWEL_CLASSES: Record<string, string> = { a: "AEO", e: "EO", i: "IAO", o: "OAU", u: "OUIA", y: "AI", "": "-" };
/** ㅘ ㅙ ㅚ ㅝ ㅞ ㅟ: a w sound (웹, 월드) */
const W_VOWELS = new Set([9, 10, 11, 14, 15, 16]);

/** How a Hangul word starts ("w" sound, other vowel, or a consonant), and the class of the vowel after it. */
export function hangulShape(word: string): { start: "w" | "v" | "c"; vowel: string } {
  const code = word.charCodeAt(0) - 0xac00;
  if (code < 0 || code > 11171) return { start: "c", vowel: "" };
  const initial = Math.floor(code / 588);
  const medial = Math.floor((code % 588) / 28);
  if (initial === 11) return { start: W_VOWELS.has(medial) ? "w" : "v", vowel: "" };
  return { start: "c", vowel: KOREAN_VOWEL_CLASS[medial]! };
}

/** The same for a Latin word: the classes of Korean vowel its first vowel may be written with. */
export function latinShape(word: string): { start: "w" | "v" | "c"; vowels: string } {
  const w = word.toLowerCase().replace(/[^a-z]/g, "");
  if (/^w[aeiouy]/.test(w)) return { start: "w", vowels: "" };
  if (/^[aeiou]|^y[aeiou]/.test(w)) return { start: "v", vowels: "" };
  const m = /^[^aeiouy]+([aeiouy]?)([^aeiouy]?)([aeiouy]?)/.exec(w);
  const first = m?.[1] ?? "";
  // heap, team → 힙, 팀; an open de-, re- may be 디, 리 (debug → 디버그), and so may de-, re- before a consonant and
  // l or r (reflow → 리플로우, replay → 리플레이).
  const longE = first === "e" && (/^[^aeiouy]+e[aeio]/.test(w) || Boolean(m?.[2] && m[3]) || /^[dr]e(?:[bcdfgkpt][lr]|s[tpck][aeiouylr])/.test(w));
  // A consonant cluster (thread, script) gets Korean's inserted ㅡ.
  const cluster = /^(?:[^aeiouy]{2,})/.test(w) && !/^(?:ch|sh|th|ph|ck|gh|qu|wh)[aeiouy]/.test(w);
  // ew, eu and iew after a consonant are ㅠ: news, neural, view → 뉴스, 뉴럴, 뷰.
  const yu = /^[^aeiouy]+i?e[wu]/.test(w);
  return { start: "c", vowels: cluster ? "-" : (ENGLISH_VOWEL_CLASSES[first] ?? "") + (longE ? "I" : "") + (yu ? "U" : "") };
}

/** The Latin letters a loanword's first consonant is written for, where Korean tells them apart and the key does
 * not: ㅂ for b or v, ㅍ for p or f, ㄷ for d, ㅌ for t, ㄱ for g, ㅋ for c, k or q (billing is no 피어링, nor gateway
 * 케이트); ㅅ for s, sh, th or a soft c, ㅈ for j, z or a soft g, ㅊ for ch or ts (zero is no 세로, 서로 or 채로). */
const INITIAL_LETTERS: ReadonlyMap<number, RegExp> = new Map([
  [0, /^g/],
  // ㄲ, ㄸ, ㅃ and ㅉ start no English word's spelling (때마다 is no teammates); ㅆ starts some, as said (싸인).
  [1, /^$/],
  [3, /^(?:d|th)/],
  [4, /^$/],
  [7, /^[bv]/],
  [8, /^$/],
  [9, /^(?:s|th|c[eiy]|x|ps)/],
  [12, /^(?:[jzx]|g[eiy]|dg)/],
  [13, /^$/],
  [14, /^(?:ch|ts|tch|c)/],
  [15, /^(?:[ckq]|ch)/],
  [16, /^t/],
  [17, /^(?:p|f)/],
]);

function shapesAgree(hangul: string, latin: string): boolean {
  const h = hangulShape(hangul);
  const l = latinShape(latin);
  if (h.start !== l.start) return false;
  const code = hangul.charCodeAt(0) - 0xac00;
  const letters = code >= 0 && code <= 11171 ? INITIAL_LETTERS.get(Math.floor(code / 588)) : undefined;
  if (letters && !letters.test(latin.toLowerCase())) return false;
  return h.start !== "c" || l.vowels.includes(h.vowel);
}

/** The finals Korean writes loanwords with (ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ, and none), by their index in a syllable. */
const LOANWORD_FINALS = new Set([0, 1, 4, 8, 16, 17, 19, 21]);

/**
 * Whether a Hangul word can be how Korean writes a foreign word: the loanword orthography ends syllables only in
 * ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ, and informal spellings keep to them too, so 받은, 밭 or 닭 is a Korean word, whatever it
 * sounds like.
 */
export function canSpellLoanword(hangul: string): boolean {
  for (let i = 0; i < hangul.length; i++) {
    const code = hangul.charCodeAt(i) - 0xac00;
    if (code >= 0 && code <= 11171 && !LOANWORD_FINALS.has(code % 28)) return false;
  }
  return true;
}

/** True when a Hangul word and a Latin word are the same loanword by sound. */
export function soundsAlike(hangul: string, latin: string): boolean {
  const key = hangulKey(hangul);
  return key.length >= MIN_KEY_LENGTH && canSpellLoanword(hangul) && latinKeys(latin).includes(key) && shapesAgree(hangul, latin);
}

/**
 * True when a Hangul word being typed may be the start of a Latin word's Hangul spelling (데드 → deadlock,
 * 뮤텍 → mutex): its key begins one of the Latin word's keys, and the words start alike.
 */
export function soundsLikeStartOf(hangul: string, latin: string): boolean {
  const key = hangulKey(hangul);
  return key.length >= MIN_KEY_LENGTH && latinKeys(latin).some((k) => k.startsWith(key)) && shapesAgree(hangul, latin);
}

/**
 * How differently a Hangul word and a Latin word that sound alike are spelt, from 0 (the same) to 1: the Hangul's
 * romanisation without the ㅡ Korean inserts between consonants, against the Latin word, both with the
 * letters Korean does not tell apart (r/l, f/p, v/b, c/k/q/g) made one and doubled letters single. Of the words
 * of the notes sharing a key (가우시안, 가장, 계산 for gaussian) it tells which is meant.
 */
export function spellingDistance(hangul: string, latin: string): number {
  const a = foldSpelling(romanized(hangul));
  const b = foldSpelling(latin);
  return editDistance(a, b) / Math.max(a.length, b.length, 1);
}

// The Revised Romanization of each jamo, letter by letter (the sound changes between syllables tell nothing
// here), with ㅡ as nothing.
const ROMAN_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const ROMAN_MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "", "ui", "i"];
const ROMAN_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];

function romanized(word: string): string {
  let out = "";
  for (const ch of word) {
    const code = ch.charCodeAt(0) - 0xac00;
    if (code < 0 || code > 11171) continue;
    out += ROMAN_INITIAL[Math.floor(code / 588)]! + ROMAN_MEDIAL[Math.floor((code % 588) / 28)]! + ROMAN_FINAL[code % 28]!;
  }
  return out;
}

function foldSpelling(word: string): string {
  let out = "";
  for (let i = 0; i < word.length; i++) {
    let c = word[i]!.toLowerCase();
    const next = word[i + 1]?.toLowerCase();
    if ((c === "p" || c === "t") && next === "h") {
      c = c === "p" ? "p" : "s";
      i++;
    } else if (c === "x") c = "ks";
    else c = FOLDED_LETTER[c] ?? c;
    if (!out.endsWith(c)) out += c;
  }
  return out;
}

/** Letters Korean spells alike. */
const FOLDED_LETTER: Record<string, string> = { c: "k", q: "k", g: "k", r: "l", f: "p", v: "b", z: "j" };

/** Levenshtein distance of two short words, in two rows kept between calls. */
function editDistance(a: string, b: string): number {
  if (b.length + 1 > rowA.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (c === b.charCodeAt(j - 1) ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

let rowA = new Int32Array(32);
let rowB = new Int32Array(32);

/** Whether a syllable is how Korean writes an English -ing: a consonant (not the silent ㅇ) with ㅣ and the final ㅇ
 * (싱, 닝, 팅). */
export function isIngSyllable(syllable: string): boolean {
  const code = syllable.length === 1 ? syllable.charCodeAt(0) - 0xac00 : -1;
  return code >= 0 && code <= 11171 && code % 28 === 21 && Math.floor(code / 28) % 21 === 20 && Math.floor(code / 588) !== 11;
}

/** Finals a loanword's consonant takes when it closes the syllable before it (ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ), by initial. */
const FINAL_OF_INITIAL: Partial<Record<number, number>> = { 0: 1, 2: 4, 5: 8, 6: 16, 7: 17, 9: 19 };

/**
 * The Hangul spellings of an English word's stem that its -ing form may come from (리밸런싱 → 리밸런스, 캐싱 → 캐시,
 * 파티셔닝 → 파티션, 스트리밍 → 스트림, 모니터링 → 모니터): the last syllable, a consonant with ㅣ and ㅇ, is the
 * -ing; the consonant was written with ㅡ or ㅣ, or closed the syllable before, or was doubled into it. Native
 * Korean words of three syllables or more rarely end so; a base counts only where the notes write it.
 */
export function ingBases(word: string): string[] {
  if (word.length < 2 || !isIngSyllable(word.slice(-1))) return [];
  const last = word.charCodeAt(word.length - 1) - 0xac00;
  const initial = Math.floor(last / 588);
  const prefix = word.slice(0, -1);
  const syllable = (vowel: number) => String.fromCharCode(0xac00 + (initial * 21 + vowel) * 28);
  const bases = [prefix + syllable(18), prefix + syllable(20)];
  if (prefix.length >= 2) bases.push(prefix);
  const before = prefix.charCodeAt(prefix.length - 1) - 0xac00;
  const final = FINAL_OF_INITIAL[initial];
  if (final !== undefined && before >= 0 && before <= 11171 && before % 28 === 0) bases.push(prefix.slice(0, -1) + String.fromCharCode(0xac00 + before + final));
  return bases.filter((b) => b.length >= 2);
}

/** The names of Latin letters and of digits as Korean spells them (에이 a, 씨 c, 투 2), for acronyms said letter by
 * letter (아이투씨 → i2c, 에이피아이 → api). Digits by their English names only: 이 and 오 are letters. */
const LETTER_NAMES: ReadonlyArray<readonly [string, string]> = [
  ["에이치", "h"], ["에치", "h"], ["에이", "a"], ["비", "b"], ["씨", "c"], ["시", "c"], ["디", "d"], ["이", "e"], ["에프", "f"],
  ["지", "g"], ["지", "z"], ["아이", "i"], ["제이", "j"], ["케이", "k"], ["엘", "l"], ["엠", "m"], ["엔", "n"], ["오", "o"],
  ["피", "p"], ["큐", "q"], ["알", "r"], ["에스", "s"], ["티", "t"], ["유", "u"], ["브이", "v"], ["더블유", "w"], ["엑스", "x"],
  ["와이", "y"], ["제트", "z"], ["제로", "0"], ["원", "1"], ["투", "2"], ["쓰리", "3"], ["포", "4"], ["파이브", "5"], ["식스", "6"],
  ["세븐", "7"], ["에잇", "8"], ["나인", "9"],
];

/**
 * A Hangul word read as the names of letters and a word, either way round (케이민즈: k and 민즈, for k-means;
 * 엑스지부스트: xg and 부스트, for XGBoost; 라이트지비엠: 라이트 and gbm, for LightGBM): the letters, and the Hangul
 * left to read as a word (two syllables at least).
 */
export function letterNameSplits(word: string): Array<{ letters: string; rest: string; lettersFirst: boolean }> {
  const out: Array<{ letters: string; rest: string; lettersFirst: boolean }> = [];
  for (const [name, letter] of LETTER_NAMES) {
    if (/[a-z]/.test(letter) && word.startsWith(name) && word.length - name.length >= 2) out.push({ letters: letter, rest: word.slice(name.length), lettersFirst: true });
  }
  for (let k = 2; k + 2 <= word.length; k++) {
    for (const letters of letterSpellings(word.slice(0, k))) out.push({ letters, rest: word.slice(k), lettersFirst: true });
    for (const letters of letterSpellings(word.slice(word.length - k))) out.push({ letters, rest: word.slice(0, word.length - k), lettersFirst: false });
  }
  return out;
}

/** At most this many readings of one word as letter names. */
const MAX_LETTER_READINGS = 4;

/**
 * The acronyms a Hangul word spells letter by letter (아이투씨 → i2c, 디비 → db, 씨피유 → cpu): every reading of the
 * whole word as names of letters and digits, of two or more with a letter among them.
 */
export function letterSpellings(word: string): string[] {
  // readings[i]: the readings of word[i..], each as its letters
  const readings: string[][] = Array.from({ length: word.length + 1 }, () => []);
  readings[word.length] = [""];
  for (let i = word.length - 1; i >= 0; i--) {
    for (const [name, letter] of LETTER_NAMES) {
      if (!word.startsWith(name, i)) continue;
      for (const rest of readings[i + name.length]!) if (readings[i]!.length < MAX_LETTER_READINGS) readings[i]!.push(letter + rest);
    }
  }
  return readings[0]!.filter((r) => r.length >= 2 && /[a-z]/.test(r));
}
