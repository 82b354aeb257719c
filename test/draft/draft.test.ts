import { describe, expect, it } from "vitest";
import { parseNote } from "../../src/core/notes/parse.js";
import { draftQuestions, DraftError, DRAFT_RULES } from "../../src/core/questions/draft/index.js";
import { normalizeText } from "../../src/core/questions/schema.js";
import { resolveSource, sectionSupports } from "../../src/core/questions/validate.js";
import { citedLine, correct, draftFixture, fixtureSections } from "./support.js";

const byLine = (name: string, line: number) => draftFixture(name).drafts.filter((d) => d.line === line);

describe("every draft", () => {
  const all = [...draftFixture("queue.md").drafts, ...draftFixture("networking-en.md").drafts];

  it("is marked as a draft, with a confidence from 0 to 1 and the rule that made it", () => {
    expect(all.length).toBeGreaterThan(10);
    for (const d of all) {
      expect(d.draft).toBe(true);
      expect(d.confidence).toBeGreaterThan(0);
      expect(d.confidence).toBeLessThan(1);
      expect(DRAFT_RULES).toContain(d.rule);
    }
    expect(new Set(all.map((d) => d.rule))).toEqual(new Set(["figure", "definition-list", "definition-heading", "list-not-member"]));
  });

  it("cites a heading that resolves in its note, whose section states the correct choice (except a list's outsider)", () => {
    for (const d of all) {
      const r = resolveSource(d.source.note, d.source.heading, fixtureSections());
      expect(r.kind, `${d.id}: ${d.source.heading}`).toBe("ok");
      if (r.kind !== "ok" || d.rule === "list-not-member") continue;
      expect(r.sections.some((s) => sectionSupports(s, correct(d))), `${d.id}: ${correct(d)}`).toBe(true);
    }
  });

  it("has 3 or 4 choices that are distinct after normalisation, and the answer points at one of them", () => {
    for (const d of all) {
      expect(d.choices.length).toBeGreaterThanOrEqual(3);
      expect(d.choices.length).toBeLessThanOrEqual(4);
      expect(new Set(d.choices.map(normalizeText)).size).toBe(d.choices.length);
      expect(d.answer).toBeGreaterThanOrEqual(0);
      expect(d.answer).toBeLessThan(d.choices.length);
    }
  });

  it("has a kebab-case id unique in the note and the note's name as topic unless one is given", () => {
    const drafts = draftFixture("queue.md").drafts;
    expect(new Set(drafts.map((d) => d.id)).size).toBe(drafts.length);
    for (const d of drafts) expect(d.id).toMatch(/^queue-[a-z]+-\d+(?:-\d+)?$/);
    expect(new Set(drafts.map((d) => d.topic))).toEqual(new Set(["queue"]));
    expect(new Set(draftFixture("queue.md", { topic: "sqs" }).drafts.map((d) => d.topic))).toEqual(new Set(["sqs"]));
  });
});

