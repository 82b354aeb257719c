import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALIGNED_WORDS_FILE, alignedWordsSource } from "../../scripts/align-words.js";
import { LookupService } from "../../src/core/notes/lookup.js";
import { parseNote } from "../../src/core/notes/parse.js";
import { alignWordTranslations } from "../../src/core/notes/word-alignment.js";

describe("alignWordTranslations", () => {
  const queryWords = [["energy", "에너지"], ["matrix", "행렬"]];

  it("gives an English word of a name the Korean word in its place where the other words are known", () => {
    const vocabulary = [["kinetic energy", "운동 에너지"], ["orthogonal matrix", "직교 행렬"]];
    expect(alignWordTranslations(vocabulary, queryWords)).toEqual([["kinetic", "운동"], ["orthogonal", "직교"]]);
  });

  it("counts a Hangul spelling by sound as known (스파스 for sparse), and aligns nothing where two words are unknown", () => {
    expect(alignWordTranslations([["sparse matrix", "스파스 행렬", "희소 행렬"]], queryWords)).toEqual([]);
    expect(alignWordTranslations([["potential energy", "위치 에너지"], ["moment of inertia", "관성 모멘트"]], queryWords)).toEqual([["potential", "위치"]]);
  });

  it("takes no Korean word that stands for another English word of the concept (윈도우 in analytic function = window function)", () => {
    const vocabulary = [["window function", "analytic function", "윈도우 함수", "분석 함수"]];
    expect(alignWordTranslations(vocabulary, [["function", "함수"]])).toEqual([["analytic", "분석"]]);
  });

  it("leaves a word the concept also spells by sound (노드 분할 beside 페이지 분할) and one already translated", () => {
    expect(alignWordTranslations([["node split", "page split", "노드 분할", "페이지 분할"]], [["split", "분할"]])).toEqual([]);
    expect(alignWordTranslations([["kinetic energy", "운동 에너지"]], [...queryWords, ["kinetic", "동적"]])).toEqual([]);
  });

  it("keeps the Korean found most often, two where they tie", () => {
    const vocabulary = [["kinetic energy", "운동 에너지"], ["kinetic friction", "운동 마찰"], ["kinetic theory", "동역학 이론"]];
    const words = [...queryWords, ["friction", "마찰"], ["theory", "이론"]];
    expect(alignWordTranslations(vocabulary, words)).toEqual([["kinetic", "운동"]]);
  });
});

describe("aligned-words.ts", () => {
  it("is what scripts/align-words.ts derives from the vocabulary as it is (npm run words:align)", () => {
    expect(readFileSync(ALIGNED_WORDS_FILE, "utf8")).toBe(alignedWordsSource());
  });
});

describe("an English word known only inside the vocabulary's names", () => {
  it("finds the Korean the notes write for it (kinetic → 운동), and nothing where they do not", () => {
    const filler = Array.from({ length: 40 }, (_, i) => `## 기록 ${i}\n\n실험 기록 ${i}.\n`).join("\n");
    const notes = new LookupService(
      parseNote("notes/physics.md", `# 물리\n\n## 운동 에너지\n\n질량과 속도의 제곱에 비례한다.\n\n## 열역학 제1법칙\n\n내부 에너지 변화는 열과 일의 차이.\n\n${filler}`),
    );
    expect(notes.lookup("kinetic").hits[0]?.section.heading).toBe("운동 에너지");
    expect(notes.lookup("orthogonal").hits).toEqual([]);
  });
});
