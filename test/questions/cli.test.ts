// `studybot questions validate|stats` through the CLI dispatcher, on a bank and notes written to a temp folder
// (the notes go through the real notes parser).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadNotes } from "../../src/core/notes/load.js";
import { loadQuestionBank } from "../../src/core/questions/load.js";
import { QuestionBankError } from "../../src/core/questions/types.js";
import { EXAMS, lineOf, question, tempBank, TOPICS, type TempBank } from "./fixtures.js";

let bank: TempBank | undefined;
afterEach(() => bank?.remove());

const DVA_NOTE = `AWS Developer 이론 정리

10. Lambda

10.16. Limitation

  • Memory : 128MB ~ 10GB
  • Exeuction Time : 900seconds
`;

const SAA_NOTE = `# SAA-C02 study

#28 EBS Volume Type
- io1/io2: **Provisioned IOPS** SSD
`;

function setup(files: Record<string, string>, topics = TOPICS): { dir: string; notes: string } {
  bank = tempBank(files, topics);
  const notes = path.join(bank.root, "notes");
  mkdirSync(notes);
  writeFileSync(path.join(notes, "dva-theory.txt"), DVA_NOTE);
  writeFileSync(path.join(notes, "saa-c02-study.md"), SAA_NOTE);
  return { dir: bank.dir, notes };
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await runCli(argv, { stdout, stderr, stdin: new PassThrough() });
  return { code, stdout: out, stderr: err };
}

// Clean for the review too: no choice stands out by length, and no correct choice is pasted from the note alone.
const GOOD = question({ choices: "[3초, 60초, 15분, 1시간]" });
const EBS = question({
  id: "ebs-piops",
  topic: "ebs-efs",
  prompt: "I/O 성능을 보장하는 EBS 볼륨은?",
  choices: "[gp2, io2, st1]",
  answer: "1",
  source: '{ note: saa-c02-study.md, heading: "#28 EBS Volume Type" }',
});
/** The correct choice is the note's wording, the others are not: a verbatim-answer warning. */
const PASTED = question({ id: "lambda-timeout-pasted", prompt: "Lambda 함수의 최대 실행 시간은 노트에 어떻게 적혀 있나?", choices: "[60seconds, 300seconds, 900seconds, 3600seconds]", answer: "2" });
/** Difficulty 3 with one constraint only: a scenario warning. */
const THIN_SCENARIO = question({ id: "lambda-memory-scenario", difficulty: "3", prompt: "회사가 Lambda 함수에 메모리를 가장 많이 주려 한다. 최대 얼마까지 줄 수 있는가?", choices: "[3GB, 10GB, 512MB, 128MB]", answer: "1" });

