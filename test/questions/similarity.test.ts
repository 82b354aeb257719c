import { describe, expect, it } from "vitest";
import { cosine, textTerms, TermWeights } from "../../src/core/questions/similarity.js";

describe("textTerms", () => {
  it("reads a glossary concept the same in Korean and English, and a Latin word with a Korean one as the mixed form", () => {
    expect(textTerms("람다 함수").get("@lambda")).toBe(1);
    expect(textTerms("Lambda function").get("@lambda")).toBe(1);
    expect(textTerms("API 키를 발급한다").has("@apikey")).toBe(true);
    expect(textTerms("Custom Authorizer").has("@lambdaauthorizer")).toBe(true);
  });

  it("drops a trailing particle before cutting a Korean word into bigrams, so 함수의 and 함수 meet", () => {
    const withParticle = textTerms("스토리지의");
    const bare = textTerms("스토리지");
    expect([...withParticle.keys()].filter((t) => !t.startsWith("@"))).toEqual([...bare.keys()].filter((t) => !t.startsWith("@")));
  });
});

describe("TermWeights", () => {
  it("weighs a term found in every text less than a rare one, so shared wording counts for little", () => {
    const texts = ["회사가 무엇을 사용해야 하는가 SQS", "회사가 무엇을 사용해야 하는가 SNS", "회사가 무엇을 사용해야 하는가 Kinesis"].map(textTerms);
    const w = new TermWeights(texts);
    expect(w.idf("회사")).toBeLessThan(w.idf("@sqs"));
    const unweighted = new TermWeights([]);
    const weighted = cosine(w.add(texts[0]!), w.add(texts[1]!));
    expect(weighted).toBeLessThan(cosine(unweighted.add(texts[0]!), unweighted.add(texts[1]!)));
    expect(cosine(w.add(texts[0]!), w.add(texts[0]!))).toBeCloseTo(1, 10);
  });
});
