// Opening a SQLite database: WAL (many readers beside one writer, and an application crash loses no committed
// answer), a busy timeout so a second process waits instead of failing, foreign keys on, and the committed
// migrations applied before anything else touches it.
import BetterSqlite3 from "better-sqlite3";
import { count } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { checkNotNewer, DatabaseError, migrationsFolder, type MigrationCounts } from "../migrations.js";
import { checkDatabasePath } from "./path.js";
import { DrizzleStore, type Backend } from "../store.js";
import { runSync, type Steps } from "../steps.js";
import { sqliteQueries } from "./queries.js";
import * as schema from "./schema.js";

export interface OpenOptions {
  /** apply migrations (default true) */
  migrate?: boolean;
  /** ms to wait for another connection's write lock (default 5000) */
  busyTimeoutMs?: number;
  migrationsFolder?: string;
}

/** A SQLite database file (or ":memory:") opened by openDatabase. */
export interface Database {
  kind: "sqlite";
  path: string;
  /** where the data is, for logs and messages */
  label: string;
  sqlite: BetterSqlite3.Database;
  db: BetterSQLite3Database<typeof schema>;
  store: DrizzleStore;
  migrations: MigrationCounts;
  /** a consistent copy, safe while the bot writes (SQLite's online backup reads a snapshot) */
  backup(file: string): Promise<void>;
  close(): void;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  const memory = file === ":memory:";
  if (!memory) checkDatabasePath(file);
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
    const before = appliedCount(sqlite);
    const folder = opts.migrationsFolder ?? migrationsFolder("sqlite");
    checkNotNewer(file, latestApplied(sqlite), folder);
    if (opts.migrate !== false) {
      // As SQLite requires for rebuilding a table, migrations run with foreign keys off (a rebuilt parent
      // table would otherwise cascade its DROP into its children); the result is checked before going on.
      sqlite.pragma("foreign_keys = OFF");
      applyMigrations(db, folder);
      const broken = sqlite.pragma("foreign_key_check") as Array<{ table: string; rowid: number; parent: string }>;
      if (broken.length > 0) {
        const first = broken[0]!;
        throw new DatabaseError(`after migrating, ${broken.length} row(s) point at missing rows (e.g. ${first.table} rowid ${first.rowid} → ${first.parent}): restore a backup (studybot db backup) and report this`);
      }
    }
    sqlite.pragma("foreign_keys = ON");
    const total = appliedCount(sqlite);
    const q = sqliteQueries(db);
    // IMMEDIATE: the write lock is taken up front, so two processes never deadlock on a read-to-write upgrade.
    const transaction = sqlite.transaction((steps: Steps<unknown>) => runSync(steps));
    const backend: Backend = {
      q,
      transaction: <T>(steps: (q: typeof backend.q) => Steps<T>) => {
        try {
          return Promise.resolve(transaction.immediate(steps(q)) as T);
        } catch (err) {
          return Promise.reject(err as Error);
        }
      },
    };
    return {
      kind: "sqlite",
      path: file,
      label: file,
      sqlite,
      db,
      store: new DrizzleStore(backend),
      migrations: { total, applied: total - before },
      backup: async (target) => {
        await sqlite.backup(target);
      },
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (err) {
    sqlite.close();
    if (err instanceof DatabaseError) throw err;
    const code = (err as { code?: string }).code;
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
      throw new DatabaseError(`the file ${file} is not a studybot database, or it is damaged (${(err as Error).message}): restore a backup (studybot db backup), or point DATABASE_PATH at another file.`);
    }
    if (code === "SQLITE_READONLY" || code === "SQLITE_CANTOPEN") {
      throw new DatabaseError(`the database ${file} cannot be written (${(err as Error).message}): check that the file and its folder are writable by this user.`);
    }
    throw new DatabaseError(`cannot prepare the database ${file}: ${(err as Error).message}`);
  }
}

/** When the last migration applied to the database was made (drizzle records its journal time); null before any. */
function latestApplied(sqlite: BetterSqlite3.Database): number | null {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!exists) return null;
  const row = sqlite.prepare("SELECT max(created_at) AS at FROM __drizzle_migrations").get() as { at: number | null } | undefined;
  return row?.at ?? null;
}

/** drizzle's record of the applied migrations (not part of the schema: drizzle's migrator creates it) */
const migrationsTable = sqliteTable("__drizzle_migrations", { id: integer("id") });

/** 0 before drizzle's first migration created its table */
function appliedCount(sqlite: BetterSqlite3.Database): number {
  const db = drizzle(sqlite);
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return exists ? (db.select({ n: count() }).from(migrationsTable).get()?.n ?? 0) : 0;
}

/**
 * Applies the committed migrations. drizzle reads the last applied migration before it takes the write
 * lock, so two processes starting together on a fresh file can both try; the loser's statements fail and a
 * second pass finds everything applied.
 */
function applyMigrations(db: BetterSQLite3Database<typeof schema>, folder: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder: folder });
      return;
    } catch (err) {
      if (attempt >= 3) throw new DatabaseError(`migrations in ${folder} could not be applied: ${(err as Error).message}`);
    }
  }
}
