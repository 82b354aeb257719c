import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import BetterSqlite3 from "better-sqlite3";
import { ConsoleSession, createConsole, CONSOLE_GROUP } from "../../src/platforms/console/index.js";
import { silentLogger } from "../../src/logger.js";
import { harness, type Harness } from "../engine/support.js";

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "studybot-console-"));
  dirs.push(d);
  return d;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with the given stdin; `onStdout` may act on output as it arrives. */
function run(cmd: string, args: string[], opts: { env: Record<string, string>; input?: string; keepOpen?: boolean; onStdout?: (all: string, child: ReturnType<typeof spawn>) => void }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? root, ...opts.env };
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d.toString();
      opts.onStdout?.(stdout, child);
    });
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (opts.input !== undefined) child.stdin!.write(opts.input);
    if (!opts.keepOpen) child.stdin!.end();
  });
}

/** The scripted session of the README's "Try it in the terminal": its environment and its lines. */
function readmeSession(): { env: Record<string, string>; lines: string[] } {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Try it in the terminal"));
  const m = /```bash\n((?:\w+=\S+ )*)npm start --silent <<'EOF'\n([\s\S]*?)\nEOF\n```/.exec(section);
  if (!m) throw new Error("README: no scripted session found under 'Try it in the terminal'");
  const env = Object.fromEntries(
    m[1]!
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((kv) => kv.split("=") as [string, string]),
  );
  return { env, lines: m[2]!.split("\n") };
}

