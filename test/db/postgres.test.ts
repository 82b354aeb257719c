// PostgreSQL as operators run it: DATABASE_URL, several processes on one database, the README's terminal session.
// Runs on the test run's real server (test/support/postgres-server.ts); the store's contract is store.pg.test.ts.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { openPostgres } from "../../src/db/index.js";
import * as schema from "../../src/db/pg/schema.js";
import { createTestDatabase } from "../support/postgres.js";
import { raceSchedulerProcesses } from "../support/scheduler-race.js";

const root = path.resolve(import.meta.dirname, "../..");
/** how many PostgreSQL migrations this build ships */
const latestKnownMigrations = () => (JSON.parse(readFileSync(path.join(root, "migrations/pg/meta/_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

/** Runs a command to its end with `input` on stdin. */
function run(command: string, args: string[], opts: { env: Record<string, string>; input: string }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...opts.env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input);
  });
}

describe("PostgreSQL at DATABASE_URL", () => {
  it("is chosen by a postgres:// DATABASE_URL, which must be one and is never echoed", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://bot:s3cret@db.internal:5432/studybot" }, "/")).toMatchObject({ databaseUrl: "postgres://bot:s3cret@db.internal:5432/studybot" });
    expect(loadConfig({ DATABASE_URL: "postgresql://db/studybot" }, "/").databaseUrl).toBe("postgresql://db/studybot");
    expect(loadConfig({ DATABASE_URL: "  " }, "/")).toMatchObject({ databaseUrl: undefined, databasePath: "/data/studybot.db" });
    const bad = () => loadConfig({ DATABASE_URL: "mysql://bot:s3cret@db/studybot" }, "/");
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/DATABASE_URL=\(not shown\): must be a PostgreSQL URL, e\.g\. postgres:\/\//);
    expect(bad).not.toThrow(/s3cret/);
  });

  it("an unreachable server is named with the address to check, without its password", async () => {
    const err = await openPostgres("postgres://bot:s3cret@127.0.0.1:1/studybot").catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^cannot connect to PostgreSQL at postgres:\/\/bot@127\.0\.0\.1:1\/studybot \(.+\): check DATABASE_URL and that the server is running\.$/);
    expect((err as Error).message).not.toContain("s3cret");
  });

  it("refuses a database a newer build has migrated, naming its latest migration", async () => {
    const url = await createTestDatabase();
    const first = await openPostgres(url);
    await first.pool.query("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-a-newer-build', $1)", [Date.UTC(2031, 0, 15, 9, 30)]);
    await first.close();
    const err = await openPostgres(url).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe("DatabaseError");
    expect((err as Error).message).toMatch(/^the database postgres:\/\/\S+ is newer than this build of studybot: its latest migration is from 2031-01-15 09:30 UTC, and this build knows migrations up to \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Run the newer studybot, or restore a backup made before the upgrade\.$/);
  });

  it("processes starting together on a new database migrate it once", async () => {
    const url = await createTestDatabase();
    const opened = await Promise.all([1, 2, 3].map(() => openPostgres(url)));
    try {
      const shipped = latestKnownMigrations();
      expect(opened.map((d) => d.migrations.total)).toEqual([shipped, shipped, shipped]);
      expect(opened.map((d) => d.migrations.applied).sort()).toEqual([0, 0, shipped]);
    } finally {
      await Promise.all(opened.map((d) => d.close()));
    }
  });

  it("three scheduler processes on one database racing at 09:00 post the day once", async () => {
    const url = await createTestDatabase();
    const database = await openPostgres(url);
    try {
      const group = await database.store.ensureGroup({ platform: "test", externalId: "g1" }, { timezone: "Asia/Seoul" });
      const fields = { time: "09:00", weekdays: [0, 1, 2, 3, 4, 5, 6], timezone: "Asia/Seoul", topics: [], revealAfterMinutes: 60, instantFeedback: false };
      await database.store.upsertSchedule(group.id, "c1", "daily", fields, { at: new Date("2025-03-02T00:00:00Z") });
      const posted = (await raceSchedulerProcesses(url, "2025-03-03T00:00:05Z", 3)).flat();
      expect(posted).toHaveLength(1);
      expect((await database.store.openRounds(group.id)).map((r) => [r.localDate, r.message !== null])).toEqual([["2025-03-03", true]]);
    } finally {
      await database.close();
    }
  });

  it("runs the README's terminal session with DATABASE_URL set", async () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const session = /## Try it in the terminal[\s\S]*?```bash\n((?:\w+=\S+ )*)npm start --silent <<'EOF'\n([\s\S]*?)\nEOF\n```/.exec(readme);
    expect(session, "README: the scripted session under 'Try it in the terminal'").not.toBeNull();
    const env = Object.fromEntries(session![1]!.trim().split(/\s+/).map((kv) => kv.split("=") as [string, string]));
    const url = await createTestDatabase();
    const r = await run("npm", ["start", "--silent"], { env: { ...env, DATABASE_PATH: "/nonexistent/never.db", DATABASE_URL: url }, input: session![2]! + "\n" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^studybot ready — console mode/);
    expect(r.stdout).toMatch(/┌─ Question #1 · Answer revealed · /);
    const board = r.stdout.slice(r.stdout.indexOf("All-time leaderboard"));
    expect(board).toMatch(/\n {2}\d\. alice — \d+ pts/);
    expect(board).toMatch(/\n {2}\d\. bob — \d+ pts/);
    const database = await openPostgres(url);
    try {
      expect((await database.db.select({ n: count() }).from(schema.answers))[0]!.n).toBe(2);
    } finally {
      await database.close();
    }
  });
});
