// The organiser tools in the console: a questions file by its path (problems at their lines), exports written beside
// the database, seasons, next, organisers by name, /forget-me confirmed by typing; and, in a running process, SIGHUP
// reloading the notes and questions (a bad file keeps the ones in force) and the command line's export and import.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createConsole } from "../../src/platforms/console/index.js";
import { silentLogger } from "../../src/logger.js";
import { harness, makeBank, question, type Harness } from "../engine/support.js";

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "studybot-console-tools-"));
  dirs.push(d);
  return d;
}

function session(start?: string) {
  h = harness({ bank: makeBank([question("l1", "lambda", 0), question("l2", "lambda", 1), question("s1", "s3", 2), question("s2", "s3", 3)]), ...(start ? { start } : {}) });
  const dir = tempDir();
  const out: string[] = [];
  const { session: s } = createConsole(h.bot, { output: { write: (t) => void out.push(t) }, logger: silentLogger, timezone: "Asia/Seoul", filesDir: path.join(dir, "data"), cwd: dir });
  const say = async (line: string) => {
    out.length = 0;
    await s.handle(line);
    return out.join("").trimEnd();
  };
  return { dir, say };
}

const QUESTIONS = `- id: our-sqs
  topic: sqs
  tags: []
  difficulty: 1
  prompt: "FIFO 큐가 보장하는 것은?"
  choices: [순서, 무제한 처리량]
  answer: 0
  explanation: FIFO 큐는 순서를 지킨다.
`;

