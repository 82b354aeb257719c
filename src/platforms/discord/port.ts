// The scheduler's view of Discord: post a card to a channel, edit it in place at reveal. Plain REST calls
// (no channel cache needed, so a card can go to any channel the bot may write in, right after start-up);
// @discordjs/rest queues them per route and waits out 429s by itself. A card's post carries a nonce made from its
// round with enforce_nonce, so a post tried again after a timeout returns the message the first try created.
// Failures reach the core as DeliveryErrors (./delivery.ts).
import { Routes, type APIMessage, type Client, type REST } from "discord.js";
import type { GroupRef, MessageRef, PlatformPort, PostOptions, QuestionCard, RevealedCard } from "../../core/cards.js";
import { DeliveryError } from "../../core/delivery.js";
import { checkChannel, classifyDiscordError, missingPermissions } from "./delivery.js";
import { channelMention, questionCard, revealedCard } from "./render.js";

const SNOWFLAKE = /^\d{5,25}$/;

function snowflake(value: string, what: string): string {
  if (!SNOWFLAKE.test(value)) throw new Error(`discord: ${what} ${JSON.stringify(value)} is not a Discord id`);
  return value;
}

/** Discord's nonce for a round's card (at most 25 characters). */
export const cardNonce = (roundId: number) => `sb-r${roundId}`;

export class DiscordPort implements PlatformPort {
  constructor(
    private readonly rest: REST,
    private readonly client?: Client,
  ) {}

  async postCard(group: GroupRef, channelId: string, card: QuestionCard, opts?: PostOptions): Promise<MessageRef> {
    const route = Routes.channelMessages(snowflake(channelId, "channel"));
    const body = { ...questionCard(card), ...(opts ? { nonce: cardNonce(opts.roundId), enforce_nonce: true } : {}) };
    try {
      const message = (await this.rest.post(route, { body })) as APIMessage;
      return { channelId, messageId: message.id };
    } catch (err) {
      throw await this.classify(err, group, channelId);
    }
  }

  async editCard(group: GroupRef, ref: MessageRef, card: RevealedCard): Promise<void> {
    try {
      await this.rest.patch(Routes.channelMessage(snowflake(ref.channelId, "channel"), snowflake(ref.messageId, "message")), { body: revealedCard(card) });
    } catch (err) {
      throw await this.classify(err, group, ref.channelId);
    }
  }

  async postRevealed(group: GroupRef, channelId: string, card: RevealedCard): Promise<MessageRef> {
    try {
      const message = (await this.rest.post(Routes.channelMessages(snowflake(channelId, "channel")), { body: revealedCard(card) })) as APIMessage;
      return { channelId, messageId: message.id };
    } catch (err) {
      throw await this.classify(err, group, channelId);
    }
  }

  /** The failure as a DeliveryError; a lost permission names which ones the bot now lacks in the channel. */
  private async classify(err: unknown, group: GroupRef, channelId: string): Promise<unknown> {
    const classified = classifyDiscordError(err);
    if (!(classified instanceof DeliveryError) || classified.kind !== "permission" || !this.client) return classified;
    const missing = await missingPermissions(this.client, group.externalId, channelId).catch(() => null);
    return missing && missing.length > 0 ? new DeliveryError("permission", missing.join(","), { cause: err }) : classified;
  }

  async preflight(group: GroupRef, channelId: string): Promise<void> {
    if (this.client) await checkChannel(this.client, group.externalId, channelId, channelMention(channelId));
  }
}
