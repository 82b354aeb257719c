// Discord platform: log in with the Guilds intent only, register the card port, route interactions.
import { once } from "node:events";
import { DiscordAPIError, Events, RESTEvents, type Client } from "discord.js";
import type { StudyBot } from "../../core/app.js";
import type { PlatformPort } from "../../core/cards.js";
import { ConfigError, type Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { ConnectionTracker, type ConnectionState, type FatalHandler } from "../connection.js";
import { createClient } from "./client.js";
import { DiscordHandlers, PLATFORM } from "./handlers.js";
import { DiscordPort } from "./port.js";

export interface DiscordPlatform {
  port: PlatformPort;
  client: Client;
  /** Stops taking interactions, lets the ones in flight answer (up to `graceMs`), then disconnects. */
  stop(graceMs?: number): Promise<void>;
  /** the gateway connection, for /healthz */
  connection(): ConnectionState;
}

/**
 * Gateway close codes after which Discord will not take the bot back without a change: a rejected token (4004), a
 * shard or version Discord refuses (4010–4012), intents that are invalid or not allowed for the app (4013, 4014).
 */
export const FATAL_CLOSE_CODES: Record<number, string> = {
  4004: "Discord rejected DISCORD_TOKEN (gateway close 4004): copy the bot token again from the developer portal (Bot → Reset Token)",
  4010: "Discord refused the shard (gateway close 4010)",
  4011: "Discord requires sharding for this bot (gateway close 4011)",
  4012: "Discord refused the gateway version (gateway close 4012)",
  4013: "Discord refused the gateway intents as invalid (gateway close 4013)",
  4014: "Discord refused the gateway intents (gateway close 4014): studybot only needs Guilds; check the application's settings",
};

export interface DiscordStartOptions {
  /** defer a reply when the core takes longer than this (ms); see handlers.ts */
  slowAfterMs?: number;
  /** how long a REST call may take before it is aborted and tried again (ms; discord.js's default is 15 s) */
  restTimeoutMs?: number;
  /** the gateway closed for good (FATAL_CLOSE_CODES): the process should end */
  onFatal?: FatalHandler;
}

export async function startDiscord(bot: StudyBot, config: Config, logger: Logger, opts: DiscordStartOptions = {}): Promise<DiscordPlatform> {
  if (!config.discord) throw new ConfigError("Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID.");
  const log = logger.child({ platform: PLATFORM });
  const client = createClient(config.discord, { restTimeoutMs: opts.restTimeoutMs });
  const port = new DiscordPort(client.rest, client);
  const gateway = new ConnectionTracker(() => bot.clock.now());
  const handlers = new DiscordHandlers(bot, { logger: log, defaultLocale: config.defaultLocale, slowAfterMs: opts.slowAfterMs });
  let accepting = true;

  client.on(Events.InteractionCreate, (interaction) => {
    if (accepting) void handlers.handle(interaction);
  });
  client.on(Events.Error, (err) => log.error({ err }, "discord: client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord: client warning"));
  // discord.js reconnects (with its own backoff) after every close it can recover from, and emits ShardDisconnect
  // only for one it cannot: that ends the process, so that a supervisor restarts it and an operator sees why.
  client.on(Events.ShardDisconnect, (event, shardId) => {
    gateway.down();
    const fatal = FATAL_CLOSE_CODES[event.code] ?? `the Discord gateway closed for good (code ${event.code})`;
    log.error({ code: event.code, shardId }, `discord: ${fatal}`);
    opts.onFatal?.(fatal);
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    gateway.down();
    if (accepting) log.warn({ shardId }, "discord: gateway reconnecting"); // (not the close of our own stop)
  });
  client.on(Events.ShardReady, () => gateway.up());
  client.on(Events.ShardResume, () => gateway.up());
  // Removed from a server (not merely unavailable, which discord.js reports as GuildUnavailable): its schedules
  // pause with that reason, its data stays for when the bot is invited back.
  client.on(Events.GuildDelete, (guild) => {
    if (!guild.available) return;
    bot.removedFrom({ platform: PLATFORM, externalId: guild.id }).catch((err: unknown) => log.error({ err, guild: guild.id }, "discord: could not pause the schedules of a server the bot left"));
  });
  // @discordjs/rest waits out every 429 (retry-after) and retries by itself; log each one so an operator sees
  // them, and the waits it makes ahead of time when a bucket is empty.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status !== 429) return;
    const h = response.headers;
    log.warn({ method: request.method.toUpperCase(), route: request.route, retryAfterS: Number(h.get("retry-after")), scope: h.get("x-ratelimit-scope"), global: h.has("x-ratelimit-global") }, "discord: rate limited (429), retrying after retry-after");
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.debug({ route: info.route, method: info.method, waitMs: info.timeToReset, global: info.global }, "discord: waiting for a rate-limit bucket"),
  );

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.discord.token);
    await ready;
  } catch (err) {
    await client.destroy().catch(() => undefined);
    const e = err as Error & { code?: string };
    if (e.code === "TokenInvalid") throw new ConfigError("Discord refused DISCORD_TOKEN: copy the bot token again from the developer portal (Bot → Reset Token).");
    if (e.code === "DisallowedIntents") throw new ConfigError("Discord refused the gateway intents; studybot only needs Guilds: check the application's settings.");
    if (!(err instanceof DiscordAPIError)) {
      const where = config.discord.apiUrl ? ` at ${config.discord.apiUrl}` : "";
      throw new ConfigError(`could not reach Discord${where} (${e.message}): check the network, or DISCORD_API_URL if it is set.`);
    }
    throw err;
  }
  gateway.up();
  const unregister = bot.registerPort(PLATFORM, port);
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, api: config.discord.apiUrl ?? "default" }, "discord: ready");

  return {
    port,
    client,
    connection: () => gateway.current,
    async stop(graceMs = 10_000) {
      accepting = false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([handlers.drain(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      unregister();
      await client.destroy();
      log.info("discord: stopped");
    },
  };
}
