// Environment → validated configuration. The only module that reads process.env.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
import { isValidTimeZone } from "./core/clock.js";
import { resolveLocale, type Locale } from "./core/locale.js";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const optionalString = z.string().trim().optional();

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .refine((s) => s === undefined || /^https?:\/\/[^\s]+$/.test(s), "must be an http(s) URL, e.g. http://127.0.0.1:8080/api");

/** The HTTP port when PORT is not set and a chat platform runs (the console needs no server unless PORT is set). */
export const DEFAULT_PORT = 3000;

const port = z
  .string()
  .trim()
  .optional()
  .refine((s) => s === undefined || (/^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535), "must be a port number, 1–65535")
  .transform((s) => (s === undefined ? undefined : Number(s)));

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** "0-3", "4,5,6,7", "0-1,4": shard ids and ranges */
const SHARD_LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** QUESTIONS_DIR's value for a group with notes and no question bank yet. */
export const NO_QUESTIONS = "none";

const envSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.refine((s) => s === undefined || /^\d{5,25}$/.test(s), "must be the numeric application id from the Discord developer portal"),
  DISCORD_GUILD_ID: optionalString.refine((s) => s === undefined || /^\d{5,25}$/.test(s), "must be a numeric server (guild) id"),
  DISCORD_API_URL: optionalUrl,
  DISCORD_SHARDS: optionalString.refine((s) => s === undefined || s.toLowerCase() === "auto" || (/^\d{1,5}$/.test(s) && Number(s) >= 1), "must be auto or the total number of shards, e.g. 4"),
  DISCORD_SHARD_LIST: optionalString.refine((s) => s === undefined || SHARD_LIST.test(s.replace(/\s+/g, "")), "must name this machine's shards, e.g. 0-3 or 4,5,6,7"),
  // set by discord.js's ShardingManager in the processes it starts
  SHARDING_MANAGER: optionalString,
  SHARDS: optionalString,
  SHARD_COUNT: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalUrl,
  SLACK_ORGANIZERS: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_TOKEN_KEY: optionalString,
  PORT: port,
  DATABASE_PATH: z.string().trim().default("./data/studybot.db"),
  DATABASE_URL: optionalString.refine((s) => s === undefined || /^postgres(ql)?:\/\/\S*$/.test(s), "must be a PostgreSQL URL, e.g. postgres://studybot:secret@127.0.0.1:5432/studybot"),
  NOTES_DIR: z.string().trim().default("./notes"),
  QUESTIONS_DIR: z.string().trim().default("./questions"),
  DEFAULT_TIMEZONE: z.string().trim().default("Asia/Seoul").refine(isValidTimeZone, "must be an IANA time zone such as Asia/Seoul or America/New_York"),
  // "EN", "ko-KR" and "en_US" name a language we speak too.
  DEFAULT_LOCALE: z
    .string()
    .trim()
    .default("ko")
    .refine((s) => /^(ko|en)(?:[-_][a-z]{2,4})?$/i.test(s), "must be ko or en")
    .transform((s) => resolveLocale("ko", s)),
  LOG_LEVEL: z
    .string()
    .trim()
    .default("info")
    .transform((s) => s.toLowerCase())
    .refine((s): s is (typeof LOG_LEVELS)[number] => (LOG_LEVELS as readonly string[]).includes(s), `must be one of ${LOG_LEVELS.join(", ")}`),
});

export interface Config {
  discord?: {
    token: string;
    applicationId: string;
    guildId?: string;
    apiUrl?: string;
    /** DISCORD_SHARDS: this process runs the ShardingManager, one process per shard of `list` (every shard of `count` by default) */
    sharding?: { count: number | "auto"; list?: number[] };
    /** this process is a shard the ShardingManager started: its shard ids, of `count` in all */
    shard?: { ids: number[]; count: number };
  };
  slack?: {
    /** one workspace: its bot token; absent when workspaces install the app by OAuth (`oauth`) */
    botToken?: string;
    /** many workspaces: the OAuth install flow at /slack/install, installations in the database */
    oauth?: SlackOAuth;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    organizers: string[];
    port: number;
  };
  /** PORT as set; undefined when it is not (see serverPort) */
  port?: number;
  databasePath: string;
  /** PostgreSQL instead of the SQLite file at databasePath */
  databaseUrl?: string;
  notesDir: string;
  /** null when QUESTIONS_DIR is "none": no question bank (lookup works, there is nothing to ask) */
  questionsDir: string | null;
  defaultTimezone: string;
  defaultLocale: Locale;
  logLevel: (typeof LOG_LEVELS)[number];
}

