// Drafting on the fixture notes of test/fixtures/draft, read through the real notes loader.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadNotes } from "../../src/core/notes/load.js";
import type { Section } from "../../src/core/notes/types.js";
import { draftQuestions, type Draft, type DraftOptions, type DraftResult } from "../../src/core/questions/draft/index.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(ROOT, "test/fixtures/draft");

let cached: Section[] | undefined;
export function fixtureSections(): Section[] {
  return (cached ??= loadNotes(FIXTURES, ROOT));
}

export function draftFixture(name: string, options: Partial<DraftOptions> = {}): DraftResult {
  const file = `test/fixtures/draft/${name}`;
  return draftQuestions(fixtureSections(), { file, content: readFileSync(path.join(ROOT, file), "utf8"), ...options });
}

/** The note line a draft cites, as written in the file. */
export function citedLine(name: string, draft: Draft): string {
  return readFileSync(path.join(FIXTURES, name), "utf8").split("\n")[draft.line - 1]!;
}

export function correct(d: Draft): string {
  return d.choices[d.answer]!;
}
