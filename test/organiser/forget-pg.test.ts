// Forget-me on PostgreSQL, as several processes would run it: after it, a walk over every table of the database
// (information_schema) finds the member's id in no row. The same walk on SQLite is in engine.test.ts.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { createCore } from "../../src/core/create.js";
import { openPostgres, type PostgresDatabase } from "../../src/db/index.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase } from "../support/postgres.js";
import { actor, makeBank, noNotes, RecordingPort } from "../engine/support.js";

let database: PostgresDatabase;
beforeAll(async () => {
  database = await openPostgres(await createTestDatabase());
});
afterAll(async () => {
  await database?.close();
});

describe("forget-me on PostgreSQL", () => {
  it("leaves no row in any table holding the member's user id or member id", async () => {
    const { bot } = createCore({ store: database.store, notes: noNotes, bank: makeBank(), clock: new ManualClock("2025-03-03T00:00:00Z"), logger: silentLogger, settings: { defaultTimezone: "Asia/Seoul", defaultLocale: "en" } });
    bot.registerPort("test", new RecordingPort());
    const org = actor("org");
    const ann = actor("ann");
    await bot.schedule(org, "c1", undefined, { time: "09:00" });
    await bot.startSeason(org, "s1");
    const card = await bot.postNow(org, "c1");
    const round = (await database.store.roundById(card.roundId))!;
    await bot.answer(ann, round.id, round.correctIndex);
    await bot.answer(actor("bob"), round.id, round.correctIndex);
    await bot.revealNow(org, "c1");
    const p = await bot.practice(ann);
    await bot.answerPractice(ann, p.roundId, 1);
    await bot.organisers(org, "add", { member: { userId: ann.userId, displayName: "ann" } });
    await bot.setReviewReminder(ann, "20:00");
    const memberId = (await database.store.findMember((await bot.group(ann)).id, ann.userId))!.id;
    expect(await database.store.claimReviewReminder(memberId, "2025-03-03", new Date("2025-03-03T00:00:00Z"))).toBe(true);
    for (const table of ["review_cards", "review_log", "review_reminders", "review_reminder_sends"]) {
      const rows = (await database.db.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE member_id = ${memberId}`)).rows;
      expect(rows, table).toEqual([{ n: table.startsWith("review_reminder") ? 1 : 2 }]);
    }
    expect((await bot.forget(ann)).counts).toEqual({ answers: 1, practice: 1, reviews: 2, organiser: 1 });

    const columns = (await database.db.execute(sql`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name`)).rows as Array<{ table_name: string; column_name: string; data_type: string }>;
    const tables = [...new Set(columns.map((c) => c.table_name))];
    expect(tables).toEqual(expect.arrayContaining(["review_cards", "review_log", "review_reminders", "review_reminder_sends", "digests", "round_reminders", "round_threads"]));
    for (const table of tables) {
      const rows = (await database.db.execute(sql`SELECT * FROM ${sql.identifier(table)}`)).rows as Array<Record<string, unknown>>;
      for (const row of rows) {
        for (const c of columns.filter((x) => x.table_name === table)) {
          const v = row[c.column_name];
          if (typeof v === "string") expect(v.includes(ann.userId), `${table}.${c.column_name}`).toBe(false);
          if (/member_id$/.test(c.column_name)) expect(v, `${table}.${c.column_name}`).not.toBe(memberId);
        }
      }
    }
    expect((await bot.history(actor("bob"), "c1", 1)).entries[0]!.answered).toBe(2);
  });
});
