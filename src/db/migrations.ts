// Where each dialect's committed migrations are (drizzle-kit writes them: `npm run db:generate`), and what
// opening a database reports about them.
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
