// `studybot db migrate` applies the committed migrations to DATABASE_PATH (start-up does this too);
// `studybot db backup <file>` writes a consistent copy of the database, safe while the bot is running
// (SQLite's online backup reads a snapshot; WAL lets the bot keep writing meanwhile).
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { CliIO } from "../cli.js";
import { loadConfig } from "../config.js";
import { appliedMigrationCount, openDatabase } from "../db/index.js";

const USAGE = "usage: studybot db migrate\n       studybot db backup <file>\n";

export async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "--help" || sub === "-h" || sub === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  if (sub !== "migrate" && sub !== "backup") {
    io.stderr.write(sub ? `studybot db: unknown subcommand "${sub}"\n${USAGE}` : USAGE);
    return 2;
  }
  const config = loadConfig();
  if (sub === "migrate") {
    if (rest.length) {
      io.stderr.write(`studybot db migrate: unexpected argument "${rest[0]}"\n${USAGE}`);
      return 2;
    }
    const database = openDatabase(config.databasePath);
    const applied = appliedMigrationCount(database);
    database.close();
    io.stdout.write(`${config.databasePath}: schema up to date (${applied} migration${applied === 1 ? "" : "s"} applied)\n`);
    return 0;
  }
  if (rest.length !== 1 || !rest[0]) {
    io.stderr.write(`studybot db backup: give the file to write, e.g. studybot db backup backups/studybot-$(date +%F).db\n${USAGE}`);
    return 2;
  }
  const target = path.resolve(rest[0]);
  if (target === path.resolve(config.databasePath)) {
    io.stderr.write("studybot db backup: the backup file must not be the database itself (DATABASE_PATH); choose another path\n");
    return 2;
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    io.stderr.write(`studybot db backup: ${target} is a folder; give a file name inside it, e.g. ${path.join(target, "studybot.db")}\n`);
    return 2;
  }
  if (!existsSync(config.databasePath)) {
    io.stderr.write(`studybot db backup: there is no database at ${config.databasePath} (DATABASE_PATH); start the bot once or run studybot db migrate\n`);
    return 1;
  }
  const database = openDatabase(config.databasePath);
  try {
    await database.store.backup(target);
  } catch (err) {
    io.stderr.write(`studybot db backup: could not write ${target}: ${(err as Error).message}\n`);
    return 1;
  } finally {
    database.close();
  }
  io.stdout.write(`backed up ${config.databasePath} to ${target} (${statSync(target).size} bytes)\n`);
  return 0;
}
