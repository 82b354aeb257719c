// The two schemas declare the same database: every table with the same columns (name, value type, nullability,
// default, key), the same unique and plain indexes and the same foreign keys. Only the column types differ, as
// src/db/pg/schema.ts explains; the row types are compared by the compiler (src/db/records.ts).
import { Column, getTableName, is, SQL, StringChunk, Table } from "drizzle-orm";
import { getTableConfig as pgConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pg from "../../src/db/pg/schema.js";
import * as sqlite from "../../src/db/sqlite/schema.js";

/** an index part: a column's name, or an expression such as `points desc` */
function part(p: unknown): string {
  if (is(p, Column)) return p.name;
  // PostgreSQL's indexed column
  const indexed = p as { name?: unknown; indexConfig?: { order?: string } };
  if (typeof indexed.name === "string") return indexed.indexConfig?.order === "desc" ? `${indexed.name} desc` : indexed.name;
  if (is(p, SQL)) return p.queryChunks.map((c) => (is(c, Column) ? c.name : is(c, StringChunk) ? c.value.join("") : String(c))).join("").trim();
  throw new Error(`unexpected index part ${String(p)}`);
}

/** a default as a plain value: drizzle keeps SQLite's boolean defaults as booleans too */
function defaultOf(c: Column): unknown {
  return c.default === undefined ? null : is(c.default, SQL) ? part(c.default) : c.default;
}

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function describeTable(config: Config) {
  return {
    name: config.name,
    columns: config.columns.map((c) => ({
      name: c.name,
      value: c.dataType,
      notNull: c.notNull,
      primary: c.primary,
      default: defaultOf(c),
      // SQLite's integer primary key and PostgreSQL's identity column: an id the database assigns
      generated: c.primary && c.dataType === "number" && config.primaryKeys.length === 0,
    })),
    primaryKey: config.primaryKeys.map((k) => k.columns.map((c) => c.name)),
    indexes: config.indexes
      .map((i) => ({ name: i.config.name, unique: i.config.unique, on: i.config.columns.map(part) }))
      .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "")),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        return { columns: r.columns.map((c) => c.name), references: getTableName(r.foreignTable), foreignColumns: r.foreignColumns.map((c) => c.name), onDelete: fk.onDelete ?? "no action" };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

const tables = <T extends Record<string, unknown>>(schema: T) => Object.entries(schema).filter(([, v]) => is(v, Table));

describe("schemas", () => {
  it("SQLite and PostgreSQL declare the same tables, columns, keys and indexes", () => {
    const lite = Object.fromEntries(tables(sqlite).map(([k, t]) => [k, describeTable(sqliteConfig(t as SQLiteTable))]));
    const post = Object.fromEntries(tables(pg).map(([k, t]) => [k, describeTable(pgConfig(t as PgTable))]));
    expect(Object.keys(lite).sort()).toEqual([
      "answers",
      "digests",
      "groupOrganisers",
      "groupQuestions",
      "groups",
      "healthChecks",
      "installations",
      "members",
      "nextQuestions",
      "practiceRounds",
      "reviewCards",
      "reviewLog",
      "reviewReminderSends",
      "reviewReminders",
      "roundReminders",
      "roundThreads",
      "rounds",
      "schedules",
      "scores",
      "seasons",
    ]);
    expect(post).toEqual(lite);
  });

  it("a difference in either schema is found", () => {
    const rounds = describeTable(sqliteConfig(sqlite.rounds));
    expect(describeTable(pgConfig(pg.rounds))).toEqual(rounds);
    expect(describeTable(pgConfig(pg.answers))).not.toEqual(describeTable(sqliteConfig(sqlite.rounds)));
    expect(rounds.indexes.find((i) => i.name === "rounds_schedule_day_uq")).toEqual({ name: "rounds_schedule_day_uq", unique: true, on: ["schedule_id", "local_date"] });
    expect(describeTable(sqliteConfig(sqlite.scores)).indexes.find((i) => i.name === "scores_rank_idx")?.on).toEqual(["group_id", "period", "topic", "points desc", "correct desc", "member_id"]);
  });
});
