// The lookup the platforms call: ranked sections with their breadcrumb and a trimmed snippet, suggestions for
// autocomplete, and direct resolution of a suggestion's value. Pure and synchronous: the index lives in memory.
import { normalize, normalizeTyped } from "./analyze.js";
import { HeadingPrefixes } from "./prefix.js";
import { isStopLatin, MAX_QUERY_CHARS } from "./plan.js";
import { headingWords, SearchIndex } from "./search.js";
import type { LookupHit, LookupResult, Section, Suggestion } from "./types.js";

export const MAX_SUGGESTIONS = 25;
export const MAX_SUGGESTION_CHARS = 100;
export const MORE_MARKER = "…";
const SECTION_VALUE = /^section:(.+)#(\d+)$/;

export interface LookupOptions {
  /** how many sections (default 5) */
  limit?: number;
  /** trim each snippet to this many characters at a line boundary (default 1500) */
  maxChars?: number;
}

/** Removes control characters and collapses blanks; the query is capped so no input can be slow. */
export function cleanQuery(query: string): string {
  return query
    .slice(0, MAX_QUERY_CHARS * 2)
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_QUERY_CHARS);
}

export class LookupService {
  private readonly index: SearchIndex;
  /** sections by suggestion value, made when the first value is resolved */
  private byValue?: Map<string, Section>;
  /** each section's heading, normalised, for the close headings of an empty result; made on the first one */
  private headingWords?: HeadingWords;
  /** built on first use: the bot is ready sooner, and the first suggestion pays for it once */
  private prefixIndex?: HeadingPrefixes;
  /** each section's suggestion (by index), made when first offered: the same ones are offered at every keystroke */
  private readonly suggestions: Array<Suggestion | undefined> = [];

  constructor(readonly sections: readonly Section[]) {
    this.index = new SearchIndex(sections);
  }

  private prefixes(): HeadingPrefixes {
    return (this.prefixIndex ??= new HeadingPrefixes(
      this.sections.map((s) => normalize(headingWords(s.heading)).match(/[a-z0-9]+|[\uac00-\ud7a3]+/g) ?? []),
      (w) => this.index.spellings(w),
      (syllables) => this.index.beginsHangulWord(syllables),
    ));
  }

  lookup(query: string, opts: LookupOptions = {}): LookupResult {
    const limit = clamp(opts.limit ?? 5, 1, 50);
    const maxChars = clamp(opts.maxChars ?? 1500, 40, 100_000);
    const cleaned = cleanQuery(query);
    const direct = this.section(cleaned);
    if (direct) return { query, normalized: cleaned, hits: [this.hit(direct, 1, maxChars)], suggestions: [] };
    // A section reference that resolves to nothing is not a question about the notes.
    const ranked = cleaned && !SECTION_VALUE.test(cleaned) && !cleaned.startsWith("section:") ? this.index.search(cleaned, limit) : [];
    const top = ranked[0]?.score ?? 1;
    const hits = ranked.map((r) => this.hit(this.sections[r.index]!, round3(r.score / top), maxChars));
    return { query, normalized: normalize(cleaned), hits, suggestions: hits.length ? [] : this.closeHeadings(cleaned) };
  }

  /**
   * Autocomplete as people type, Korean included: a heading word (or one of its spellings: Kinesis ↔ 키네시스)
   * that starts with what was typed, compared letter by letter (jamo), so an unfinished syllable counts (람ㄷ →
   * 람다) and initial consonants alone do too (ㄹㄷ → 람다); then the best search matches.
   */
  suggest(prefix: string): Suggestion[] {
    const typed = normalizeTyped(cleanQuery(prefix));
    if (typed) {
      const picked = this.prefixes().match(typed, MAX_SUGGESTIONS);
      if (picked.length < MAX_SUGGESTIONS && /[\uac00-\ud7a3a-z0-9]/.test(typed) && (picked.length < 5 || typed.includes(" "))) {
        for (const r of this.index.search(typed, MAX_SUGGESTIONS)) {
          if (picked.length >= MAX_SUGGESTIONS) break;
          if (!picked.includes(r.index)) picked.push(r.index);
        }
      }
      return picked.map((i) => (this.suggestions[i] ??= toSuggestion(this.sections[i]!)));
    }
    return this.topSections();
  }

  /** With nothing typed: the notes' top-level sections. */
  private topSections(): Suggestion[] {
    return this.sections
      .filter((s) => s.path.length <= 2 && s.text)
      .slice(0, MAX_SUGGESTIONS)
      .map(toSuggestion);
  }

