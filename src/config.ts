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

const envSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.refine((s) => s === undefined || /^\d{5,25}$/.test(s), "must be the numeric application id from the Discord developer portal"),
  DISCORD_GUILD_ID: optionalString.refine((s) => s === undefined || /^\d{5,25}$/.test(s), "must be a numeric server (guild) id"),
  DISCORD_API_URL: optionalUrl,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalUrl,
  SLACK_ORGANIZERS: optionalString,
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
  discord?: { token: string; applicationId: string; guildId?: string; apiUrl?: string };
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string; organizers: string[]; port: number };
  /** PORT as set; undefined when it is not (see serverPort) */
  port?: number;
  databasePath: string;
  /** PostgreSQL instead of the SQLite file at databasePath */
  databaseUrl?: string;
  notesDir: string;
  questionsDir: string;
  defaultTimezone: string;
  defaultLocale: Locale;
  logLevel: (typeof LOG_LEVELS)[number];
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
    discord = { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL };
  }

  let slack: Config["slack"];
  if (e.SLACK_BOT_TOKEN) {
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
    throw new ConfigError("SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: set the bot token (xoxb-…) too.");
  }

  return {
    discord,
    slack,
    port: e.PORT,
    databasePath: resolve(e.DATABASE_PATH),
    databaseUrl: e.DATABASE_URL,
    notesDir: resolve(e.NOTES_DIR),
    questionsDir: resolve(e.QUESTIONS_DIR),
    defaultTimezone: e.DEFAULT_TIMEZONE,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL as Config["logLevel"],
  };
}

/** The port of the process's HTTP server: PORT, else 3000 when a chat platform runs; none for the console alone. */
export function serverPort(config: Pick<Config, "port" | "discord" | "slack">): number | undefined {
  return config.port ?? (config.discord || config.slack ? DEFAULT_PORT : undefined);
}
