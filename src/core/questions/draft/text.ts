// Reading a line of notes: its language, whether it stands on its own, and comparing short texts.
import { normalizeText } from "../schema.js";

export type Lang = "ko" | "en";

const HANGUL = /[\uAC00-\uD7A3]/g;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/** Korean when Hangul makes up a real part of the text (notes mix English terms into Korean sentences). */
export function languageOf(text: string): Lang {
  const hangul = (text.match(HANGUL) ?? []).length;
  const latin = (text.match(LATIN_WORD) ?? []).join("").length;
  return hangul > 0 && hangul * 3 >= latin * 0.5 ? "ko" : "en";
}

/**
 * Words and phrases that make a sentence lean on what came before or after it: asked alone, such a sentence has
 * no clear answer ("위와 같이", "이것", "this", "above").
 */
const CONTEXT_KO = [
  /(?:^|\s)(?:위|아래|앞|뒤|상기|하기)(?:와|의|에서|에|처럼|\s*내용|\s*그림|\s*표|\s*예시?)(?=\s|$|[,.])/,
  /(?:^|\s)(?:다음과|다음의|다음에|다음\s*[0-9]+)/,
  /(?:^|\s)(?:이것|이거|그것|그거|저것|이는|이를|이게|그게|이건|그건|이러한|그러한|이런|그런|이와|그와|이에|그에|이때|그때|이곳|그곳|여기|거기|해당)(?=\s|$|[,.])/,
  /(?:^|\s)(?:이|그|저)\s+(?:경우|때|방식|방법|기능|서비스|값|것|부분|문제|점|내용)/,
  /^(?:즉|따라서|그래서|그러므로|그러나|하지만|또한|또는|그리고|그럼|근데|반면|결국|그럴|물론)(?=\s|,|$)/,
  /(?:참고|참조)(?:\s|$|\)|\.)/,
  /\d+\s*강/,
  /(?:^|\s)(?:예를 들어|예를 들면|예\)|예:|ex\)|e\.g\.)/i,
];
const CONTEXT_EN = [
  /\b(?:this|these|those|it|its|they|them|their|such)\b/i,
  /^(?:that|there|here)\b/i,
  /\b(?:above|below|previous|preceding|following|aforementioned|former|latter|same)\b/i,
  /\b(?:as (?:shown|mentioned|described|noted|discussed)|see (?:also )?(?:figure|table|section|chapter|page))\b/i,
  /^(?:so|thus|therefore|hence|but|however|also|and|or|then|otherwise)\b/i,
  /\bex\)|\be\.g\.|\bi\.e\./i,
];

/** The first phrase in `text` that makes it depend on its context, or null when it stands on its own. */
export function contextDependence(text: string): string | null {
  for (const re of [...CONTEXT_KO, ...CONTEXT_EN]) {
    const m = re.exec(text);
    if (m) return m[0].trim();
  }
  return null;
}

/** Marks the author's own doubt or an unfinished line: no question may be drafted from it. */
export function isUncertain(text: string): boolean {
  return /\?|TODO|TBD|FIXME|\.\.\.$|…$|확인\s*필요|모르겠|맞나|인가\s*$|\(\s*\)$|것\s*같|인\s*듯|한\s*듯|아마|\bmaybe\b|\bprobably\b|\bi think\b|\bnot sure\b/i.test(text);
}

/** A line that reads like code or a command rather than prose. */
export function looksLikeCode(text: string): boolean {
  return /\/[\w.-]+\/[\w.-]+|[{};]\s*$|=>|\(\)|^\$\s|^(?:aws|npm|pip|git|sudo|docker|kubectl|curl|cd|ls|chmod)\s|[a-z_]+\([^)]*\)\s*$|^\s*(?:def|class|function|const|let|var|import|return|if|for|while)\b.*[:({]/.test(
    text,
  );
}

/** Comparison form of a short text: NFKC, lowercase, single spaces, no surrounding punctuation or quotes. */
export function norm(s: string): string {
  return normalizeText(s)
    .replace(/[()[\]{}]/g, " ")
    .replace(/[“”"'‘’`]/g, "")
    .replace(/[\s.,:;·]+$/g, "")
    .replace(/^[\s.,:;·]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const squashed = new Map<string, string>();

/** Same text ignoring case, spacing, hyphens and punctuation: "Spot Fleet" = "spot-fleet" = "SpotFleet". */
export function squash(s: string): string {
  let out = squashed.get(s);
  if (out === undefined) {
    // Drafting compares the same section texts and terms many times over: remember them (bounded).
    if (squashed.size > 20000) squashed.clear();
    out = norm(s).replace(/[\s\-_/.,:;·]+/g, "");
    squashed.set(s, out);
  }
  return out;
}

/** Visible length: a Hangul syllable counts as two Latin letters, as it does in width. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\uAC00-\uD7A3\u3131-\u318E]/.test(ch) ? 2 : 1;
  return w;
}

const words = new Map<string, string[]>();

/** Content words of a text (particles of Korean words dropped) for overlap checks. */
export function contentWords(s: string): string[] {
  let out = words.get(s);
  if (out === undefined) {
    if (words.size > 20000) words.clear();
    out = splitWords(s);
    words.set(s, out);
  }
  return out;
}

function splitWords(s: string): string[] {
  return norm(s)
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.replace(/(?:으로|에서|에게|까지|부터|이나|이며|이고|이다|은|는|이|가|을|를|의|에|로|와|과|도|만)$/, ""))
    .filter((w) => w.length >= 2);
}

/** The script a term is written in, for choosing choices of the same form. */
export function script(s: string): "latin" | "hangul" | "mixed" {
  const hangul = /[\uAC00-\uD7A3]/.test(s);
  const latin = /[A-Za-z]/.test(s);
  return hangul && latin ? "mixed" : hangul ? "hangul" : "latin";
}

/** Whether `needle` occurs in `haystack` as written, ignoring case, spacing, emphasis and hyphens. */
export function mentions(haystack: string, needle: string): boolean {
  const n = squash(needle);
  return n.length > 0 && squash(haystack).includes(n);
}

/** The sentences of a line with their offsets: a paragraph line often holds several. */
export function sentences(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  const re = /(?<=[^\d\s][.!。]|[?!])\s+(?=\S)/g;
  let start = 0;
  for (const m of text.matchAll(re)) {
    out.push({ start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  out.push({ start, text: text.slice(start) });
  return out.filter((s) => s.text.trim() !== "");
}
