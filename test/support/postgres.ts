// A database of its own on the run's PostgreSQL server (started by test/support/postgres-server.ts), for one
// test file: its URL, and a function that empties every table between tests.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { inject } from "vitest";
import * as schema from "../../src/db/pg/schema.js";
import type { PostgresDatabase } from "../../src/db/index.js";

/** Creates an empty database on the test server and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const admin = inject("postgres");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Empties every table of the schema and restarts its ids. */
export async function truncateAll(database: PostgresDatabase): Promise<void> {
  const tables = Object.values(schema);
  await database.db.execute(sql`TRUNCATE ${sql.join(tables, sql`, `)} RESTART IDENTITY CASCADE`);
}
