// Korean particles after words the notes write in Latin letters or digits. es-hangul picks the particle from the
// last Hangul syllable and reads all-capital acronyms letter by letter (SQL → 엘 → "SQL로"); a mixed-case English
// word or a figure is read here first as Koreans say it (Stream → 스트림 → "Stream은", 10 → 십 → "10은",
// S3 → 에스쓰리 → "S3는"). When the reading is uncertain, the paired form "(은)는" is written, which is always right.
import { hasBatchim, josa } from "es-hangul";

/** The particle pairs as es-hangul names them; the first form follows a final consonant. */
export type Particle = "이/가" | "은/는" | "을/를" | "과/와" | "으로/로" | "이나/나" | "이며/며" | "이고/고" | "이다/다" | "이라/라" | "이면/면";

/** What follows the word when it is read aloud: a final consonant (and whether it is ㄹ), none, or unknown. */
export type Ending = { batchim: true; rieul: boolean } | { batchim: false } | null;

const HANGUL = /[\uAC00-\uD7A3]/;
/** Sino-Korean reading of the last digit of a number read in Korean (2 → 이, 10 → 십, 1000 → 천). */
const SINO_FINAL: Record<string, Ending> = {
  "0": { batchim: true, rieul: false }, // 영, 십, 백, 천, 만: every one ends in a consonant
  "1": { batchim: true, rieul: true }, // 일
  "2": { batchim: false }, // 이
  "3": { batchim: true, rieul: false }, // 삼
  "4": { batchim: false }, // 사
  "5": { batchim: false }, // 오
  "6": { batchim: true, rieul: false }, // 육
  "7": { batchim: true, rieul: true }, // 칠
  "8": { batchim: true, rieul: true }, // 팔
  "9": { batchim: false }, // 구
};
/** English reading of a number inside a name (EC2, S3, Route 53, io1): one → 원, seven → 세븐, ten → 텐. */
function englishNumberEnding(digits: string): Ending {
  const n = Number(digits);
  if (n >= 13 && n <= 19) return { batchim: true, rieul: false }; // -teen → 틴
  if (n === 10 || n === 11 || n === 7 || n === 9 || n === 1) return { batchim: true, rieul: false }; // ten, eleven, seven, nine, one
  const last = digits[digits.length - 1]!;
  if (last === "0") return n === 0 ? { batchim: false } : null; // zero; twenty, hundred, thousand: leave to the paired form
  return { "1": { batchim: true, rieul: false }, "7": { batchim: true, rieul: false }, "9": { batchim: true, rieul: false } }[last] ?? { batchim: false };
}

/** Units written in Latin letters after a figure, as read aloud (GB → 기가바이트, ms → 밀리초): none ends in a consonant except these. */
const UNIT_ENDINGS: Record<string, Ending> = {
  gb: { batchim: false }, mb: { batchim: false }, kb: { batchim: false }, tb: { batchim: false }, pb: { batchim: false },
  gib: { batchim: false }, mib: { batchim: false }, kib: { batchim: false }, tib: { batchim: false },
  ms: { batchim: false }, s: { batchim: false }, sec: { batchim: false }, seconds: { batchim: false }, second: { batchim: false },
  min: { batchim: true, rieul: false }, mins: { batchim: false }, minutes: { batchim: false }, minute: { batchim: false },
  h: { batchim: false }, hr: { batchim: false }, hours: { batchim: false }, hour: { batchim: false }, days: { batchim: false }, day: { batchim: false },
  iops: { batchim: false }, mbps: { batchim: false }, gbps: { batchim: false }, kbps: { batchim: false }, rps: { batchim: false }, tps: { batchim: false },
  "%": { batchim: false }, x: { batchim: false }, vcpu: { batchim: false }, ghz: { batchim: false }, mhz: { batchim: false }, hz: { batchim: false },
  byte: { batchim: false }, bytes: { batchim: false }, bit: { batchim: true, rieul: false }, bits: { batchim: false },
};

/** How an English word ends when Koreans write it in Hangul (Stream 스트림, Table 테이블, Queue 큐, Task 태스크). */
function englishWordEnding(word: string): Ending {
  const w = word.toLowerCase();
  const vowel = (c: string | undefined) => c !== undefined && "aeiou".includes(c);
  if (/(?:ng|m|n|l)$/.test(w)) return { batchim: true, rieul: w.endsWith("l") };
  if (/(?:le|me|ne)$/.test(w) && !/(?:ee|ie)$/.test(w)) return { batchim: true, rieul: w.endsWith("le") };
  if (/ck$/.test(w) || /[aeiou]c$/.test(w)) return { batchim: true, rieul: false }; // Stack 스택, Public 퍼블릭
  const last = w[w.length - 1];
  const before = w[w.length - 2];
  const twoBefore = w[w.length - 3];
  if (last === "k" || last === "t" || last === "p" || last === "b") {
    // After a single short vowel the consonant closes the syllable (Bucket 버킷, Group 그룹, Job 잡); after a
    // consonant it is its own syllable (Task 태스크, Host 호스트, Help 헬프). Long vowels (oo, ea, ai) vary.
    if (!vowel(before)) return { batchim: false };
    if (vowel(twoBefore)) return w.endsWith("ee" + last) || w.endsWith("ou" + last) ? { batchim: true, rieul: false } : null;
    return { batchim: true, rieul: false };
  }
  if ("dgsxzfvrhwyaeiouq".includes(last ?? "")) return { batchim: false }; // Cloud 클라우드, Tag 태그, Index 인덱스, Server 서버, Lambda 람다
  return null;
}

