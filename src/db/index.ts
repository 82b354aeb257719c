// Opening the database: WAL (many readers beside one writer, and an application crash loses no committed
// answer), a busy timeout so a second process waits instead of failing, foreign keys on, and the committed
// migrations applied before anything else touches it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./sqlite/schema.js";
import { SqliteStore } from "./sqlite-store.js";

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../migrations/sqlite");

export interface OpenOptions {
  /** apply migrations (default true) */
  migrate?: boolean;
  /** ms to wait for another connection's write lock (default 5000) */
  busyTimeoutMs?: number;
  migrationsFolder?: string;
}

export interface Database {
  path: string;
  sqlite: BetterSqlite3.Database;
  db: BetterSQLite3Database<typeof schema>;
  store: SqliteStore;
  close(): void;
}

export class DatabaseError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = "DatabaseError";
  }
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  const memory = file === ":memory:";
  if (!memory) {
    try {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    } catch (err) {
      throw new DatabaseError(`cannot create the folder for DATABASE_PATH=${file} (${(err as Error).message}): point DATABASE_PATH at a writable location.`);
    }
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
  } catch (err) {
    throw new DatabaseError(`cannot open the database ${file} (${(err as Error).message}): check DATABASE_PATH and its permissions.`);
  }
  try {
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (!memory) {
      const mode = sqlite.pragma("journal_mode = WAL", { simple: true });
      if (String(mode).toLowerCase() !== "wal") throw new Error(`journal_mode is ${String(mode)}, not wal`);
    }
    // NORMAL in WAL mode never corrupts the file; only a power loss can drop the very last commits.
    sqlite.pragma("synchronous = NORMAL");
    const db = drizzle(sqlite, { schema });
    if (opts.migrate !== false) {
      // As SQLite requires for rebuilding a table, migrations run with foreign keys off (a rebuilt parent
      // table would otherwise cascade its DROP into its children); the result is checked before going on.
      sqlite.pragma("foreign_keys = OFF");
      applyMigrations(db, opts.migrationsFolder ?? MIGRATIONS_DIR);
      const broken = sqlite.pragma("foreign_key_check") as Array<{ table: string; rowid: number; parent: string }>;
      if (broken.length > 0) {
        const first = broken[0]!;
        throw new DatabaseError(`after migrating, ${broken.length} row(s) point at missing rows (e.g. ${first.table} rowid ${first.rowid} → ${first.parent}): restore a backup (studybot db backup) and report this`);
      }
    }
    sqlite.pragma("foreign_keys = ON");
    const store = new SqliteStore(sqlite, db);
    return {
      path: file,
      sqlite,
      db,
      store,
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (err) {
    sqlite.close();
    if (err instanceof DatabaseError) throw err;
    throw new DatabaseError(`cannot prepare the database ${file}: ${(err as Error).message}`);
  }
}

/**
 * Applies the committed migrations. drizzle reads the last applied migration before it takes the write
 * lock, so two processes starting together on a fresh file can both try; the loser's statements fail and a
 * second pass finds everything applied.
 */
function applyMigrations(db: BetterSQLite3Database<typeof schema>, migrationsFolder: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder });
      return;
    } catch (err) {
      if (attempt >= 3) throw new DatabaseError(`migrations in ${migrationsFolder} could not be applied: ${(err as Error).message}`);
    }
  }
}

/** How many migrations have been applied to this database. */
export function appliedMigrationCount(database: Database): number {
  return (database.sqlite.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
}
