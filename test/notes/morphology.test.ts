import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { alikeSpellings, isParticle, isPredicate, nounForms, stems } from "../../src/core/notes/morphology.js";

const root = path.resolve(import.meta.dirname, "../..");
const rows = readFileSync(path.join(root, "test/fixtures/korean-morphology.tsv"), "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.split("\t") as [string, string]);

describe("Korean morphology", () => {
  it("the committed list has at least 200 word + particle/ending forms", () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
  });

  it("strips every particle and ending of the list back to its word", () => {
    const missed = rows.filter(([surface, word]) => {
      const last = surface.split(" ").pop()!;
      const want = word.split(" ").pop()!;
      return !stems(last).some((s) => s.stem === want);
    });
    expect(missed).toEqual([]);
  });

  it("strips stacked particles and their spoken contractions (에서만, 에선, 에만, 으로만, 보다는, 밖에)", () => {
    const strips = (word: string, base: string) => stems(word).some((s) => s.stem === base);
    for (const [word, base] of [["로그에서만", "로그"], ["서버에선", "서버"], ["샤드에만", "샤드"], ["인덱스로만", "인덱스"], ["책으로만", "책"], ["캐시보다는", "캐시"], ["큐밖에", "큐"], ["토큰까지만", "토큰"], ["사용자에게는", "사용자"]] as const) {
      expect(strips(word, base), word).toBe(true);
    }
  });

  it("keeps the word itself as the first candidate, so 차이 stays a word", () => {
    expect(stems("차이")[0]).toEqual({ stem: "차이", kind: "none" });
    expect(stems("뮤텍스를").map((s) => s.stem)).toContain("뮤텍스");
  });

  it("strips a particle only in the shape that fits the syllable before it (책은/차는, 책이/차가, 파일로/책으로)", () => {
    const strips = (word: string, base: string) => stems(word).some((s) => s.stem === base);
    for (const [word, base] of [["책은", "책"], ["나무는", "나무"], ["책이", "책"], ["나무가", "나무"], ["책을", "책"], ["나무를", "나무"], ["책과", "책"], ["나무와", "나무"], ["책으로", "책"], ["나무로", "나무"], ["파일로", "파일"], ["책이랑", "책"], ["나무랑", "나무"]] as const) {
      expect(strips(word, base), word).toBe(true);
    }
    // 평가, 효과, 국가, 아이: the last syllable belongs to the word, as the particle would have the other shape
    for (const [word, base] of [["평가", "평"], ["효과", "효"], ["국가", "국"], ["아이", "아"], ["파일으로", "파일"], ["나무을", "나무"], ["책를", "책"]] as const) {
      expect(strips(word, base), word).toBe(false);
    }
  });

  it("reads 는 after a final consonant, and 아 after one, as a verb's or adjective's ending", () => {
    for (const w of ["먹는", "읽는", "없는", "많아", "같아", "작아"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["프로세스는", "나무는", "단어", "언어", "미디어", "아시아"]) expect(isPredicate(w), w).toBe(false);
  });

  it("reads 은 or 을 after no final consonant as the ending of a verb that drops its ㅅ (나은, 부을), not a particle", () => {
    for (const w of ["나은", "부은", "나을", "지을"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["책은", "서버를", "큐는", "데이터는", "라우팅은"]) expect(isPredicate(w), w).toBe(false);
  });

  it("reads a syllable ending in ㄶ, ㅀ or ㅆ as a verb's or adjective's, which no noun or loanword has", () => {
    for (const w of ["않은", "싫어서", "괜찮은", "있는지", "했던", "되었지"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["값이", "닭", "넋", "세션", "스레드"]) expect(isPredicate(w), w).toBe(false);
  });

  it("reads a word with 없 as 없다's, which no noun has (없다고, 없어서; 값 is another syllable)", () => {
    for (const w of ["없다고", "없어서", "상관없이"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["값", "결괏값", "업무"]) expect(isPredicate(w), w).toBe(false);
  });

  it("reads -는 거야, -는 건가 and -더라 run together as spoken endings (느린거야, 되는건가, 그렇더라)", () => {
    for (const w of ["느린거야", "되는건가", "쓰는거", "빠르더라"]) expect(isPredicate(w), w).toBe(true);
  });

  it("tells spoken predicates from loanwords ending in 어, 지 or 다", () => {
    for (const w of ["생겨", "빨라져요", "끊기면", "되나요", "느려", "바꿔", "나눠", "다뤄", "맞춰"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["세마포어", "페이지", "람다", "미들웨어"]) expect(isPredicate(w), w).toBe(false);
  });

  it("reads -아서, -어서, -아도, -어도 and contracted -어야 as a predicate's (어려워서, 몰려서, 올려도, 숨겨야), not a loanword's", () => {
    for (const w of ["어려워서", "몰려서", "커져서", "바뀌어서", "막아서", "도와서", "올려도", "늦어도", "막아도", "어려워도", "커져도", "숨겨야", "늘려야", "고쳐야", "바꿔야"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["파서", "프로세서", "서버에서", "센서"]) expect(isPredicate(w), w).toBe(false);
  });

  it("knows the common spoken verbs of one syllable (써, 봐, 둬, 될, 씀), and no noun of one", () => {
    for (const w of ["써", "봐", "둬", "줘", "될", "할", "씀"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["값", "키", "차", "힙", "셋", "줄"]) expect(isPredicate(w), w).toBe(false);
  });

  it("reads -야, -도 and -서 after those (써야, 줘도, 봐서) and -아야 after a final consonant (높아야, 막아야) as predicates", () => {
    for (const w of ["써야", "줘도", "봐서", "해야", "돼도", "높아야", "막아야", "좋아야"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["감도", "분야", "시야", "데이터야", "아시아", "미디어"]) expect(isPredicate(w), w).toBe(false);
  });

  it("reads a 르 verb or adjective spoken (빨라, 달라, 몰라) as a predicate, and no loanword (스칼라, 컨트롤러)", () => {
    for (const w of ["빨라", "달라", "몰라", "골라", "잘라", "골라야", "몰라서", "달라도"]) expect(isPredicate(w), w).toBe(true);
    for (const w of ["카메라", "스칼라", "파라미터", "컨트롤러", "핸들러", "컬러", "딜러", "스칼라도", "알라딘"]) expect(isPredicate(w), w).toBe(false);
  });
});

describe("a modifier's noun form", () => {
  it("is -음 after a final consonant, and ㅁ closing an open syllable or replacing ㄴ (느린 → 느림, 좁은 → 좁음, 찾는 → 찾음, 크는 → 큼)", () => {
    expect(nounForms("느린")).toEqual(["느림"]);
    expect(nounForms("좁은")).toEqual(["좁음"]);
    expect(nounForms("찾는")).toEqual(["찾음"]);
    expect(nounForms("크는")).toEqual(["큼"]);
    expect(nounForms("가벼운")).toEqual(["가벼움"]);
  });

  it("is none for a word that ends otherwise (인덱스, 정렬, 캐시)", () => {
    for (const word of ["인덱스", "정렬", "캐시", "스키마"]) expect(nounForms(word), word).toEqual([]);
  });
});

describe("a particle typed alone", () => {
  it("is a particle (가, 보다, 에서, 으로), and a word is not (가상, 보안)", () => {
    for (const word of ["가", "보다", "에서", "으로", "이랑"]) expect(isParticle(word), word).toBe(true);
    for (const word of ["가상", "보안", "서버"]) expect(isParticle(word), word).toBe(false);
  });
});

describe("spellings that sound alike", () => {
  it("swap ㅐ and ㅔ in every combination, the word itself left out (밸만 → 벨만, 얘외 → 예외)", () => {
    expect(alikeSpellings("밸만")).toEqual(["벨만"]);
    expect(alikeSpellings("얘외")).toEqual(["예외"]);
    expect(alikeSpellings("배포")).toEqual(["베포"]);
    expect(alikeSpellings("스택")).toEqual(["스텍"]);
    expect(alikeSpellings("캐시")).toContain("케시");
    expect(new Set(alikeSpellings("새 세"))).toEqual(new Set(["새 새", "세 세", "세 새"]));
    expect(alikeSpellings("람다")).toEqual([]);
  });

  it("add or drop a glide after ㅅ, ㅈ or ㅊ (대쉬보드 → 대시보드, 쥬피터 → 주피터, 캐시 → 캐쉬)", () => {
    expect(alikeSpellings("대쉬보드")).toContain("대시보드");
    expect(alikeSpellings("쥬피터")).toContain("주피터");
    expect(alikeSpellings("쇼핑")).toContain("소핑");
    expect(alikeSpellings("캐시")).toContain("캐쉬");
    expect(alikeSpellings("큐")).toEqual([]);
  });
});
