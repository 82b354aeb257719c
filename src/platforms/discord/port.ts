// The scheduler's view of Discord: post a card to a channel, edit it in place at reveal. Plain REST calls
// (no channel cache needed, so a card can go to any channel the bot may write in, right after start-up);
// @discordjs/rest queues them per route and waits out 429s by itself.
import { Routes, type APIChannel, type APIMessage, type REST } from "discord.js";
import type { GroupRef, MessageRef, PlatformPort, QuestionCard, RevealedCard } from "../../core/cards.js";
import { questionCard, revealedCard } from "./render.js";

const SNOWFLAKE = /^\d{5,25}$/;

function snowflake(value: string, what: string): string {
  if (!SNOWFLAKE.test(value)) throw new Error(`discord: ${what} ${JSON.stringify(value)} is not a Discord id`);
  return value;
}

export class DiscordPort implements PlatformPort {
  constructor(private readonly rest: REST) {}

  async postCard(_group: GroupRef, channelId: string, card: QuestionCard): Promise<MessageRef> {
    const message = (await this.rest.post(Routes.channelMessages(snowflake(channelId, "channel")), { body: questionCard(card) })) as APIMessage;
    return { channelId, messageId: message.id };
  }

  async editCard(_group: GroupRef, ref: MessageRef, card: RevealedCard): Promise<void> {
    await this.rest.patch(Routes.channelMessage(snowflake(ref.channelId, "channel"), snowflake(ref.messageId, "message")), { body: revealedCard(card) });
  }

  /** A direct message (review reminders): open the DM channel (no gateway intent needed), then post in it. */
  async sendDirect(_group: GroupRef, userId: string, text: string): Promise<void> {
    const dm = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: snowflake(userId, "user") } })) as APIChannel;
    await this.rest.post(Routes.channelMessages(dm.id), { body: { content: text, allowed_mentions: { parse: [] } } });
  }
}
