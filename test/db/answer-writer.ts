// Child process for the SIGKILL test: records answers through the real facade into a database file and
// prints "ack <answerId> <userId>" after each answer's promise resolved (that is, after its commit).
// usage: node --import tsx test/db/answer-writer.ts <database file> <count>
import { createCore } from "../../src/core/create.js";
import { systemClock } from "../../src/core/clock.js";
import { openDatabase } from "../../src/db/index.js";
import { silentLogger } from "../../src/logger.js";
import { ConsolePort } from "../../src/platforms/console/index.js";
import { makeBank, noNotes } from "../engine/support.js";

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error("usage: answer-writer.ts <database file> <count>");
const count = Number(countArg ?? 100000);
const database = openDatabase(file);
const group = { platform: "console", externalId: "local" };
const port = new ConsolePort({ write: () => undefined }, () => "UTC");
const { bot } = createCore({ store: database.store, notes: noNotes, bank: makeBank(), clock: systemClock, logger: silentLogger, settings: { defaultTimezone: "UTC", defaultLocale: "en" } });
bot.registerPort("console", port);
const card = await bot.postNow({ group, userId: "org", displayName: "org" }, "console");
process.stdout.write(`round ${card.roundId}\n`);
for (let i = 0; i < count; i++) {
  const userId = `member-${i}`;
  const out = await bot.answer({ group, userId, displayName: userId }, card.roundId, i % card.choices.length);
  if (out.kind !== "recorded") throw new Error(`unexpected ${out.kind}`);
  const row = database.sqlite.prepare("SELECT a.id FROM answers a JOIN members m ON m.id = a.member_id WHERE a.round_id = ? AND m.user_id = ?").get(card.roundId, userId) as { id: number };
  process.stdout.write(`ack ${row.id} ${userId}\n`);
}