export interface SlackOAuth {
  clientId: string;
  clientSecret: string;
  /** signs the install flow's state */
  stateSecret: string;
  /** 32 bytes (AES-256-GCM): the installations' tokens are encrypted with it at rest */
  tokenKey: Buffer;
}

/** SLACK_TOKEN_KEY: 32 bytes, as 64 hex digits or base64. */
function tokenKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : /^[A-Za-z0-9+/]{43}=?$/.test(text) ? Buffer.from(text, "base64") : null;
  if (key?.length !== 32) throw new ConfigError("SLACK_TOKEN_KEY must be 32 random bytes as base64 or 64 hex digits: make one with `openssl rand -base64 32` and keep it (tokens stored with a key cannot be read without it).");
  return key;
}

/** The OAuth install flow's settings, when SLACK_CLIENT_ID is set; every one of them is needed. */
function slackOAuth(e: z.infer<typeof envSchema>): SlackOAuth | undefined {
  if (!e.SLACK_CLIENT_ID) {
    const stray = (["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_TOKEN_KEY"] as const).filter((k) => e[k]);
    if (stray.length > 0) throw new ConfigError(`${stray.join(", ")} ${stray.length > 1 ? "are" : "is"} set but SLACK_CLIENT_ID is not: set the app's client id too for installs in many workspaces.`);
    return undefined;
  }
  const missing = (["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_TOKEN_KEY", "SLACK_SIGNING_SECRET"] as const).filter((k) => !e[k]);
  if (missing.length > 0) throw new ConfigError(`SLACK_CLIENT_ID is set (installs in many workspaces) but ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not: set ${missing.length > 1 ? "them" : "it"} too.`);
  if (e.SLACK_BOT_TOKEN) throw new ConfigError("SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: use SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID (OAuth installs) for many, not both.");
  if (e.SLACK_APP_TOKEN) throw new ConfigError("SLACK_APP_TOKEN is set with SLACK_CLIENT_ID: installs in many workspaces use HTTP mode (the install pages are served on PORT); unset SLACK_APP_TOKEN.");
  return { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET!, tokenKey: tokenKey(e.SLACK_TOKEN_KEY!) };
}

