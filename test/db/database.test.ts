import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import BetterSqlite3 from "better-sqlite3";
import { openDatabase } from "../../src/db/index.js";
import { actor, harness, type Harness } from "../engine/support.js";

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
let h: Harness | undefined;
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "studybot-db-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  h?.close();
  h = undefined;
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe("SQLite database", () => {
  it("opens in WAL mode with a busy timeout and foreign keys, migrated, and reopens idempotently", () => {
    const file = path.join(tempDir(), "a.db");
    const db = openDatabase(file);
    expect(db.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(db.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    const tables = (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(["answers", "groups", "members", "practice_rounds", "review_cards", "review_log", "review_reminder_sends", "review_reminders", "rounds", "schedules", "scores"]));
    expect(() => db.sqlite.prepare("INSERT INTO members (group_id, user_id, display_name, created_at) VALUES (999, 'x', 'x', 0)").run()).toThrow(/FOREIGN KEY/);
    db.close();
    const again = openDatabase(file);
    const journal = JSON.parse(readFileSync(path.join(root, "migrations/sqlite/meta/_journal.json"), "utf8")) as { entries: unknown[] };
    expect((again.sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n).toBe(journal.entries.length);
    again.close();
  });

  it("upgrades a database with data through the table rebuilds without losing a row", async () => {
    // the database as the 5th migration left it, with members, answers and score rows in it
    const d = tempDir();
    const old = path.join(d, "migrations");
    cpSync(path.join(root, "migrations/sqlite"), old, { recursive: true });
    const journalFile = path.join(old, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: Array<{ tag: string }> };
    expect(journal.entries.length).toBeGreaterThan(5);
    for (const e of journal.entries.slice(5)) rmSync(path.join(old, `${e.tag}.sql`));
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 5) }));
    const file = path.join(d, "old.db");
    const before = openDatabase(file, { migrationsFolder: old });
    before.sqlite.exec(`
      INSERT INTO groups (id, platform, external_id, timezone, scoring, created_at) VALUES (1, 'test', 'g1', 'UTC', '{}', 0);
      INSERT INTO members (id, group_id, user_id, display_name, created_at) VALUES (1, 1, 'u1', 'ann', 0), (2, 1, 'u2', 'bob', 0);
      INSERT INTO rounds (id, group_id, channel_id, question_id, question_hash, topic, correct_index, choice_count, opened_at, reveal_at, revealed_at)
        VALUES (1, 1, 'c', 'l1', 'h', 'lambda', 0, 4, 0, 1, 1);
      INSERT INTO answers (round_id, member_id, group_id, topic, choice, correct, points, answered_at, week_key, month_key)
        VALUES (1, 1, 1, 'lambda', 0, 1, 15, 0, '2025-03-03', '2025-03'), (1, 2, 1, 'lambda', 1, 0, 0, 0, '2025-03-03', '2025-03');
      INSERT INTO scores (group_id, period, topic, member_id, points, answered, correct) VALUES (1, 'all', '*', 1, 15, 1, 1), (1, 'all', '*', 2, 0, 1, 0);
    `);
    before.close();
    const after = openDatabase(file);
    const count = (table: string) => (after.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count("members"), count("answers"), count("scores")]).toEqual([2, 2, 2]);
    expect(after.sqlite.pragma("foreign_key_check")).toEqual([]);
    expect(after.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect((after.sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n).toBe(journal.entries.length);
    after.close();
  });

  it("backs up a consistent copy while answers are being written", async () => {
    h = harness({ file: true });
    const card = await h.bot.postNow(actor("org"), "c");
    for (let i = 0; i < 300; i++) await h.bot.answer(actor(`a${i}`), card.roundId, i % 4);
    const target = path.join(h.dir!, "backup.db");
    const backup = h.database.backup(target);
    const writes = [];
    for (let i = 300; i < 600; i++) writes.push(h.bot.answer(actor(`a${i}`), card.roundId, i % 4));
    await Promise.all([backup, ...writes]);
    const copy = new BetterSqlite3(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const n = (copy.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n;
    expect(n).toBeGreaterThanOrEqual(300);
    // whole transactions only: every copied answer came with its member
    expect((copy.prepare("SELECT count(*) AS n FROM answers a LEFT JOIN members m ON m.id = a.member_id WHERE m.id IS NULL").get() as { n: number }).n).toBe(0);
    copy.close();
    // the copy opens as a database of its own (migrated, writable)
    const reopened = openDatabase(target);
    expect((reopened.sqlite.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n).toBe(n);
    reopened.close();
  });

  it("every answer acknowledged by a process killed with SIGKILL is there after restart", async () => {
    const file = path.join(tempDir(), "killed.db");
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "test/db/answer-writer.ts"), file, "100000"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const acked: Array<{ id: number; user: string }> = [];
    let buf = "";
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        buf += d.toString();
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const m = /^ack (\d+) (\S+)$/.exec(line);
          if (m) acked.push({ id: Number(m[1]), user: m[2]! });
        }
        if (acked.length >= 500 && !child.killed) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => (acked.length >= 500 ? resolve() : reject(new Error(`writer exited early: ${stderr}`))));
    });
    expect(await exited).toBe("SIGKILL");
    expect(existsSync(file)).toBe(true);
    const db = openDatabase(file);
    expect(db.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    const present = db.sqlite.prepare("SELECT a.id FROM answers a JOIN members m ON m.id = a.member_id WHERE a.id = ? AND m.user_id = ?");
    const missing = acked.filter((a) => !present.get(a.id, a.user));
    expect(missing).toEqual([]);
    const total = (db.sqlite.prepare("SELECT count(*) AS n FROM answers").get() as { n: number }).n;
    expect(total).toBeGreaterThanOrEqual(acked.length);
    db.close();
  });
});
