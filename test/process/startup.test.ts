// Start-up refuses, in one line and with exit code 1, a database it cannot use: a path on a pseudo file system
// (where creating the folder used to spin forever), a read-only file, a damaged file, and a database a newer build
// has migrated (drizzle records migration times only: the latest one is compared with this build's journal).
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.js";
import { ROOT, spawnBot } from "./support.js";

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "studybot-startup-"));
  dirs.push(d);
  return d;
}

/** Starts the bot on the console (its input kept open, so only a refusal ends it); its exit and its stderr. */
async function start(databasePath: string, as: { uid?: number; gid?: number; home?: string } = {}) {
  const bot = spawnBot(["start"], { DATABASE_PATH: databasePath, NOTES_DIR: "notes", QUESTIONS_DIR: "questions", ...(as.home ? { HOME: as.home } : {}) }, { uid: as.uid, gid: as.gid });
  const { code, signal } = await bot.exited;
  return { code, signal, lines: bot.stderr().split("\n").filter(Boolean), stdout: bot.stdout() };
}

describe("start-up refuses a database it cannot use, in one line", () => {
  it("on a pseudo file system (/proc)", async () => {
    const { code, signal, lines } = await start("/proc/nope/x.db");
    expect({ code, signal }).toEqual({ code: 1, signal: null });
    expect(lines).toEqual(["studybot start: DATABASE_PATH=/proc/nope/x.db is on the proc pseudo file system, which cannot hold a database: point DATABASE_PATH at a file in a folder this user can write."]);
  });

  it("read-only for the user the bot runs as", async () => {
    const dir = tempDir();
    const file = path.join(dir, "studybot.db");
    openDatabase(file).close();
    chmodSync(file, 0o444);
    // root may write any file: the bot runs as nobody then, with the folder its own
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      chmodSync(dir, 0o777);
      chownSync(dir, 65534, 65534);
    }
    const { code, lines } = await start(file, asRoot ? { uid: 65534, gid: 65534, home: dir } : {});
    expect(code).toBe(1);
    expect(lines).toEqual([`studybot start: the database file ${file} is read-only for this user: make it writable (chmod u+w, or chown it to this user), or point DATABASE_PATH at a file in a folder this user can write.`]);
  });

  it("damaged (not a SQLite database)", async () => {
    const file = path.join(tempDir(), "studybot.db");
    writeFileSync(file, Buffer.alloc(8192, "not a database "));
    const { code, lines } = await start(file);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^studybot start: the file ${file.replace(/[.]/g, "\\.")} is not a studybot database, or it is damaged \\(.+\\): restore a backup`));
  });

  it("migrated by a newer build, naming its latest migration", async () => {
    const file = path.join(tempDir(), "studybot.db");
    const db = openDatabase(file);
    const journal = JSON.parse(readFileSync(path.join(ROOT, "migrations/sqlite/meta/_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
    const known = journal.entries.at(-1)!.when;
    const newer = Date.UTC(2031, 0, 15, 9, 30);
    expect(newer).toBeGreaterThan(known);
    db.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-a-newer-build', ?)").run(newer);
    db.close();
    const { code, lines } = await start(file);
    expect(code).toBe(1);
    const day = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";
    expect(lines).toEqual([
      `studybot start: the database ${file} is newer than this build of studybot: its latest migration is from 2031-01-15 09:30 UTC, and this build knows migrations up to ${day(known)}. Run the newer studybot, or restore a backup made before the upgrade.`,
    ]);
  });
});
