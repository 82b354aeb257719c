import { describe, expect, it } from "vitest";
import { createTermMatcher } from "../../src/core/notes/matcher.js";

const matcher = createTermMatcher([
  { key: "lambda", names: ["Lambda", "람다"] },
  { key: "kinesis", names: ["Kinesis"] },
  { key: "s3", names: ["S3", "Simple Storage Service"] },
  { key: "dynamodb", names: ["DynamoDB"] },
  { key: "deadlock", names: ["교착 상태"] },
  { key: "mutex", names: ["Mutex"] },
]);
const best = (q: string) => matcher.match(q)[0]?.key;

describe("term matcher", () => {
  it("resolves a name typed in Korean or English, with its spelling variants", () => {
    expect(best("람다")).toBe("lambda");
    expect(best("Lambda")).toBe("lambda");
    expect(best("lamda")).toBe("lambda");
    expect(best("키네시스")).toBe("kinesis");
    expect(best("다이나모")).toBe("dynamodb");
    expect(best("교착상태")).toBe("deadlock");
    expect(best("deadlock")).toBe("deadlock");
  });

  it("finds a loanword by sound and a name by its beginning", () => {
    expect(best("뮤텍스")).toBe("mutex");
    expect(best("키네")).toBe("kinesis");
  });

  it("reads an unfinished syllable as it is typed", () => {
    expect(best("람ㄷ")).toBe("lambda");
    expect(best("교착ㅅ")).toBe("deadlock");
  });

  it("completes as names are typed: one letter, initial consonants, an unfinished syllable", () => {
    expect(matcher.complete("k")[0]?.key).toBe("kinesis");
    expect(matcher.complete("ㄹㄷ")[0]?.key).toBe("lambda");
    expect(matcher.complete("ㄱㅊ")[0]?.key).toBe("deadlock");
    expect(matcher.complete("람ㄷ")[0]?.key).toBe("lambda");
    expect(matcher.complete("")).toEqual([]);
    expect(matcher.match("ㄹㄷ")).toEqual([]);
  });

  it("offers every entry that goes by a name, each as exact", () => {
    const twins = createTermMatcher([
      { key: "a", names: ["Storage"] },
      { key: "b", names: ["Storage"] },
    ]);
    expect(twins.match("storage").slice(0, 2)).toEqual([
      { key: "a", score: 1 },
      { key: "b", score: 1 },
    ]);
  });

  it("scores an exact name 1 and lists the best first", () => {
    const list = matcher.match("s3");
    expect(list[0]).toEqual({ key: "s3", score: 1 });
    for (let i = 1; i < list.length; i++) expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
  });

  it("returns nothing for what matches no entry, or for noise", () => {
    for (const q of ["맛집", "", "   ", "AND OR NOT", "--", "🙂"]) expect(matcher.match(q), q).toEqual([]);
  });
});
