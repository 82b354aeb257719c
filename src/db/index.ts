// Storage: the core's Store on SQLite (the default: one file, DATABASE_PATH) or on PostgreSQL (DATABASE_URL, for
// several bot processes sharing one database). Opening either applies its committed migrations first.
import { openPostgres, type PostgresDatabase } from "./pg/open.js";
import { openDatabase, type Database } from "./sqlite/open.js";

export { DatabaseError, type MigrationCounts } from "./migrations.js";
export { describeUrl, openPostgres, type PostgresDatabase, type PostgresOptions } from "./pg/open.js";
export { openDatabase, type Database, type OpenOptions } from "./sqlite/open.js";
export { DrizzleStore } from "./store.js";

/** Either database, as the configuration chose it. */
export type AnyDatabase = Database | PostgresDatabase;

/** PostgreSQL at a postgres:// URL, else the SQLite file at that path. */
export async function openDatabaseAt(location: string): Promise<AnyDatabase> {
  return /^postgres(ql)?:\/\//.test(location) ? openPostgres(location) : openDatabase(location);
}

/** PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH. */
export function openConfiguredDatabase(config: { databaseUrl?: string; databasePath: string }): Promise<AnyDatabase> {
  return openDatabaseAt(config.databaseUrl ?? config.databasePath);
}
