// Engine benchmark, each figure beside a baseline measured in the same run:
//   1. a burst of answers to one round through the real facade, each in its own committed transaction
//      (WAL, synchronous=NORMAL), beside a naive writer (a fresh connection per answer, rollback journal,
//      synchronous=FULL), and beside the physical limit: SQLite's raw single-row commit rate with the same settings;
//   2. leaderboard top-10 (week, month, all time, a topic, with the caller's own rank) over 1,000,000 stored
//      answers, beside the same board computed by aggregating the answers table;
//   3. start-up to ready of `studybot start` (console, piped stdin), beside a bare `node -e ""`;
//   4. resident memory of the idle bot, beside an idle bare node process.
// Run alone: node --import tsx bench/engine.ts   (or with everything: npm run bench)
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import type { NotesIndex } from "../src/core/app.js";
import { createCore } from "../src/core/create.js";
import type { Actor, GroupRef, MessageRef, PlatformPort } from "../src/core/cards.js";
import { ManualClock, monthKey, weekKey } from "../src/core/clock.js";
import type { Question, QuestionBank } from "../src/core/questions/types.js";
import { openDatabase } from "../src/db/index.js";
import { silentLogger } from "../src/logger.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const GROUP: GroupRef = { platform: "bench", externalId: "g" };
const TOPICS = ["lambda", "s3", "sqs", "sns", "ec2", "vpc", "iam", "dynamodb", "kinesis", "rds-aurora"];

export const notes: NotesIndex = { lookup: (q) => ({ query: q, normalized: q, hits: [], suggestions: [] }), suggest: () => [], section: () => null };

/** 200 questions over 10 topics, four choices each (bench/multi.ts uses them too) */
export function bank(): QuestionBank {
  const questions: Question[] = TOPICS.flatMap((topic, t) =>
    Array.from({ length: 20 }, (_, i) => ({
      id: `${topic}-${i}`,
      topic,
      tags: [],
      difficulty: ((i % 3) + 1) as 1 | 2 | 3,
      prompt: `Question ${i} on ${topic}?`,
      choices: ["a", "b", "c", "d"],
      answer: (i + t) % 4,
      explanation: "because",
      source: { note: "notes/x.md", heading: topic },
      file: "questions/x.yaml",
      line: 1,
      hash: `h${t}-${i}`,
      sectionId: null,
    })),
  );
  return { questions, byId: new Map(questions.map((q) => [q.id, q])), topics: new Map(TOPICS.map((k) => [k, { key: k, ko: k, en: k }])) };
}

