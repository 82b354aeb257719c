import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AWS_PACK } from "../../src/core/notes/glossary.js";
import { canSpellLoanword, hangulKey, ingBases, latinKeys, letterNameSplits, letterSpellings, soundsAlike, spellingDistance } from "../../src/core/notes/loanword.js";
import { STUDY_VOCABULARY } from "../../src/core/notes/vocabulary.js";

const root = path.resolve(import.meta.dirname, "../..");
const pairs = readFileSync(path.join(root, "test/fixtures/loanwords.tsv"), "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.split("\t") as [string, string]);

describe("loanwords by sound", () => {
  it("takes only words the loanword orthography could write for loanwords: finals ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅇ", () => {
    expect(pairs.map(([ko]) => ko).filter((ko) => !canSpellLoanword(ko))).toEqual([]);
    for (const korean of ["받은", "밭", "닭", "읽기", "같은", "놓고", "있는"]) expect(canSpellLoanword(korean), korean).toBe(false);
    // Native words that share a loanword's consonants are no spelling of it.
    expect(soundsAlike("받은", "python")).toBe(false);
    expect(soundsAlike("파이썬", "python")).toBe(true);
  });

  it("the committed list has at least 50 pairs, none of them in a table", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(50);
    const tabled = new Set([...STUDY_VOCABULARY, ...AWS_PACK.entries].flat());
    expect(pairs.filter(([ko]) => tabled.has(ko))).toEqual([]);
  });

  it("matches every pair of the list by rule", () => {
    expect(pairs.filter(([ko, en]) => !soundsAlike(ko, en))).toEqual([]);
  });

  it("reduces both spellings to the same consonant key", () => {
    expect(hangulKey("뮤텍스")).toBe("MTKS");
    expect(latinKeys("mutex")).toContain("MTKS");
    expect(latinKeys("thread")).toContain(hangulKey("스레드"));
  });

  it("hears an open re- or de- before a consonant and l or r, or s and a consonant, as 리, 디 (refresh → 리프레시, restart → 리스타트)", () => {
    expect(soundsAlike("리프레시", "refresh")).toBe(true);
    expect(soundsAlike("디클레어", "declare")).toBe(true);
    expect(soundsAlike("리스타트", "restart")).toBe(true);
    expect(soundsAlike("디스트로이", "destroy")).toBe(true);
    expect(soundsAlike("리스트", "rest")).toBe(false);
  });

  it("hears ew, eu and iew after a consonant as ㅠ (news → 뉴스, neural → 뉴럴, viewport → 뷰포트)", () => {
    for (const [ko, en] of [["뉴스", "news"], ["뉴럴", "neural"], ["뷰포트", "viewport"], ["퓨즈", "fuse"]] as const) expect(soundsAlike(ko, en), `${ko} ${en}`).toBe(true);
    expect(soundsAlike("뉴스", "nice")).toBe(false);
  });

  it("hears xc before e, i or y as one k and s (exception → 익셉션, excel → 엑셀)", () => {
    expect(soundsAlike("익셉션", "exception")).toBe(true);
    expect(soundsAlike("엑셀", "excel")).toBe(true);
    expect(soundsAlike("익시드", "exceed")).toBe(true);
  });

  it("hears e before another vowel as 이 (deoptimization → 디옵티마이제이션, reindex → 리인덱스)", () => {
    expect(soundsAlike("디옵티마이제이션", "deoptimization")).toBe(true);
    expect(soundsAlike("리인덱스", "reindex")).toBe(true);
    expect(soundsAlike("네온", "neon")).toBe(true);
  });

  it("hears an r after a vowel before a consonant as silent, or as 르 where a name is said as spelt (server → 서버, SARSA → 사르사)", () => {
    for (const [ko, en] of [["서버", "server"], ["포트", "port"], ["사르사", "sarsa"], ["아르곤", "argon"]] as const) expect(soundsAlike(ko, en), `${ko} ${en}`).toBe(true);
  });

  it("reads a word as the names of letters and a word, either way round (케이민즈, 엑스지부스트, 라이트지비엠)", () => {
    const splits = (w: string) => letterNameSplits(w).map((s) => `${s.lettersFirst ? s.letters + "+" + s.rest : s.rest + "+" + s.letters}`);
    expect(splits("케이민즈")).toContain("k+민즈");
    expect(splits("엑스지부스트")).toContain("xg+부스트");
    expect(splits("라이트지비엠")).toContain("라이트+gbm");
  });

  it("hears a Dutch ij before a consonant as a vowel (Dijkstra → 다익스트라), and hijack's j as a consonant", () => {
    expect(soundsAlike("다익스트라", "dijkstra")).toBe(true);
    expect(soundsAlike("하이재킹", "hijacking")).toBe(true);
  });

  it("drops an r after a vowel before -ed or -es, as Korean writes it (configured → 컨피규어드, stores → 스토어스)", () => {
    expect(soundsAlike("컨피규어드", "configured")).toBe(true);
    expect(soundsAlike("스토어스", "stores")).toBe(true);
    expect(soundsAlike("하드웨어", "hardware")).toBe(true);
  });

  it("tells first consonants apart as Korean writes them (ㅂ b, ㅍ p, ㄷ d, ㅌ t, ㄱ g, ㅋ k; ㅅ s, ㅈ z or j, ㅊ ch; ㄲ ㄸ ㅃ ㅉ none)", () => {
    for (const [ko, en] of [["피어링", "billing"], ["바꾸기", "package"], ["폴리곤", "vulkan"], ["케이트", "gate"], ["다입", "type"], ["세로", "zero"], ["채로", "zero"], ["때마다", "teammates"], ["까지", "catch"]] as const) {
      expect(soundsAlike(ko, en), `${ko} ${en}`).toBe(false);
    }
    for (const [ko, en] of [["피어링", "peering"], ["빌링", "billing"], ["파이프", "pipe"], ["포맷", "format"], ["게이트", "gate"], ["캐시", "cache"], ["스레드", "thread"], ["제로", "zero"], ["사이클", "cycle"], ["제네릭", "generic"], ["체크", "check"]] as const) {
      expect(soundsAlike(ko, en), `${ko} ${en}`).toBe(true);
    }
  });

  it("does not take unrelated words for one another", () => {
    for (const [ko, en] of [["월드", "load"], ["파이썬", "option"], ["리스트", "rest"], ["생겨", "async"], ["큐", "key"], ["버전", "python"]] as const) {
      expect(soundsAlike(ko, en), `${ko} ${en}`).toBe(false);
    }
  });

  it("tells which of the words sharing a key is spelt like the Latin word (세션, not 서신, for session)", () => {
    expect(spellingDistance("세션", "session")).toBeLessThan(spellingDistance("서신", "session"));
    expect(spellingDistance("카산드라", "cassandra")).toBe(0);
    expect(spellingDistance("스레드", "thread")).toBeLessThan(spellingDistance("스타트", "thread"));
    for (const [ko, en] of pairs) expect(spellingDistance(ko, en), `${ko} ${en}`).toBeLessThan(1);
  });
});

