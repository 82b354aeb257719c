import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import BetterSqlite3 from "better-sqlite3";
import { ConsoleSession, createConsole, CONSOLE_GROUP, ECHO_MAX, echoLine } from "../../src/platforms/console/index.js";
import { silentLogger } from "../../src/logger.js";
import { openDatabase } from "../../src/db/index.js";
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
    expect(out).toContain("[alice → #1] Answer recorded: A.");
    expect(out).toContain("[bob → #1] Answer recorded: B.");
    expect(out).toMatch(/┌─ Question #1 · Answer revealed · /);
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

  it("prints a question caught up at start-up after the ready banner", async () => {
    const db = path.join(tempDir(), "catchup.db");
    const database = openDatabase(db);
    const group = await database.store.ensureGroup(CONSOLE_GROUP, { timezone: "UTC" });
    const every = [0, 1, 2, 3, 4, 5, 6];
    // made two days ago, due at 00:00 UTC every day: today's question is due and was never posted
    await database.store.upsertSchedule(group.id, "console", "daily", { time: "00:00", weekdays: every, timezone: "UTC", topics: [], revealAfterMinutes: 1440, instantFeedback: false }, { at: new Date(Date.now() - 2 * 86_400_000) });
    database.close();
    const r = await run(process.execPath, ["bin/studybot.mjs", "start"], { env: { DATABASE_PATH: db, DEFAULT_LOCALE: "en" }, input: "" });
    expect(r.code, r.stderr).toBe(0);
    const banner = r.stdout.indexOf("studybot ready");
    const card = r.stdout.indexOf("┌─ Question #1");
    expect(banner).toBe(0);
    expect(card).toBeGreaterThan(banner);
  });

  it("drafts questions from a note into a file beside the database, and prints where", async () => {
    const dir = tempDir();
    const r = await run(process.execPath, ["bin/studybot.mjs", "start"], { env: { DATABASE_PATH: path.join(dir, "d.db"), DEFAULT_LOCALE: "en" }, input: "/studybot questions draft dva-theory.txt limit=3\n" });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(dir, "drafts", "drafts-dva-theory.yaml");
    expect(r.stdout).toMatch(/Drafted [1-3] questions from notes\/dva-theory\.txt into drafts-dva-theory\.yaml/);
    expect(r.stdout).toContain(`→ ${file}`);
    const yaml = readFileSync(file, "utf8");
    expect(yaml).toContain("draft: true");
    expect((yaml.match(/^- id: /gm) ?? []).length).toBeLessThanOrEqual(3);
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

  it("starts on a group's own notes with no question bank yet (QUESTIONS_DIR=none): lookup answers, /quiz says there is nothing to ask", async () => {
    const db = path.join(tempDir(), "notes-only.db");
    const r = await run(process.execPath, ["bin/studybot.mjs", "start"], {
      env: { DATABASE_PATH: db, DEFAULT_LOCALE: "en", NOTES_DIR: "test/fixtures/notes-web", QUESTIONS_DIR: "none" },
      input: "/lookup 리플로우\n/quiz\n/review\n",
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ready — console mode \(56 note sections, 0 questions\)/);
    expect(r.stdout).toContain("리플로우 / 리페인트  (test/fixtures/notes-web/browser.md:14)");
    expect(r.stdout.match(/There are no questions to ask .*Add questions to the bank \(QUESTIONS_DIR\)/g)).toHaveLength(2);
    // the person at the terminal is the operator: the message is enough, with no log line beside it
    expect(r.stderr).toBe("");
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
    const { session: s } = createConsole(h.bot, { output: { write: (t) => void out.push(t) }, logger: silentLogger, timezone: "Asia/Seoul", filesDir: tempDir() });
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
    expect(oneLine(await say("/answer"))).toBe("usage: /answer [#N] <letter> — e.g. /answer B, or /answer #2 B when several questions are open");
    expect(oneLine(await say("/answer A B"))).toMatch(/^usage: \/answer \[#N\] <letter>/);
    expect(oneLine(await say("/qa B"))).toBe("me has no practice question waiting. Get one with /quiz (and answer it with /qa).");
    expect(oneLine(await say("/studybot schedule 25:00"))).toBe("'25:00' is not a time of day. Write it as HH:MM, 24-hour (e.g. 09:00 or 21:30); 9, 9am and 오전9시 work too.");
    expect(oneLine(await say("/studybot schedule 9.30"))).toMatch(/^'9\.30' is not a time of day\. Write it as HH:MM/);
    expect(oneLine(await say("/studybot schedule 09:00 Mars/Phobos"))).toBe("'Mars/Phobos' is not an IANA time zone. Use one like Asia/Seoul, America/New_York or UTC.");
    expect(oneLine(await say("/studybot schedule 09:00 reveal=0"))).toBe("reveal=0 cannot be used: give a whole number from 1 to 1440.");
    expect(oneLine(await say("/studybot schedule"))).toBe("/studybot schedule needs time. For example: /studybot schedule 09:00 mon-fri Asia/Seoul topics=lambda,s3 reveal=60");
    expect(oneLine(await say("/studybot config colour=blue"))).toMatch(/^\/studybot config has no option 'colour'\. Its options: language, timezone, points/);
    expect(oneLine(await say("/studybot config points=5000"))).toBe("points=5000 cannot be used: give a whole number from 0 to 1000.");
    expect(oneLine(await say("/leaderboard all kubernetes"))).toBe("There is no topic 'kubernetes'. Topics: lambda, s3, sqs");
    expect(oneLine(await say("/leaderboard year"))).toBe("'year' is none of these — period: week, month, all, season · topic: lambda, s3, sqs");
    expect(oneLine(await say("/stats nobody"))).toBe("No record for nobody yet. Check the name, or wait until they answer a question.");
    expect(oneLine(await say("/lookup"))).toBe("/lookup needs query. For example: /lookup 람다 타임아웃");
    await say("/studybot post-now");
    expect(oneLine(await say("/answer Z"))).toBe("Z is not one of the choices. Pick one of A, B, C, D.");
  });

  it("lists every subcommand for a bare or unknown /studybot, and the settings with their usage for a bare config", async () => {
    const { say } = await session();
    const usage = await say("/studybot");
    for (const sub of ["schedule", "unschedule", "pause", "resume", "status", "post-now", "reveal-now", "config"]) expect(usage).toContain(`/studybot ${sub}`);
    expect(await say("/studybot launch")).toMatch(/^\/studybot has no subcommand 'launch'\.\nUsage of \/studybot:/);
    const config = await say("/studybot config");
    expect(config).toContain("Settings in force");
    expect(config).toContain("/studybot config [language=ko|en|auto] [timezone=…] [points=0–1000]");
  });

  it("switches members with /as (one member whatever the case) and answers the open card per member; the first answer counts", async () => {
    const { say } = await session();
    const card = await say("/studybot post-now");
    expect(card).toContain("┌─ Question #1");
    expect(await say("/as Alice")).toBe("Now speaking as Alice.\n");
    expect(await say("/answer a")).toMatch(/^\[Alice → #1\] Answer recorded: A\./);
    await say("/as alice");
    expect(await say("/answer b")).toBe("[alice → #1] You already answered A. Your first answer counts.\n");
    await say("/as bob");
    expect(await say("/answer B")).toMatch(/^\[bob → #1\] Answer recorded: B\./);
    const reveal = await say("/studybot reveal-now");
    expect(reveal).toMatch(/Question #1 · Answer revealed/);
    expect(reveal).toContain("picked: A 1 · B 1 · C 0 · D 0 — 2 answered");
    expect(await say("/answer C")).toMatch(/^There is no open question/);
    expect(await say("/studybot reveal-now")).toBe("There is no open question to reveal in #console.\n");
    const rows = await h!.database.store.topScores((await h!.bot.group({ group: CONSOLE_GROUP, userId: "x", displayName: "x" })).id, "all", null, 10);
    expect(rows.map((r) => r.userId).sort()).toEqual(["alice", "bob"]);
  });

  it("strips control characters from names the same way in /as and /stats", async () => {
    const { say } = await session();
    expect(await say("/as \u001b[31mAl\u0007ice\u001b[0m")).toBe("Now speaking as Alice.\n");
    await say("/studybot post-now");
    await say("/answer A");
    expect(await say("/stats \u001b[31mal\u0007ice")).toMatch(/^Stats for Alice\n/);
    expect(await say("/stats ALICE")).toMatch(/^Stats for Alice\n/);
  });

  it("sends /answer to the channel's card and /qa to the speaker's practice question, and asks which card when two are open", async () => {
    const { say } = await session();
    await say("/as carol");
    const practice = await say("/quiz lambda");
    expect(practice).toMatch(/Practice · only you can see this · Lambda/);
    expect(practice).toContain("answer with /qa <letter> (only carol sees this)");
    expect(await say("/studybot post-now")).toContain("┌─ Question #1");
    // the daily card, not the practice question
    expect(await say("/answer A")).toMatch(/^\[carol → #1\] Answer recorded: A\./);
    expect(await say("/qa B")).toMatch(/^\[to carol only\] (Correct|Wrong)/);
    expect(await say("/qa B")).toMatch(/^carol has no practice question waiting/);
    // post-now while the schedule's card is open needs force; then two cards are open
    expect(await say("/studybot post-now")).toMatch(/^Question #1 of the schedule 'daily' is still open\..*post-now force/);
    expect(await say("/studybot post-now force")).toContain("┌─ Question #2");
    await say("/as dan");
    expect(await say("/answer C")).toBe("Several questions are open: #1, #2. Say which one, e.g. /answer #2 C\n");
    expect(await say("/answer #2 C")).toMatch(/^\[dan → #2\] Answer recorded: C\./);
    expect(await say("/answer #1 D")).toMatch(/^\[dan → #1\] Answer recorded: D\./);
    expect(await say("/answer #7 D")).toBe("Question #7 is not open. Open now: #1, #2\n");
    expect(await say("/leaderboard all")).toContain("No answers recorded yet in this period.");
  });

  it("shows /history: the channel's revealed questions with the answer, yours and the group's accuracy", async () => {
    const { say } = await session();
    expect(await say("/history")).toBe("No question has been revealed in this channel yet.\n");
    await say("/studybot post-now");
    await say("/as erin");
    await say("/answer A");
    await say("/studybot reveal-now");
    const history = await say("/history 3");
    expect(history).toMatch(/^Last 1 revealed questions\n {2}#1 · \w+ — Question \w+\?\n {4}answer [A-D]\. \w+\n {4}you: A [✓✗] · group (100|0)% right \((1|0)\/1\)/);
    await say("/as frank");
    expect(await say("/history")).toContain("you did not answer · group");
    expect(await say("/history 11")).toBe("count=11 cannot be used: give a whole number from 1 to 10.\n");
  });

  it("echoes piped input without control characters or escape sequences, shortening long lines visibly", () => {
    expect(echoLine("/as \u001b[2J\u001b[31mmallory\u0007", "en")).toBe("/as mallory");
    const long = "/lookup " + "x".repeat(300);
    expect(echoLine(long, "en")).toBe(long.slice(0, ECHO_MAX) + "… (108 more characters)");
    expect(echoLine(long, "ko")).toBe(long.slice(0, ECHO_MAX) + "… (108자 더 있음)");
  });
});
