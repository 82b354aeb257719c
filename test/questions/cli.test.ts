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
import { question, tempBank, type TempBank } from "./fixtures.js";

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

function setup(files: Record<string, string>): { dir: string; notes: string } {
  bank = tempBank(files);
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

const GOOD = question();
const EBS = question({
  id: "ebs-piops",
  topic: "ebs-efs",
  prompt: "I/O 성능을 보장하는 EBS 볼륨은?",
  choices: "[gp2, Provisioned IOPS, st1]",
  answer: "1",
  source: '{ note: saa-c02-study.md, heading: "#28 EBS Volume Type" }',
});

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

  it("--strict warns for answers the cited section does not state, prints the share, and keeps exit 0", async () => {
    const ungrounded = question({ id: "lambda-timeout-minutes", prompt: "몇 분?", choices: "[5분, 15분]", answer: "1" });
    const { dir, notes } = setup({ "a.yaml": GOOD + ungrounded, "b.yaml": EBS });
    const r = await cli("questions", "validate", "--dir", dir, "--notes", notes, "--strict");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("grounding: 2/3 questions (66.7%) have their correct choice in the cited section\nok: 3 questions in 2 files\n");
    expect(r.stderr).toMatch(/^\/.*\/questions\/a\.yaml:10: warning: the correct choice "15분" of "lambda-timeout-minutes" does not appear in the cited section "10.16. Limitation"/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
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

  it("counts a source written as notes/<file> under that note", async () => {
    const { dir, notes } = setup({ "a.yaml": question({ source: '{ note: notes/dva-theory.txt, heading: "10.16. Limitation" }' }) });
    const r = await cli("questions", "stats", "--dir", dir, "--notes", notes, "--json");
    expect((JSON.parse(r.stdout) as { byNote: unknown }).byNote).toEqual([
      { key: "dva-theory.txt", count: 1 },
      { key: "saa-c02-study.md", count: 0 },
    ]);
  });

  it("--json gives the same counts as data, and warns when the bank has problems", async () => {
    const { dir, notes } = setup({ "a.yaml": GOOD, "b.yaml": EBS.replace("difficulty: 1", "difficulty: 8") });
    const r = await cli("questions", "stats", "--dir", dir, "--notes", notes, "--json");
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout) as { questions: number; byNote: Array<{ key: string; count: number }> };
    expect(stats.questions).toBe(1);
    expect(stats.byNote).toEqual([
      { key: "dva-theory.txt", count: 1 },
      { key: "saa-c02-study.md", count: 0 },
    ]);
    expect(r.stderr).toMatch(/the bank has 1 problem; these counts cover the 1 valid question only/);
  });
});
