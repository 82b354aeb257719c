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

/** PostgreSQL when a DATABASE_URL is given, else the SQLite file at DATABASE_PATH. */
export async function openConfiguredDatabase(config: { databaseUrl?: string; databasePath: string }): Promise<AnyDatabase> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openDatabase(config.databasePath);
}