describe("an acronym said letter by letter", () => {
  it("reads the names of letters and digits (디엔에스 → dns, 이씨투 → ec2, 지피유 → gpu or zpu), two at least, a letter among them", () => {
    expect(letterSpellings("디엔에스")).toEqual(["dns"]);
    expect(letterSpellings("이씨투")).toEqual(["ec2"]);
    expect(letterSpellings("지피유")).toEqual(["gpu", "zpu"]);
    for (const word of ["아이", "투", "원투", "제이태그", "데이터"]) expect(letterSpellings(word), word).toEqual([]);
  });
});

describe("an English -ing spelt in Hangul", () => {
  it("comes from its stem written with ㅡ or ㅣ, closing the syllable before, or with nothing (인덱싱, 메시징, 버저닝, 프로파일링)", () => {
    expect(ingBases("인덱싱")).toContain("인덱스");
    expect(ingBases("메시징")).toContain("메시지");
    expect(ingBases("버저닝")).toContain("버전");
    expect(ingBases("프로파일링")).toContain("프로파일");
    expect(ingBases("태깅")).toContain("태그");
  });

  it("is only a last syllable of a consonant, ㅣ and ㅇ after another syllable (링, 사랑, 영 are none)", () => {
    for (const word of ["링", "사랑", "영", "인덱스", "방향"]) expect(ingBases(word), word).toEqual([]);
  });
});