describe("console platform (npm start with no chat credentials)", () => {
  it("runs the README's scripted session: a card, two members' answers, the reveal, both on the leaderboard", async () => {
    const { env, lines } = readmeSession();
    expect(lines).toContain("/studybot post-now");
    const db = path.join(tempDir(), "demo.db");
    const r = await run("npm", ["start", "--silent"], { env: { ...env, DATABASE_PATH: db }, input: lines.join("\n") + "\n" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^studybot ready — console mode \(\d+ note sections, \d+ questions\)/);
    expect(out).toMatch(/┌─ Question #1 · .+ · difficulty [123]\n│ /);
    expect(out).toContain("[alice] Answer recorded: A.");
    expect(out).toContain("[bob] Answer recorded: B.");
    expect(out).toMatch(/┌─ Question #1 revealed · /);
    expect(out).toMatch(/picked: A 1 · B 1( · [C-F] 0)* — 2 answered/);
    const board = out.slice(out.indexOf("All-time leaderboard"));
    expect(board).toMatch(/\n {2}\d\. alice — \d+ pts/);
    expect(board).toMatch(/\n {2}\d\. bob — \d+ pts/);
    expect(out).toContain("Stats for alice");
    // the database was closed cleanly (WAL checkpointed away), with the answers committed
    expect(existsSync(db + "-wal")).toBe(false);
    const copy = new BetterSqlite3(db, { readonly: true });
    expect((copy.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n).toBe(2);
    copy.close();
  });

  it("stops gracefully on SIGTERM and SIGINT while waiting for input", async () => {
    for (const sig of ["SIGTERM", "SIGINT"] as const) {
      const db = path.join(tempDir(), "sig.db");
      const r = await run(process.execPath, ["bin/studybot.mjs", "start"], {
        env: { DATABASE_PATH: db, DEFAULT_LOCALE: "en" },
        input: "/studybot post-now\n",
        keepOpen: true,
        onStdout: (all, child) => {
          if (all.includes("Question #1") && !child.killed) child.kill(sig);
        },
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      expect(existsSync(db + "-wal")).toBe(false);
    }
  });

  it("a malformed question file stops start-up naming the file and line; so does a bad setting", async () => {
    const q = tempDir();
    copyFileSync(path.join(root, "questions/topics.yaml"), path.join(q, "topics.yaml"));
    writeFileSync(path.join(q, "broken.yaml"), "- id: x1\n  topic: lambda\n  prompt: [unclosed\n");
    const r = await run(process.execPath, ["bin/studybot.mjs", "start"], { env: { DATABASE_PATH: path.join(q, "x.db"), QUESTIONS_DIR: q } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml:\d+/);
    expect(r.stdout).not.toContain("ready");

    const bad = await run(process.execPath, ["bin/studybot.mjs", "start"], { env: { DATABASE_PATH: path.join(q, "y.db"), DEFAULT_TIMEZONE: "Mars/Phobos" } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/DEFAULT_TIMEZONE="Mars\/Phobos": must be an IANA time zone/);
  });
});

describe("console commands", () => {
  async function session(): Promise<{ s: ConsoleSession; out: string[]; say: (line: string) => Promise<string> }> {
    h = harness();
    const out: string[] = [];
    const { session: s } = createConsole(h.bot, { output: { write: (t) => void out.push(t) }, logger: silentLogger, timezone: "Asia/Seoul" });
    const say = async (line: string) => {
      out.length = 0;
      await s.handle(line);
      return out.join("");
    };
    return { s, out, say };
  }

  it("answers bad input with one clear line saying what to do", async () => {
    const { say } = await session();
    const oneLine = (text: string) => {
      expect(text.trim().split("\n")).toHaveLength(1);
      return text.trim();
    };
    expect(oneLine(await say("/answer B"))).toBe("There is no open question to answer right now. Wait for the next one, or practise with /quiz.");
    expect(oneLine(await say("/frobnicate now"))).toBe("'/frobnicate' is not a command. Type /help for the list.");
    expect(oneLine(await say("hello"))).toMatch(/^Commands start with \//);
    expect(oneLine(await say("/as"))).toBe("usage: /as <name> — e.g. /as alice");
    expect(oneLine(await say("/answer"))).toBe("usage: /answer <letter> — e.g. /answer B");
    expect(oneLine(await say("/answer A B"))).toBe("usage: /answer <letter> — e.g. /answer B");
    expect(oneLine(await say("/studybot schedule 25:00"))).toBe("'25:00' is not a valid time. Use HH:MM between 00:00 and 23:59, e.g. 09:00.");
    expect(oneLine(await say("/studybot schedule 09:00 Mars/Phobos"))).toBe("'Mars/Phobos' is not an IANA time zone. Use one like Asia/Seoul, America/New_York or UTC.");
    expect(oneLine(await say("/studybot schedule 09:00 someday"))).toMatch(/^'someday' cannot be read as weekdays/);
    expect(oneLine(await say("/studybot schedule 09:00 reveal=0"))).toMatch(/^reveal=0 cannot be used/);
    expect(oneLine(await say("/studybot schedule"))).toMatch(/^usage: \/studybot schedule HH:MM/);
    expect(oneLine(await say("/studybot launch"))).toMatch(/^usage: \/studybot schedule\|unschedule/);
    expect(oneLine(await say("/studybot config colour=blue"))).toMatch(/^'colour=blue' cannot be set/);
    expect(oneLine(await say("/leaderboard all kubernetes"))).toMatch(/^There is no topic 'kubernetes'. Available topics: lambda, s3, sqs/);
    expect(oneLine(await say("/stats nobody"))).toBe("No record for nobody. Check the name.");
    expect(oneLine(await say("/lookup"))).toMatch(/^usage: \/lookup/);
    await say("/studybot post-now");
    expect(oneLine(await say("/answer Z"))).toBe("Z is not one of the choices. Pick one of A, B, C, D.");
  });

  it("switches members with /as and answers the open card per member; the first answer counts", async () => {
    const { say } = await session();
    const card = await say("/studybot post-now");
    expect(card).toContain("┌─ Question #1");
    expect(await say("/as alice")).toBe("Now speaking as alice.\n");
    expect(await say("/answer a")).toMatch(/^\[alice\] Answer recorded: A\./);
    expect(await say("/answer b")).toBe("[alice] You already answered A. Your first answer counts.\n");
    await say("/as bob");
    expect(await say("/answer B")).toMatch(/^\[bob\] Answer recorded: B\./);
    const reveal = await say("/studybot reveal-now");
    expect(reveal).toMatch(/Question #1 revealed/);
    expect(reveal).toContain("picked: A 1 · B 1 · C 0 · D 0 — 2 answered");
    expect(await say("/answer C")).toMatch(/^There is no open question/);
    expect(await say("/studybot reveal-now")).toBe("There is no open question to reveal.\n");
    const board = await say("/leaderboard all");
    expect(board).toMatch(/alice/);
    expect(board).toMatch(/bob/);
    const rows = await h!.database.store.topScores((await h!.bot.group({ group: CONSOLE_GROUP, userId: "x", displayName: "x" })).id, "all", null, 10);
    expect(rows.map((r) => r.displayName).sort()).toEqual(["alice", "bob"]);
  });

  it("practice with /quiz is answered privately and stays off the leaderboard", async () => {
    const { say } = await session();
    await say("/as carol");
    const card = await say("/quiz lambda");
    expect(card).toMatch(/Practice · Lambda/);
    expect(await say("/answer A")).toMatch(/^\[to carol only\] (Correct|Wrong)/);
    expect(await say("/leaderboard all")).toContain("No answers recorded yet.");
  });
});

