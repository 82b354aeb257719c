// The shipped bank (questions/) against the shipped notes (notes/), through the real notes parser.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadNotes } from "../../src/core/notes/load.js";
import { validateQuestionBank } from "../../src/core/questions/load.js";
import { noteNames } from "../../src/core/questions/validate.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("the shipped question bank", () => {
  const sections = loadNotes(path.join(root, "notes"), root);
  const result = validateQuestionBank(path.join(root, "questions"), { sections, rootDir: root });

  it("has no problems", () => {
    expect(result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
    expect(result.bank).toBeDefined();
  });

  it("has at least 200 questions, and at least 10 for every note", () => {
    expect(result.questions.length).toBeGreaterThanOrEqual(200);
    const perNote = new Map<string, number>();
    for (const q of result.questions) {
      const file = sections.find((s) => s.id === q.sectionId)?.file ?? "(unresolved)";
      perNote.set(file, (perNote.get(file) ?? 0) + 1);
    }
    for (const [file, name] of noteNames(sections)) {
      expect({ note: name, questions: perNote.get(file) ?? 0 }).toEqual({ note: name, questions: expect.toSatisfy((n: number) => n >= 10) });
    }
  });

  it("names files relative to the project root", () => {
    expect(result.files.length).toBeGreaterThan(0);
    for (const f of result.files) expect(f).toMatch(/^questions\/[^/]+\.ya?ml$/);
  });
});