class NullPort implements PlatformPort {
  n = 0;
  async postCard(_g: GroupRef, channelId: string): Promise<MessageRef> {
    return { channelId, messageId: String(++this.n) };
  }
  async editCard(): Promise<void> {}
  async postRevealed(_g: GroupRef, channelId: string): Promise<MessageRef> {
    return { channelId, messageId: String(++this.n) };
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = (x: number) => `${x < 1 ? x.toFixed(3) : x.toFixed(2)} ms`;

async function answerBurst(dir: string): Promise<void> {
  const N = 10_000;
  const database = openDatabase(path.join(dir, "burst.db"));
  const clock = new ManualClock(Date.now());
  const { bot } = createCore({ store: database.store, notes, bank: bank(), clock, logger: silentLogger, settings: { defaultTimezone: "Asia/Seoul", defaultLocale: "en" } });
  bot.registerPort("bench", new NullPort());
  const actors: Actor[] = Array.from({ length: N }, (_, i) => ({ group: GROUP, userId: `u${i}`, displayName: `member ${i}` }));
  // First burst: every member answers for the first time (each answer also creates its member).
  // Second burst: the same members answer the next round, as on any later day.
  const bursts: Array<{ label: string; ms: number; recorded: number }> = [];
  for (const label of ["new members", "returning members"]) {
    const card = await bot.postNow({ group: GROUP, userId: "org", displayName: "org" }, "c");
    const t0 = performance.now();
    const outcomes = await Promise.all(actors.map((a, i) => bot.answer(a, card.roundId, i % 4)));
    bursts.push({ label, ms: performance.now() - t0, recorded: outcomes.filter((o) => o.kind === "recorded").length });
    await bot.revealNow({ group: GROUP, userId: "org", displayName: "org" }, "c");
  }
  const stored = (database.sqlite.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n;
  database.close();

  // Naive: a fresh connection per answer, rollback journal, synchronous=FULL; the member and the answer in
  // one transaction (less work per answer than ours: no scoring, no streak, no score rows).
  const naiveFile = path.join(dir, "naive.db");
  const setup = new BetterSqlite3(naiveFile);
  setup.exec("CREATE TABLE members (id INTEGER PRIMARY KEY, user_id TEXT UNIQUE, name TEXT); CREATE TABLE answers (id INTEGER PRIMARY KEY, round_id INT, member_id INT, choice INT, at INT, UNIQUE (round_id, member_id));");
  setup.close();
  const M = 1_000;
  const t1 = performance.now();
  for (let i = 0; i < M; i++) {
    const c = new BetterSqlite3(naiveFile);
    c.pragma("synchronous = FULL");
    c.transaction(() => {
      const id = (c.prepare("INSERT INTO members (user_id, name) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET name = excluded.name RETURNING id").get(`u${i}`, `member ${i}`) as { id: number }).id;
      c.prepare("INSERT OR IGNORE INTO answers (round_id, member_id, choice, at) VALUES (1, ?, ?, ?)").run(id, i % 4, Date.now());
    }).immediate();
    c.close();
  }
  const naiveMs = performance.now() - t1;
  const naive = (M / naiveMs) * 1000;

  // The physical limit: SQLite's raw commit rate with our settings (one connection, WAL, synchronous=NORMAL), one
  // prepared single-row INSERT per transaction, nothing else. No answer path can commit faster than this.
  const rawFile = path.join(dir, "raw.db");
  const raw = new BetterSqlite3(rawFile);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, round_id INT, member_id INT, choice INT, at INT)");
  const insert = raw.prepare("INSERT INTO t (round_id, member_id, choice, at) VALUES (1, ?, ?, ?)");
  const commitOne = raw.transaction((i: number) => insert.run(i, i % 4, Date.now()));
  const t2 = performance.now();
  for (let i = 0; i < N; i++) commitOne.immediate(i);
  const rawRate = (N / (performance.now() - t2)) * 1000;
  raw.close();

  console.log("answers: a burst of 10,000 to one round, each answer its own committed transaction (WAL, synchronous=NORMAL)");
  for (const b of bursts) {
    const rate = (N / b.ms) * 1000;
    console.log(
      `  studybot, ${b.label.padEnd(17)}: ${fmt(N)} answers in ${fmt(b.ms)} ms = ${fmt(rate)}/s (recorded ${fmt(b.recorded)}); ${fmt(rate / naive, 1)}× the naive rate, ${fmt((rate / rawRate) * 100, 1)}% of the raw commit rate; target >= 10,000/s: ${rate >= 10_000 ? "met" : "NOT met"}`,
    );
  }
  console.log(`  naive (connection per answer, rollback journal, synchronous=FULL): ${fmt(M)} in ${fmt(naiveMs)} ms = ${fmt(naive)}/s`);
  console.log(`  physical limit, SQLite's raw single-row commit (one prepared INSERT per transaction, same settings): ${fmt(rawRate)}/s`);
  console.log(`  stored: ${fmt(stored)} answers (every acknowledged answer)\n`);
}

async function leaderboards(dir: string): Promise<void> {
  const ANSWERS = 1_000_000;
  const MEMBERS = 5_000;
  const PER_ROUND = 200;
  const database = openDatabase(path.join(dir, "board.db"));
  const now = new Date();
  const clock = new ManualClock(now);
  const { bot } = createCore({ store: database.store, notes, bank: bank(), clock, logger: silentLogger, settings: { defaultTimezone: "Asia/Seoul", defaultLocale: "en" } });
  bot.registerPort("bench", new NullPort());
  const group = await bot.group({ group: GROUP, userId: "org", displayName: "org" });
  const tz = group.timezone;

  // Bulk load: members, rounds and answers spread over the last 365 days, in one transaction, then the
  // score rows rebuilt from the answers.
  const t0 = performance.now();
  const db = database.sqlite;
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  db.transaction(() => {
    const m = db.prepare("INSERT INTO members (group_id, user_id, display_name, created_at) VALUES (?, ?, ?, 0)");
    for (let i = 0; i < MEMBERS; i++) m.run(group.id, `u${i}`, `member ${i}`);
    const r = db.prepare(
      "INSERT INTO rounds (group_id, channel_id, question_id, question_hash, topic, correct_index, choice_count, opened_at, reveal_at, revealed_at) VALUES (?, 'c', ?, 'h', ?, 0, 4, ?, ?, ?)",
    );
    const a = db.prepare("INSERT INTO answers (round_id, member_id, group_id, topic, choice, correct, points, answered_at, week_key, month_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const rounds = ANSWERS / PER_ROUND;
    const span = 365 * 86_400_000;
    for (let k = 0; k < rounds; k++) {
      const opened = now.getTime() - span + Math.floor((k / rounds) * span);
      const topic = TOPICS[k % TOPICS.length]!;
      const roundId = Number(r.run(group.id, `${topic}-${k % 20}`, topic, opened, opened + 3_600_000, opened + 3_600_000).lastInsertRowid);
      const wk = weekKey(new Date(opened), tz);
      const mk = monthKey(new Date(opened), tz);
      const start = Math.floor(rnd() * MEMBERS);
      for (let j = 0; j < PER_ROUND; j++) {
        const member = ((start + j * 17) % MEMBERS) + 1;
        const correct = rnd() < 0.6 ? 1 : 0;
        const points = correct ? (j < 3 ? 15 : 10) : 0;
        a.run(roundId, member, group.id, topic, correct ? 0 : 1, correct, points, opened + j * 1000, wk, mk);
      }
    }
  }).immediate();
  await database.store.rebuildScores();
  const loadMs = performance.now() - t0;
  const stored = (db.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n;
  console.log(`leaderboards over ${fmt(stored)} stored answers (${fmt(MEMBERS)} members, 365 days; bulk load + score rebuild ${fmt(loadMs / 1000, 1)} s)`);

  const caller: Actor = { group: GROUP, userId: `u${MEMBERS - 1}`, displayName: "caller" };
  const cases: Array<[string, () => Promise<unknown>]> = [
    ["week", () => bot.leaderboard(caller, "week")],
    ["month", () => bot.leaderboard(caller, "month")],
    ["all time", () => bot.leaderboard(caller, "all")],
    ["all time, topic", () => bot.leaderboard(caller, "all", "lambda")],
    ["stats", () => bot.stats(caller)],
  ];
  const oursP99: number[] = [];
  for (const [name, fn] of cases) {
    for (let i = 0; i < 50; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const s = performance.now();
      await fn();
      times.push(performance.now() - s);
    }
    times.sort((x, y) => x - y);
    oursP99.push(quantile(times, 0.99));
    console.log(`  studybot ${name.padEnd(16)} p50 ${ms(quantile(times, 0.5))}  p99 ${ms(quantile(times, 0.99))}  (1,000 calls through the facade)`);
  }
  const board = await bot.leaderboard(caller, "all");
  console.log(`  (all-time top: ${board.rows.slice(0, 3).map((r) => `${r.rank}. ${r.displayName} ${r.points}`).join(", ")}; caller rank ${board.caller?.rank ?? "in top 10"})`);

  // Baseline: the same top 10 aggregated from the answers at query time.
  const from = (p: "week" | "month") => {
    const s = db.prepare("SELECT min(answered_at) AS t FROM answers WHERE " + (p === "week" ? "week_key = ?" : "month_key = ?")).get(p === "week" ? weekKey(now, tz) : monthKey(now, tz)) as { t: number | null };
    return s.t ?? now.getTime();
  };
  const naive = db.prepare(
    "SELECT member_id, sum(points) AS p, count(*) AS n, sum(correct) AS c FROM answers WHERE group_id = ? AND answered_at >= ? GROUP BY member_id ORDER BY p DESC, c DESC LIMIT 10",
  );
  const baseCases: Array<[string, number, number]> = [
    ["week", from("week"), 200],
    ["month", from("month"), 50],
    ["all time", 0, 10],
  ];
  let baseAllP99 = 0;
  for (const [name, since, runs] of baseCases) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      naive.all(group.id, since);
      times.push(performance.now() - s);
    }
    times.sort((x, y) => x - y);
    if (name === "all time") baseAllP99 = quantile(times, 0.99);
    console.log(`  baseline ${name.padEnd(16)} p50 ${ms(quantile(times, 0.5))}  p99 ${ms(quantile(times, 0.99))}  (GROUP BY over answers, ${runs} runs)`);
  }
  const worst = Math.max(...oursP99);
  console.log(`  ratio (all time p99): ${fmt(baseAllP99 / oursP99[2]!, 0)}× faster than aggregating; worst studybot p99 ${ms(worst)}; target < 10 ms: ${worst < 10 ? "met" : "NOT met"}\n`);
  database.close();
}

function spawnUntil(args: string[], env: Record<string, string>, until: RegExp, keepOpen: boolean): Promise<{ ms: number; pid: number; child: ReturnType<typeof spawn>; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let done = false;
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (!done && until.test(out)) {
        done = true;
        resolve({ ms: performance.now() - t0, pid: child.pid!, child, stderr: () => err });
      }
    });
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      if (!done) reject(new Error(`exited (${code}) before ready: ${err || out}`));
    });
    if (!keepOpen) child.stdin!.end();
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const exited = (child: ReturnType<typeof spawn>) => new Promise((r) => (child.exitCode !== null ? r(null) : child.on("exit", r)));

