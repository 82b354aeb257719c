// The shipped bank (questions/) against the shipped notes (notes/), through the real notes parser and the same
// review `studybot questions validate --strict` runs.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadNotes } from "../../src/core/notes/load.js";
import { validateQuestionBank } from "../../src/core/questions/load.js";
import { reviewBank } from "../../src/core/questions/review.js";
import { noteNames } from "../../src/core/questions/validate.js";

const root = path.resolve(import.meta.dirname, "../..");

/** What the bank promises its members: enough questions overall, per note and per topic. */
const MIN_QUESTIONS = 300;
const MIN_PER_NOTE = 20;
const MIN_PER_TOPIC = 3;

describe("the shipped question bank", () => {
  const sections = loadNotes(path.join(root, "notes"), root);
  const result = validateQuestionBank(path.join(root, "questions"), { sections, rootDir: root });
  const review = reviewBank(result.questions, { sections, exams: result.exams.keys() });

  it("has no problems", () => {
    expect(result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
    expect(result.bank).toBeDefined();
  });

  it(`has at least ${MIN_QUESTIONS} questions`, () => {
    expect(result.questions.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
  });

  it(`has at least ${MIN_PER_NOTE} questions for every note`, () => {
    const fileOf = new Map(sections.map((s) => [s.id, s.file]));
    const perNote = new Map<string, number>();
    for (const q of result.questions) {
      const file = fileOf.get(q.sectionId ?? -1) ?? "(unresolved)";
      perNote.set(file, (perNote.get(file) ?? 0) + 1);
    }
    const names = noteNames(sections);
    expect(names.size).toBeGreaterThan(0);
    const tooFew = [...names].map(([file, note]) => ({ note, questions: perNote.get(file) ?? 0 })).filter((n) => n.questions < MIN_PER_NOTE);
    expect(tooFew).toEqual([]);
  });

  it(`has at least ${MIN_PER_TOPIC} questions for every topic of topics.yaml`, () => {
    const perTopic = new Map<string, number>();
    for (const q of result.questions) perTopic.set(q.topic, (perTopic.get(q.topic) ?? 0) + 1);
    expect(result.topics.size).toBeGreaterThan(0);
    const tooFew = [...result.topics.keys()].map((topic) => ({ topic, questions: perTopic.get(topic) ?? 0 })).filter((t) => t.questions < MIN_PER_TOPIC);
    expect(tooFew).toEqual([]);
  });

  it("passes the strict review: every finding carries a recorded reason", () => {
    expect(review.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`)).toEqual([]);
    for (const e of review.exceptions) expect({ ids: e.ids, reason: e.reason?.trim() }).toEqual({ ids: e.ids, reason: expect.stringMatching(/\S/) });
  });

  it("names files relative to the project root", () => {
    expect(result.files.length).toBeGreaterThan(0);
    for (const f of result.files) expect(f).toMatch(/^questions\/[^/]+\.ya?ml$/);
  });
});