  /** Resolves a suggestion value ("section:notes/x.md#12") to its section. */
  section(value: string): Section | null {
    if (!SECTION_VALUE.test(value)) return null;
    this.byValue ??= new Map(this.sections.map((s) => [sectionValue(s), s]));
    return this.byValue.get(value) ?? null;
  }

  private hit(section: Section, score: number, maxChars: number): LookupHit {
    const { text, truncated } = trimAtLine(section.text, maxChars);
    return { section, score, snippet: text, truncated };
  }

  /**
   * For an empty result: headings sharing a word with the query, so the user can rephrase. A Korean word counts
   * inside a heading's word (람다 in 람다의); an English one only whole, and not grammar or an operator (or is in
   * no Workflow).
   */
  private closeHeadings(query: string): Suggestion[] {
    const words = normalize(query)
      .split(/\s+/)
      .filter((w) => w.length >= 2 && !isStopLatin(w));
    if (!words.length) return [];
    const headings = (this.headingWords ??= new HeadingWords(this.sections.map((s) => normalize(s.heading))));
    // The first sections, in the notes' order, whose heading has one of the words.
    const first: number[] = [];
    for (const w of words) first.push(...(/[\uac00-\ud7a3]/.test(w) ? headings.containing(w, MAX_CLOSE_HEADINGS) : headings.withWord(w, MAX_CLOSE_HEADINGS)));
    return [...new Set(first)]
      .sort((a, b) => a - b)
      .slice(0, MAX_CLOSE_HEADINGS)
      .map((i) => toSuggestion(this.sections[i]!));
  }
}

/** How many close headings an empty result offers. */
const MAX_CLOSE_HEADINGS = 5;

/** The headings (normalised) looked up by word, for an empty result's close headings: a large corpus has tens of
 * thousands, so a word's headings are found without reading them all. */
class HeadingWords {
  /** every heading, each followed by a line break */
  private readonly all: string;
  /** where each heading starts in `all` */
  private readonly starts: Int32Array;
  /** Latin word → the headings that have it whole, in order */
  private readonly latin = new Map<string, number[]>();

  constructor(headings: readonly string[]) {
    this.starts = new Int32Array(headings.length);
    let at = 0;
    headings.forEach((text, i) => {
      this.starts[i] = at;
      at += text.length + 1;
      for (const w of new Set(text.match(/[a-z0-9]+/g) ?? [])) {
        const list = this.latin.get(w);
        if (list) list.push(i);
        else this.latin.set(w, [i]);
      }
    });
    this.all = headings.join("\n") + "\n";
  }

  /** The first `limit` headings that have the Latin word whole. */
  withWord(word: string, limit: number): number[] {
    return (this.latin.get(word) ?? []).slice(0, limit);
  }

  /** The first `limit` headings that contain the text (a Korean word inside a heading's word: 람다 in 람다의). */
  containing(text: string, limit: number): number[] {
    const out: number[] = [];
    for (let at = this.all.indexOf(text); at >= 0 && out.length < limit; at = this.all.indexOf(text, at + 1)) {
      const i = headingAt(this.starts, at);
      if (out[out.length - 1] !== i) out.push(i);
      // on to the next heading
      at = i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : this.all.length;
    }
    return out;
  }
}

/** The heading whose text holds offset `at`: the last start at or before it. */
function headingAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function sectionValue(s: Pick<Section, "file" | "line">): string {
  return `section:${s.file}#${s.line}`;
}

function toSuggestion(s: Section): Suggestion {
  const note = s.file.split("/").pop()!.replace(/\.[^.]+$/, "");
  let label = `${note} › ${s.heading}`;
  if (label.length > MAX_SUGGESTION_CHARS) label = label.slice(0, MAX_SUGGESTION_CHARS - 1) + "…";
  return { label, value: sectionValue(s) };
}

/**
 * Cuts `text` to at most `maxChars` at a line boundary and appends a visible marker line, so a section is
 * never cut mid-line without saying so. A first line longer than the limit is cut at a word.
 */
export function trimAtLine(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const budget = maxChars - MORE_MARKER.length - 1;
  // Whole lines while they fit, from the first non-empty one; found by position, the rest is never split.
  let start = -1;
  let end = 0;
  for (let pos = 0; pos <= text.length; ) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    if (nl - (start < 0 ? pos : start) > budget) break;
    if (start >= 0) end = nl;
    else if (nl > pos) [start, end] = [pos, nl];
    pos = nl + 1;
  }
  let out = start < 0 ? "" : text.slice(start, end);
  if (!out) {
    const nl = text.indexOf("\n");
    const cut = text.slice(0, nl < 0 ? text.length : nl).slice(0, budget);
    out = cut.replace(/\s+\S*$/, "") || cut;
  }
  return { text: out.trimEnd() + "\n" + MORE_MARKER, truncated: true };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : lo;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
