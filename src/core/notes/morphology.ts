// Rule-based Korean morphology for search: the particles and endings glued to a word (을/를/이/가/은/는/에서/으로,
// -하는/-하면/-되면/-됨/-인가요, spoken -야/-돼) are stripped so that 뮤텍스를, 정규화하면 and 세션이야 meet 뮤텍스,
// 정규화 and 세션. No dictionary ships offline, so a word gets every plausible stem and the search keeps the one
// the notes know best ("차이" is a word, not 차 + 이).

/** Particles, longest first within each length class. */
const PARTICLES = [
  "에서부터", "으로부터", "이라는", "이라고", "이라도", "에서는", "에서도", "에서의", "에서만", "으로는", "으로도", "으로서",
  "으로써", "으로만", "에게서", "한테서", "에게는", "한테는", "까지는", "까지만", "부터는", "보다는", "이랑은", "로부터",
  "이란", "이랑", "이나", "이며", "이고", "에서", "에선", "에게", "한테", "에는", "에도", "에만", "으로", "까지", "부터",
  "마다", "처럼", "보다", "만큼", "밖에", "조차", "라는", "라고", "로는", "로도", "로서", "로써", "로만", "와는",
  "과는", "하고", "이든", "이든지", "든지", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "란",
  "랑", "나", "든",
] as const;

const PARTICLE_SET = new Set<string>(PARTICLES);

/** Whether a word is a particle alone, typed apart from the word it goes with (numpy 가, list 보다). */
export function isParticle(word: string): boolean {
  return PARTICLE_SET.has(word);
}

/**
 * Particles with two shapes, one after a final consonant (책은, 책이, 책을, 책과, 책으로) and one after a vowel (차는,
 * 차가, 차를, 차와, 차로; 로 also after ㄹ: 파일로): a shape that does not fit the syllable before it is part of the
 * word, not a particle (차이 is not 차 + 이, 평가 not 평 + 가, 효과 not 효 + 과).
 */
const AFTER_CONSONANT = /^(?:은|이|을|과|으로)/;
const AFTER_VOWEL = /^(?:는|가|를|와|랑|나|란|라는|라고|든)/;
const AFTER_VOWEL_OR_L = /^로/;

/** Whether a Hangul syllable has a final consonant (받침), and whether that is ㄹ. */
function finalOf(syllable: number): "none" | "l" | "other" {
  const f = (syllable - 0xac00) % 28;
  return f === 0 ? "none" : f === 8 ? "l" : "other";
}

/** Whether a Hangul syllable (a one-letter string) ends in a final consonant (받침). */
export function hasFinalConsonant(syllable: string): boolean {
  const code = syllable.charCodeAt(0);
  return code >= 0xac00 && code <= 0xd7a3 && finalOf(code) !== "none";
}

/** Whether a particle may follow `base` (a Hangul word) by the shape rule above. */
function particleFits(base: string, particle: string): boolean {
  const last = base.charCodeAt(base.length - 1);
  if (last < 0xac00 || last > 0xd7a3) return true;
  const f = finalOf(last);
  if (AFTER_CONSONANT.test(particle)) return f !== "none" && !(particle.startsWith("으로") && f === "l");
  if (AFTER_VOWEL_OR_L.test(particle)) return f !== "other";
  if (AFTER_VOWEL.test(particle)) return f === "none";
  return true;
}

/** Endings of a noun used as a verb or with the copula (정규화하는, 만료되면, 세션이야, 해시인가요). */
const NOUN_ENDINGS = [
  "하려면", "했을때", "하는법", "하는데", "되는데", "인가요", "인데요", "이에요", "입니다", "이라서", "되려면", "시키는",
  "할때", "될때", "해서", "하면", "되면", "하는", "되는", "하기", "되기", "했을", "됐을", "하다", "한다", "했다", "된다",
  "되다", "되어", "돼서", "됐다", "인가", "인지", "이야", "이고", "이면", "예요", "에요", "일때", "이죠", "하죠",
  "야", "함", "됨", "한", "된", "할", "될", "해", "돼", "임", "죠",
] as const;

/** Endings that make a word a predicate (생겨, 빨라져요, 끊기면): such a word asks about its subject, it is not one. */
// Loanwords end in 어, 지, 다 and 워 too (세마포어, 페이지, 람다, 파워), so those are not taken as endings here.
const PREDICATE_ENDINGS = /(?:겨야|려야|져야|쳐야|혀야|꿔야|춰야|워야|와야|봐야|써야|줘야|둬야|돼야|어서|아서|워서|와서|려서|져서|어도|아도|워도|와도|려도|져도|어요|아요|여요|해요|나요|까요|네요|는데|니까|거야|건가|거지|건데|는거|더라|면|냐|져|겨|줘|요|데|까|게|돼|해|봐|래|려|꿔|둬|눠|뤄|춰)$/;