describe("figure drafts", () => {
  it("ask for the figure on its line, with wrong values of the same unit, smallest first", () => {
    const [d] = byLine("queue.md", 5);
    expect(d!.rule).toBe("figure");
    expect(citedLine("queue.md", d!)).toContain("최대 14일까지");
    expect(correct(d!)).toBe("14일");
    expect(d!.prompt).toContain("최대 ＿＿＿까지 설정 가능");
    expect(d!.prompt).not.toContain("14일");
    for (const c of d!.choices) expect(c).toMatch(/^\d+일$/);
    const values = d!.choices.map((c) => Number.parseInt(c, 10));
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it("never offer a value the same section states elsewhere", () => {
    // Line 5 says "기본 4일이며 최대 14일": 4일 is true in that section, so it is not a wrong choice for 14일.
    const [d] = byLine("queue.md", 5);
    expect(d!.choices).not.toContain("4일");
  });

  it("read English notes in English", () => {
    const [d] = byLine("networking-en.md", 16);
    expect(d!.prompt).toBe("[Transport › UDP] Which value fills the blank? “The UDP header is ＿＿＿ long”");
    expect(correct(d!)).toBe("8 bytes");
    for (const c of d!.choices) expect(c).toMatch(/^\d+ bytes$/);
  });

  it("skip a figure the note contradicts elsewhere, naming the other line", () => {
    const { drafts, skipped } = draftFixture("queue.md");
    expect(drafts.filter((d) => d.line === 6 || d.line === 23)).toEqual([]);
    expect(skipped).toContainEqual({ line: 6, reason: "figure 256 KB is contradicted by line 23 (1 MB: “메시지 하나의 최대 크기는 1 MB”)" });
  });

  it("skip a sentence that depends on its context, and never draft from code", () => {
    const { drafts, skipped } = draftFixture("queue.md");
    expect(skipped).toContainEqual({ line: 7, reason: 'depends on context ("위와")' });
    expect(drafts.some((d) => d.line === 7)).toBe(false);
    expect(drafts.some((d) => d.choices.includes("900초") || d.prompt.includes("visibility_timeout"))).toBe(false);
  });

  it("rewrite the particle after the blank to fit every choice, or to its paired form", () => {
    const note = "# 노트\n\n## 볼륨\n\n- Fargate 볼륨은 20GB가 기본값이다\n- 배치 크기는 최대 10개를 넘을 수 없다\n";
    const sections = parseNote("notes/v.md", note);
    const { drafts } = draftQuestions(sections, { file: "notes/v.md", content: note });
    const gb = drafts.find((d) => d.line === 5)!;
    // Every choice ends in GB (기가바이트): "가".
    expect(gb.prompt).toContain("＿＿＿가 기본값이다");
    const count = drafts.find((d) => d.line === 6)!;
    // 10개, 5개, 20개…: all end in 개 (no final consonant)… 를; a choice ending otherwise would make it "(을)를".
    expect(count.prompt).toMatch(/＿＿＿(?:를|\(을\)를) 넘을 수 없다/);
  });
});

describe("definition drafts", () => {
  it("give a list item's explanation and ask for its term among the other terms of the list", () => {
    const [d] = byLine("queue.md", 17);
    expect(d!.rule).toBe("definition-list");
    expect(d!.prompt).toBe("[큐 서비스 › 큐 유형] 다음 설명에 해당하는 것은? “보낸 순서대로 정확히 한 번 전달하는 큐”");
    expect(correct(d!)).toBe("FIFO Queue");
    expect(new Set(d!.choices)).toEqual(new Set(["Standard Queue", "FIFO Queue", "Delay Queue", "Dead Letter Queue"]));
  });

  it("give a heading's opening definition and ask for the heading among its sibling headings", () => {
    const [d] = byLine("networking-en.md", 7);
    expect(d!.rule).toBe("definition-heading");
    expect(d!.prompt).toBe("[Transport] Which term matches this description? “A connection-oriented protocol that delivers bytes reliably and in order”");
    expect(correct(d!)).toBe("TCP");
    expect(new Set(d!.choices)).toEqual(new Set(["TCP", "UDP", "QUIC", "SCTP"]));
  });

  it("skip a definition that names what it defines", () => {
    const { drafts, skipped } = draftFixture("queue.md");
    expect(drafts.some((d) => correct(d) === "이벤트 버스")).toBe(false);
    expect(skipped).toContainEqual({ line: 58, reason: 'the opening sentence names the heading "이벤트 버스" itself' });
  });

  it("leave out a sibling the defined section also mentions as true", () => {
    // 알림 서비스's section says it is used with 큐 서비스: offering 큐 서비스 as a wrong choice would be unfair.
    const d = draftFixture("queue.md").drafts.find((x) => correct(x) === "알림 서비스")!;
    expect(d.choices).not.toContain("큐 서비스");
  });
});

describe("list drafts", () => {
  it("show three items of a list and one name of the same kind from another list, which is the answer", () => {
    const [d] = byLine("queue.md", 27);
    expect(d!.rule).toBe("list-not-member");
    expect(d!.prompt).toBe("[큐 서비스 › 스케일링 정책] 다음 중 노트의 “스케일링 정책” 항목에 들지 않는 것은?");
    expect(correct(d!)).toBe("Predictive Scaling");
    const members = ["Target Tracking Scaling", "Step Scaling", "Scheduled Scaling", "Simple Scaling"];
    for (const c of d!.choices.filter((c) => c !== "Predictive Scaling")) expect(members).toContain(c);
    expect(d!.explanation).toContain("Predictive Scaling은 이 목록에 없다");
  });
});

describe("cloze drafts", () => {
  it("blank a main heading's name in a sentence elsewhere, with the other main headings as choices and the particle paired", () => {
    const note = [
      "# 클라우드",
      "## Lambda",
      "- 이벤트가 오면 코드를 실행",
      "## DynamoDB",
      "- 키-값 데이터베이스",
      "## CloudFormation",
      "- 템플릿으로 리소스를 만든다",
      "## CloudFront",
      "- 엣지에서 콘텐츠를 캐싱",
      "## Beanstalk",
      "- Beanstalk는 내부적으로 CloudFormation을 기반으로 리소스를 만든다",
      "",
    ].join("\n");
    const sections = parseNote("notes/c.md", note);
    const { drafts } = draftQuestions(sections, { file: "notes/c.md", content: note });
    const d = drafts.find((x) => x.rule === "cloze-term")!;
    expect(d.line).toBe(11);
    expect(correct(d)).toBe("CloudFormation");
    expect(d.prompt).toContain("Beanstalk는 내부적으로 ＿＿＿");
    expect(d.choices).not.toContain("Beanstalk");
    // CloudFormation takes 을, CloudFront 를 (among others): a blank that fits all of them reads "(을)를".
    if (d.choices.includes("CloudFront")) expect(d.prompt).toContain("＿＿＿(을)를 기반으로");
  });
});

describe("draftQuestions", () => {
  it("returns the most confident drafts first when limited, in note order", () => {
    const all = draftFixture("queue.md").drafts;
    const top = draftFixture("queue.md", { limit: 3 }).drafts;
    expect(top).toHaveLength(3);
    const threshold = [...all].map((d) => d.confidence).sort((a, b) => b - a)[2]!;
    for (const d of top) expect(d.confidence).toBeGreaterThanOrEqual(threshold);
    expect(top.map((d) => d.line)).toEqual([...top.map((d) => d.line)].sort((a, b) => a - b));
  });

  it("drafts the same questions from the same seed, and draws choices anew from another", () => {
    const order = (seed: number) => draftFixture("queue.md", { seed }).drafts.map((d) => d.choices.join("|"));
    expect(order(7)).toEqual(order(7));
    expect(order(7)).not.toEqual(order(8));
  });

  it("names the notes it has when the file is not among them", () => {
    expect(() => draftQuestions(fixtureSections(), { file: "notes/missing.md", content: "" })).toThrow(DraftError);
    expect(() => draftQuestions(fixtureSections(), { file: "notes/missing.md", content: "" })).toThrow(/no section of the notes comes from "notes\/missing\.md" \(the notes read are test\/fixtures\/draft\//);
  });
});
