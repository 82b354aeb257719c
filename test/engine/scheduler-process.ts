// Child process for the two-process scheduler tests: on the given database (a SQLite file or a PostgreSQL URL), at
// the given instant, runs the scheduler's start-up catch-up many times and prints "posted <round id>" for each card
// it posted.
// usage: node --import tsx test/engine/scheduler-process.ts <database file or URL> <ISO instant>
import { ManualClock } from "../../src/core/clock.js";
import { createCore } from "../../src/core/create.js";
import { openDatabaseAt } from "../../src/db/index.js";
import { silentLogger } from "../../src/logger.js";
import { makeBank, noNotes, RecordingPort } from "./support.js";

const [location, at] = process.argv.slice(2);
if (!location || !at) throw new Error("usage: scheduler-process.ts <database file or URL> <ISO instant>");
const database = await openDatabaseAt(location);
const port = new RecordingPort();
const core = () => {
  const c = createCore({ store: database.store, notes: noNotes, bank, clock, logger: silentLogger, settings: { defaultTimezone: "Asia/Seoul", defaultLocale: "en" }, scheduler: { timers: false } });
  c.bot.registerPort("test", port);
  return c;
};
const bank = makeBank();
const clock = new ManualClock(at);
// wait for the parent's go, so both processes race on the same instant
process.stdin.once("data", async () => {
  for (let i = 0; i < 20; i++) await core().scheduler.catchUp();
  for (const p of port.posted) process.stdout.write(`posted ${p.card.roundId}\n`);
  await database.close();
  process.exit(0);
});
process.stdout.write("ready\n");
