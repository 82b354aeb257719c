// The whole Discord product in one process, for tests: the real StudyBot facade on an in-memory SQLite
// database (migrated), the real notes search and question bank loaded from small fixtures, a ManualClock,
// the real scheduler driven by the test, and the real discord.js Client logged in to the local stand-in.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { StudyBot } from "../../src/core/app.js";
import type { Actor } from "../../src/core/cards.js";
import { ManualClock } from "../../src/core/clock.js";
import { createCore } from "../../src/core/create.js";
import type { Section } from "../../src/core/notes/types.js";
import type { QuestionBank } from "../../src/core/questions/types.js";
import { loadNotes, noteReader } from "../../src/core/notes/load.js";
import { LookupService } from "../../src/core/notes/lookup.js";
import { loadQuestionBank } from "../../src/core/questions/load.js";
import type { Scheduler } from "../../src/core/schedule/scheduler.js";
import type { Config } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/index.js";
import type { Store } from "../../src/core/store/index.js";
import { createLogger } from "../../src/logger.js";
import { startDiscord, type DiscordPlatform } from "../../src/platforms/discord/index.js";
import { DiscordStandIn, EVERYONE_PERMISSIONS, MANAGE_GUILD, type StandInOptions, type StandInUser } from "../support/discord-standin.js";

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

/** Members of the stand-in's study group. Only the organiser has Manage Server. */
export const USERS = {
  organiser: { id: "2000000000000000001", username: "jiwoo", globalName: "Jiwoo", nick: "지우", permissions: EVERYONE_PERMISSIONS | MANAGE_GUILD, locale: "ko" },
  mina: { id: "2000000000000000002", username: "mina", globalName: "미나", locale: "ko" },
  alex: { id: "2000000000000000003", username: "alex_k", globalName: "Alex", locale: "en-US" },
  seo: { id: "2000000000000000004", username: "seo", nick: "서연", locale: "ko" },
} satisfies Record<string, StandInUser>;

/** The shapes of what the bot sends, as the tests read them back from the stand-in's recorded calls. */
export type SentEmbed = { title?: string; description?: string; footer?: { text: string }; fields?: Array<{ name: string; value: string }> };
export type SentButton = { type?: number; style: number; label: string; custom_id: string; disabled?: boolean };
export type SentMessage = { content?: string; embeds: SentEmbed[]; components: Array<{ type?: number; components: SentButton[] }>; flags?: number };
/** An interaction callback body: its type (4 reply, 5 defer, 7 update, 8 autocomplete…) and the message. */
export type InteractionCallback = { type: number; data: SentMessage };

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface Harness {
  standIn: DiscordStandIn;
  bot: StudyBot;
  bank: QuestionBank;
  sections: readonly Section[];
  scheduler: Scheduler;
  clock: ManualClock;
  database: Database;
  discord: DiscordPlatform;
  logs: LogLine[];
  channelId: string;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** the ManualClock's start (default Monday 2026-03-02 08:00 in Seoul) */
  now?: string;
  /** the handlers' deferral threshold */
  slowAfterMs?: number;
  /** wraps the real store, e.g. to hold its calls the way a slow networked database would */
  wrapStore?: (store: Store) => Store;
  /** options of the Discord stand-in (e.g. a shorter interaction window) */
  standIn?: StandInOptions;
  /** discord.js's REST timeout, ms (a call the stand-in holds longer is aborted and tried again) */
  restTimeoutMs?: number;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const standIn = await DiscordStandIn.start(opts.standIn);
  const logs: LogLine[] = [];
  const logger = createLogger("debug", { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const sections = loadNotes(path.join(FIXTURES, "notes"), FIXTURES);
  const bank = loadQuestionBank(path.join(FIXTURES, "questions"), { sections, rootDir: FIXTURES });
  const clock = new ManualClock(opts.now ?? "2026-03-01T23:00:00Z");
  const database = openDatabase(":memory:");
  const config: Config = {
    discord: { token: standIn.token, applicationId: standIn.applicationId, apiUrl: standIn.apiUrl },
    port: 3000,
    databasePath: ":memory:",
    notesDir: path.join(FIXTURES, "notes"),
    questionsDir: path.join(FIXTURES, "questions"),
    defaultTimezone: "Asia/Seoul",
    defaultLocale: "ko",
    logLevel: "debug",
  };
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const store = opts.wrapStore ? opts.wrapStore(database.store) : database.store;
  const { bot, scheduler } = createCore({
    store,
    notes: new LookupService(sections),
    sections,
    readNote: noteReader(path.join(FIXTURES, "notes"), FIXTURES),
    bank,
    clock,
    logger,
    settings: { defaultTimezone: config.defaultTimezone, defaultLocale: config.defaultLocale },
    random,
    scheduler: { timers: false },
  });
  const discord = await startDiscord(bot, config, logger, { slowAfterMs: opts.slowAfterMs, restTimeoutMs: opts.restTimeoutMs });
  await scheduler.start();
  return {
    standIn,
    bot,
    bank,
    sections,
    scheduler,
    clock,
    database,
    discord,
    logs,
    channelId: standIn.guild.channels[0]!.id,
    async stop() {
      await scheduler.stop();
      await discord.stop();
      database.close();
      await standIn.stop();
    },
  };
}

/** The answer buttons of a posted card, as the stand-in stored the message. */
export function answerButtons(h: Harness, messageId: string): string[] {
  const msg = h.standIn.message(messageId) as { components?: Array<{ components: Array<{ custom_id?: string }> }> } | undefined;
  return (msg?.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id ?? "")).filter((id) => id.startsWith("sb1:ans:"));
}

/**
 * A store whose every call waits until the test opens the gate, then runs on the real store: a database
 * that answers late, without any timing in the test.
 */
export function gatedStore(store: Store): { store: Store; close(): void; open(): void } {
  let opened: Promise<void> = Promise.resolve();
  let release: () => void = () => undefined;
  const gated = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await opened;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store: gated,
    close: () => {
      opened = new Promise<void>((resolve) => (release = resolve));
    },
    open: () => release(),
  };
}

/** The core's view of a stand-in member (for reading state back in assertions). */
export function actorOf(h: Harness, user: StandInUser): Actor {
  return { group: { platform: "discord", externalId: h.standIn.guild.id }, userId: user.id, displayName: user.nick ?? user.globalName ?? user.username, locale: user.locale };
}
