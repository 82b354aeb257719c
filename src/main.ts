// Wires the product: config → logger → database (migrated) → notes → question bank → StudyBot → platforms
// → scheduler. With no chat credentials the console platform runs on standard input; with DISCORD_* and/or
// SLACK_* set, those platforms run until SIGINT/SIGTERM or a failure no reconnect can fix (exit 1). With
// DISCORD_SHARDS this process manages one process per Discord shard (src/platforms/discord/sharding.ts) and runs
// the scheduler and Slack itself; a shard process runs its gateway only. Shutdown stops the scheduler, lets work in
// flight finish, stops the platforms and closes the database.
import path from "node:path";
import type { CliIO } from "./cli.js";
import { loadConfig, type Config } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { openConfiguredDatabase, type AnyDatabase } from "./db/index.js";
import type { StudyBot } from "./core/app.js";
import { systemClock, type Clock } from "./core/clock.js";
import { createCore } from "./core/create.js";
import { loadNotes, noteReader } from "./core/notes/load.js";
import { LookupService } from "./core/notes/lookup.js";
import { loadQuestionBank } from "./core/questions/load.js";
import type { Scheduler } from "./core/schedule/scheduler.js";
import type { DiscordShards } from "./platforms/discord/sharding.js";

export interface MainOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  clock?: Clock;
  /** resolves to stop the process (default: the first SIGINT or SIGTERM) */
  signal?: Promise<string>;
  /** DISCORD_SHARDS: how to start a shard process (default: this process's own program and node options) */
  shardProcess?: { script: string; execArgv: string[] };
}

interface Platform {
  name: string;
  stop(): Promise<void>;
  /** resolves when the platform ends by itself (the console at the end of its input) */
  done?: Promise<void>;
}

/** A failure that ends the process: why, in one line. */
export interface Fatal {
  reason: string;
}

export interface App {
  config: Config;
  logger: Logger;
  database: AnyDatabase;
  bot: StudyBot;
  scheduler: Scheduler;
  platforms: Platform[];
  /** DISCORD_SHARDS: the shard processes this one manages (their connections and figures); else null */
  shards: DiscordShards | null;
  /** resolves when a platform reports a failure it cannot recover from */
  fatal: Promise<Fatal>;
  stop(): Promise<void>;
}

