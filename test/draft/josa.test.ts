import { describe, expect, it } from "vitest";
import { paired, particleFor, withParticle } from "../../src/core/questions/draft/josa.js";

describe("Korean particles after the words notes write", () => {
  it.each([
    ["람다", "은/는", "람다는"],
    ["서울", "으로/로", "서울로"],
    ["Lambda", "은/는", "Lambda는"],
    ["Stream", "을/를", "Stream을"],
    ["Table", "으로/로", "Table로"],
    ["Queue", "이/가", "Queue가"],
    ["Bucket", "과/와", "Bucket과"],
    ["Task", "을/를", "Task를"],
    ["CloudTrail", "은/는", "CloudTrail은"],
    ["DynamoDB", "을/를", "DynamoDB를"],
    ["IAM", "은/는", "IAM은"],
    ["SQL", "으로/로", "SQL로"],
    ["S3", "은/는", "S3는"],
    ["EC2", "을/를", "EC2를"],
    ["10", "은/는", "10은"],
    ["3", "이/가", "3이"],
    ["15분", "을/를", "15분을"],
    ["256 KB", "이/가", "256 KB가"],
    ["OAI(Origin Access Identity)", "을/를", "OAI(Origin Access Identity)를"],
  ] as const)("%s + %s → %s", (word, particle, expected) => {
    expect(withParticle(word, particle)).toBe(expected);
  });

  it("picks the one form that fits every choice of a blank, else writes the paired form", () => {
    expect(particleFor(["Lambda", "DynamoDB", "S3"], "은/는")).toBe("는");
    expect(particleFor(["CloudFormation", "IAM"], "을/를")).toBe("을");
    expect(particleFor(["CloudFormation", "CloudFront"], "을/를")).toBe("(을)를");
    expect(particleFor(["서울", "부산"], "으로/로")).toBe("(으)로");
    expect(particleFor(["서울", "대구"], "으로/로")).toBe("로");
  });

  it("writes the paired form when a word's reading cannot be told", () => {
    expect(withParticle("Root", "이/가")).toBe("Root(이)가");
    expect(paired("이/가")).toBe("(이)가");
    expect(paired("과/와")).toBe("(과)와");
    expect(paired("이며/며")).toBe("(이)며");
  });
});
