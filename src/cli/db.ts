// `studybot db migrate` applies the committed migrations to the configured database (start-up does this too):
// the SQLite file at DATABASE_PATH, or PostgreSQL at DATABASE_URL.
// `studybot db backup <file>` writes a consistent copy of the SQLite database, safe while the bot is running
// (SQLite's online backup reads a snapshot; WAL lets the bot keep writing meanwhile). A PostgreSQL database is
// backed up with PostgreSQL's own pg_dump.
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { CliIO } from "../cli.js";
import { loadConfig } from "../config.js";
import { describeUrl, openConfiguredDatabase, openDatabase } from "../db/index.js";

const USAGE = "usage: studybot db migrate\n       studybot db backup [--force] <file>\n";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

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
    const database = await openConfiguredDatabase(config);
    await database.close();
    const { applied, total } = database.migrations;
    io.stdout.write(`${database.label}: schema up to date (${applied === 0 ? "no migration" : plural(applied, "migration")} applied now, ${total} in all)\n`);
    return 0;
  }

  if (config.databaseUrl) {
    io.stderr.write(
      `studybot db backup: the database is PostgreSQL (DATABASE_URL=${describeUrl(config.databaseUrl)}); back it up with PostgreSQL's own tool, e.g. pg_dump --format=custom --file=studybot.dump "$DATABASE_URL"\n`,
    );
    return 2;
  }
  const force = rest.includes("--force");
  const files = rest.filter((a) => a !== "--force");
  if (files.length !== 1 || !files[0] || files[0].startsWith("-")) {
    io.stderr.write(`studybot db backup: give the file to write, e.g. studybot db backup backups/studybot-$(date +%F).db\n${USAGE}`);
    return 2;
  }
  const target = path.resolve(files[0]);
  if (target === path.resolve(config.databasePath)) {
    io.stderr.write("studybot db backup: the backup file must not be the database itself (DATABASE_PATH); choose another path\n");
    return 2;
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    io.stderr.write(`studybot db backup: ${target} is a folder; give a file name inside it, e.g. ${path.join(target, "studybot.db")}\n`);
    return 2;
  }
  if (existsSync(target) && !force) {
    io.stderr.write(`studybot db backup: ${target} exists; choose another file, or add --force to replace it\n`);
    return 2;
  }
  if (!existsSync(config.databasePath)) {
    io.stderr.write(`studybot db backup: there is no database at ${config.databasePath} (DATABASE_PATH); start the bot once or run studybot db migrate\n`);
    return 1;
  }
  // written beside the target and renamed over it once complete: a failed backup leaves the old file intact
  const partial = `${target}.partial-${process.pid}`;
  const database = openDatabase(config.databasePath);
  try {
    await database.backup(partial);
    renameSync(partial, target);
  } catch (err) {
    rmSync(partial, { force: true });
    io.stderr.write(`studybot db backup: could not write ${target}: ${(err as Error).message}\n`);
    return 1;
  } finally {
    database.close();
  }
  io.stdout.write(`backed up ${config.databasePath} to ${target} (${statSync(target).size} bytes)\n`);
  return 0;
}
