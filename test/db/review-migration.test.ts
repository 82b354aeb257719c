// Upgrading a database that has the old practice queue (`reviews`, a doubling interval): each row becomes an FSRS
// card due now, on SQLite and on PostgreSQL, and the old table is gone.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, openPostgres } from "../../src/db/index.js";
import { createTestDatabase } from "../support/postgres.js";

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** The dialect's migrations up to the last one that still had `reviews`, in a folder of their own. */
function before(dialect: "sqlite" | "pg"): string {
  const dir = mkdtempSync(path.join(tmpdir(), "studybot-old-migrations-"));
  dirs.push(dir);
  cpSync(path.join(root, "migrations", dialect), dir, { recursive: true });
  const file = path.join(dir, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(file, "utf8")) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith("_review_cards"));
  expect(cut).toBeGreaterThan(0);
  writeFileSync(file, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}

const DAY = 86_400_000;

describe("the practice queue becomes FSRS cards", () => {
  it("on SQLite: a row answered right last time is a review card due now, a missed one a new card due now", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "studybot-upgrade-"));
    dirs.push(dir);
    const file = path.join(dir, "old.db");
    const old = openDatabase(file, { migrationsFolder: before("sqlite") });
    const last = Date.UTC(2025, 0, 10);
    old.sqlite.exec(`INSERT INTO groups (id, platform, external_id, timezone, scoring, created_at) VALUES (1, 'test', 'g', 'UTC', '{}', 0);
      INSERT INTO members (id, group_id, user_id, display_name, created_at) VALUES (1, 1, 'ann', 'ann', 0);
      INSERT INTO reviews (member_id, question_id, due_at, interval_days, correct_streak, lapses) VALUES (1, 'l1', ${last + 4 * DAY}, 4, 3, 1), (1, 's1', ${last + 600_000}, 0, 0, 2);`);
    old.close();
    const from = Date.now();
    const upgraded = openDatabase(file);
    const to = Date.now();
    try {
      const cards = await upgraded.store.memberCards(1);
      expect(cards.map((c) => [c.questionId, c.state, c.stability, c.reps, c.lapses, c.lastReview])).toEqual([
        ["l1", 2, 4, 4, 1, new Date(last)],
        ["s1", 0, 0, 0, 2, null],
      ]);
      for (const c of cards) {
        expect(c.due.getTime()).toBeGreaterThanOrEqual(Math.floor(from / 1000) * 1000);
        expect(c.due.getTime()).toBeLessThanOrEqual(to);
      }
      expect(upgraded.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'reviews'").get()).toBeUndefined();
    } finally {
      upgraded.close();
    }
  });

  it("on PostgreSQL the same", async () => {
    const url = await createTestDatabase();
    const old = await openPostgres(url, { migrationsFolder: before("pg") });
    const last = Date.UTC(2025, 0, 10);
    await old.db.execute(sql.raw(`INSERT INTO groups (id, platform, external_id, timezone, scoring, created_at) VALUES (1, 'test', 'g', 'UTC', '{}', 0);
      INSERT INTO members (id, group_id, user_id, display_name, created_at) VALUES (1, 1, 'ann', 'ann', 0);
      INSERT INTO reviews (member_id, question_id, due_at, interval_days, correct_streak, lapses) VALUES (1, 'l1', ${last + 4 * DAY}, 4, 3, 1), (1, 's1', ${last + 600_000}, 0, 0, 2);`));
    await old.close();
    const from = Date.now();
    const upgraded = await openPostgres(url);
    const to = Date.now();
    try {
      const cards = await upgraded.store.memberCards(1);
      expect(cards.map((c) => [c.questionId, c.state, c.stability, c.reps, c.lapses, c.lastReview])).toEqual([
        ["l1", 2, 4, 4, 1, new Date(last)],
        ["s1", 0, 0, 0, 2, null],
      ]);
      for (const c of cards) {
        expect(c.due.getTime()).toBeGreaterThanOrEqual(from - 1000);
        expect(c.due.getTime()).toBeLessThanOrEqual(to + 1000);
      }
      const left = await upgraded.db.execute(sql.raw("SELECT to_regclass('public.reviews') AS t"));
      expect(left.rows[0]).toEqual({ t: null });
    } finally {
      await upgraded.close();
    }
  });
});
