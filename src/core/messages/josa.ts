// Korean particles that fit the word before them (은/는, 이/가, 을/를, 으로/로 …). es-hangul decides after a
// Hangul syllable; after digits and Latin letters it would always pick the vowel form, so those are read the
// way a Korean speaker says them ("1은" 일, "C로" 씨, "IAM은" 엠, "10은" 십, "Lambda는").
import { josa as hangulJosa } from "es-hangul";

/** Particle pairs a catalog may write as `{은/는}`: the form after a final consonant first. */
export const PARTICLES = ["은/는", "이/가", "을/를", "과/와", "으로/로", "이나/나", "이에요/예요", "이라는/라는", "아/야", "이랑/랑"] as const;
export type Particle = (typeof PARTICLES)[number];

export function isParticle(value: string): value is Particle {
  return (PARTICLES as readonly string[]).includes(value);
}

/** The final consonant of how the text ends when read aloud: "none", "ㄹ" (which takes 로), or "other". */
type Ending = "none" | "ㄹ" | "other";

const HANGUL_SYLLABLE = /[가-힣]/;
// Readings of digits: 영 일 이 삼 사 오 육 칠 팔 구.
const DIGIT: Ending[] = ["other", "ㄹ", "none", "other", "none", "none", "other", "ㄹ", "ㄹ", "none"];
// Digits glued to Latin letters are read in English (S3 에스쓰리, EC2 이씨투, K8 케이에잇): one, seven, nine end in ㄴ.
const ENGLISH_DIGIT: Ending[] = ["none", "other", "none", "none", "none", "none", "none", "other", "none", "other"];
// Letters read alone (acronyms): 엘, 엠, 엔, 알 end in a consonant; the others (에이, 비, 씨 …) do not.
const LETTER: Record<string, Ending> = { l: "ㄹ", m: "other", n: "other", r: "ㄹ" };

function numberEnding(digits: string): Ending {
  const n = digits.replace(/^0+(?=\d)/, "");
  if (n === "0") return "other"; // 영
  const zeros = /0*$/.exec(n)![0].length;
  // 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ), 십만 …: every power of ten ends in a consonant.
  if (zeros > 0) return "other";
  return DIGIT[Number(n.at(-1))]!;
}

function latinEnding(word: string): Ending {
  // An acronym or a single letter is spelled out (IAM → 아이에이엠, SQS → 에스큐에스).
  if (word.length === 1 || word === word.toUpperCase()) return LETTER[word.at(-1)!.toLowerCase()] ?? "none";
  const w = word.toLowerCase();
  // A word is read as it sounds; these endings are the common consonant-final ones (table → 테이블, schedule →
  // 스케줄, zone → 존).
  if (/(?:l|le)$/.test(w)) return "ㄹ";
  if (/(?:m|me|n|ne|ng)$/.test(w)) return "other";
  return "none";
}

function ending(text: string): Ending | null {
  // Look past closing quotes, brackets and punctuation to the last letter, digit or syllable.
  const m = /([A-Za-z]?)([가-힣]|[0-9]+|[A-Za-z]+)[\s"'’”)\]}»›.,!?…-]*$/u.exec(text);
  if (!m) return null;
  const last = m[2]!;
  if (m[1] && /^[0-9]+$/.test(last)) return ENGLISH_DIGIT[Number(last.at(-1))]!;
  if (HANGUL_SYLLABLE.test(last)) {
    const probe = hangulJosa(last, "으로/로");
    if (probe.endsWith("으로")) return "other";
    const withBatchim = hangulJosa(last, "이/가").endsWith("이");
    return withBatchim ? "ㄹ" : "none";
  }
  if (/^[0-9]+$/.test(last)) return numberEnding(last);
  return latinEnding(last);
}

/** The particle of `pair` that fits after `text` ("람다" + 을/를 → "를"; "1" + 은/는 → "은"). */
export function particleAfter(text: string, pair: Particle): string {
  const [withConsonant, withVowel] = pair.split("/") as [string, string];
  const e = ending(text) ?? "none";
  if (pair === "으로/로") return e === "other" ? withConsonant : withVowel;
  return e === "none" ? withVowel : withConsonant;
}
