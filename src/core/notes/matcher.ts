// A small term matcher on the lookup's analyzer, for names typed in Korean or English: `/quiz 람다` → the topic
// `lambda`, `/quiz 키네` → `kinesis`, and close suggestions for a name that matches nothing exactly.
import { disassemble, getChoseong } from "es-hangul";
import { normalize, normalizeTyped } from "./analyze.js";
import { SearchIndex } from "./search.js";
import type { Section } from "./types.js";

export interface TermEntry {
  key: string;
  /** the names the entry goes by, in any language ("lambda", "Lambda", "람다") */
  names: string[];
}

export interface TermMatch {
  key: string;
  /** 0..1: 1 for an exact name, less for a prefix or a search match */
  score: number;
}

export interface TermMatcher {
  /** Entries that plausibly mean `input`, best first; empty when nothing is plausible. */
  match(input: string): TermMatch[];
  /**
   * For autocomplete, as `typed` is being typed: entries with a name that starts with it (one letter, an
   * unfinished syllable, or initial consonants alone: ㄹㄷ → 람다), the shortest names first, then `match`'s.
   */
  complete(typed: string): TermMatch[];
}

const squash = (s: string) => normalize(s).replace(/[\s\-_/]+/g, "");
/** What is being typed, squashed alike; jamo of an unfinished syllable stay jamo (람ㄷ → 람다). */
const squashTyped = (s: string) => normalizeTyped(s).replace(/[\s\-_/]+/g, "");

/** Builds a matcher over `entries`: exact names and spellings first, then prefixes, then the lookup's ranking. */
export function createTermMatcher(entries: ReadonlyArray<TermEntry>): TermMatcher {
  // Each entry is a one-section corpus: its names are its heading, so concepts, loanwords and typo correction apply.
  const sections: Section[] = entries.map((e, i) => ({ id: i, file: "terms", line: i + 1, level: 1, heading: e.names.join(" / ") || e.key, raw: e.key, path: [e.key], text: [e.key, ...e.names].join("\n") }));
  const index = new SearchIndex(sections);
  // Entries may share a name: each is offered, and the name then resolves to neither.
  const exact = new Map<string, number[]>();
  const prefixes: Array<{ key: string; initials: string; entry: number }> = [];
  entries.forEach((e, i) => {
    for (const name of [e.key, ...e.names]) {
      const forms = [name, ...index.spellings(name)];
      for (const f of forms) {
        const named = exact.get(squash(f));
        if (!named) exact.set(squash(f), [i]);
        else if (!named.includes(i)) named.push(i);
        prefixes.push({ key: disassemble(squash(f)), initials: /[\uac00-\ud7a3]/.test(f) ? getChoseong(squash(f)) : "", entry: i });
      }
    }
  });
  const conceptOf = (s: string) => [...index.analyze(s).concepts];
  // Each entry's concepts, worked out once rather than at every keystroke.
  const entryConcepts = entries.map((e) => new Set(e.names.concat(e.key).flatMap(conceptOf)));
  const ranked = (scores: Map<number, number>): TermMatch[] =>
    [...scores]
      .map(([entry, score]) => ({ key: entries[entry]!.key, score: Math.round(score * 1000) / 1000 }))
      .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  const matcher: TermMatcher = {
    complete(typed: string): TermMatch[] {
      const want = squashTyped(typed.slice(0, 100));
      if (!want) return [];
      const onlyInitials = /^[\u3131-\u314e]+$/.test(want);
      const key = onlyInitials ? want : disassemble(want);
      const scores = new Map<number, number>();
      for (const p of prefixes) {
        const name = onlyInitials ? p.initials : p.key;
        if (name.startsWith(key)) scores.set(p.entry, Math.max(scores.get(p.entry) ?? 0, 0.6 + 0.3 * (key.length / name.length)));
      }
      for (const m of matcher.match(typed)) {
        const entry = entries.findIndex((e) => e.key === m.key);
        if (!scores.has(entry)) scores.set(entry, m.score * 0.6);
      }
      return ranked(scores);
    },
    match(input: string): TermMatch[] {
      const typed = squashTyped(input.slice(0, 100));
      if (!typed || !/[\p{L}\p{N}]/u.test(typed)) return [];
      const scores = new Map<number, number>();
      const offer = (entry: number, score: number) => scores.set(entry, Math.max(scores.get(entry) ?? 0, score));
      for (const entry of exact.get(typed) ?? []) offer(entry, 1);
      // The same concept under another name (람다 함수 → lambda).
      const concepts = conceptOf(input);
      if (concepts.length) entryConcepts.forEach((known, i) => {
        if (concepts.some((c) => known.has(c))) offer(i, 0.9);
      });
      if (typed.length >= 2) {
        const key = disassemble(typed);
        for (const p of prefixes) if (p.key.startsWith(key)) offer(p.entry, 0.6 + 0.3 * (key.length / p.key.length));
      }
      for (const r of index.search(input, 5)) offer(r.index, 0.5 * Math.min(1, r.coverage));
      return ranked(scores);
    },
  };
  return matcher;
}
