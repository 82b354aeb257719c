// Renders the example chart in docs/ from the seeded study week (test/digest/support.ts), as the digest of Sunday
// 2025-03-09 20:00 in Seoul draws it.  usage: node --import tsx scripts/digest-example.ts [out.png]
import { writeFileSync } from "node:fs";
import { ManualClock } from "../src/core/clock.js";
import { createCore } from "../src/core/create.js";
import { openDatabase } from "../src/db/index.js";
import { silentLogger } from "../src/logger.js";
import { CHANNEL, digestBank, seedWeek, sunday, TZ } from "../test/digest/support.js";
import { noNotes } from "../test/engine/support.js";

const out = process.argv[2] ?? "docs/digest-example.png";
const database = openDatabase(":memory:");
const { bot } = createCore({ store: database.store, notes: noNotes, bank: digestBank(), clock: new ManualClock(sunday("20:00")), logger: silentLogger, settings: { defaultTimezone: TZ, defaultLocale: "ko" } });
const actor = { group: { platform: "example", externalId: "study" }, userId: "organiser", displayName: "organiser" };
const group = await database.store.ensureGroup(actor.group, { timezone: TZ });
await database.store.updateGroup(group.id, { locale: "ko" });
const schedule = await database.store.upsertSchedule(group.id, CHANNEL, "daily", { time: "09:00", weekdays: [0, 1, 2, 3, 4, 5, 6], timezone: TZ, topics: [], revealAfterMinutes: 60, instantFeedback: false }, { at: new Date(0) });
await seedWeek(database.store, group, schedule);
const { chart } = await bot.digestNow(actor, CHANNEL);
writeFileSync(out, chart.data);
database.close();
console.log(`${out} (${chart.data.length} bytes)`);
