import { describe, expect, it } from "vitest";
import { computeStats, displayWidth, formatStats, formatTable } from "../../src/core/questions/stats.js";
import type { Question, Topic } from "../../src/core/questions/types.js";

const topics = new Map<string, Topic>([
  ["lambda", { key: "lambda", ko: "Lambda", en: "Lambda" }],
  ["ebs-efs", { key: "ebs-efs", ko: "EBS·EFS·인스턴스 스토어", en: "EBS, EFS & instance store" }],
  ["sqs", { key: "sqs", ko: "SQS", en: "SQS" }],
]);

function q(id: string, topic: string, note: string, difficulty: 1 | 2 | 3, tags: string[], file = "questions/a.yaml"): Question {
  return { id, topic, tags, difficulty, prompt: id, choices: ["a", "b"], answer: 0, explanation: "e", source: { note, heading: "h" }, file, line: 1, hash: "0".repeat(16), sectionId: null };
}

const questions = [
  q("a", "lambda", "dva-theory.txt", 1, ["DVA"]),
  q("b", "lambda", "dva-theory.txt", 2, ["DVA", "SAA-C02"]),
  q("c", "ebs-efs", "saa-c02-study.md", 3, ["SAA-C02"], "questions/b.yaml"),
  q("d", "ebs-efs", "saa-c02-study.md", 3, [], "questions/b.yaml"),
  q("e", "ebs-efs", "dva-theory.txt", 1, ["SAA-C02"], "questions/b.yaml"),
];

describe("computeStats", () => {
  it("counts per note, topic, difficulty and tag, most first, with unused topics and notes at 0", () => {
    const s = computeStats(questions, topics, { notes: ["dva-theory.txt", "saa-c02-study.md", "serverless.md"] });
    expect(s.questions).toBe(5);
    expect(s.files).toBe(2);
    expect(s.byNote).toEqual([
      { key: "dva-theory.txt", count: 3 },
      { key: "saa-c02-study.md", count: 2 },
      { key: "serverless.md", count: 0 },
    ]);
    expect(s.byTopic.map((r) => [r.key, r.ko, r.count])).toEqual([
      ["ebs-efs", "EBS·EFS·인스턴스 스토어", 3],
      ["lambda", "Lambda", 2],
      ["sqs", "SQS", 0],
    ]);
    expect(s.byDifficulty).toEqual([
      { difficulty: 1, name: "recall", count: 2 },
      { difficulty: 2, name: "understanding", count: 1 },
      { difficulty: 3, name: "scenario", count: 2 },
    ]);
    expect(s.byTag).toEqual([
      { key: "SAA-C02", count: 3 },
      { key: "DVA", count: 2 },
      { key: "(none)", count: 1 },
    ]);
  });
});

describe("tables", () => {
  it("measures Hangul as two columns", () => {
    expect(displayWidth("EBS")).toBe(3);
    expect(displayWidth("인스턴스")).toBe(8);
    expect(displayWidth("EBS·EFS·인스턴스 스토어")).toBe(23);
  });

  it("aligns columns by display width, numbers to the right", () => {
    const out = formatTable(
      ["topic", "name", "n"],
      [
        ["ebs-efs", "인스턴스 스토어", "3"],
        ["lambda", "Lambda", "12"],
      ],
      ["left", "left", "right"],
    );
    const lines = out.split("\n");
    expect(lines.map(displayWidth)).toEqual([28, 28, 28]);
    expect(lines[1]).toBe("ebs-efs  인스턴스 스토어   3");
    expect(lines[2]).toBe("lambda   Lambda           12");
  });

  it("formats the four tables under a total", () => {
    const text = formatStats(computeStats(questions, topics));
    expect(text.startsWith("5 questions in 2 files\n\nnote ")).toBe(true);
    expect(text).toMatch(/^ebs-efs +EBS·EFS·인스턴스 스토어 +3 +60\.0%$/m);
    expect(text).toMatch(/^3 scenario +2 +40\.0%$/m);
    expect(text).toMatch(/^\(none\) +1 +20\.0%$/m);
  });
});
