// Wires the product: config → logger → database (migrated, and written once to prove it can be) → notes →
// question bank → StudyBot → the HTTP server (/healthz, /metrics, Slack's events) → platforms → scheduler. With no
// chat credentials the console platform runs on standard input; with DISCORD_* and/or SLACK_* set, those platforms
// run until SIGINT/SIGTERM, a failure no reconnect can fix (a rejected gateway token), or an error nothing else
// handled. With DISCORD_SHARDS this process manages one process per Discord shard (src/platforms/discord/sharding.ts)
// and runs the scheduler, Slack and the HTTP server itself; a shard process runs its gateway only (no port, no
// scheduler). Shutdown stops the scheduler, lets work in flight finish (acknowledged answers are committed), stops
// the platforms and the server and closes the database — within a deadline.
import path from "node:path";
import type { CliIO } from "./cli.js";
import { loadConfig, serverPort, type Config } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { openConfiguredDatabase, type AnyDatabase } from "./db/index.js";
import type { StudyBot } from "./core/app.js";
import { systemClock, type Clock } from "./core/clock.js";
import { createCore } from "./core/create.js";
import { loadNotes, noteReader } from "./core/notes/load.js";
import { LookupService } from "./core/notes/lookup.js";
import { emptyQuestionBank, loadQuestionBank } from "./core/questions/load.js";
import type { Scheduler } from "./core/schedule/scheduler.js";
import type { LibraryContent, ReloadOutcome } from "./core/library.js";
import { DatabaseError } from "./db/migrations.js";
import type { ConnectionState } from "./platforms/connection.js";
import { mountHealth } from "./server/health.js";
import { AppServer } from "./server/http.js";
import { Metrics } from "./server/metrics.js";
import type { DiscordShards } from "./platforms/discord/sharding.js";

export interface MainOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  clock?: Clock;
  /** resolves to stop the process (default: the first SIGINT or SIGTERM) */
  signal?: Promise<string>;
  /** the HTTP server's listen address (default: every interface) */
  host?: string;
  /** how long shutdown may take before the process exits anyway, ms (default 7 s: orchestrators allow 10) */
  shutdownDeadlineMs?: number;
  /** DISCORD_SHARDS: how to start a shard process (default: this process's own program and node options) */
  shardProcess?: { script: string; execArgv: string[] };
}