describe("organiser tools in the console", () => {
  it("imports a file by its path, shows problems at their lines, and exports the questions beside the database", async () => {
    const { dir, say } = session();
    writeFileSync(path.join(dir, "bad.yaml"), QUESTIONS.replace("answer: 0", "answer: 3"));
    expect(await say("/studybot questions import bad.yaml")).toBe(
      "bad.yaml was not imported. Fix what is listed here (1) and send the file again:\n  bad.yaml:7: answer 3 is out of range: there are 2 choices, so answer must be 0–1 (0-based)",
    );
    expect(await say("/studybot questions import nowhere.csv")).toBe("There is no file nowhere.csv: give the path of a YAML or CSV file (relative to where studybot runs).");
    writeFileSync(path.join(dir, "ours.yaml"), QUESTIONS);
    expect(await say("/studybot questions import ours.yaml")).toBe("Imported ours.yaml: 1 new, 0 replaced. The group has 1 questions of its own now, asked beside the shipped bank.");
    expect(await say("/studybot questions list")).toBe("The group's own questions (1):\n  our-sqs · sqs · FIFO 큐가 보장하는 것은?");
    const exported = await say("/studybot export questions");
    expect(exported).toBe(`1 rows in questions.csv. It opens in a spreadsheet as UTF-8, Korean names included.\n  → ${path.join(dir, "data", "exports", "questions.csv")}`);
    expect(readFileSync(path.join(dir, "data", "exports", "questions.csv"), "utf8")).toContain("our-sqs,sqs,,1,FIFO 큐가 보장하는 것은?,순서,무제한 처리량");
    expect(await say("/quiz sqs")).toContain("FIFO 큐가 보장하는 것은?");
  });

  it("starts a season, previews the next question, names organisers, and forgets a member once they confirm", async () => {
    const { say } = session();
    expect(await say("/studybot season start spring")).toBe("Season 'spring' has started: its board starts from zero, and streaks go on. See it with /leaderboard season.");
    expect(await say("/leaderboard season")).toBe("Season spring\n  No answers recorded yet in this period. Answer the next question!");
    expect(await say("/studybot next")).toBe("This channel has no schedule. Create one with /studybot schedule 09:00 mon-fri.");
    await say("/studybot schedule 09:00 topics=lambda");
    expect(await say("/studybot next")).toMatch(/^Next question of 'daily' in #console, posted .+:\n {2}l[12] · Lambda · difficulty 2\n {2}Question l[12]\?\n {2}A\. one/);
    expect(await say("/studybot organisers add alice")).toBe("alice is an organiser now: /studybot works for them.\n  Organisers added here (besides server admins):\n  • alice");
    expect(await say("/studybot organisers add role=mods")).toBe("The console has no roles: add organisers by name.");
    await say("/as bob");
    await say("/quiz");
    expect(await say("/forget-me")).toBe(
      "This deletes, for good, what studybot stores about you in this group: your member record, scores, practice questions and reviews. Your answers stay in the rounds' counts without your name; points others earned stay.\n  To go ahead, type /forget-me confirm",
    );
    expect(await say("/forget-me confirm")).toBe("Done: studybot has forgotten you (0 answers now anonymous, 1 practice questions and 0 reviews deleted).");
    expect(await say("/studybot forget alice")).toBe("Forgot alice: 0 answers now anonymous, 0 practice questions and 0 reviews deleted.");
    expect(await say("/studybot organisers list")).toMatch(/^No organisers added here/);
  });
});

describe("more organiser tools in the console", () => {
  it("hands out the template, and a questions export imports back unchanged after its questions were removed", async () => {
    const { dir, say } = session();
    expect(await say("/studybot questions template csv")).toBe(
      `An example file with two questions: fill it in and send it with /studybot questions import (source is optional). The same in yaml: /studybot questions template yaml\n  → ${path.join(dir, "data", "exports", "questions-template.csv")}`,
    );
    expect(await say(`/studybot questions import ${path.join("data", "exports", "questions-template.csv")}`)).toMatch(/^Imported questions-template\.csv: 2 new, 0 replaced\./);
    await say("/studybot export questions");
    const exported = path.join(dir, "data", "exports", "questions.csv");
    const first = readFileSync(exported);
    writeFileSync(path.join(dir, "back.csv"), first);
    expect(await say("/studybot questions remove our-first-question")).toBe("Removed the question 'our-first-question'. Rounds that already asked it keep it in their history.");
    await say("/studybot questions remove our-second-question");
    expect(await say("/studybot questions list")).toMatch(/^The group has no questions of its own yet/);
    expect(await say("/studybot questions import back.csv")).toBe("Imported back.csv: 2 new, 0 replaced. The group has 2 questions of its own now, asked beside the shipped bank.");
    await say("/studybot export questions");
    expect(readFileSync(exported)).toEqual(first);
  });

  it("runs a morning and an evening schedule in one channel, skips by name, shows each streak, and exports answers with names made safe", async () => {
    const { dir, say } = session("2025-03-02T23:00:00Z"); // Monday 08:00 in Seoul
    await say("/studybot season start spring");
    expect(await say("/studybot schedule 09:00 name=morning topics=lambda")).toMatch(/^Scheduled 'morning': weekdays at 09:00/);
    expect(await say("/studybot schedule 21:00 name=evening topics=s3")).toMatch(/^Scheduled 'evening': weekdays at 21:00/);
    expect(await say("/studybot skip")).toBe("This channel has several schedules (evening, morning): add name=… to say which.");
    const shown = /\n {2}(s[12]) · S3/.exec(await say("/studybot next name=evening"))![1]!;
    const skipped = await say("/studybot skip name=evening");
    expect(skipped).toMatch(new RegExp(`^Skipped '${shown}': this one comes instead\\.`));
    const instead = shown === "s1" ? "s2" : "s1";
    expect(skipped).toContain(`  ${instead} · S3`);

    await say("/as =SUM(A1)");
    const slot = async (at: string, revealAt: string, right: boolean) => {
      h!.clock.set(at);
      const { posted } = await h!.scheduler.catchUp();
      expect(posted).toHaveLength(1);
      const r = posted[0]!;
      await say(`/answer ${"ABCD"[right ? r.correctIndex : (r.correctIndex + 1) % r.choiceCount]}`);
      h!.clock.set(revealAt);
      await h!.scheduler.catchUp();
      return r;
    };
    expect((await slot("2025-03-03T00:00:00Z", "2025-03-03T01:00:00Z", true)).topic).toBe("lambda");
    expect((await slot("2025-03-03T12:00:00Z", "2025-03-03T13:00:00Z", false)).questionId).toBe(instead);
    expect(await say("/stats")).toContain("streak per schedule: #console morning 1 · #console evening 0");

    await say("/as me");
    await say("/studybot season start summer");
    expect(await say("/leaderboard season spring")).toBe("Season spring\n  final standings (Mon 3 Mar, 08:00 (Asia/Seoul) – Mon 3 Mar, 22:00 (Asia/Seoul))\n  1. =SUM(A1) — 15 pts · 50% correct (1/2) · streak 1");
    await say("/studybot export answers season spring");
    const csv = readFileSync(path.join(dir, "data", "exports", "answers-season-spring.csv"), "utf8");
    expect(csv.startsWith("\uFEFFanswered_at,member,member_id,")).toBe(true);
    expect(csv.split("\r\n").slice(1, 3).map((line) => line.split(",").slice(1, 3))).toEqual([
      ["'=SUM(A1)", "'=sum(a1)"],
      ["'=SUM(A1)", "'=sum(a1)"],
    ]);
  });
});

/** A copy of the shipped notes and questions, for a process to read and the test to change. */
function library(): { dir: string; notes: string; questions: string } {
  const dir = tempDir();
  const notes = path.join(dir, "notes");
  const questions = path.join(dir, "questions");
  cpSync(path.join(root, "notes"), notes, { recursive: true });
  cpSync(path.join(root, "questions"), questions, { recursive: true });
  return { dir, notes, questions };
}

describe("a running process", () => {
  it("reloads the notes and questions on SIGHUP, keeping the ones in force when a file is bad", async () => {
    const lib = library();
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? root, DATABASE_PATH: path.join(lib.dir, "bot.db"), NOTES_DIR: lib.notes, QUESTIONS_DIR: lib.questions, DEFAULT_LOCALE: "en" };
    const child = spawn(process.execPath, [path.join(root, "bin/studybot.mjs"), "start"], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    const waiters: Array<{ match: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d.toString();
      for (const w of [...waiters]) {
        const m = w.match.exec(stdout);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    });
    const until = (match: RegExp) => new Promise<RegExpExecArray>((resolve) => {
      const m = match.exec(stdout);
      if (m) resolve(m);
      else waiters.push({ match, resolve });
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const ready = await until(/console mode \(\d+ note sections, (\d+) questions\)/);
    const before = Number(ready[1]);
    // a bad file: the reload is refused and says why; the bank in force stays
    const files = readdirSync(lib.questions).filter((f) => /\.ya?ml$/.test(f) && f !== "topics.yaml");
    const victim = path.join(lib.questions, files[0]!);
    const original = readFileSync(victim, "utf8");
    writeFileSync(victim, original.replace(/answer: \d+/, "answer: 99"));
    child.kill("SIGHUP");
    const refused = await until(/Notes and questions were not reloaded \(the ones in force stay\): (.+)\n/);
    expect(refused[1]).toMatch(/answer 99 is out of range/);
    // a good change: one question file fewer
    writeFileSync(victim, original);
    rmSync(path.join(lib.questions, files[1]!));
    child.kill("SIGHUP");
    const done = await until(/Notes and questions reloaded: (\d+) questions, (\d+) note sections\.\n/);
    expect(Number(done[1])).toBeLessThan(before);
    child.stdin!.write("/studybot status\n");
    await until(/Question bank: \d+ questions\n/);
    expect(stdout).toContain(`Question bank: ${done[1]} questions`);
    child.stdin!.end();
    expect(await exited).toBe(0);
  }, 60_000);

  it("exports and imports from the command line, for the one group of the database", () => {
    const lib = library();
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? root, DATABASE_PATH: path.join(lib.dir, "bot.db"), NOTES_DIR: lib.notes, QUESTIONS_DIR: lib.questions, DEFAULT_LOCALE: "en" };
    const cli = (args: string[], input = "") => spawnSync(process.execPath, [path.join(root, "bin/studybot.mjs"), ...args], { cwd: lib.dir, env, input, encoding: "utf8" });
    expect(cli(["start"], "/studybot status\n").status).toBe(0);
    writeFileSync(path.join(lib.dir, "ours.yaml"), QUESTIONS);
    const imported = cli(["questions", "import", "ours.yaml"]);
    expect(imported.stdout).toBe("Imported ours.yaml: 1 new, 0 replaced. The group has 1 questions of its own now, asked beside the shipped bank.\n");
    const exported = cli(["export", "questions", "--out", "out.csv"]);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe(`1 rows in ${path.join(lib.dir, "out.csv")}. It opens in a spreadsheet as UTF-8, Korean names included.\n`);
    expect(readFileSync(path.join(lib.dir, "out.csv"), "utf8").startsWith("\uFEFFid,topic")).toBe(true);
    const bad = cli(["questions", "import", "out.csv", "--group", "slack:T0NONE"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^studybot: no group slack:T0NONE in .+; groups: console:local\n$/);
    expect(cli(["export", "yearly"]).status).toBe(2);
  }, 60_000);
});
