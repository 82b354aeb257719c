// Child process for the two-process digest test: on the given database (a SQLite file or a PostgreSQL URL), at the
// given instant, runs the scheduler's sweep many times and prints "digest <week> <channel>" for each digest it posted.
// usage: node --import tsx test/digest/digest-process.ts <database file or URL> <ISO instant>
import { ManualClock } from "../../src/core/clock.js";
import { createCore } from "../../src/core/create.js";
import { openDatabaseAt } from "../../src/db/index.js";
import { silentLogger } from "../../src/logger.js";
import { noNotes } from "../engine/support.js";
import { digestBank, ExtrasPort, TZ } from "./support.js";

const [location, at] = process.argv.slice(2);
if (!location || !at) throw new Error("usage: digest-process.ts <database file or URL> <ISO instant>");
const database = await openDatabaseAt(location);
const port = new ExtrasPort();
const clock = new ManualClock(at);
// wait for the parent's go, so both processes race on the same instant
process.stdin.once("data", async () => {
  for (let i = 0; i < 10; i++) {
    const core = createCore({ store: database.store, notes: noNotes, bank: digestBank(), clock, logger: silentLogger, settings: { defaultTimezone: TZ, defaultLocale: "ko" }, scheduler: { timers: false } });
    core.bot.registerPort("test", port);
    await core.scheduler.catchUp();
  }
  for (const d of port.digests) process.stdout.write(`digest ${d.digest.week} ${d.channelId}\n`);
  await database.close();
  process.exit(0);
});
process.stdout.write("ready\n");