/** Shard ids from "0-3,6": every id once, in order. */
export function parseShardList(list: string): number[] {
  const ids = new Set<number>();
  for (const part of list.replace(/\s+/g, "").split(",")) {
    const [from, to = from] = part.split("-").map(Number) as [number, number?];
    if (to < from) throw new ConfigError(`DISCORD_SHARD_LIST: the range ${part} runs backwards: write ${to}-${from}.`);
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** The sharding a process runs: as a shard its manager started, or as the manager of DISCORD_SHARDS. */
function discordShards(e: z.infer<typeof envSchema>): Pick<NonNullable<Config["discord"]>, "sharding" | "shard"> {
  if (e.SHARDING_MANAGER === "true" && e.SHARDS !== undefined && e.SHARD_COUNT !== undefined) {
    const ids = [JSON.parse(e.SHARDS) as number | number[]].flat();
    return { shard: { ids, count: Number(e.SHARD_COUNT) } };
  }
  if (!e.DISCORD_SHARDS) {
    if (e.DISCORD_SHARD_LIST) throw new ConfigError("DISCORD_SHARD_LIST is set but DISCORD_SHARDS is not: set DISCORD_SHARDS to the number of shards across every machine.");
    return {};
  }
  if (e.DISCORD_SHARDS.toLowerCase() === "auto") {
    if (e.DISCORD_SHARD_LIST) {
      throw new ConfigError("DISCORD_SHARD_LIST needs a fixed shard count: set DISCORD_SHARDS to the number of shards across every machine (the same on each), not auto.");
    }
    return { sharding: { count: "auto" } };
  }
  const count = Number(e.DISCORD_SHARDS);
  if (!e.DISCORD_SHARD_LIST) return { sharding: { count } };
  const list = parseShardList(e.DISCORD_SHARD_LIST);
  const outside = list.filter((id) => id >= count);
  if (outside.length > 0) {
    throw new ConfigError(`DISCORD_SHARD_LIST names shard ${outside.join(", ")} but DISCORD_SHARDS=${count}: shards are numbered 0 to ${count - 1}.`);
  }
  return { sharding: { count, list } };
}

/** Reads `.env` (if present) under the real environment: a variable already set wins. */
export function readDotenv(file = ".env"): Record<string, string> {
  if (!existsSync(file)) return {};
  return parseDotenv(readFileSync(file));
}

export function loadConfig(env: Record<string, string | undefined> = { ...readDotenv(), ...process.env }, cwd = process.cwd()): Config {
  // An empty value (FOO= in .env, or exported empty) means "not set", for every variable alike.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    // a database URL carries its password: never echoed
    const shown = (name: string) => (name === "DATABASE_URL" ? "(not shown)" : JSON.stringify(env[name] ?? ""));
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}=${shown(String(i.path[0]))}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}\nFix these variables in the environment or in .env.`);
  }
  const e = parsed.data;
  const resolve = (p: string) => (p === ":memory:" ? p : path.resolve(cwd, p));

  let discord: Config["discord"];
  if (e.DISCORD_TOKEN || e.DISCORD_APPLICATION_ID) {
    if (!e.DISCORD_TOKEN) throw new ConfigError("DISCORD_APPLICATION_ID is set but DISCORD_TOKEN is not: set both to run on Discord, or neither.");
    if (!e.DISCORD_APPLICATION_ID) throw new ConfigError("DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not: copy the application id from the Discord developer portal.");
    discord = { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL, ...discordShards(e) };
  } else if (e.DISCORD_SHARDS || e.DISCORD_SHARD_LIST) {
    throw new ConfigError("DISCORD_SHARDS or DISCORD_SHARD_LIST is set but Discord is not: set DISCORD_TOKEN and DISCORD_APPLICATION_ID too.");
  }

  let slack: Config["slack"];
  const oauth = slackOAuth(e);
  if (oauth) {
    slack = {
      oauth,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      organizers: (e.SLACK_ORGANIZERS ?? "").split(/[\s,]+/).filter(Boolean),
      port: e.PORT ?? DEFAULT_PORT,
    };
  } else if (e.SLACK_BOT_TOKEN) {
    if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
      throw new ConfigError("SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is: set one of them.");
    }
    if (e.SLACK_APP_TOKEN && !e.SLACK_APP_TOKEN.startsWith("xapp-")) throw new ConfigError("SLACK_APP_TOKEN must be an app-level token starting with xapp-.");
    slack = {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      organizers: (e.SLACK_ORGANIZERS ?? "").split(/[\s,]+/).filter(Boolean),
      port: e.PORT ?? DEFAULT_PORT,
    };
  } else if (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
    throw new ConfigError("SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: set the bot token (xoxb-…) too, or SLACK_CLIENT_ID and the rest of the OAuth settings for installs in many workspaces.");
  }

  return {
    discord,
    slack,
    port: e.PORT,
    databasePath: resolve(e.DATABASE_PATH),
    databaseUrl: e.DATABASE_URL,
    notesDir: resolve(e.NOTES_DIR),
    // "none": no question bank yet, the notes alone (for lookup).
    questionsDir: e.QUESTIONS_DIR === NO_QUESTIONS ? null : resolve(e.QUESTIONS_DIR),
    defaultTimezone: e.DEFAULT_TIMEZONE,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL as Config["logLevel"],
  };
}

/**
 * The port of the process's HTTP server: PORT, else 3000 when a chat platform runs; none for the console alone, nor
 * for a Discord shard process (its manager alone listens, and reports for it).
 */
export function serverPort(config: Pick<Config, "port" | "discord" | "slack">): number | undefined {
  if (config.discord?.shard) return undefined;
  return config.port ?? (config.discord || config.slack ? DEFAULT_PORT : undefined);
}
