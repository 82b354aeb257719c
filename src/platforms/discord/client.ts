// The discord.js client: the Guilds intent only (no privileged intents: display names come with each
// interaction), REST pointed at DISCORD_API_URL when set (a rate-limit proxy, or a local stand-in).
import { Client, GatewayIntentBits, type ClientOptions } from "discord.js";
import type { Config } from "../../config.js";

export function clientOptions(discord: NonNullable<Config["discord"]>, opts: { restTimeoutMs?: number } = {}): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    // Nothing the bot posts may ping anyone: names in cards and boards are display text.
    allowedMentions: { parse: [] },
    rest: { ...(discord.apiUrl ? { api: discord.apiUrl } : {}), ...(opts.restTimeoutMs ? { timeout: opts.restTimeoutMs } : {}) },
  };
}

export function createClient(discord: NonNullable<Config["discord"]>, opts: { restTimeoutMs?: number } = {}): Client {
  return new Client(clientOptions(discord, opts));
}
