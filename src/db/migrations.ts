// Where each dialect's committed migrations are (drizzle-kit writes them: `npm run db:generate`), and what
// opening a database reports about them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Dialect = "sqlite" | "pg";

/** migrations/ beside src/ (and beside dist/ in the compiled build) */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../migrations");

export function migrationsFolder(dialect: Dialect): string {
  return path.join(ROOT, dialect);
}

export interface MigrationCounts {
  /** migrations recorded in the database */
  total: number;
  /** of which this open applied */
  applied: number;
}

/** A database that cannot be opened, migrated or reached: the message says what to check. */
export class DatabaseError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = "DatabaseError";
  }
}

/** The `when` (ms) of the last migration this build ships for the dialect, from drizzle-kit's journal. */
export function latestKnownMigration(folder: string): number {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

/**
 * Refuses a database a newer build has migrated. drizzle records each applied migration by its hash and its
 * journal time only, so "newer" is a latest applied migration later than any this build knows.
 */
export function checkNotNewer(label: string, latestApplied: number | null, folder: string): void {
  const known = latestKnownMigration(folder);
  if (latestApplied === null || latestApplied <= known) return;
  const day = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";
  throw new DatabaseError(
    `the database ${label} is newer than this build of studybot: its latest migration is from ${day(latestApplied)}, and this build knows migrations up to ${day(known)}. Run the newer studybot, or restore a backup made before the upgrade.`,
  );
}