interface Platform {
  name: string;
  stop(): Promise<void>;
  /** resolves when the platform ends by itself (the console at the end of its input) */
  done?: Promise<void>;
  /** its live connection, when it keeps one (Discord's gateway, Slack's Socket Mode) */
  connection?(): ConnectionState | null;
  /** several live connections by name (the shards a shard manager runs) */
  connections?(): Record<string, ConnectionState>;
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
  /** re-reads NOTES_DIR and QUESTIONS_DIR, validated first; a bad file keeps the ones in force (SIGHUP calls it) */
  reload(): ReloadOutcome;
  /** the process's HTTP server; null in console mode without PORT */
  server: AppServer | null;
  metrics: Metrics;
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
  const clock = opts.clock ?? systemClock;
  try {
    // A database that opens but cannot be written (a read-only file or folder, a full disk) is refused now, not
    // at the first answer.
    await database.store.probeWrite(clock.now()).catch((err: Error) => {
      throw new DatabaseError(`the database ${database.label} cannot be written (${err.message}): check that the file and its folder are writable by this user.`);
    });
    const sections = loadNotes(config.notesDir, cwd);
    stage("notes");
    const notes = new LookupService(sections);
    stage("index");
    const questionsDir = config.questionsDir;
    const readBank = (from: typeof sections) => (questionsDir === null ? emptyQuestionBank() : loadQuestionBank(questionsDir, { sections: from, rootDir: cwd }));
    const bank = readBank(sections);
    if (questionsDir === null) logger.info('QUESTIONS_DIR is "none": no question bank, so the daily question and /quiz have nothing to ask; /lookup reads the notes');
    stage("questions");
    /** What a reload reads: the same folders, the same checks as at start-up. */
    const readLibrary = (): LibraryContent => {
      const fresh = loadNotes(config.notesDir, cwd);
      return { sections: fresh, notes: new LookupService(fresh), bank: readBank(fresh), readNote: noteReader(config.notesDir, cwd) };
    };
    const metrics = new Metrics();
    const { bot, scheduler, library } = createCore({
      store: database.store,
      notes,
      sections,
      readNote: noteReader(config.notesDir, cwd),
      bank,
      clock,
      logger,
      settings: { defaultTimezone: config.defaultTimezone, defaultLocale: config.defaultLocale },
      metrics,
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
      // a shard manager's shards answer their servers from their own copy: each reads the folders again too
      if (shards) void reloadShards(shards);
      return outcome;
    };
    const reloadShards = async (running: DiscordShards) => {
      for (const r of await running.collect<ReloadOutcome>(RELOAD_KIND, 30_000)) {
        if (r.value?.ok) logger.info({ shard: r.shard, questions: r.value.questions, sections: r.value.sections, ms: r.value.ms }, "discord shard reloaded the notes and the question bank");
        else logger.error({ shard: r.shard, reason: r.value?.message ?? r.error }, "discord shard refused the reload: its notes and question bank in force stay");
      }
    };
    let onFatal!: (fatal: Fatal) => void;
    const fatal = new Promise<Fatal>((resolve) => (onFatal = resolve));
    const reportFatal = (reason: string) => onFatal({ reason });
    // a shard of a sharded bot (started by the shard manager): its gateway only; the manager runs the rest
    const shard = config.discord?.shard;
    let shards: DiscordShards | null = null;

    // One HTTP server for the process: health, metrics, and Slack's events endpoint in HTTP mode.
    const port = serverPort(config);
    const server = port === undefined ? null : new AppServer(logger);
    if (server) {
      mountHealth(server, {
        clock,
        probeWrite: (at) => database.store.probeWrite(at),
        scheduler: () => (scheduler.startedAt ? { lastTick: scheduler.lastTick, startedAt: scheduler.startedAt } : null),
        connections: () =>
          Object.fromEntries(platforms.flatMap((p) => [...(p.connection?.() ? [[p.name, p.connection()!] as const] : []), ...Object.entries(p.connections?.() ?? {})])),
      });
      // a shard manager's /metrics adds up its own and every shard's
      metrics.mount(server, () => shards?.metrics() ?? Promise.resolve([]));
      await server.listen(port!, opts.host);
      stage("server");
    }

    let stopping: Promise<void> | null = null;
    const stopAll = () =>
      (stopping ??= (async () => {
        await scheduler.stop();
        for (const p of [...platforms].reverse()) {
          try {
            await p.stop();
          } catch (err) {
            logger.error({ err, platform: p.name }, "platform did not stop cleanly");
          }
        }
        await server?.close();
        await database.close();
      })());

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
        if (config.discord?.sharding) {
          const { startShardManager } = await import("./platforms/discord/sharding.js");
          const started = await startShardManager(bot, config, logger, { env: opts.env ?? process.env, ...opts.shardProcess, stdout: io.stdout, stderr: io.stderr, onFatal: reportFatal });
          shards = started;
          platforms.push({ name: "discord", stop: () => started.stop(5_000), connections: () => started.connections() });
        } else if (config.discord) {
          const { startDiscord } = await import("./platforms/discord/index.js");
          const discord = await startDiscord(bot, config, logger, { onFatal: reportFatal });
          if (shard) {
            const { linkToManager } = await import("./platforms/discord/shard.js");
            const link = linkToManager(discord.client, { metrics: () => metrics.registry.getMetricsAsJSON(), [RELOAD_KIND]: () => reload() });
            const done = link.managerGone.then(() => undefined);
            platforms.push({ name: "discord", stop: () => discord.stop(5_000).finally(() => link.close()), done });
          } else platforms.push({ name: "discord", stop: () => discord.stop(5_000), connection: () => discord.connection() });
        }
        if (config.slack && !shard) {
          const { startSlack } = await import("./platforms/slack/index.js");
          const slack = await startSlack(bot, config, logger, { server: server ?? undefined, onFatal: reportFatal, installations: database.store });
          platforms.push({ name: "slack", stop: () => slack.stop(), connection: () => slack.connection() });
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
    return { config, logger, database, bot, scheduler, platforms, reload, server, metrics, shards, fatal, stop: stopAll };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** What a shard manager collects from its shards when it reloads (see reload). */
const RELOAD_KIND = "reload";

const DEFAULT_SHUTDOWN_DEADLINE_MS = 7_000;

/**
 * `studybot start` / `npm start`: runs until the console input ends, a signal arrives, a platform fails for good or
 * an error escapes everything else; then shuts down in order within the deadline. Returns the exit code: 0 after
 * a signal or the end of input, 1 after a failure.
 */
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
  // An error nothing handled leaves the process in an unknown state: one line, then the orderly shutdown.
  let crashed!: (reason: string) => void;
  const crash = new Promise<string>((resolve) => (crashed = resolve));
  const onUnhandled = (kind: string) => (err: unknown) => {
    app.logger.fatal({ err }, `${kind}: shutting down`);
    crashed(kind);
  };
  const rejection = onUnhandled("unhandled promise rejection");
  const exception = onUnhandled("uncaught exception");
  process.on("unhandledRejection", rejection);
  process.on("uncaughtException", exception);
  try {
    const ended = app.platforms.find((p) => p.done)?.done;
    const why = await Promise.race([
      signal.then((s) => ({ reason: s, code: 0 })),
      app.fatal.then((f) => ({ reason: f.reason, code: 1 })),
      crash.then((c) => ({ reason: c, code: 1 })),
      ...(ended ? [ended.then(() => ({ reason: "end of input", code: 0 }))] : []),
    ]);
    app.logger.info({ reason: why.reason }, "stopping");
    const deadline = opts.shutdownDeadlineMs ?? DEFAULT_SHUTDOWN_DEADLINE_MS;
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      app.stop().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadline).unref())),
    ]);
    clearTimeout(timer);
    if (!stopped) app.logger.error({ deadlineMs: deadline }, "shutdown did not finish within its deadline; exiting anyway");
    await new Promise<void>((resolve) => io.stdout.write("", () => resolve()));
    return why.code;
  } finally {
    process.off("SIGHUP", onHangup);
    process.off("unhandledRejection", rejection);
    process.off("uncaughtException", exception);
  }
}
