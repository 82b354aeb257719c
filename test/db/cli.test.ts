import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import BetterSqlite3 from "better-sqlite3";
import { openDatabase } from "../../src/db/index.js";
import { createTestDatabase } from "../support/postgres.js";

const root = path.resolve(import.meta.dirname, "../..");
/** how many PostgreSQL migrations are committed */
const PG_MIGRATIONS = (JSON.parse(readFileSync(path.join(root, "migrations/pg/meta/_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
const migrationCount = (n: number) => `${n} migration${n === 1 ? "" : "s"}`;
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function studybot(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["bin/studybot.mjs", ...args], { cwd: root, env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("studybot db", () => {
  it("migrate creates and migrates the database; backup writes a consistent copy while another connection holds it open", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "studybot-cli-"));
    dirs.push(dir);
    const db = path.join(dir, "nested", "bot.db");
    const m = studybot(["db", "migrate"], { DATABASE_PATH: db });
    expect(m.stderr).toBe("");
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/^\S+bot\.db: schema up to date \((\d+) migrations applied now, \1 in all\)\n$/);
    expect(studybot(["db", "migrate"], { DATABASE_PATH: db }).stdout).toMatch(/schema up to date \(no migration applied now, \d+ in all\)/);

    // the bot is "running": a connection has written and keeps the file open
    const live = openDatabase(db);
    live.sqlite.prepare("INSERT INTO groups (platform, external_id, timezone, scoring, created_at) VALUES ('console', 'local', 'UTC', '{}', 0)").run();
    const target = path.join(dir, "backup.db");
    const b = studybot(["db", "backup", target], { DATABASE_PATH: db });
    live.close();
    expect(b.stderr).toBe("");
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/^backed up .+ to .+backup\.db \(\d+ bytes\)/);
    const copy = new BetterSqlite3(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((copy.prepare("SELECT count(*) AS n FROM groups").get() as { n: number }).n).toBe(1);
    copy.close();

    // an existing file is replaced only when asked to
    const again = studybot(["db", "backup", target], { DATABASE_PATH: db });
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining("exists; choose another file, or add --force") });
    expect(studybot(["db", "backup", "--force", target], { DATABASE_PATH: db })).toMatchObject({ code: 0, stderr: "" });
  });

  it("migrates a PostgreSQL database at DATABASE_URL, and sends its backups to pg_dump", async () => {
    const url = await createTestDatabase();
    const env = { DATABASE_URL: url, DATABASE_PATH: "/nonexistent/never.db" };
    const m = studybot(["db", "migrate"], env);
    expect(m.stderr).toBe("");
    expect(m.code).toBe(0);
    const shown = new URL(url);
    shown.password = "";
    expect(m.stdout).toBe(`${shown.toString()}: schema up to date (${migrationCount(PG_MIGRATIONS)} applied now, ${PG_MIGRATIONS} in all)\n`);
    expect(m.stdout).not.toContain(new URL(url).password);
    expect(studybot(["db", "migrate"], env).stdout).toContain(`(no migration applied now, ${PG_MIGRATIONS} in all)`);
    const b = studybot(["db", "backup", "x.dump"], env);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("pg_dump");
    expect(b.stderr).not.toContain(new URL(url).password);
  });

  it("refuses wrong arguments with what to do", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "studybot-cli-"));
    dirs.push(dir);
    const env = { DATABASE_PATH: path.join(dir, "bot.db") };
    expect(studybot(["db", "frob"], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown subcommand "frob"') });
    expect(studybot(["db", "backup"], env)).toMatchObject({ code: 2, stderr: expect.stringContaining("give the file to write") });
    expect(studybot(["db", "backup", path.join(dir, "x.db")], env)).toMatchObject({ code: 1, stderr: expect.stringContaining("there is no database at") });
    expect(studybot(["db", "backup", dir], { DATABASE_PATH: env.DATABASE_PATH })).toMatchObject({ code: 2, stderr: expect.stringContaining("is a folder") });
    expect(existsSync(path.join(dir, "x.db"))).toBe(false);
  });
});