/** How `word` ends when read aloud, from its last readable part; null when it cannot be told. */
export function ending(word: string): Ending {
  // A parenthesis after a word glosses it; the particle follows the word: "OAI(Origin Access Identity)를".
  let w = word.replace(/\s*\([^()]*\)\s*$/, "").replace(/[\s"'“”‘’`*_.,:;!?\]})>-]+$/, "").trim();
  if (w === "") return null;
  const lastChar = w[w.length - 1]!;
  if (HANGUL.test(lastChar)) return hasBatchim(lastChar) ? { batchim: true, rieul: rieulFinal(lastChar) } : { batchim: false };
  // A figure with a Latin unit: 256 KB, 15ms, 99.9%.
  const unit = /\d\s*([A-Za-z%]+)$/.exec(w);
  if (unit) {
    const known = UNIT_ENDINGS[unit[1]!.toLowerCase()];
    if (known !== undefined) return known;
  }
  if (/\d$/.test(w)) {
    const digits = /(\d+)$/.exec(w)![1]!;
    // Digits right after letters belong to a name read in English (EC2, S3, Route 53, HS256); otherwise Korean.
    const namePart = /[A-Za-z][\s-]?\d+(?:\.\d+)?$/.test(w) || /[A-Za-z]\s\d+$/.test(w);
    if (namePart) return englishNumberEnding(digits);
    return SINO_FINAL[digits[digits.length - 1]!] ?? null;
  }
  w = w.replace(/[^A-Za-z\uAC00-\uD7A3]+$/, "");
  const lastWord = /([A-Za-z]+)$/.exec(w)?.[1];
  if (!lastWord) return null;
  // All capitals: spelled letter by letter (es-hangul knows how each letter ends).
  if (/^[A-Z]+$/.test(lastWord) && lastWord.length <= 5) {
    return josa(lastWord, "을/를").endsWith("을") ? { batchim: true, rieul: /[LR]$/.test(lastWord) } : { batchim: false };
  }
  // CamelCase: the last part is the word read (CloudTrail → Trail, DynamoDB → DB).
  const tail = /([A-Z]+|[A-Z]?[a-z]+)$/.exec(lastWord)?.[1] ?? lastWord;
  if (/^[A-Z]+$/.test(tail)) {
    return josa(tail, "을/를").endsWith("을") ? { batchim: true, rieul: /[LR]$/.test(tail) } : { batchim: false };
  }
  return englishWordEnding(tail);
}

function rieulFinal(syllable: string): boolean {
  const code = syllable.charCodeAt(0) - 0xac00;
  return code >= 0 && code % 28 === 8; // ㄹ is final consonant index 8
}

/** The form of `particle` that fits every word of `words` (so a blank reads right whichever choice fills it), else the paired form. */
export function particleFor(words: readonly string[], particle: Particle): string {
  const [withFinal, withoutFinal] = particle.split("/") as [string, string];
  const forms = new Set<string>();
  for (const word of words) {
    const e = ending(word);
    if (e === null) return paired(particle);
    if (!e.batchim) forms.add(particle === "과/와" ? "와" : withoutFinal);
    else if (particle === "으로/로" && e.rieul) forms.add("로");
    else forms.add(particle === "과/와" ? "과" : withFinal);
  }
  return forms.size === 1 ? [...forms][0]! : paired(particle);
}

/** "(은)는", "(이)가", "(으)로", "(과)와": the form printed when one word cannot be chosen. */
export function paired(particle: Particle): string {
  const [a, b] = particle.split("/") as [string, string];
  if (particle === "이/가") return "(이)가";
  if (particle === "과/와") return "(과)와";
  if (a.endsWith(b)) return `(${a.slice(0, a.length - b.length)})${b}`;
  return `(${a})${b}`;
}

/** `word` followed by the particle that fits it (or the paired form when its reading is unknown). */
export function withParticle(word: string, particle: Particle): string {
  return word + particleFor([word], particle);
}

/** The particle pairs a blank may be followed by, longest first, so "으로" is not read as "으" + "로". */
export const PARTICLE_FORMS: ReadonlyArray<{ form: string; particle: Particle }> = (
  [
    ["이/가", ["이", "가"]],
    ["은/는", ["은", "는"]],
    ["을/를", ["을", "를"]],
    ["과/와", ["과", "와"]],
    ["으로/로", ["으로", "로"]],
    ["이나/나", ["이나", "나"]],
    ["이며/며", ["이며", "며"]],
    ["이고/고", ["이고", "고"]],
    ["이다/다", ["이다", "다"]],
    ["이라/라", ["이라", "라"]],
    ["이면/면", ["이면", "면"]],
  ] as Array<[Particle, string[]]>
)
  .flatMap(([particle, forms]) => forms.map((form) => ({ form, particle })))
  .sort((a, b) => b.form.length - a.form.length);
