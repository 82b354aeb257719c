// Opening a PostgreSQL database (DATABASE_URL): a node-postgres pool, the committed migrations applied under an
// advisory lock (so processes starting together migrate one after the other), and the store on top. Write
// transactions run at READ COMMITTED: every exactly-once rule is a unique key or a conditional UPDATE, which
// PostgreSQL settles between concurrent transactions by making the later one wait for the earlier one's commit.
import { count } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { integer, pgSchema } from "drizzle-orm/pg-core";
import pg from "pg";
import { checkNotNewer, DatabaseError, migrationsFolder, type MigrationCounts } from "../migrations.js";
import { runAsync } from "../steps.js";
import { DrizzleStore, LostRace, type Backend } from "../store.js";
import { pgQueries, type PgSession } from "./queries.js";
import * as schema from "./schema.js";

export interface PostgresOptions {
  /** apply migrations (default true) */
  migrate?: boolean;
  migrationsFolder?: string;
  /** connections in the pool (default 10) */
  poolSize?: number;
}

export interface PostgresDatabase {
  kind: "postgres";
  /** the server and database, without the password, for logs and messages */
  label: string;
  pool: pg.Pool;
  db: NodePgDatabase<typeof schema>;
  store: DrizzleStore;
  migrations: MigrationCounts;
  close(): Promise<void>;
}

/** drizzle's record of the applied migrations (its migrator creates it; not part of the schema) */
const migrationsTable = pgSchema("drizzle").table("__drizzle_migrations", { id: integer("id") });
/** any fixed number: the key of the advisory lock that serialises migrations across processes */
const MIGRATION_LOCK = 0x5354_4442; // "STDB"
/** a transaction that lost a race is run again this many times at most */
const ATTEMPTS = 5;

/** The URL without its password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString();
  } catch {
    return "DATABASE_URL";
  }
}

function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/** a race another transaction won, which a second attempt resolves: serialization failure, deadlock, LostRace */
function worthRetrying(err: unknown): boolean {
  const code = pgCode(err);
  return err instanceof LostRace || code === "40001" || code === "40P01";
}

async function appliedCount(db: PgSession): Promise<number> {
  try {
    return (await db.select({ n: count() }).from(migrationsTable))[0]?.n ?? 0;
  } catch (err) {
    if (pgCode(err) === "42P01") return 0; // no migration applied yet: drizzle creates the table with the first
    throw err;
  }
}

/** When the last migration applied to the database was made (drizzle records its journal time); null before any. */
async function latestApplied(client: pg.PoolClient): Promise<number | null> {
  try {
    const res = await client.query<{ at: string | null }>("SELECT max(created_at)::text AS at FROM drizzle.__drizzle_migrations");
    return res.rows[0]?.at ? Number(res.rows[0].at) : null;
  } catch (err) {
    if (pgCode(err) === "42P01" || pgCode(err) === "3F000") return null; // nothing migrated yet
    throw err;
  }
}

export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<PostgresDatabase> {
  const label = describeUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, application_name: "studybot" });
  // An idle connection that breaks (a server restart) leaves the pool by itself; the next query opens another.
  pool.on("error", () => undefined);
  let counts: MigrationCounts;
  try {
    const client = await pool.connect().catch((err: Error) => {
      throw new DatabaseError(`cannot connect to PostgreSQL at ${label} (${err.message}): check DATABASE_URL and that the server is running.`);
    });
    try {
      const session = drizzle(client, { schema });
      const folder = opts.migrationsFolder ?? migrationsFolder("pg");
      checkNotNewer(label, await latestApplied(client), folder);
      if (opts.migrate === false) {
        const total = await appliedCount(session);
        counts = { total, applied: 0 };
      } else {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
        try {
          const before = await appliedCount(session);
          await migrate(session, { migrationsFolder: folder });
          const total = await appliedCount(session);
          counts = { total, applied: total - before };
        } catch (err) {
          throw new DatabaseError(`migrations could not be applied to ${label}: ${(err as { cause?: Error }).cause?.message ?? (err as Error).message}`);
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
        }
      }
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    if (err instanceof DatabaseError) throw err;
    throw new DatabaseError(`cannot prepare the database at ${label}: ${(err as Error).message}`);
  }

  const db = drizzle(pool, { schema });
  const backend: Backend = {
    q: pgQueries(db),
    transaction: async (steps) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction((tx) => runAsync(steps(pgQueries(tx))));
        } catch (err) {
          if (attempt >= ATTEMPTS || !worthRetrying(err)) throw err;
        }
      }
    },
  };
  return { kind: "postgres", label, pool, db, store: new DrizzleStore(backend), migrations: counts, close: () => pool.end() };
}
