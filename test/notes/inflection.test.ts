import { describe, expect, it } from "vitest";
import { baseForms } from "../../src/core/notes/inflection.js";

describe("baseForms", () => {
  it("undoes plain suffixes, a doubled consonant, and irregular past forms", () => {
    expect(baseForms("sharing")).toContain("share");
    expect(baseForms("splitting")).toContain("split");
    expect(baseForms("queries")).toContain("query");
    expect(baseForms("fastest")).toContain("fast");
    expect(baseForms("latest")).toContain("late");
    expect(baseForms("chosen")).toEqual(expect.arrayContaining(["choose"]));
    expect(baseForms("built")[0]).toBe("build");
  });

  it("leaves the comparative -er, a past form that is a word of its own, and bases under three letters", () => {
    expect(baseForms("optimizer")).not.toContain("optimize");
    expect(baseForms("left")).toEqual([]);
    expect(baseForms("bed")).toEqual([]);
  });
});