export interface Stem {
  stem: string;
  /** what was stripped: a particle, a noun's verb/copula ending, both, or nothing */
  kind: "none" | "particle" | "ending";
}

/**
 * Every plausible stem of one Hangul word, the word itself first; a stem keeps at least one syllable.
 */
export function stems(word: string): Stem[] {
  let cached = cache.get(word);
  if (!cached) {
    if (cache.size > 200_000) cache.clear();
    cache.set(word, (cached = computeStems(word)));
  }
  return cached;
}

/** Notes repeat their words: each is stemmed once. */
const cache = new Map<string, Stem[]>();

function computeStems(word: string): Stem[] {
  const out: Stem[] = [{ stem: word, kind: "none" }];
  const seen = new Set([word]);
  const push = (stem: string, kind: Stem["kind"]) => {
    if (stem && !seen.has(stem)) {
      seen.add(stem);
      out.push({ stem, kind });
    }
  };
  for (const p of PARTICLES) {
    if (word.length > p.length && word.endsWith(p)) {
      const base = word.slice(0, -p.length);
      if (!particleFits(base, p)) continue;
      push(base, "particle");
      stripEnding(base, push);
    }
  }
  stripEnding(word, push);
  return out;
}

function stripEnding(word: string, push: (stem: string, kind: Stem["kind"]) => void): void {
  for (const e of NOUN_ENDINGS) {
    if (word.length > e.length && word.endsWith(e)) push(word.slice(0, -e.length), "ending");
  }
}

/** The most likely stem: the longest stripping that leaves two syllables or more, else the word itself. */
export function stem(word: string): string {
  let best = word;
  for (const s of stems(word)) if (s.stem.length >= 2 && s.stem.length < best.length) best = s.stem;
  return best;
}

/** ㄶ, ㅀ, ㅆ, by their index among a syllable's finals. */
const PREDICATE_FINALS = new Set([6, 15, 20]);

/** Spoken verbs of one syllable contracted from -어/-아 (쓰어 → 써), which take -야, -도 and -서 as any such form does. */
const CONTRACTED_VERBS = new Set(["써", "봐", "둬", "줘", "놔", "켜", "꺼", "쳐", "돼", "해", "짜", "떠"]);
/** Spoken verbs of one syllable (뭐 써, 어디서 봐, 어디에 둬, 안 될 때, 왜 씀): one syllable is too little to tell a
 * verb by its ending, and these are the common ones. */
const ONE_SYLLABLE_PREDICATES = new Set([...CONTRACTED_VERBS, "씀", "될", "할", "쓸", "볼", "감", "짤", "뜰"]);

/**
 * A predicate by signs no noun has: a spoken verb of one syllable (씀), a final consonant only verbs and adjectives
 * take (있으면, 않음, 했던), 없, or -으면. `isPredicate` also reads endings some nouns share (화면, 이해, 무게).
 */
export function isSurelyPredicate(word: string): boolean {
  if (word.length < 2) return ONE_SYLLABLE_PREDICATES.has(word);
  // ㄶ, ㅀ and ㅆ end only a verb's or an adjective's syllables (많은, 않고, 싫어, 했는데, 뭐였지), no noun's or loanword's.
  for (let i = 0; i < word.length; i++) if (PREDICATE_FINALS.has((word.charCodeAt(i) - 0xac00) % 28)) return true;
  // 없 is only ever 없다's (없는, 없다고, 없어서): the one noun with its final, 값, is another syllable.
  return word.includes("없") || word.endsWith("으면");
}

