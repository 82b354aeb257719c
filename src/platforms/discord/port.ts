// The scheduler's view of Discord: post a card to a channel, edit it in place at reveal, and the digest, reminder and
// thread around it. Plain REST calls (no channel cache needed, so a card can go to any channel the bot may write in,
// right after start-up); @discordjs/rest queues them per route and waits out 429s by itself. A card's post carries a
// nonce made from its round with enforce_nonce, so a post tried again after a timeout returns the message the first
// try created. Failures reach the core as DeliveryErrors (./delivery.ts).
import { Routes, type APIChannel, type APIMessage, type Client, type REST } from "discord.js";
import type { FileAttachment, GroupRef, MessageRef, PlatformPort, PostOptions, QuestionCard, RevealedCard } from "../../core/cards.js";
import { DeliveryError } from "../../core/delivery.js";
import type { CardExtrasPort } from "../../core/digest/port.js";
import { reminderMentionText, threadName } from "../../core/digest/text.js";
import type { Digest, Reminder } from "../../core/digest/types.js";
import type { Locale } from "../../core/locale.js";
import { checkChannel, classifyDiscordError, missingPermissions, THREAD_PERMISSIONS } from "./delivery.js";
import { digestMessage, mentionTarget, reminderCard, threadSummary } from "./digest.js";
import { permissionNames } from "./messages.js";
import { channelMention, questionCard, revealedCard } from "./render.js";

const SNOWFLAKE = /^\d{5,25}$/;

function snowflake(value: string, what: string): string {
  if (!SNOWFLAKE.test(value)) throw new Error(`discord: ${what} ${JSON.stringify(value)} is not a Discord id`);
  return value;
}

/** Discord's nonce for a round's card (at most 25 characters). */
export const cardNonce = (roundId: number) => `sb-r${roundId}`;

export class DiscordPort implements PlatformPort, CardExtrasPort {
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

  async postDigest(_group: GroupRef, channelId: string, digest: Digest, chart: FileAttachment): Promise<MessageRef> {
    const { files, ...body } = digestMessage(digest, chart);
    const message = (await this.rest.post(Routes.channelMessages(snowflake(channelId, "channel")), {
      body: { ...body, attachments: (files ?? []).map((f, id) => ({ id, filename: f.name })) },
      files: (files ?? []).map((f) => ({ name: f.name, data: Buffer.from(f.data), contentType: f.mime })),
    })) as APIMessage;
    return { channelId, messageId: message.id };
  }

  async remindCard(_group: GroupRef, ref: MessageRef, card: QuestionCard, reminder: Reminder): Promise<void> {
    const channel = snowflake(ref.channelId, "channel");
    await this.rest.patch(Routes.channelMessage(channel, snowflake(ref.messageId, "message")), { body: reminderCard(card, reminder) });
    const target = reminder.mention ? mentionTarget(reminder.mention) : null;
    const text = reminderMentionText(card.locale, reminder);
    if (!target || !text) return;
    await this.rest.post(Routes.channelMessages(channel), {
      body: { content: text, message_reference: { message_id: ref.messageId, channel_id: channel, fail_if_not_exists: false }, allowed_mentions: target },
    });
  }

  async threadPermissionsMissing(group: GroupRef, channelId: string, locale: Locale): Promise<string[]> {
    // not in the cache: Discord decides when the thread is started
    const missing = this.client ? await missingPermissions(this.client, group.externalId, channelId, THREAD_PERMISSIONS).catch(() => null) : null;
    return missing ? missing.map((p) => permissionNames(locale, p)) : [];
  }

  async startThread(_group: GroupRef, ref: MessageRef, card: QuestionCard): Promise<string> {
    const thread = (await this.rest.post(Routes.threads(snowflake(ref.channelId, "channel"), snowflake(ref.messageId, "message")), {
      body: { name: threadName(card), auto_archive_duration: 1440 },
    })) as APIChannel;
    return thread.id;
  }

  async postInThread(_group: GroupRef, _ref: MessageRef, threadId: string, card: RevealedCard): Promise<void> {
    await this.rest.post(Routes.channelMessages(snowflake(threadId, "thread")), { body: threadSummary(card) });
  }

  /** A direct message (review reminders): open the DM channel (no gateway intent needed), then post in it. */
  async sendDirect(_group: GroupRef, userId: string, text: string): Promise<void> {
    const dm = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: snowflake(userId, "user") } })) as APIChannel;
    await this.rest.post(Routes.channelMessages(dm.id), { body: { content: text, allowed_mentions: { parse: [] } } });
  }
}
