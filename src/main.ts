// Wires the product: config → logger → database (migrated) → notes → question bank → StudyBot → platforms
// → scheduler. With no chat credentials the console platform runs on standard input; with DISCORD_* and/or
// SLACK_* set, those platforms run until SIGINT/SIGTERM. Shutdown stops the scheduler, lets work in flight
// finish, stops the platforms and closes the database.
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
import type { LibraryContent, ReloadOutcome } from "./core/library.js";

export interface MainOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  clock?: Clock;
  /** resolves to stop the process (default: the first SIGINT or SIGTERM) */
  signal?: Promise<string>;
}

interface Platform {
  name: string;
  stop(): Promise<void>;
  /** resolves when the platform ends by itself (the console at the end of its input) */
  done?: Promise<void>;
}

export interface App {
  config: Config;
  logger: Logger;
  database: AnyDatabase;
  bot: StudyBot;
  scheduler: Scheduler;
  platforms: Platform[];
  /** re-reads NOTES_DIR and QUESTIONS_DIR, validated first; a bad file keeps the ones in force (SIGHUP calls it) */
  reload(): ReloadOutcome;
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
    /** What a reload reads: the same folders, the same checks as at start-up. */
    const readLibrary = (): LibraryContent => {
      const fresh = loadNotes(config.notesDir, cwd);
      return { sections: fresh, notes: new LookupService(fresh), bank: loadQuestionBank(config.questionsDir, { sections: fresh, rootDir: cwd }), readNote: noteReader(config.notesDir, cwd) };
    };
    const { bot, scheduler, library } = createCore({
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
    /** Said where the operator sees it: the terminal in console mode, the log otherwise. */
    let announce = (outcome: ReloadOutcome) => {
      if (outcome.ok) logger.info({ questions: outcome.questions, sections: outcome.sections, ms: outcome.ms }, "reloaded the notes and the question bank");
      else logger.error({ problems: outcome.problems.length, reason: outcome.message }, "reload refused: the notes and question bank in force stay");
    };
    const reload = () => {
      const outcome = library.reload(readLibrary);
      announce(outcome);
      return outcome;
    };

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
        const { port, session, unregister } = createConsole(bot, { output: out, logger, timezone: group.timezone, filesDir, cwd });
        const locale = await bot.locale(session.actor);
        announce = (outcome) =>
          out.write(
            (outcome.ok
              ? tc(locale, "reload.done", { questions: outcome.questions, sections: outcome.sections })
              : tc(locale, "reload.failed", { message: outcome.message })) + "\n",
          );
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
        if (config.discord) {
          const { startDiscord } = await import("./platforms/discord/index.js");
          const discord = await startDiscord(bot, config, logger);
          platforms.push({ name: "discord", stop: () => discord.stop() });
        }
        if (config.slack) {
          const { startSlack } = await import("./platforms/slack/index.js");
          const slack = await startSlack(bot, config, logger);
          platforms.push({ name: "slack", stop: () => slack.stop() });
        }
        await scheduler.start();
        stage("scheduler");
        io.stdout.write(`studybot ready — ${platforms.map((p) => p.name).join(" + ")} (${sections.length} note sections, ${bank.questions.length} questions)\n`);
      }
    } catch (err) {
      await stopAll().catch(() => undefined);
      throw err;
    }
    logger.info({ ms: Math.round(performance.now() - started), stages, uptimeMs: Math.round(performance.now()), platforms: platforms.map((p) => p.name), database: database.label }, "ready");
    return { config, logger, database, bot, scheduler, platforms, reload, stop: stopAll };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** `studybot start` / `npm start`: runs until the console input ends or a signal arrives. */
export async function main(io: CliIO, opts: MainOptions = {}): Promise<number> {
  // SIGHUP re-reads the notes and the question bank in this process (every process of a deployment gets its own).
  // Listening from the start: a SIGHUP that arrives while starting must not end the process, and reloads once ready.
  let started: App | undefined;
  let reloadWhenReady = false;
  const onHangup = () => (started ? void started.reload() : (reloadWhenReady = true));
  process.on("SIGHUP", onHangup);
  let app: App;
  try {
    app = started = await startApp(io, opts);
  } catch (err) {
    process.off("SIGHUP", onHangup);
    throw err;
  }
  if (reloadWhenReady) app.reload();
  const signal =
    opts.signal ??
    new Promise<string>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    });
  const ended = app.platforms.find((p) => p.done)?.done;
  const why = await Promise.race([signal, ...(ended ? [ended.then(() => "end of input")] : [])]);
  app.logger.info({ reason: why }, "stopping");
  process.off("SIGHUP", onHangup);
  await app.stop();
  await new Promise<void>((resolve) => io.stdout.write("", () => resolve()));
  return 0;
}
