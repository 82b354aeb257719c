// The scheduler's view of Discord: post a card to a channel, edit it in place at reveal, and the digest, reminder and
// thread around it. Plain REST calls (no channel cache needed, so a card can go to any channel the bot may write in,
// right after start-up); @discordjs/rest queues them per route and waits out 429s by itself.
import { PermissionFlagsBits, Routes, type APIChannel, type APIMessage, type PermissionsBitField, type REST } from "discord.js";
import type { FileAttachment, GroupRef, MessageRef, PlatformPort, QuestionCard, RevealedCard } from "../../core/cards.js";
import type { CardExtrasPort } from "../../core/digest/port.js";
import { reminderMentionText, threadName } from "../../core/digest/text.js";
import type { Digest, Reminder } from "../../core/digest/types.js";
import type { Locale } from "../../core/locale.js";
import { digestMessage, mentionTarget, reminderCard, threadSummary } from "./digest.js";
import { td, type DiscordKey } from "./messages.js";
import { questionCard, revealedCard } from "./render.js";

const SNOWFLAKE = /^\d{5,25}$/;

function snowflake(value: string, what: string): string {
  if (!SNOWFLAKE.test(value)) throw new Error(`discord: ${what} ${JSON.stringify(value)} is not a Discord id`);
  return value;
}

/** What a discussion thread on a card needs the bot to have in the channel, with how Discord names each. */
const THREAD_PERMISSIONS: Array<[bigint, DiscordKey]> = [
  [PermissionFlagsBits.CreatePublicThreads, "discord.permission.create_public_threads"],
  [PermissionFlagsBits.SendMessagesInThreads, "discord.permission.send_messages_in_threads"],
];

/** The bot's permissions in a channel as the gateway cache knows them; null when it does not know. */
export type PermissionsIn = (channelId: string) => Readonly<PermissionsBitField> | null;

export class DiscordPort implements PlatformPort, CardExtrasPort {
  constructor(
    private readonly rest: REST,
    private readonly permissionsIn: PermissionsIn = () => null,
  ) {}

  async postCard(_group: GroupRef, channelId: string, card: QuestionCard): Promise<MessageRef> {
    const message = (await this.rest.post(Routes.channelMessages(snowflake(channelId, "channel")), { body: questionCard(card) })) as APIMessage;
    return { channelId, messageId: message.id };
  }

  async editCard(_group: GroupRef, ref: MessageRef, card: RevealedCard): Promise<void> {
    await this.rest.patch(Routes.channelMessage(snowflake(ref.channelId, "channel"), snowflake(ref.messageId, "message")), { body: revealedCard(card) });
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

  async threadPermissionsMissing(_group: GroupRef, channelId: string, locale: Locale): Promise<string[]> {
    const has = this.permissionsIn(channelId);
    if (!has) return []; // not in the cache: Discord decides when the thread is started
    return THREAD_PERMISSIONS.filter(([bit]) => !has.has(bit)).map(([, key]) => td(locale, key));
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
