import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPredicate, stems } from "../../src/core/notes/morphology.js";

const root = path.resolve(import.meta.dirname, "../..");
const rows = readFileSync(path.join(root, "test/fixtures/korean-morphology.tsv"), "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.split("\t") as [string, string]);

describe("Korean morphology", () => {
  it("the committed list has at least 200 word + particle/ending forms", () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
  });

  it("strips every particle and ending of the list back to its word", () => {
    const missed = rows.filter(([surface, word]) => {
      const last = surface.split(" ").pop()!;
      const want = word.split(" ").pop()!;
      return !stems(last).some((s) => s.stem === want);
    });
    expect(missed).toEqual([]);
  });

  it("keeps the word itself as the first candidate, so 차이 stays a word", () => {
    expect(stems("차이")[0]).toEqual({ stem: "차이", kind: "none" });
    expect(stems("뮤텍스를").map((s) => s.stem)).toContain("뮤텍스");
  });

  it("tells spoken predicates from loanwords ending in 어, 지 or 다", () => {
    for (const w of ["생겨", "빨라져요", "끊기면", "되나요"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["세마포어", "페이지", "람다", "미들웨어"]) expect(isPredicate(w), w).toBe(false);
  });
});