/** A spoken predicate (생겨, 돼요, 빨라져): says what is asked, not what it is about. */
export function isPredicate(word: string): boolean {
  if (isSurelyPredicate(word)) return true;
  if (word.length < 2) return false;
  // ... and those with -야, -도 or -서 (써야 돼, 줘도, 봐서).
  if (word.length === 2 && CONTRACTED_VERBS.has(word[0]!) && "야도서".includes(word[1]!)) return true;
  if (PREDICATE_ENDINGS.test(word)) return true;
  // 는 after a final consonant is no topic particle (that would be 은) but a verb's -는 (막는, 맞는, 없는); 아 after
  // one ends a spoken adjective or verb (좋아, 많아, 맞아), as no noun or loanword does.
  // 르 verbs and adjectives spoken (빠르다 → 빨라, 다르다 → 달라, 모르다 → 몰라): ㄹ closes the syllable before 라. Only
  // in two syllables: loanwords end so too (스칼라), and in -ㄹ러 many do (컨트롤러, 핸들러).
  // ... and with -야, -서 or -도 after them (골라야, 몰라서, 달라도).
  const spoken = word.length === 3 && "야서도".includes(word[2]!) ? word.slice(0, 2) : word;
  if (spoken.length === 2 && spoken[1] === "라" && finalOf(spoken.charCodeAt(0)) === "l") return true;
  // -아야 (높아야, 막아야) is the same 아 with -야.
  const end = word.endsWith("아야") && word.length >= 3 ? word.length - 1 : word.length;
  const last = word.charCodeAt(end - 1);
  if ((last === 0xb294 || last === 0xc544) && finalOf(word.charCodeAt(end - 2)) !== "none") return true;
  // 은 or 을 after no final consonant is no particle (that would be 는, 를) but the -은, -을 of a verb or adjective
  // that drops its ㅅ (낫다 → 나은, 붓다 → 부은).
  return word.length <= 3 && (word.endsWith("은") || word.endsWith("을")) && finalOf(word.charCodeAt(word.length - 2)) === "none";
}

/**
 * The noun form (-ㅁ/-음) of a verb or adjective typed as a modifier (-ㄴ/-은/-는), as notes write their fragments:
 * 빠른 → 빠름, 큰 → 큼, 작은 → 작음, 막는 → 막음, 쓰는 → 씀. Only a guess: it counts where the notes have it.
 */
export function nounForms(word: string): string[] {
  const n = word.length;
  if (n < 1) return [];
  const last = word.charCodeAt(n - 1) - 0xac00;
  if (last < 0 || last > 11171) return [];
  const out: string[] = [];
  const before = n >= 2 ? word.charCodeAt(n - 2) - 0xac00 : -1;
  const hasBefore = before >= 0 && before <= 11171;
  const syllable = (code: number) => String.fromCharCode(0xac00 + code);
  // 은 after a final consonant (작은), 는 after one (막는): the ending is 음.
  if ((last === 0xc740 - 0xac00 || last === 0xb294 - 0xac00) && hasBefore && before % 28 !== 0) out.push(word.slice(0, -1) + "음");
  // 는 after an open syllable (쓰는, 하는): the ㅁ closes that syllable.
  else if (last === 0xb294 - 0xac00 && hasBefore && before % 28 === 0) out.push(word.slice(0, -2) + syllable(before + 16));
  // ㄴ closing the last syllable (빠른, 큰): ㅁ closes it instead.
  else if (last % 28 === 4 && last !== 0xc740 - 0xac00) out.push(word.slice(0, -1) + syllable(last - 4 + 16));
  return out;
}

/**
 * The other spellings of a Hangul word that sound the same, which Korean writers mix up (밸만 for 벨만, 대쉬보드 for
 * 대시보드, 쥬피터 for 주피터): ㅐ for ㅔ (and ㅒ for ㅖ) and back, and after ㅅ, ㅈ or ㅊ a glide added or dropped (쉬 and
 * 시, 쥬 and 주, 셔 and 서, 쇼 and 소). Every variant but the word itself, at most a few.
 */
export function alikeSpellings(word: string): string[] {
  let variants = [""];
  for (const ch of word) {
    const code = ch.charCodeAt(0) - 0xac00;
    const options = [ch];
    if (code >= 0 && code <= 11171) {
      const initial = Math.floor(code / 588);
      const medial = Math.floor((code % 588) / 28);
      const other = AE_SWAP[medial] ?? (SIBILANTS.has(initial) ? GLIDE_SWAP[medial] : undefined);
      if (other !== undefined) options.push(String.fromCharCode(ch.charCodeAt(0) + (other - medial) * 28));
    }
    variants = variants.flatMap((v) => options.map((o) => v + o)).slice(0, 8);
  }
  return variants.filter((v) => v !== word);
}

/** ㅐ ↔ ㅔ and ㅒ ↔ ㅖ, by medial index. */
const AE_SWAP: Record<number, number> = { 1: 5, 5: 1, 3: 7, 7: 3 };
/** ㅅ ㅆ ㅈ ㅊ, by initial index, after which a glide is heard or not (쉬/시, 쥬/주). */
const SIBILANTS = new Set([9, 10, 12, 14]);
/** ㅟ ↔ ㅣ, ㅠ ↔ ㅜ, ㅕ ↔ ㅓ, ㅛ ↔ ㅗ, by medial index. */
const GLIDE_SWAP: Record<number, number> = { 16: 20, 20: 16, 17: 13, 13: 17, 6: 4, 4: 6, 12: 8, 8: 12 };
