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

  it("keeps no particle left after a concept as a word of its own, whichever syllable the concept ends in (교착 상태는, 문맥 교환은, 교착 상태로)", () => {
    const analyzer = new Analyzer(new Concepts(STUDY_VOCABULARY));
    for (const q of ["교착 상태는", "문맥 교환은", "문맥 교환을", "교착 상태로"]) expect(analyzer.analyze(q).hangulWords, q).toEqual([]);
  });

  it("keeps no -ing left after a concept as a word of its own (서브넷팅 → 서브넷)", () => {
    const analyzer = new Analyzer(new Concepts([["subnet", "서브넷"], ["route", "라우트"]]));
    expect(analyzer.analyze("서브넷팅 계산").hangulWords).toEqual(["계산"]);
    expect(analyzer.analyze("서브넷팅").conceptSources.map((c) => c.term)).toEqual(["@subnet"]);
  });

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

  it("reads a query's particle or ending left after a concept as no word of its own (교착상태가, 정규화하면)", () => {
    const analyzer = new Analyzer(new Concepts([["deadlock", "교착 상태"], ["normalization", "정규화"]]));
    for (const q of ["교착상태가 생기면", "정규화하면 왜", "교착 상태에서는"]) expect(analyzer.analyze(q).hangulWords.filter((w) => w !== "생기면" && w !== "왜"), q).toEqual([]);
    expect(analyzer.analyze("교착상태가").conceptSources.map((c) => c.term)).toEqual(["@deadlock"]);
  });

  it("matches a concept across a space only from the start of a word (리플레이 어택 holds no 레이어)", () => {
    const analyzer = new Analyzer(new Concepts([["layer", "레이어"]]));
    expect(analyzer.analyze("리플레이 어택").concepts).toEqual([]);
    expect(analyzer.analyze("레이 어").concepts).toEqual(["@layer"]);
    expect(analyzer.analyze("플레이어").concepts).toEqual(["@layer"]);
    expect(terms(analyzer, "리플레이 어택")["@layer"]).toBeUndefined();
  });

  it("joins no bigram across a space to a particle glued to a Latin word (HTTP는 빠른가)", () => {
    const analyzer = new Analyzer(new Concepts([]));
    expect(analyzer.analyze("HTTP는 빠른가").crossBigrams).toEqual([]);
    expect(analyzer.analyze("캐시는 빠른가").crossBigrams.map((c) => c.term)).toEqual(["시빠"]);
  });

  it("gives a one-syllable concept of a query its source like any other concept (큐 → @queue)", () => {
    const analyzer = new Analyzer(new Concepts([["queue", "큐"]]));
    expect(analyzer.analyze("큐 길이").conceptSources).toEqual([{ term: "@queue", latin: [], hangul: "큐", hangulPieces: ["큐"] }]);
  });

  it("keeps a single letter joined to a word (t검정, p-값), not one standing alone (a b c)", () => {
    const analyzer = new Analyzer(new Concepts([]));
    expect(analyzer.analyze("t검정 p-값 카이제곱").boundLetters).toEqual(["t", "p"]);
    expect(analyzer.analyze("a b c").boundLetters).toEqual([]);
    expect(analyzer.analyze("x-y-z").boundLetters).toEqual([]);
  });

  it("keeps names joined by + or ending in ++ or # whole (N+1, C++, C#), with the parts of a joined one", () => {
    const analyzer = new Analyzer(new Concepts([]));
    expect(Object.keys(terms(analyzer, "N+1 문제, C++과 C#"))).toEqual(expect.arrayContaining(["n+1", "c++", "c#"]));
    expect(Object.keys(terms(analyzer, "tcp+udp"))).toEqual(["tcp+udp", "tcp", "udp"]);
    expect(Object.keys(terms(analyzer, "issue#12 page#top")).sort()).toEqual(["12", "issue", "page", "top"]);
  });

  it("keeps + after one letter (B+ 트리, A+ 등급), not after a word (tcp+ 설정) or before a letter", () => {
    const analyzer = new Analyzer(new Concepts([]));
    expect(Object.keys(terms(analyzer, "B+ 트리와 A+"))).toEqual(expect.arrayContaining(["b+", "a+"]));
    expect(Object.keys(terms(analyzer, "tcp+ 설정"))).toContain("tcp");
    expect(Object.keys(terms(analyzer, "tcp+ 설정"))).not.toContain("tcp+");
  });

  it("reads a name across an apostrophe inside a Latin word (Little's Law, Little’s Law), not across a quote", () => {
    const analyzer = new Analyzer(new Concepts([["little's law", "리틀의 법칙"], ["read committed", "커밋된 읽기"]]));
    for (const text of ["Little's Law로 동시 사용자를 구한다", "little’s law", "리틀의 법칙"]) expect(Object.keys(terms(analyzer, text)), text).toContain("@littleslaw");
    expect(Object.keys(terms(analyzer, "격리 수준 read committed"))).toContain("@readcommitted");
    expect(Object.keys(terms(analyzer, "격리 수준 'read' 'committed'"))).not.toContain("@readcommitted");
  });

  it("lowers Latin letters as it reads, so a word is one term in any case", () => {
    const analyzer = new Analyzer(new Concepts([]));
    expect(terms(analyzer, "Kubernetes KUBERNETES kubernetes")).toEqual({ kubernete: 3 });
  });
});

describe("bridges", () => {
  it("keeps a hyphen-joined Korean word whole and drops a word glued to a Latin one or a bracket (자기-지도, X-축, (node)가)", () => {
    expect(bridgesIn("자기-지도 학습 (Self Supervised Learning)")).toEqual([["self supervised learning", "자기-지도 학습"]]);
    expect(bridgesIn("X-축 (X Axis) 위에")).toEqual([]);
    expect(bridgesIn("정점(vertex)과 간선(edge)")).toEqual([
      ["vertex", "정점"],
      ["edge", "간선"],
    ]);
  });

  it("keeps as many Korean words as the English has, though one ends in a syllable that may be a particle (고밀도 저장)", () => {
    expect(bridgesIn("고밀도 저장 (High Density Storage)")).toEqual([["high density storage", "고밀도 저장"]]);
    expect(bridgesIn("프로세스는 교착 상태(Deadlock)에 빠진다")).toEqual([["deadlock", "교착 상태"]]);
  });

  it("reads no pair from a name's tail, a letter alone or a Korean remark in the bracket", () => {
    expect(bridgesIn("max_depth(최대 깊이)")).toEqual([]);
    expect(bridgesIn("x (가로)")).toEqual([]);
    expect(bridgesIn("ln a b (하드 링크)")).toEqual([]);
    expect(bridgesIn("Mean Squared Error (오차를 제곱해 평균)")).toEqual([]);
  });

  it("reads no name from a verb alone before the bracket (쓰기 지연에 씀(journal), 캐시에 있으면(hit)), but keeps a phrase's", () => {
    expect(bridgesIn("쓰기 지연에 씀(journal)")).toEqual([]);
    expect(bridgesIn("캐시에 있으면(hit) 바로 준다")).toEqual([]);
    expect(bridgesIn("화면(screen)과 평면(plane)")).toEqual([
      ["screen", "화면"],
      ["plane", "평면"],
    ]);
    expect(bridgesIn("상태 있는(stateful) 앱")).toEqual([["stateful", "상태 있는"]]);
  });

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