/** Spawn-to-ready times of `args` (first start on a new database, then 5 more) and the idle RSS. */
async function startFigures(label: string, args: string[], dbFile: string): Promise<{ first: number; median: number; worst: number; inProcess: number; rss: number }> {
  const env = { DATABASE_PATH: dbFile, DEFAULT_LOCALE: "en", LOG_LEVEL: "debug" };
  const first = await spawnUntil(args, env, /studybot ready/, false);
  await exited(first.child);
  const runs: number[] = [];
  const inside: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await spawnUntil(args, env, /studybot ready/, false);
    runs.push(r.ms);
    await exited(r.child);
    const m = /"ms":(\d+)[^\n]*"msg":"ready"/.exec(r.stderr());
    if (m) inside.push(Number(m[1]));
  }
  runs.sort((a, b) => a - b);
  inside.sort((a, b) => a - b);
  const idle = await spawnUntil(args, { ...env, LOG_LEVEL: "warn" }, /studybot ready/, true);
  await new Promise((r) => setTimeout(r, 2000));
  const rss = rssMb(idle.pid);
  idle.child.stdin!.end();
  await exited(idle.child);
  const out = { first: first.ms, median: quantile(runs, 0.5), worst: runs[runs.length - 1]!, inProcess: inside.length ? quantile(inside, 0.5) : NaN, rss };
  console.log(
    `  ${label}: first start (new database) ${ms(out.first)}; then median ${ms(out.median)}, worst ${ms(out.worst)} over 5 ` +
      `(of which wiring — config, database, notes, index, question bank, scheduler — median ${fmt(out.inProcess)} ms); idle RSS ${fmt(rss, 1)} MB`,
  );
  return out;
}

