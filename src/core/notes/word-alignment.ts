// English words the vocabulary writes only inside names of several words, with the Korean word that stands in the same
// place of the name's Korean form: kinetic energy = 운동 에너지, where energy = 에너지 is known, gives kinetic = 운동.
// A question's English word the notes have in no way (kinetic, over physics notes in Korean prose) is then found by
// that Korean word. The pairs are derived here once and written to aligned-words.ts (scripts/align-words.ts), which a
// test keeps equal to what this function derives from the tables as they are.
import { baseForms } from "./inflection.js";
import { soundsAlike, spellingDistance } from "./loanword.js";

const HANGUL = /[\uac00-\ud7a3]/;
/** A Hangul word spelt this much like an English word, or closer, is its spelling by sound, not a translation. */
const SPELT_BY_SOUND = 0.5;
/** Korean written for a word, or that word's with one more syllable (운동 for 운동적). */
const ENDING_SYLLABLES = 1;

/**
 * `vocabulary`: concepts, each a list of forms (English names, then Korean); `queryWords`: an English word, then the
 * Korean written for it. Returns [English word, Korean words] for the words of the vocabulary's names that neither
 * table translates, ordered by the English word.
 */
export function alignWordTranslations(vocabulary: readonly (readonly string[])[], queryWords: readonly (readonly string[])[]): string[][] {
  const known = knownTranslations(vocabulary, queryWords);
  const translated = (word: string) => [word, ...baseForms(word)].some((w) => known.has(w));
  const confirms = (english: string, korean: string) =>
    speltBySound(korean, english) || [...(known.get(english) ?? [])].some((k) => korean.startsWith(k) && korean.length - k.length <= ENDING_SYLLABLES);
  const found = new Map<string, Map<string, number>>();
  for (const forms of vocabulary) {
    const englishNames = forms.filter((f) => /^[a-z]+( [a-z]+)+$/.test(f));
    const koreanNames = forms.filter((f) => /^[\uac00-\ud7a3]+( [\uac00-\ud7a3]+)+$/.test(f));
    // Every English word of the concept: a Korean word that is one of theirs (윈도우 for window, in window function
    // = analytic function = 분석 함수 = 윈도우 함수) stands for that word, not for the one being aligned.
    const conceptWords = forms.filter((f) => !HANGUL.test(f)).flatMap((f) => f.split(/[^a-z]+/)).filter(Boolean);
    // ... and a word the concept also spells by sound (노드 분할 beside 페이지 분할 for node split) has no translation
    // there: the other Korean form names the concept otherwise.
    const koreanWords = forms.filter((f) => HANGUL.test(f)).flatMap((f) => f.split(" "));
    const spelt = (word: string) => koreanWords.some((k) => speltBySound(k, word));
    for (const english of englishNames) {
      const words = english.split(" ");
      for (const korean of koreanNames) {
        const parts = korean.split(" ");
        if (parts.length !== words.length) continue;
        const open = words.flatMap((w, i) => (confirms(w, parts[i]!) ? [] : [i]));
        if (open.length !== 1) continue;
        const word = words[open[0]!]!;
        const candidate = parts[open[0]!]!;
        if (word.length < 4 || candidate.length < 2 || translated(word) || spelt(word)) continue;
        if (conceptWords.some((w) => w !== word && confirms(w, candidate))) continue;
        const counts = found.get(word) ?? new Map<string, number>();
        counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
        found.set(word, counts);
      }
    }
  }
  // The Korean a word is aligned with most often; two where they tie (observer: 관찰자, 감시자).
  return [...found]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([word, counts]) => {
      const most = Math.max(...counts.values());
      return [word, ...[...counts].filter(([, n]) => n === most).map(([k]) => k).slice(0, 2)];
    });
}

/** Whether a Hangul word is an English word's spelling by sound (페이지 for page), not its translation. */
function speltBySound(hangul: string, latin: string): boolean {
  return soundsAlike(hangul, latin) || spellingDistance(hangul, latin) <= SPELT_BY_SOUND;
}

/** The Korean each English word is known by: the query words' and the vocabulary's one-word forms. */
function knownTranslations(vocabulary: readonly (readonly string[])[], queryWords: readonly (readonly string[])[]): Map<string, Set<string>> {
  const known = new Map<string, Set<string>>();
  const add = (english: string, korean: string) => {
    const set = known.get(english) ?? new Set<string>();
    set.add(korean);
    known.set(english, set);
  };
  for (const [english, ...korean] of queryWords) for (const k of korean) add(english!, k);
  for (const forms of vocabulary) {
    const english = forms.filter((f) => /^[a-z0-9]+$/.test(f));
    const korean = forms.filter((f) => HANGUL.test(f) && !f.includes(" "));
    for (const e of english) {
      if (!known.has(e)) known.set(e, new Set());
      for (const k of korean) add(e, k);
    }
  }
  return known;
}
