import { describe, expect, it } from "vitest";
import { closest, editDistance, questionSchema } from "../../src/core/questions/schema.js";
import type { Question } from "../../src/core/questions/types.js";
import { checkGrounding, noteNames, normalizeHeading, resolveSource, sectionSupports } from "../../src/core/questions/validate.js";
import { sampleSections, section } from "./fixtures.js";

function questionOn(sectionId: number | null, choices: string[], answer: number, id = "q"): Question {
  return {
    id,
    topic: "lambda",
    tags: [],
    difficulty: 1,
    prompt: "?",
    choices,
    answer,
    explanation: "e",
    source: { note: "n", heading: "h" },
    file: "questions/a.yaml",
    line: 7,
    hash: "0".repeat(16),
    sectionId,
  };
}

describe("questionSchema", () => {
  const raw = {
    id: "lambda-timeout-max",
    topic: "lambda",
    tags: ["DVA"],
    difficulty: "1",
    prompt: "Q?",
    choices: ["a", "b"],
    answer: "1",
    explanation: "E",
    source: { note: "dva-theory.txt", heading: "10.16. Limitation" },
  };

  it("accepts a question and converts difficulty and answer to numbers", () => {
    expect(questionSchema.parse(raw)).toMatchObject({ difficulty: 1, answer: 1 });
  });

  it("rejects unknown fields and an answer outside the choices", () => {
    const r = questionSchema.safeParse({ ...raw, answr: "1" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.code).toBe("unrecognized_keys");
    const out = questionSchema.safeParse({ ...raw, answer: "2" });
    expect(out.success).toBe(false);
    expect(out.error!.issues.map((i) => [i.path, i.message])).toEqual([[["answer"], "answer 2 is out of range: there are 2 choices, so answer must be 0–1 (0-based)"]]);
  });
});

describe("resolveSource", () => {
  const sections = sampleSections();

  it("names notes by their path under the common notes folder", () => {
    expect([...noteNames(sections).values()]).toEqual(["dva-theory.txt", "saa-c02-study.md", "serverless.md"]);
  });

  it("strips Markdown heading markup but keeps lecture numbers", () => {
    expect(normalizeHeading("##  10.16.   Limitation ")).toBe("10.16. Limitation");
    expect(normalizeHeading("#28 EBS Volume Type")).toBe("#28 EBS Volume Type");
    expect(normalizeHeading("# #28 EBS")).toBe("#28 EBS");
  });

  it("prefers an exact-case match over a case-insensitive one", () => {
    const both = [section("notes/a.md", 1, "Limits", "x"), section("notes/a.md", 9, "LIMITS", "y")];
    const r = resolveSource("a.md", "LIMITS", both);
    expect(r).toEqual({ kind: "ok", sections: [both[1]] });
    const r2 = resolveSource("a.md", "limits", both);
    expect(r2).toEqual({ kind: "ok", sections: both });
  });

  it("reports an ambiguous note name", () => {
    const two = [section("notes/a/x.md", 1, "H", ""), section("notes/b/x.md", 1, "H", "")];
    expect(resolveSource("x.md", "H", two)).toEqual({ kind: "ambiguous-note", files: ["notes/a/x.md", "notes/b/x.md"] });
    expect(resolveSource("b/x.md", "H", two)).toMatchObject({ kind: "ok" });
  });

  it("suggests the closest headings of the cited note only", () => {
    const r = resolveSource("dva-theory.txt", "SQS Standard", sections);
    expect(r.kind).toBe("unknown-heading");
    if (r.kind !== "unknown-heading") return;
    expect(r.suggestions[0]!.heading).toBe("12.1. SQS Standard Queue");
    expect(r.suggestions.every((s) => s.file === "notes/dva-theory.txt")).toBe(true);
  });
});

describe("similarity helpers", () => {
  it("edit distance counts code points (Hangul syllables are one each)", () => {
    expect(editDistance("람다", "람다")).toBe(0);
    expect(editDistance("람다", "람더")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("closest ranks typos and containment above unrelated keys", () => {
    expect(closest("lamda", ["sqs", "lambda", "api-gateway"])).toEqual(["lambda"]);
    expect(closest("Limitation", ["10.16. Limitation", "11. DynamoDB"])).toEqual(["10.16. Limitation"]);
    expect(closest("zzz", ["lambda"])).toEqual([]);
  });
});

describe("grounding", () => {
  const sections = sampleSections();
  const limitation = sections[0]!;
  const ebs = sections[2]!;

  it("finds the correct choice in the section ignoring case, spacing and emphasis markup", () => {
    expect(sectionSupports(limitation, "900 Seconds")).toBe(true);
    expect(sectionSupports(ebs, "provisioned iops")).toBe(true);
    expect(sectionSupports(ebs, "#28 EBS Volume Type")).toBe(true);
    expect(sectionSupports(limitation, "15분")).toBe(false);
    expect(sectionSupports(limitation, "   ")).toBe(false);
  });

  it("counts supported questions and warns, at the question's line, for the others", () => {
    const questions = [
      questionOn(limitation.id, ["3초", "900seconds"], 1, "ok-one"),
      questionOn(limitation.id, ["15분", "5분"], 0, "not-grounded"),
      questionOn(null, ["a", "b"], 0, "unresolved"),
    ];
    const report = checkGrounding(questions, sections);
    expect(report.checked).toBe(2);
    expect(report.supported).toBe(1);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatchObject({ file: "questions/a.yaml", line: 7 });
    expect(report.warnings[0]!.message).toMatch(/^warning: the correct choice "15분" of "not-grounded" does not appear in the cited section "10.16. Limitation" \(notes\/dva-theory.txt:555\)/);
  });
});