/** Starts everything; resolves once the bot is ready (the "ready" line is printed). */
export async function startApp(io: CliIO, opts: MainOptions = {}): Promise<App> {
  const started = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const config = opts.env ? loadConfig(opts.env, cwd) : loadConfig(undefined, cwd);
  const consoleMode = !config.discord && !config.slack;
  // In the terminal, info-level JSON logs would drown the conversation: show warnings and errors only.
  const logger = createLogger(consoleMode && config.logLevel === "info" ? "warn" : config.logLevel);

  // how long each stage took, in the "ready" log line
  const stages: Record<string, number> = {};
  let mark = started;
  const stage = (name: string) => {
    const now = performance.now();
    stages[name] = Math.round(now - mark);
    mark = now;
  };
  stage("config");
  const database = await openConfiguredDatabase(config);
  stage("database");
  try {
    const sections = loadNotes(config.notesDir, cwd);
    stage("notes");
    const notes = new LookupService(sections);
    stage("index");
    const bank = loadQuestionBank(config.questionsDir, { sections, rootDir: cwd });
    stage("questions");
    const { bot, scheduler } = createCore({
      store: database.store,
      notes,
      sections,
      readNote: noteReader(config.notesDir, cwd),
      bank,
      clock: opts.clock ?? systemClock,
      logger,
      settings: { defaultTimezone: config.defaultTimezone, defaultLocale: config.defaultLocale },
    });
    const platforms: Platform[] = [];
    let onFatal!: (fatal: Fatal) => void;
    const fatal = new Promise<Fatal>((resolve) => (onFatal = resolve));
    const reportFatal = (reason: string) => onFatal({ reason });
    // a shard of a sharded bot (started by the shard manager): its gateway only; the manager runs the rest
    const shard = config.discord?.shard;
    let shards: DiscordShards | null = null;

    const stopAll = async () => {
      await scheduler.stop();
      for (const p of platforms.reverse()) {
        try {
          await p.stop();
        } catch (err) {
          logger.error({ err, platform: p.name }, "platform did not stop cleanly");
        }
      }
      await database.close();
    };

    try {
      if (consoleMode) {
        const { createConsole, runConsole, CONSOLE_GROUP } = await import("./platforms/console/index.js");
        const { tc } = await import("./platforms/console/messages.js");
        const out = { write: (s: string) => void io.stdout.write(s) };
        const group = await bot.group({ group: CONSOLE_GROUP, userId: "me", displayName: "me" });
        // Files the console hands out (drafted questions, exports) go beside the database, or under ./data.
        const filesDir = config.databasePath === ":memory:" ? path.join(cwd, "data") : path.dirname(config.databasePath);
        const { port, session, unregister } = createConsole(bot, { output: out, logger, timezone: group.timezone, filesDir });
        const locale = await bot.locale(session.actor);
        // The banner first: a question the scheduler catches up on start-up prints below it.
        out.write(tc(locale, "console.ready", { sections: sections.length, questions: bank.questions.length, name: session.speaker }) + "\n");
        await scheduler.start();
        stage("scheduler");
        const tty = Boolean((io.stdin as NodeJS.ReadStream).isTTY);
        const running = runConsole(session, port, io.stdin, out, { prompt: tty, echo: !tty, locale });
        platforms.push({
          name: "console",
          stop: async () => {
            await running.stop();
            unregister();
          },
          done: running.done,
        });
      } else {
        if (config.discord?.sharding && !shard) {
          const { startShardManager } = await import("./platforms/discord/sharding.js");
          const started = await startShardManager(bot, config, logger, { env: opts.env ?? process.env, ...opts.shardProcess, stdout: io.stdout, stderr: io.stderr, onFatal: reportFatal });
          shards = started;
          platforms.push({ name: "discord", stop: () => started.stop() });
        } else if (config.discord) {
          const { startDiscord } = await import("./platforms/discord/index.js");
          const discord = await startDiscord(bot, config, logger, { onFatal: reportFatal });
          if (shard) {
            const { linkToManager } = await import("./platforms/discord/shard.js");
            const link = linkToManager(discord.client);
            const done = link.managerGone.then(() => undefined);
            platforms.push({ name: "discord", stop: () => discord.stop().finally(() => link.close()), done });
          } else platforms.push({ name: "discord", stop: () => discord.stop() });
        }
        if (config.slack && !shard) {
          const { startSlack } = await import("./platforms/slack/index.js");
          const slack = await startSlack(bot, config, logger);
          platforms.push({ name: "slack", stop: () => slack.stop() });
        }
        if (shard) {
          io.stdout.write(`studybot shard ${shard.ids.join(", ")} of ${shard.count} ready — discord (${sections.length} note sections, ${bank.questions.length} questions)\n`);
        } else {
          await scheduler.start();
          stage("scheduler");
          const discordShards = shards ? ` (shards ${shards.ids.join(", ")} of ${shards.count})` : "";
          io.stdout.write(`studybot ready — ${platforms.map((p) => (p.name === "discord" ? `discord${discordShards}` : p.name)).join(" + ")} (${sections.length} note sections, ${bank.questions.length} questions)\n`);
        }
      }
    } catch (err) {
      await stopAll().catch(() => undefined);
      throw err;
    }
    logger.info({ ms: Math.round(performance.now() - started), stages, uptimeMs: Math.round(performance.now()), platforms: platforms.map((p) => p.name), database: database.label }, "ready");
    return { config, logger, database, bot, scheduler, platforms, shards, fatal, stop: stopAll };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** `studybot start` / `npm start`: runs until the console input ends or a signal arrives. */
export async function main(io: CliIO, opts: MainOptions = {}): Promise<number> {
  const app = await startApp(io, opts);
  const signal =
    opts.signal ??
    new Promise<string>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    });
  const ended = app.platforms.find((p) => p.done)?.done;
  const why = await Promise.race([
    signal.then((reason) => ({ reason, code: 0 })),
    app.fatal.then((f) => ({ reason: f.reason, code: 1 })),
    ...(ended ? [ended.then(() => ({ reason: "end of input", code: 0 }))] : []),
  ]);
  app.logger.info({ reason: why.reason }, "stopping");
  await app.stop();
  await new Promise<void>((resolve) => io.stdout.write("", () => resolve()));
  return why.code;
}