async function startupAndMemory(dir: string): Promise<void> {
  console.log("start-up to ready and idle memory (`studybot start`, console platform, piped stdin)");
  const bare: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await spawnUntil(["-e", 'process.stdout.write("studybot ready\\n"); process.stdin.resume()'], {}, /studybot ready/, false);
    bare.push(r.ms);
    await exited(r.child);
  }
  bare.sort((a, b) => a - b);
  const bareIdle = await spawnUntil(["-e", 'process.stdout.write("studybot ready\\n"); process.stdin.resume()'], {}, /studybot ready/, true);
  await new Promise((r) => setTimeout(r, 1000));
  const bareRss = rssMb(bareIdle.pid);
  bareIdle.child.stdin!.end();
  await exited(bareIdle.child);
  console.log(`  baseline bare node: median ${ms(quantile(bare, 0.5))} to its first line; idle RSS ${fmt(bareRss, 1)} MB`);

  // `npm start` (its node flags included) runs the compiled build after `npm ci`, and the TypeScript sources
  // through tsx once a source file is newer than the build: both are measured.
  const script = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const startArgs = script.split(/\s+/).slice(1);
  const nodeFlags = startArgs.slice(0, startArgs.indexOf("bin/studybot.mjs"));
  const tsx = await startFigures(`sources through tsx (npm start after an edit)`, [...nodeFlags, "--import", "tsx", path.join(root, "src/bin.ts"), "start"], path.join(dir, "start-tsx.db"));
  // The compiled build, as `npm ci` makes it and `npm start` and the container run it (tsc into a folder beside
  // src/, so migrations/ resolves the same).
  const out = path.join(root, ".bench-dist");
  let compiled: Awaited<ReturnType<typeof startFigures>> | null = null;
  try {
    const build = spawn(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", out], { cwd: root, stdio: "ignore" });
    const code = await new Promise<number | null>((r) => build.on("exit", r));
    if (code === 0) compiled = await startFigures(`npm start after npm ci (node ${nodeFlags.join(" ")} dist/bin.js start)`, [...nodeFlags, path.join(out, "bin.js"), "start"], path.join(dir, "start-dist.db"));
    else console.log("  compiled: the build failed; skipped");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const headline = compiled ?? tsx;
  console.log(
    `  ratio to bare node: tsx ${fmt(tsx.median / quantile(bare, 0.5), 1)}×${compiled ? `, compiled ${fmt(compiled.median / quantile(bare, 0.5), 1)}×` : ""}; RSS ${fmt(tsx.rss / bareRss, 1)}×` +
      `${compiled ? ` / ${fmt(compiled.rss / bareRss, 1)}×` : ""}`,
  );
  console.log(`  targets: ready < 1 s (${compiled ? `npm start after npm ci: ${compiled.worst < 1000 ? "met" : "NOT met"}; ` : ""}sources through tsx: ${tsx.worst < 1000 ? "met" : "NOT met"}); idle RSS < 150 MB (${headline.rss < 150 && tsx.rss < 150 ? "met" : "NOT met"})\n`);
}

export async function runEngineBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "studybot-bench-"));
  try {
    console.log(`== engine == (load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} on this machine: figures scale with it)\n`);
    await answerBurst(dir);
    await leaderboards(dir);
    await startupAndMemory(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runEngineBench();
}
