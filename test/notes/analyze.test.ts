import { describe, expect, it } from "vitest";
import { Analyzer, Concepts, nfkc, normalize, TermCounts } from "../../src/core/notes/analyze.js";
import { bridgesIn } from "../../src/core/notes/bridges.js";
import { STUDY_VOCABULARY } from "../../src/core/notes/vocabulary.js";

describe("normalize", () => {
  it("is NFKC and lower case, for text NFKC changes and text it leaves alone", () => {
    for (const text of ["Ａｍａｚｏｎ Ｓ３", "e\u0301 café", "가\u11a8 각", "㈜ ① ﬁle …", "İstanbul", "Lambda 함수 ㄱㄴ", "\u1100\u1161 가", "TCP는 UDP와"]) {
      expect(normalize(text), text).toBe(text.normalize("NFKC").toLowerCase());
    }
  });

  it("passes over bullets, arrows and quotes, and still composes what follows them", () => {
    const written = "• Lambda → 함수 · “트리거” ‘S3’ — 15분";
    expect(nfkc(written)).toBe(written);
    expect(written.normalize("NFKC")).toBe(written);
    // A mark or a jamo after a character that stays composes with it; a full-width letter after one changes.
    for (const text of ["• e\u0301", "→ 가\u11a8", "· Ｓ３", "“\u1100\u1161”", "• ① …", "• \ud835\udc00"]) expect(nfkc(text), text).toBe(text.normalize("NFKC"));
  });
});

describe("analyzer", () => {
  const terms = (analyzer: Analyzer, text: string) => {
    const counts = new TermCounts();
    analyzer.countTerms(text, counts);
    const out: Record<string, number> = {};
    for (let m = 0; m < counts.touched.length; m++) {
      const id = counts.touched.data[m]!;
      out[analyzer.terms[id]!] = counts.counts[id]!;
    }
    return out;
  };

  it("counts a note's terms the same whichever words it met first", () => {
    const text = "교착 상태(Deadlock)는 두 프로세스가 서로의 자원을 기다리는 상태. Deadlock 회피, deadlocks.";
    const fresh = new Analyzer(new Concepts(STUDY_VOCABULARY));
    const warmed = new Analyzer(new Concepts(STUDY_VOCABULARY));
    terms(warmed, "상태 프로세스 자원 deadlock 교착 회피 기다리는 두 서로의");
    expect(terms(warmed, text)).toEqual(terms(fresh, text));
  });

  it("matches a concept across the words of a phrase, not across punctuation", () => {
    const analyzer = new Analyzer(new Concepts(STUDY_VOCABULARY));
    const deadlock = new Concepts(STUDY_VOCABULARY).termOf("deadlock")!;
    expect(terms(analyzer, "교착 상태")[deadlock]).toBe(1);
    expect(terms(analyzer, "교착상태를")[deadlock]).toBe(1);
    expect(terms(analyzer, "교착. 상태")[deadlock]).toBeUndefined();
  });

  it("lowers Latin letters as it reads, so a word is one term in any case", () => {
    const analyzer = new Analyzer(new Concepts([]));
    expect(terms(analyzer, "Kubernetes KUBERNETES kubernetes")).toEqual({ kubernete: 3 });
  });
});

describe("bridges", () => {
  it("finds every pair of a long note, each kind in the order written", () => {
    const filler = "설명이 길게 이어진다. ".repeat(200);
    const text = `${filler}교착 상태(Deadlock)는 중요. ${filler}Mutex (뮤텍스) 그리고 PCB (Process Control Block). ${filler}기아 현상(Starvation)`;
    expect(bridgesIn(text)).toEqual([
      ["deadlock", "교착 상태"],
      ["starvation", "기아 현상"],
      ["mutex", "뮤텍스"],
      ["process control block", "pcb"],
    ]);
  });

  it("reads a pair across line breaks and runs of blanks, and in full-width letters and brackets", () => {
    const text = "- 교착\n  상태 (\n Deadlock )가 생기면\n\nMutex\t(뮤텍스) 와 ＰＣＢ（Process Control Block） • 끝 (1)";
    expect(bridgesIn(text)).toEqual([
      ["deadlock", "교착 상태"],
      ["mutex", "뮤텍스"],
      ["process control block", "pcb"],
    ]);
  });
});
