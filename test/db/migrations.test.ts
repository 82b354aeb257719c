// The committed migrations of each dialect: in order, and in step with the schema.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkMigrations, DIALECTS, type Dialect } from "../../scripts/check-migrations.js";

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

interface Journal {
  entries: Array<{ idx: number; when: number; tag: string }>;
}

/** Entries whose `when` is not later than the one before, as "tag (when) after tag (when)". */
function outOfOrder(journal: Journal): string[] {
  return journal.entries.flatMap((e, i) => {
    const prev = journal.entries[i - 1];
    return prev && !(e.when > prev.when) ? [`${e.tag} (${e.when}) after ${prev.tag} (${prev.when})`] : [];
  });
}

const dialects = Object.keys(DIALECTS) as Dialect[];

describe.each(dialects)("migrations/%s", (dialect) => {
  it("journal `when` values strictly increase", () => {
    const journal = JSON.parse(readFileSync(path.join(root, DIALECTS[dialect].migrations, "meta/_journal.json"), "utf8")) as Journal;
    expect(journal.entries.length).toBeGreaterThan(0);
    // drizzle applies a migration only when its `when` is later than the last one the database recorded: one out
    // of order is silently skipped on every database that is already past it.
    expect(
      outOfOrder(journal),
      `${DIALECTS[dialect].migrations}/meta/_journal.json is out of order. A migration made on a branch that was rebased ` +
        "must be made again, not renumbered by hand: delete its .sql file, its snapshot and its journal entry, then run `npm run db:generate`.",
    ).toEqual([]);
  });

  it("the committed migrations match the schema, and a schema change without its migration is caught", () => {
    expect(checkMigrations(dialect)).toMatchObject({ ok: true, changed: [] });
    const d = mkdtempSync(path.join(tmpdir(), "studybot-migrations-"));
    dirs.push(d);
    symlinkSync(path.join(root, "node_modules"), path.join(d, "node_modules"));
    const source = readFileSync(path.join(root, DIALECTS[dialect].schema), "utf8");
    const changed = source.replace('lastRunDate: text("last_run_date"),', 'lastRunDate: text("last_run_date"),\n    note: text("note"),');
    expect(changed).not.toBe(source);
    writeFileSync(path.join(d, "schema.ts"), changed);
    const result = checkMigrations(dialect, { schema: path.join(d, "schema.ts") });
    expect(result.ok).toBe(false);
    expect(result.changed.some((f) => f.endsWith(".sql"))).toBe(true);
  });
});

describe("journal order check", () => {
  it("names the entries that are not later than the one before", () => {
    const journal = { entries: [{ idx: 0, when: 10, tag: "0000_a" }, { idx: 1, when: 30, tag: "0001_b" }, { idx: 2, when: 20, tag: "0002_c" }, { idx: 3, when: 20, tag: "0003_d" }] };
    expect(outOfOrder(journal)).toEqual(["0002_c (20) after 0001_b (30)", "0003_d (20) after 0002_c (20)"]);
  });
});
