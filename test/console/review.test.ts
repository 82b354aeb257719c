// The learning loop in the terminal: `studybot start` with a small question bank, a member who misses the daily card
// finds it in /review right after the reveal (and not before), answers it with /qa and sees the note and what is
// still due; a reminder is a line addressed to the member.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.js";
import { createConsole } from "../../src/platforms/console/index.js";
import { harness, type Harness } from "../engine/support.js";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "test/discord/fixtures");
const dirs: string[] = [];
let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function start(input: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/studybot.mjs", "start"], { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? root, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("/review in the console", () => {
  it("shows a missed daily question after its reveal, not before, and takes its answer with /qa", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "studybot-review-"));
    dirs.push(dir);
    // the Lambda schedule's only question: "…최대 실행 시간(Timeout)은?", answer C
    const lines = ["/studybot schedule 23:59 topics=lambda", "/studybot post-now", "/as alice", "/answer A", "/review", "/studybot reveal-now", "/review", "/qa C", "/review remind=20:00"];
    const r = await start(lines.join("\n") + "\n", { DATABASE_PATH: path.join(dir, "r.db"), DEFAULT_LOCALE: "en", QUESTIONS_DIR: path.join(fixtures, "questions"), NOTES_DIR: path.join(fixtures, "notes") });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const after = (line: string) => {
      const at = r.stdout.indexOf(`> ${line}\n`);
      expect(at, line).toBeGreaterThanOrEqual(0);
      const rest = r.stdout.slice(at + line.length + 3);
      const next = rest.indexOf("\n> ");
      return next < 0 ? rest : rest.slice(0, next + 1);
    };
    const prompt = "Lambda 함수에 설정할 수 있는 최대 실행 시간(Timeout)은?";
    expect(after("/answer A")).toContain("[alice → #1] Answer recorded: A.");
    // before the reveal: a new question, not the daily card's
    const before = r.stdout.split("> /review\n")[1]!;
    expect(before).toMatch(/^Review · Nothing due: a new question from your weakest topic\n┌─ Practice · only you can see this/);
    expect(before.split("\n> ")[0]).not.toContain(prompt);
    const revealed = r.stdout.split("> /review\n")[2]!.split("\n> ")[0]!;
    expect(revealed).toMatch(/^Review · Due for review · 1 due today\n┌─ Practice · only you can see this · Lambda · difficulty 1/);
    expect(revealed).toContain(prompt);
    expect(revealed).toContain("answer with /qa <letter> (only alice sees this)");
    const answered = after("/qa C");
    expect(answered).toMatch(/^\[to alice only\] Correct! \(C\)\n/);
    expect(answered).toContain("  From the notes:\n");
    expect(answered).toContain("  Nothing more due today.\n");
    expect(after("/review remind=20:00")).toBe("I will send you a reminder at 20:00 (Asia/Seoul) on days something is due. Due today: 0.\n");
  });

  it("prints a reminder as a line to the member, once, at its time", async () => {
    h = harness({ start: "2025-03-03T00:00:00Z" });
    const out: string[] = [];
    const { session } = createConsole(h.bot, { output: { write: (t) => void out.push(t) }, logger: silentLogger, timezone: "Asia/Seoul", filesDir: mkdtempSync(path.join(tmpdir(), "studybot-files-")) });
    await session.handle("/as carol");
    await session.handle("/review remind=20:00");
    await session.handle("/quiz lambda");
    await session.handle("/qa D"); // every Lambda question's answer is A, B or C: D is wrong
    out.length = 0;
    h.clock.set("2025-03-03T11:00:00Z"); // 20:00 in Seoul
    await h.scheduler.catchUp();
    await h.scheduler.catchUp();
    expect(out).toEqual(["[→ carol] Reviews due today: 1. Type /review to go through them.\n"]);
  });
});
