// Discord platform: log in with the Guilds intent only, register the card port, route interactions.
import { once } from "node:events";
import { DiscordAPIError, Events, RESTEvents, type Client } from "discord.js";
import type { StudyBot } from "../../core/app.js";
import type { PlatformPort } from "../../core/cards.js";
import { ConfigError, type Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { createClient } from "./client.js";
import { DiscordHandlers, PLATFORM } from "./handlers.js";
import { DiscordPort } from "./port.js";

export interface DiscordPlatform {
  port: PlatformPort;
  client: Client;
  /** Stops taking interactions, lets the ones in flight answer (up to `graceMs`), then disconnects. */
  stop(graceMs?: number): Promise<void>;
}

export interface DiscordStartOptions {
  /** defer a reply when the core takes longer than this (ms); see handlers.ts */
  slowAfterMs?: number;
}

export async function startDiscord(bot: StudyBot, config: Config, logger: Logger, opts: DiscordStartOptions = {}): Promise<DiscordPlatform> {
  if (!config.discord) throw new ConfigError("Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID.");
  const log = logger.child({ platform: PLATFORM });
  const client = createClient(config.discord);
  // the bot's own permissions in a channel, from the gateway's cache (Discord sends the bot's member with each guild)
  const port = new DiscordPort(client.rest, (channelId) => {
    const channel = client.channels.cache.get(channelId);
    return channel && "permissionsFor" in channel && client.user ? channel.permissionsFor(client.user) : null;
  });
  const handlers = new DiscordHandlers(bot, { logger: log, defaultLocale: config.defaultLocale, slowAfterMs: opts.slowAfterMs });
  let accepting = true;

  client.on(Events.InteractionCreate, (interaction) => {
    if (accepting) void handlers.handle(interaction);
  });
  client.on(Events.Error, (err) => log.error({ err }, "discord: client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord: client warning"));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ code: event.code, shardId }, "discord: gateway disconnected"));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, "discord: gateway reconnecting"));
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
  const unregister = bot.registerPort(PLATFORM, port);
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, api: config.discord.apiUrl ?? "default" }, "discord: ready");

  return {
    port,
    client,
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
