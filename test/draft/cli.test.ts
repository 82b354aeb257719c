// `studybot questions draft` and `questions validate [--drafts]` through the CLI dispatcher.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../../src/cli.js";
import { FIXTURES } from "./support.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

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

const NOTE = path.join(FIXTURES, "queue.md");

describe("studybot questions draft", () => {
  it("prints the drafts as YAML on stdout and the skipped lines with their reasons on stderr", async () => {
    const r = await cli("questions", "draft", NOTE, "--limit", "4", "--topic", "sqs");
    expect(r.code).toBe(0);
    const items = parse(r.stdout) as Array<{ topic: string; draft: boolean }>;
    expect(items).toHaveLength(4);
    expect(items.every((i) => i.topic === "sqs" && i.draft === true)).toBe(true);
    expect(r.stderr).toMatch(/queue\.md:7: skipped: depends on context \("위와"\)/);
    expect(r.stderr).toMatch(/drafted 4 questions from .*queue\.md \(.*\); \d+ lines skipped/);
  });

  it("writes the YAML to --out", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "studybot-draft-"));
    const out = path.join(dir, "drafts.yaml");
    const r = await cli("questions", "draft", NOTE, "--limit", "2", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect((parse(readFileSync(out, "utf8")) as unknown[]).length).toBe(2);
  });

  it.each([
    [["--limit", "0"], '--limit must be a whole number of at least 1 (got "0")'],
    [["--seed", "x"], '--seed must be a whole number of at least 0 (got "x")'],
    [["--topic", "My Topic"], '--topic must be a topic key in kebab-case such as lambda or os-memory (got "My Topic")'],
  ])("refuses %j with what to write instead", async (args, message) => {
    const r = await cli("questions", "draft", NOTE, ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("says which file it cannot read", async () => {
    const r = await cli("questions", "draft", path.join(FIXTURES, "missing.md"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*missing\.md \(ENOENT\): give the path of a note file/);
  });

  it("asks for a note when given none or something else", async () => {
    expect((await cli("questions", "draft")).stderr).toContain("name the note to draft from");
    expect((await cli("questions", "draft", "questions/topics.yaml")).stderr).toContain("is not a note: give a .md, .markdown or .txt file");
  });
});

describe("studybot questions validate with drafts", () => {
  async function bank(): Promise<string> {
    dir = mkdtempSync(path.join(tmpdir(), "studybot-draft-bank-"));
    writeFileSync(path.join(dir, "topics.yaml"), "sqs: { ko: SQS, en: SQS }\n");
    const r = await cli("questions", "draft", NOTE, "--limit", "3", "--topic", "sqs", "--out", path.join(dir, "drafts.yaml"));
    expect(r.code).toBe(0);
    return dir;
  }

  it("refuses drafts without --drafts, listing each at its line", async () => {
    const d = await bank();
    const r = await cli("questions", "validate", "--dir", d, "--notes", FIXTURES);
    expect(r.code).toBe(1);
    const listed = r.stderr.split("\n").filter((l) => l.includes("this question is a draft (draft: true)"));
    expect(listed).toHaveLength(3);
    for (const l of listed) expect(l).toMatch(/drafts\.yaml:\d+: /);
    expect(r.stderr).toContain("3 drafts listed above");
  });

  it("accepts them with --drafts", async () => {
    const d = await bank();
    const r = await cli("questions", "validate", "--dir", d, "--notes", FIXTURES, "--drafts");
    expect(r).toMatchObject({ code: 0, stdout: "ok: 3 questions in 1 files\n" });
    // drafts are checked like any question (the review may still warn about them), but not refused
    expect(r.stderr).not.toContain("draft");
  });
});
