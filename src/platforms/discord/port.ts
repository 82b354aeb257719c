// The scheduler's view of Discord: post a card to a channel, edit it in place at reveal. Plain REST calls
// (no channel cache needed, so a card can go to any channel the bot may write in, right after start-up);
// @discordjs/rest queues them per route and waits out 429s by itself. A card's post carries a nonce made from its
// round with enforce_nonce, so a post tried again after a timeout returns the message the first try created.
// Failures reach the core as DeliveryErrors (./delivery.ts).
import { Routes, type APIMessage, type Client, type REST } from "discord.js";
import type { GroupRef, MessageRef, PlatformPort, PostOptions, QuestionCard, RevealedCard } from "../../core/cards.js";
import { checkChannel, classifyDiscordError } from "./delivery.js";
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

  async postCard(_group: GroupRef, channelId: string, card: QuestionCard, opts?: PostOptions): Promise<MessageRef> {
    const route = Routes.channelMessages(snowflake(channelId, "channel"));
    const body = { ...questionCard(card), ...(opts ? { nonce: cardNonce(opts.roundId), enforce_nonce: true } : {}) };
    try {
      const message = (await this.rest.post(route, { body })) as APIMessage;
      return { channelId, messageId: message.id };
    } catch (err) {
      throw classifyDiscordError(err);
    }
  }

  async editCard(_group: GroupRef, ref: MessageRef, card: RevealedCard): Promise<void> {
    try {
      await this.rest.patch(Routes.channelMessage(snowflake(ref.channelId, "channel"), snowflake(ref.messageId, "message")), { body: revealedCard(card) });
    } catch (err) {
      throw classifyDiscordError(err);
    }
  }

  async postRevealed(_group: GroupRef, channelId: string, card: RevealedCard): Promise<MessageRef> {
    try {
      const message = (await this.rest.post(Routes.channelMessages(snowflake(channelId, "channel")), { body: revealedCard(card) })) as APIMessage;
      return { channelId, messageId: message.id };
    } catch (err) {
      throw classifyDiscordError(err);
    }
  }

  async preflight(group: GroupRef, channelId: string): Promise<void> {
    if (this.client) await checkChannel(this.client, group.externalId, channelId, channelMention(channelId));
  }
}
