// The lookup the platforms call: ranked sections with their breadcrumb and a trimmed snippet, suggestions for
// autocomplete, and direct resolution of a suggestion's value. Pure and synchronous: the index lives in memory.
import { normalize } from "./analyze.js";
import { MAX_QUERY_CHARS, SearchIndex } from "./search.js";
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
  private readonly byValue = new Map<string, Section>();

  constructor(readonly sections: readonly Section[]) {
    this.index = new SearchIndex(sections);
    for (const s of sections) this.byValue.set(sectionValue(s), s);
  }

  lookup(query: string, opts: LookupOptions = {}): LookupResult {
    const limit = clamp(opts.limit ?? 5, 1, 50);
    const maxChars = clamp(opts.maxChars ?? 1500, 40, 100_000);
    const cleaned = cleanQuery(query);
    const direct = this.section(cleaned);
    if (direct) return { query, normalized: cleaned, hits: [this.hit(direct, 1, maxChars)], suggestions: [] };
    const ranked = cleaned ? this.index.search(cleaned, limit) : [];
    const top = ranked[0]?.score ?? 1;
    const hits = ranked.map((r) => this.hit(this.sections[r.index]!, round3(r.score / top), maxChars));
    return { query, normalized: normalize(cleaned), hits, suggestions: hits.length ? [] : this.closeHeadings(cleaned) };
  }

  /** Autocomplete: headings that start with or contain what was typed, then the best search matches. */
  suggest(prefix: string): Suggestion[] {
    const typed = normalize(cleanQuery(prefix));
    const picked: Section[] = [];
    const seen = new Set<number>();
    const take = (s: Section) => {
      if (!seen.has(s.id) && picked.length < MAX_SUGGESTIONS) {
        seen.add(s.id);
        picked.push(s);
      }
    };
    if (!typed) {
      for (const s of this.sections) if (s.path.length <= 2 && s.text) take(s);
      return picked.map(toSuggestion);
    }
    const headingOf = (s: Section) => normalize(s.heading).replace(/^#\d+\s*/, "");
    for (const s of this.sections) if (headingOf(s).startsWith(typed)) take(s);
    for (const s of this.sections) if (headingOf(s).includes(typed)) take(s);
    for (const r of this.index.search(typed, MAX_SUGGESTIONS)) take(this.sections[r.index]!);
    return picked.map(toSuggestion);
  }

  /** Resolves a suggestion value ("section:notes/x.md#12") to its section. */
  section(value: string): Section | null {
    if (!SECTION_VALUE.test(value)) return null;
    return this.byValue.get(value) ?? null;
  }

  private hit(section: Section, score: number, maxChars: number): LookupHit {
    const { text, truncated } = trimAtLine(section.text, maxChars);
    return { section, score, snippet: text, truncated };
  }

  /** For an empty result: headings sharing a word with the query, so the user can rephrase. */
  private closeHeadings(query: string): Suggestion[] {
    const words = normalize(query).split(/\s+/).filter((w) => w.length >= 2);
    if (!words.length) return [];
    const out: Suggestion[] = [];
    for (const s of this.sections) {
      const h = normalize(s.heading);
      if (words.some((w) => h.includes(w))) out.push(toSuggestion(s));
      if (out.length >= 5) break;
    }
    return out;
  }
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
  const lines = text.split("\n");
  let out = "";
  for (const line of lines) {
    const next = out ? out + "\n" + line : line;
    if (next.length > budget) break;
    out = next;
  }
  if (!out) {
    const cut = lines[0]!.slice(0, budget);
    out = cut.replace(/\s+\S*$/, "") || cut;
  }
  return { text: out.replace(/\s+$/, "") + "\n" + MORE_MARKER, truncated: true };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : lo;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
