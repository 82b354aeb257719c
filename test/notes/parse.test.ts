import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNote } from "../../src/core/notes/parse.js";

const headings = (file: string, text: string) => parseNote(file, text).map((s) => [s.line, s.level, s.heading]);

describe("parseNote: Markdown", () => {
  it("reads ATX headings with their level, line and breadcrumb", () => {
    const s = parseNote("notes/a.md", "# Title\n\n## Lambda\nbody\n### Limits\n- 15분\n## SQS\n");
    expect(s.map((x) => [x.line, x.level, x.heading, x.path])).toEqual([
      [1, 1, "Title", ["Title"]],
      [3, 2, "Lambda", ["Title", "Lambda"]],
      [5, 3, "Limits", ["Title", "Lambda", "Limits"]],
      [7, 2, "SQS", ["Title", "SQS"]],
    ]);
    expect(s[2]!.text).toBe("- 15분");
  });

  it("does not take # inside fenced code for a heading", () => {
    const s = parseNote("notes/a.md", "## Setup\n```bash\n# install the cli\naws configure\n```\n## Next\n");
    expect(s.map((x) => x.heading)).toEqual(["Setup", "Next"]);
    expect(s[0]!.text).toContain("# install the cli");
  });

  it("reads lecture lines written without a space after # (#65 SQS - Standard Queue)", () => {
    const s = parseNote("notes/saa.md", "SAA 스터디\n===\n#1 보안 자격 증명 \n- Access Key\n#65 SQS - Standard Queue\n- 무제한 처리량\n#12 \n- 빈 제목\n");
    expect(s.map((x) => [x.line, x.level, x.heading])).toEqual([
      [1, 1, "SAA 스터디"],
      [3, 2, "#1 보안 자격 증명"],
      [5, 2, "#65 SQS - Standard Queue"],
      [7, 2, "#12"],
    ]);
    expect(s[1]!.path).toEqual(["SAA 스터디", "#1 보안 자격 증명"]);
    expect(s[2]!.text).toBe("- 무제한 처리량");
  });

  it("keeps headings with no body, and strips link and emphasis markup from heading text", () => {
    const s = parseNote("notes/b.md", "# 6장\n## [Push, Pull](https://example.com/x)\n## 동시 실행\n#17 connect using **NAT**\n");
    expect(s.map((x) => x.heading)).toEqual(["6장", "Push, Pull", "동시 실행", "#17 connect using NAT"]);
    expect(s[3]!.raw).toBe("#17 connect using **NAT**");
    expect(s[1]!.text).toBe("");
  });

  it("keeps what only looks like markup: a type's parameters, a pointer's stars, a name's underscores", () => {
    const md = parseNote("notes/r.md", "# Rust\n\n## Box<T>\n\n힙에 둔다.\n\n## Rc<T> — 참조 카운팅\n\n공유.\n");
    expect(md.map((x) => x.heading)).toEqual(["Rust", "Box<T>", "Rc<T> — 참조 카운팅"]);
    const lectures = parseNote("notes/u.txt", "unsafe 세미나\n#2 raw pointer (*const T, *mut T)\n내용\n#3 max_idle_time 설정은 _꼭_ 확인\n내용\n");
    expect(lectures.map((x) => x.heading)).toEqual(["#2 raw pointer (*const T, *mut T)", "#3 max_idle_time 설정은 꼭 확인"]);
  });

  it("keeps blockquotes in the body and does not read numbered list items as headings", () => {
    const s = parseNote("notes/c.md", "## 비용\n> 한달 5,000,000 요청\n1. 거버넌스\n2. 근접성\n");
    expect(s).toHaveLength(1);
    expect(s[0]!.text).toBe("> 한달 5,000,000 요청\n1. 거버넌스\n2. 근접성");
  });
});

