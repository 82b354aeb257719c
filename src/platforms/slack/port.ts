// The Slack PlatformPort: what the scheduler and organiser commands use to post a card, edit it at reveal,
// and reply privately. One installed workspace per process (a single bot token).
import type { webApi } from "@slack/bolt";
import type { FileAttachment, GroupRef, MessageRef, PlatformPort, QuestionCard, RevealedCard } from "../../core/cards.js";
import type { CardExtrasPort } from "../../core/digest/port.js";
import { reminderMentionText } from "../../core/digest/text.js";
import type { Digest, Reminder } from "../../core/digest/types.js";
import type { Logger } from "../../logger.js";
import { questionCard, revealedCard } from "./blocks.js";
import { digestBlocks, reminderBlocks, threadReply } from "./digest.js";
import { channelErrorToUserError, slackErrorCode } from "./support.js";

export const SLACK_PLATFORM = "slack";

/** A stored mention as Slack writes it; null when it is not a Slack mention (a Discord role, say). */
function slackMention(mention: string): string | null {
  if (mention === "@here") return "<!here>";
  return /^<(?:!subteam\^[A-Z0-9]+|@[UW][A-Z0-9]+)>$/.test(mention) ? mention : null;
}

export class SlackPort implements PlatformPort, CardExtrasPort {
  constructor(
    private readonly client: webApi.WebClient,
    /** the workspace the bot token belongs to (from auth.test) */
    readonly teamId: string,
    private readonly logger: Logger,
  ) {}

  async postCard(group: GroupRef, channelId: string, card: QuestionCard): Promise<MessageRef> {
    this.checkGroup(group);
    const { text, blocks } = questionCard(card);
    try {
      const res = await this.client.chat.postMessage({ channel: channelId, text, blocks, unfurl_links: false, unfurl_media: false });
      if (!res.ts) throw new Error("chat.postMessage returned no ts");
      this.logger.info({ team: group.externalId, channel: channelId, roundId: card.roundId, ts: res.ts }, "slack: card posted");
      return { channelId: res.channel ?? channelId, messageId: res.ts };
    } catch (err) {
      throw channelErrorToUserError(err);
    }
  }

  async editCard(group: GroupRef, ref: MessageRef, card: RevealedCard): Promise<void> {
    this.checkGroup(group);
    const { text, blocks } = revealedCard(card);
    await this.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks });
    this.logger.info({ team: group.externalId, channel: ref.channelId, roundId: card.roundId, ts: ref.messageId }, "slack: card revealed");
  }

  async sendPrivate(group: GroupRef, channelId: string, userId: string, text: string): Promise<void> {
    this.checkGroup(group);
    await this.client.chat.postEphemeral({ channel: channelId, user: userId, text });
  }

  /**
   * Posts the digest and uploads its chart into the channel. An upload needs the bot in the channel: it joins a public
   * one first (channels:join); a private one it is not in refuses, and the refusal says to invite it.
   */
  async postDigest(group: GroupRef, channelId: string, digest: Digest, chart: FileAttachment): Promise<MessageRef> {
    this.checkGroup(group);
    try {
      await this.client.conversations.join({ channel: channelId });
    } catch (err) {
      // a private channel cannot be joined: the post below tells whether the bot is in it
      this.logger.info({ channel: channelId, slackError: slackErrorCode(err) }, "slack: could not join the channel for the digest");
    }
    const { text, blocks } = digestBlocks(digest);
    try {
      const res = await this.client.chat.postMessage({ channel: channelId, text, blocks, unfurl_links: false, unfurl_media: false });
      if (!res.ts) throw new Error("chat.postMessage returned no ts");
      await this.client.filesUploadV2({ channel_id: res.channel ?? channelId, file: Buffer.from(chart.data), filename: chart.name, title: blocks[0]?.type === "header" ? blocks[0].text.text : chart.name });
      this.logger.info({ team: group.externalId, channel: channelId, week: digest.week, ts: res.ts }, "slack: digest posted");
      return { channelId: res.channel ?? channelId, messageId: res.ts };
    } catch (err) {
      throw channelErrorToUserError(err);
    }
  }

  async remindCard(group: GroupRef, ref: MessageRef, card: QuestionCard, reminder: Reminder): Promise<void> {
    this.checkGroup(group);
    const { text, blocks } = reminderBlocks(card, reminder);
    await this.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks });
    const mention = reminder.mention ? slackMention(reminder.mention) : null;
    const reply = mention ? reminderMentionText(card.locale, reminder, () => mention) : null;
    if (reply) await this.client.chat.postMessage({ channel: ref.channelId, thread_ts: ref.messageId, text: reply });
  }

  /** Slack's thread on a card is the card's own: replies go to its ts. */
  async startThread(group: GroupRef, ref: MessageRef): Promise<string> {
    this.checkGroup(group);
    return ref.messageId;
  }

  async postInThread(group: GroupRef, ref: MessageRef, threadId: string, card: RevealedCard): Promise<void> {
    this.checkGroup(group);
    await this.client.chat.postMessage({ channel: ref.channelId, thread_ts: threadId, text: threadReply(card) });
  }

  /** Replies in a card's thread need nothing beyond chat:write. */
  async threadPermissionsMissing(): Promise<string[]> {
    return [];
  }

  /** A direct message from the app (im:write; the Messages tab shows it): open the conversation, then post. */
  async sendDirect(group: GroupRef, userId: string, text: string): Promise<void> {
    this.checkGroup(group);
    const dm = await this.client.conversations.open({ users: userId });
    if (!dm.channel?.id) throw new Error("conversations.open returned no channel");
    await this.client.chat.postMessage({ channel: dm.channel.id, text, unfurl_links: false, unfurl_media: false });
  }

  private checkGroup(group: GroupRef): void {
    if (group.platform !== SLACK_PLATFORM || group.externalId !== this.teamId) {
      // A schedule left from another workspace (the bot token was replaced): say so instead of posting blindly.
      throw new Error(`this Slack bot token belongs to workspace ${this.teamId}, not to ${group.platform}:${group.externalId}`);
    }
  }
}