describe("studybot questions validate", () => {
  it("exits 0 with a summary on a valid bank", async () => {
    const { dir, notes } = setup({ "a.yaml": GOOD, "b.yaml": EBS });
    const r = await cli("questions", "validate", "--dir", dir, "--notes", notes);
    expect(r).toEqual({ code: 0, stdout: "ok: 2 questions in 2 files\n", stderr: "" });
  });

  it("prints each problem as file:line: message, a summary, and exits 1; the lines match the start-up error", async () => {
    const bad = question({ id: "bad", prompt: "다른 질문?", answer: "9" }) + question({ id: "bad", prompt: "셋째?", source: '{ note: dva-theory.txt, heading: "Limits" }' });
    const { dir, notes } = setup({ "a.yaml": GOOD, "b.yaml": bad });
    const r = await cli("questions", "validate", "--dir", dir, "--notes", notes);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe("3 problems in 1 file: fix them and run `studybot questions validate` again");
    for (const l of lines.slice(0, 3)) expect(l).toMatch(/^\/.*\/questions\/b\.yaml:\d+: /);
    expect(lines[2]).toContain('source.heading "Limits" is not a heading of');
    expect(lines[2]).toContain('"10.16. Limitation" (line 5)');

    let thrown: unknown;
    try {
      loadQuestionBank(dir, { sections: loadNotes(notes) });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(QuestionBankError);
    expect((thrown as Error).message).toBe(lines.slice(0, 3).join("\n"));
  });

  it("without --strict, names the review's warnings on stderr but exits 0", async () => {
    const { dir, notes } = setup({ "a.yaml": GOOD + PASTED, "b.yaml": EBS });
    const r = await cli("questions", "validate", "--dir", dir, "--notes", notes);
    expect(r).toEqual({
      code: 0,
      stdout: "ok: 3 questions in 2 files\n",
      stderr: "1 review warning (verbatim-answer 1): `studybot questions validate --strict` lists them\n",
    });
  });

  it("--strict lists each review warning at its question's line, prints the grounding share, and exits 1", async () => {
    const text = GOOD + PASTED + THIN_SCENARIO;
    const { dir, notes } = setup({ "a.yaml": text, "b.yaml": EBS });
    const r = await cli("questions", "validate", "--dir", dir, "--notes", notes, "--strict");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("grounding: 3/4 questions (75.0%) have their correct choice in the cited section\n");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^/.*/questions/a\\.yaml:${lineOf(text, "lambda-timeout-pasted")}: warning: verbatim-answer: the correct choice is the only one copied word for word from dva-theory.txt`));
    expect(lines[1]).toMatch(new RegExp(`^/.*/questions/a\\.yaml:${lineOf(text, "lambda-memory-scenario")}: warning: scenario: difficulty 3, but the prompt states no constraint`));
    expect(lines[2]).toBe("2 warnings without a recorded reason (verbatim-answer 1, scenario 1): fix them and run `studybot questions validate --strict` again");
  });

  it("--strict accepts a warning whose question records the reason, and counts it as an exception", async () => {
    const excused = PASTED.replace("  source:", '  allow: { verbatim-answer: "노트의 표기를 그대로 묻는 문항이라 원문 표기가 정답이다" }\n  source:');
    const { dir, notes } = setup({ "a.yaml": GOOD + excused, "b.yaml": EBS });
    const r = await cli("questions", "validate", "--dir", dir, "--notes", notes, "--strict");
    expect(r).toEqual({
      code: 0,
      stdout: "grounding: 2/3 questions (66.7%) have their correct choice in the cited section\nok: 3 questions in 2 files; 1 exception with a recorded reason (verbatim-answer 1)\n",
      stderr: "",
    });
  });

  it("refuses unknown options and subcommands with usage (exit 2)", async () => {
    const a = await cli("questions", "validate", "--dri", "x");
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/Unknown option '--dri'[\s\S]*usage: studybot questions validate/);
    const b = await cli("questions", "validate", "--json", "--dir", "x", "--notes", "y");
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--json is not an option of "questions validate"/);
    const c = await cli("questions", "lint");
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/unknown subcommand "lint"/);
  });

  it("reports a notes folder that does not exist", async () => {
    const { dir } = setup({ "a.yaml": GOOD });
    const r = await cli("questions", "validate", "--dir", dir, "--notes", path.join(dir, "nope"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read the notes folder/);
  });
});

describe("studybot questions stats", () => {
  it("prints aligned tables per note, topic (with the Korean name), difficulty and tag", async () => {
    const { dir, notes } = setup({ "a.yaml": GOOD, "b.yaml": EBS });
    const r = await cli("questions", "stats", "--dir", dir, "--notes", notes);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^2 questions in 2 files\n/);
    expect(r.stdout).toMatch(/^dva-theory\.txt +1 +50\.0%$/m);
    expect(r.stdout).toMatch(/^ebs-efs +EBS·EFS·인스턴스 스토어 +1 +50\.0%$/m);
    expect(r.stdout).toMatch(/^sqs +SQS +0 +0\.0%$/m);
    expect(r.stdout).toMatch(/^1 recall +2 +100\.0%$/m);
    expect(r.stdout).toMatch(/^DVA +2 +100\.0%$/m);
  });

  it("counts questions per exam domain through their topics, names topics in no domain, and counts the review's findings per check", async () => {
    const topics = EXAMS + "lambda: { ko: Lambda, en: Lambda, domains: [SAA-C03/performance, DVA-C02/development] }\nebs-efs: { ko: EBS, en: EBS, domains: [SAA-C03/performance] }\nsqs: { ko: SQS, en: SQS }\n";
    const excused = THIN_SCENARIO.replace("  source:", '  allow: { scenario: "단일 한도를 시나리오로 감싼 연습 문항" }\n  source:');
    const { dir, notes } = setup({ "a.yaml": GOOD + PASTED + excused, "b.yaml": EBS }, topics);
    const r = await cli("questions", "stats", "--dir", dir, "--notes", notes);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SAA-C03\/performance +고성능 아키텍처 설계 +24% +4 +100\.0%$/m);
    expect(r.stdout).toMatch(/^SAA-C03\/secure +보안 아키텍처 설계 +30% +0 +0\.0%$/m);
    expect(r.stdout).toMatch(/^DVA-C02\/development +AWS 서비스를 이용한 개발 +32% +3 +75\.0%$/m);
    expect(r.stdout).toMatch(/^topics in no exam domain: sqs$/m);
    expect(r.stdout).toMatch(/^near-duplicate +0 +0$/m);
    expect(r.stdout).toMatch(/^verbatim-answer +1 +0$/m);
    expect(r.stdout).toMatch(/^scenario +0 +1$/m);
    expect(r.stdout).toMatch(/^exam-tag +4 +0$/m);
    expect(r.stdout).toMatch(/^total +5 +1$/m);

    const json = await cli("questions", "stats", "--dir", dir, "--notes", notes, "--json");
    const stats = JSON.parse(json.stdout) as { review: unknown; byDomain: Array<{ key: string; weight: number; count: number }> };
    expect(stats.review).toEqual([
      { check: "near-duplicate", warnings: 0, exceptions: 0 },
      { check: "choice-length", warnings: 0, exceptions: 0 },
      { check: "verbatim-answer", warnings: 1, exceptions: 0 },
      { check: "scenario", warnings: 0, exceptions: 1 },
      { check: "exam-tag", warnings: 4, exceptions: 0 },
    ]);
    expect(stats.byDomain.find((d) => d.key === "DVA-C02/development")).toMatchObject({ weight: 32, count: 3 });
  });

  it("counts a source written as notes/<file> under that note", async () => {
    const { dir, notes } = setup({ "a.yaml": question({ source: '{ note: notes/dva-theory.txt, heading: "10.16. Limitation" }' }) });
    const r = await cli("questions", "stats", "--dir", dir, "--notes", notes, "--json");
    expect((JSON.parse(r.stdout) as { byNote: unknown }).byNote).toEqual([
      { key: "dva-theory.txt", count: 1 },
      { key: "saa-c02-study.md", count: 0 },
    ]);
  });

  it("--json gives the same counts as data; a bank with problems (a bad value, a YAML syntax error) exits 1 saying the counts are partial", async () => {
    const broken = setup({ "a.yaml": GOOD, "b.yaml": "- id: x1\n  topic: lambda\n  prompt: [unclosed\n" });
    const syntax = await cli("questions", "stats", "--dir", broken.dir, "--notes", broken.notes);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/the bank has 1 problem; these counts cover the 1 valid question only/);
    const { dir, notes } = setup({ "a.yaml": GOOD, "b.yaml": EBS.replace("difficulty: 1", "difficulty: 8") });
    const r = await cli("questions", "stats", "--dir", dir, "--notes", notes, "--json");
    expect(r.code).toBe(1);
    const stats = JSON.parse(r.stdout) as { questions: number; byNote: Array<{ key: string; count: number }> };
    expect(stats.questions).toBe(1);
    expect(stats.byNote).toEqual([
      { key: "dva-theory.txt", count: 1 },
      { key: "saa-c02-study.md", count: 0 },
    ]);
    expect(r.stderr).toMatch(/the bank has 1 problem; these counts cover the 1 valid question only/);
  });
});

describe("questions with no question bank configured", () => {
  it("asks for --dir when QUESTIONS_DIR is none", async () => {
    const before = process.env.QUESTIONS_DIR;
    process.env.QUESTIONS_DIR = "none";
    try {
      const r = await cli("questions", "validate", "--notes", "notes");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/QUESTIONS_DIR is "none" \(no question bank\): pass --dir DIR/);
    } finally {
      if (before === undefined) delete process.env.QUESTIONS_DIR;
      else process.env.QUESTIONS_DIR = before;
    }
  });
});