describe("parseNote: numbered plain text", () => {
  const txt = [
    "AWS Certified Developer Associate 자격증 이론 정리",
    "",
    "2. AWS API & CLI",
    "",
    "2.1. API Call Limit (Quota)",
    "",
    "  • API 호출에 제한이 걸려 있음",
    "    • Ex) EC2 DescribeInstance : 100 Call Per Seconds",
    "",
    "11. DynamoDB",
    "11.1 Table, Primary Key, Item",
    "  • Partition Key",
    "6.4.2. appspec.yml",
    "  • hooks",
  ].join("\n");

  it("reads N., N.N. and N.N headings with levels from the numbering", () => {
    expect(headings("notes/dva.txt", txt)).toEqual([
      [3, 1, "2. AWS API & CLI"],
      [5, 2, "2.1. API Call Limit (Quota)"],
      [10, 1, "11. DynamoDB"],
      [11, 2, "11.1 Table, Primary Key, Item"],
      [13, 3, "6.4.2. appspec.yml"],
    ]);
  });

  it("keeps • bullets as the body and uses the first line as the note title", () => {
    const s = parseNote("notes/dva.txt", txt);
    expect(s[1]!.text).toBe("  • API 호출에 제한이 걸려 있음\n    • Ex) EC2 DescribeInstance : 100 Call Per Seconds");
    expect(s[1]!.path).toEqual(["AWS Certified Developer Associate 자격증 이론 정리", "2. AWS API & CLI", "2.1. API Call Limit (Quota)"]);
  });

  it("does not read indented numbers or numbers without a title as headings", () => {
    expect(headings("notes/x.txt", "1. Base\n  2. indented\n3.\n10초 이내\n")).toEqual([[1, 1, "1. Base"]]);
  });

  it("reads a number with no dot as a line of the body (443 포트, 200 OK)", () => {
    const s = parseNote("notes/http.txt", "HTTP 정리\n2.1 상태 코드\n200 OK: 성공\n404 Not Found: 없음\n2.2 헤더\nContent-Type\n");
    expect(s.map((x) => x.heading)).toEqual(["2.1 상태 코드", "2.2 헤더"]);
    expect(s[0]!.text).toBe("200 OK: 성공\n404 Not Found: 없음");
  });

  it("reads an address or a formula after a number as a line of the body (255.255.255.0 = /24, 10.0.0.0 ~ 10.255.255.255)", () => {
    const s = parseNote("notes/ip.txt", "IP 정리\n1. 사설 IP\n10.0.0.0 ~ 10.255.255.255\n192.168.0.0 /16\n2. 서브넷\n255.255.255.0 = /24\n1.5 = 1 + 0.5\n");
    expect(s.map((x) => x.heading)).toEqual(["1. 사설 IP", "2. 서브넷"]);
    expect(s[1]!.text).toBe("255.255.255.0 = /24\n1.5 = 1 + 0.5");
  });

  it("reads a decimal at the start of a line as the body (0.05 이하면 기각, 1.05배), and 0. as a heading", () => {
    const s = parseNote("notes/stats.txt", "통계\n0. 들어가며\n기초\n1. 가설 검정\n0.05 이하면 기각\n0.5 이상이면 채택\n1.05 배로 늘어남\n1.1 p-value\n정의\n");
    expect(s.map((x) => x.heading)).toEqual(["0. 들어가며", "1. 가설 검정", "1.1 p-value"]);
    expect(s[1]!.text).toBe("0.05 이하면 기각\n0.5 이상이면 채택\n1.05 배로 늘어남");
  });
});

describe("parseNote: text before the first heading", () => {
  it("is a section under the note's title, in Markdown without a title heading and in plain text", () => {
    const md = parseNote("notes/코테팁.md", "파이썬은 PyPy3로 제출하면 빠르다.\n\n## 입력\n\nsys.stdin.readline\n");
    expect(md.map((x) => [x.line, x.heading, x.path, x.text])).toEqual([
      [1, "코테팁", ["코테팁"], "파이썬은 PyPy3로 제출하면 빠르다."],
      [3, "입력", ["코테팁", "입력"], "sys.stdin.readline"],
    ]);
    const txt = parseNote("notes/memo.txt", "네트워크 메모\nOSI 7계층은 외우기\n1. TCP\n연결 지향\n");
    expect(txt.map((x) => [x.line, x.heading, x.text])).toEqual([
      [1, "네트워크 메모", "OSI 7계층은 외우기"],
      [3, "1. TCP", "연결 지향"],
    ]);
  });

  it("is the whole note when it has no heading at all", () => {
    expect(parseNote("notes/한줄.md", "- 캐시 무효화는 어렵다\n- TTL로 버틴다\n").map((x) => [x.line, x.heading, x.text])).toEqual([[1, "한줄", "- 캐시 무효화는 어렵다\n- TTL로 버틴다"]]);
  });

  it("adds nothing where a title heading or the title line comes first", () => {
    expect(parseNote("notes/a.md", "# 제목\n\n소개\n\n## 본문\n").map((x) => x.heading)).toEqual(["제목", "본문"]);
    expect(parseNote("notes/b.txt", "제목\n\n1. 본문\n").map((x) => x.heading)).toEqual(["1. 본문"]);
  });
});

describe("parseNote: lecture memos in plain text", () => {
  const memo = ["보안 수업 필기", "", "#1 TLS", "443 포트, HTTPS = HTTP over TLS", "", "#2 XSS 유형", "1. 반사형: 요청에 실린 스크립트", "2. 저장형: 게시글에 저장됨", "#3", ""].join("\n");

  it("reads #N lines as the headings, under the first line as the title", () => {
    expect(headings("notes/memo.txt", memo)).toEqual([
      [3, 1, "#1 TLS"],
      [6, 1, "#2 XSS 유형"],
      [9, 1, "#3"],
    ]);
    expect(parseNote("notes/memo.txt", memo)[1]!.path).toEqual(["보안 수업 필기", "#2 XSS 유형"]);
  });

  it("keeps a lecture's numbered lines as its list", () => {
    expect(parseNote("notes/memo.txt", memo)[1]!.text).toBe("1. 반사형: 요청에 실린 스크립트\n2. 저장형: 게시글에 저장됨");
  });
});

describe("note paths", () => {
  it("names a note outside the working directory by its folder and file, never an absolute path", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { loadNotes } = await import("../../src/core/notes/load.js");
    const dir = mkdtempSync(path.join(tmpdir(), "group-notes-"));
    writeFileSync(path.join(dir, "os.md"), "# OS\n\n## 교착 상태\n\n서로 기다림.\n");
    const [first] = loadNotes(dir, process.cwd());
    expect(first!.file).toBe(`${path.basename(dir)}/os.md`);
  });
});
