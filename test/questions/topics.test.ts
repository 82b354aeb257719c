import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadQuestionBank } from "../../src/core/questions/load.js";
import { TopicIndex } from "../../src/core/questions/topics.js";
import type { Topic } from "../../src/core/questions/types.js";

const shipped: Topic[] = [...loadQuestionBank(fileURLToPath(new URL("../../questions", import.meta.url))).topics.values()];
const topics = new TopicIndex(shipped);

describe("topic names typed by members", () => {
  it("resolves a topic typed in Korean through the lookup's analyzer, though its names are written in English", () => {
    expect(topics.resolve("람다")).toBe("lambda");
    expect(topics.resolve("키네시스")).toBe("kinesis");
    expect(topics.resolve("다이나모디비")).toBe("dynamodb");
    expect(topics.resolve("로드밸런서")).toBe("elb-asg");
  });

  it("resolves a key, a name in either language and a spelling variant", () => {
    expect(topics.resolve("step-functions")).toBe("step-functions");
    expect(topics.resolve("Step Functions")).toBe("step-functions");
    expect(topics.resolve("RDS & Aurora")).toBe("rds-aurora");
    expect(topics.resolve("route53")).toBe("route53");
    expect(topics.resolve("Lamda")).toBe("lambda");
  });

  it("resolves nothing for noise or a subject the bank does not have", () => {
    for (const input of ["", "   ", "AND OR NOT", "' OR 1=1 --", "맛집"]) expect(topics.resolve(input), input).toBeNull();
  });

  it("resolves nothing when two topics are named equally well, and offers both", () => {
    const twins = new TopicIndex([
      { key: "storage-a", ko: "스토리지", en: "Storage" },
      { key: "storage-b", ko: "스토리지", en: "Storage" },
    ]);
    expect(twins.resolve("스토리지")).toBeNull();
    expect(twins.match("스토리지").map((m) => m.key)).toEqual(["storage-a", "storage-b"]);
  });

  it("completes a Korean prefix as it is typed, unfinished syllables and initial consonants included", () => {
    expect(topics.complete("키네", "ko", 25)[0]?.key).toBe("kinesis");
    expect(topics.complete("람ㄷ", "ko", 25)[0]?.key).toBe("lambda");
    expect(topics.complete("cloudf", "en", 25)[0]?.key).toBe("cloudfront");
    expect(topics.complete("ㄹㄷ", "ko", 25).map((t) => t.key)).toContain("lambda");
    expect(topics.complete("ㄷㅇㅌ", "ko", 25)[0]?.key).toBe("databases");
  });

  it("completes from one letter, the shortest names first, though one letter resolves nothing", () => {
    const keys = topics.complete("s", "en", 25).map((t) => t.key);
    expect(keys.slice(0, 3)).toEqual(["s3", "sns", "sqs"]);
    expect(topics.resolve("s")).toBeNull();
    expect(topics.resolve("ㄹㄷ")).toBeNull();
  });

  it("offers every topic by its name in the member's language when nothing is typed, within the limit", () => {
    const ko = topics.complete("", "ko", 100);
    expect(ko).toHaveLength(shipped.length);
    expect(ko.map((t) => t.ko)).toEqual(shipped.map((t) => t.ko).sort((a, b) => a.localeCompare(b, "ko")));
    expect(topics.complete("", "en", 25)).toHaveLength(25);
    expect(topics.complete("s", "en", 3).length).toBeLessThanOrEqual(3);
  });
});
