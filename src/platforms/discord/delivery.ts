// Discord's failures in the core's words (src/core/delivery.ts), and the pre-flight check of a channel: what the
// bot needs there to post a card and edit it at reveal.
import { DiscordAPIError, HTTPError, PermissionFlagsBits, type Client, type GuildBasedChannel } from "discord.js";
import { DeliveryError } from "../../core/delivery.js";
import { UserError } from "../../core/errors.js";
import type { DiscordKey } from "./messages.js";

/** What the bot needs in a channel for its cards: see it, post in it, and show the card's embed. */
export const CARD_PERMISSIONS = { ViewChannel: PermissionFlagsBits.ViewChannel, SendMessages: PermissionFlagsBits.SendMessages, EmbedLinks: PermissionFlagsBits.EmbedLinks } as const;
export type CardPermission = keyof typeof CARD_PERMISSIONS;
/** What a discussion thread on a card needs besides. */
export const THREAD_PERMISSIONS = { CreatePublicThreads: PermissionFlagsBits.CreatePublicThreads, SendMessagesInThreads: PermissionFlagsBits.SendMessagesInThreads } as const;

/** Discord's JSON error codes the core must tell apart; everything else of a 4xx is the card's own fault. */
const CODES: Record<number, { kind: DeliveryError["kind"]; detail?: CardPermission }> = {
  10003: { kind: "channel_gone" }, // Unknown Channel
  10004: { kind: "uninstalled" }, // Unknown Guild: the bot is not in the server any more
  10008: { kind: "message_gone" }, // Unknown Message
  50001: { kind: "permission", detail: "ViewChannel" }, // Missing Access
  50013: { kind: "permission" }, // Missing Permissions
  50083: { kind: "channel_gone" }, // the thread is archived
};

/** A failed post or edit as a DeliveryError; anything unknown (a bug, a 400) is passed on as it is. */
export function classifyDiscordError(err: unknown): unknown {
  if (err instanceof DiscordAPIError) {
    const known = CODES[Number(err.code)];
    if (known) return new DeliveryError(known.kind, known.detail ?? null, { cause: err });
    if (err.status === 401) return new DeliveryError("uninstalled", null, { cause: err });
    if (err.status === 429 || err.status >= 500) return new DeliveryError("transient", null, { cause: err });
    return err;
  }
  // a 5xx without Discord's JSON, a timeout (AbortError), a network failure: worth another try later
  if (err instanceof HTTPError || (err instanceof Error && (err.name === "AbortError" || err.name === "TypeError" || "code" in err))) return new DeliveryError("transient", null, { cause: err });
  return err;
}

/** The permissions (the card's unless named) the bot lacks in a channel, from its roles and the channel's overwrites. */
export async function missingPermissions<P extends string = CardPermission>(
  client: Client,
  guildId: string,
  channelId: string,
  wanted: Record<P, bigint> = CARD_PERMISSIONS as Record<string, bigint> as Record<P, bigint>,
): Promise<P[] | null> {
  const guild = client.guilds.cache.get(guildId);
  if (!guild) return null; // not cached (an outage): nothing to check against; the post itself will tell
  const channel: GuildBasedChannel | undefined = guild.channels.cache.get(channelId);
  if (!channel) return null; // a thread not in the cache, say: the post itself will tell
  const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => null));
  if (!me) return null;
  const has = channel.permissionsFor(me);
  return (Object.keys(wanted) as P[]).filter((p) => !has.has(wanted[p]));
}

/** Refuses a channel the bot cannot post cards in, naming what is missing. */
export async function checkChannel(client: Client, guildId: string, channelId: string, mention: string): Promise<void> {
  const missing = await missingPermissions(client, guildId, channelId);
  if (missing && missing.length > 0) throw new UserError<DiscordKey>("discord.error.missing_permissions", { channel: mention, permissions: missing.join(",") });
}
