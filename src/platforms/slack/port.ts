// The Slack PlatformPort: what the scheduler and organiser commands use to post a card, edit it at reveal, check a
// channel first and reply privately, in each workspace with its own bot token (SlackClients: the one token of
// SLACK_BOT_TOKEN, or each OAuth installation's).
//
// Slack has no nonce: each card carries its round in message metadata, and a post tried again (after a timeout
// whose first try may have reached the channel) first looks for that round's card in the channel's recent history.
// Failures reach the core as DeliveryErrors (./delivery.ts).
import type { webApi } from "@slack/bolt";
import type { FileAttachment, GroupRef, MessageRef, PlatformPort, PostOptions, QuestionCard, RevealedCard } from "../../core/cards.js";
import type { CardExtrasPort } from "../../core/digest/port.js";
import { reminderMentionText } from "../../core/digest/text.js";
import type { Digest, Reminder } from "../../core/digest/types.js";
import { UserError } from "../../core/errors.js";
import type { Logger } from "../../logger.js";
import { questionCard, revealedCard } from "./blocks.js";
import { classifySlackError } from "./delivery.js";
import { digestBlocks, reminderBlocks, threadReply } from "./digest.js";
import type { SlackKey } from "./messages.js";
import { channelErrorToUserError, slackErrorCode } from "./support.js";

export const SLACK_PLATFORM = "slack";

/** The metadata event type of a card (its payload names the round). */
export const CARD_EVENT = "studybot_card";
/** How far back a retried post looks for its card. */
const HISTORY_LIMIT = 50;

/** The Web API client of a workspace, with its bot token; each makes a call once (the core retries posts itself). */
export interface SlackClients {
  /** rejects with a DeliveryError ("uninstalled") when the app is not installed in the workspace */
  forTeam(teamId: string): Promise<webApi.WebClient>;
}

/** One workspace, one bot token (SLACK_BOT_TOKEN): a group of any other workspace is a left-over. */
export function singleWorkspace(client: webApi.WebClient, teamId: string): SlackClients {
  return {
    forTeam: async (team) => {
      // A schedule left from another workspace (the bot token was replaced): say so instead of posting blindly.
      if (team !== teamId) throw new Error(`this Slack bot token belongs to workspace ${teamId}, not to ${SLACK_PLATFORM}:${team}`);
      return client;
    },
  };
}

/** A stored mention as Slack writes it; null when it is not a Slack mention (a Discord role, say). */
function slackMention(mention: string): string | null {
  if (mention === "@here") return "<!here>";
  return /^<(?:!subteam\^[A-Z0-9]+|@[UW][A-Z0-9]+)>$/.test(mention) ? mention : null;
}

export class SlackPort implements PlatformPort, CardExtrasPort {
  constructor(
    private readonly clients: SlackClients,
    private readonly logger: Logger,
  ) {}

  async postCard(group: GroupRef, channelId: string, card: QuestionCard, opts?: PostOptions): Promise<MessageRef> {
    const client = await this.client(group);
    const { text, blocks } = questionCard(card);
    try {
      if (opts?.retry) {
        const earlier = await this.findCard(client, channelId, opts.roundId);
        if (earlier) {
          this.logger.info({ team: group.externalId, channel: channelId, roundId: card.roundId, ts: earlier.messageId }, "slack: an earlier try had posted the card");
          return earlier;
        }
      }
      const metadata = opts ? { metadata: { event_type: CARD_EVENT, event_payload: { round_id: opts.roundId } } } : {};
      const res = await client.chat.postMessage({ channel: channelId, text, blocks, unfurl_links: false, unfurl_media: false, ...metadata });
      if (!res.ts) throw new Error("chat.postMessage returned no ts");
      this.logger.info({ team: group.externalId, channel: channelId, roundId: card.roundId, ts: res.ts }, "slack: card posted");
      return { channelId: res.channel ?? channelId, messageId: res.ts };
    } catch (err) {
      throw classifySlackError(err);
    }
  }

  async editCard(group: GroupRef, ref: MessageRef, card: RevealedCard): Promise<void> {
    const client = await this.client(group);
    const { text, blocks } = revealedCard(card);
    try {
      await client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks });
    } catch (err) {
      throw classifySlackError(err);
    }
    this.logger.info({ team: group.externalId, channel: ref.channelId, roundId: card.roundId, ts: ref.messageId }, "slack: card revealed");
  }

  async postRevealed(group: GroupRef, channelId: string, card: RevealedCard): Promise<MessageRef> {
    const client = await this.client(group);
    const { text, blocks } = revealedCard(card);
    try {
      const res = await client.chat.postMessage({ channel: channelId, text, blocks, unfurl_links: false, unfurl_media: false });
      if (!res.ts) throw new Error("chat.postMessage returned no ts");
      return { channelId: res.channel ?? channelId, messageId: res.ts };
    } catch (err) {
      throw classifySlackError(err);
    }
  }

  /**
   * Whether the bot can post in the channel: an archived channel, or a private one it is not in (Slack answers
   * channel_not_found for those), is refused with what to do. A public channel it has not joined is fine
   * (chat:write.public). When Slack cannot be asked, the post itself will tell.
   */
  async preflight(group: GroupRef, channelId: string): Promise<void> {
    const client = await this.client(group);
    let channel: { is_archived?: boolean; is_private?: boolean; is_member?: boolean } | undefined;
    try {
      channel = (await client.conversations.info({ channel: channelId })).channel;
    } catch (err) {
      const code = slackErrorCode(err);
      if (code === "channel_not_found") throw new UserError<SlackKey>("slack.error.not_in_channel");
      this.logger.warn({ err, channel: channelId, slackError: code }, "slack: could not check the channel before posting");
      return;
    }
    if (channel?.is_archived) throw new UserError<SlackKey>("slack.error.channel_archived");
    if (channel?.is_private && !channel.is_member) throw new UserError<SlackKey>("slack.error.not_in_channel");
  }

  async sendPrivate(group: GroupRef, channelId: string, userId: string, text: string): Promise<void> {
    const client = await this.client(group);
    await client.chat.postEphemeral({ channel: channelId, user: userId, text });
  }

  /**
   * Posts the digest and uploads its chart into the channel. An upload needs the bot in the channel: it joins a public
   * one first (channels:join); a private one it is not in refuses, and the refusal says to invite it.
   */
  async postDigest(group: GroupRef, channelId: string, digest: Digest, chart: FileAttachment): Promise<MessageRef> {
    const client = await this.client(group);
    try {
      await client.conversations.join({ channel: channelId });
    } catch (err) {
      // a private channel cannot be joined: the post below tells whether the bot is in it
      this.logger.info({ channel: channelId, slackError: slackErrorCode(err) }, "slack: could not join the channel for the digest");
    }
    const { text, blocks } = digestBlocks(digest);
    try {
      const res = await client.chat.postMessage({ channel: channelId, text, blocks, unfurl_links: false, unfurl_media: false });
      if (!res.ts) throw new Error("chat.postMessage returned no ts");
      await client.filesUploadV2({ channel_id: res.channel ?? channelId, file: Buffer.from(chart.data), filename: chart.name, title: blocks[0]?.type === "header" ? blocks[0].text.text : chart.name });
      this.logger.info({ team: group.externalId, channel: channelId, week: digest.week, ts: res.ts }, "slack: digest posted");
      return { channelId: res.channel ?? channelId, messageId: res.ts };
    } catch (err) {
      throw channelErrorToUserError(err);
    }
  }

  async remindCard(group: GroupRef, ref: MessageRef, card: QuestionCard, reminder: Reminder): Promise<void> {
    const client = await this.client(group);
    const { text, blocks } = reminderBlocks(card, reminder);
    await client.chat.update({ channel: ref.channelId, ts: ref.messageId, text, blocks });
    const mention = reminder.mention ? slackMention(reminder.mention) : null;
    const reply = mention ? reminderMentionText(card.locale, reminder, () => mention) : null;
    if (reply) await client.chat.postMessage({ channel: ref.channelId, thread_ts: ref.messageId, text: reply });
  }

  /** Slack's thread on a card is the card's own: replies go to its ts. */
  async startThread(group: GroupRef, ref: MessageRef): Promise<string> {
    // the workspace's client, unused: a thread is started only where the app is still installed
    await this.client(group);
    return ref.messageId;
  }

  async postInThread(group: GroupRef, ref: MessageRef, threadId: string, card: RevealedCard): Promise<void> {
    const client = await this.client(group);
    await client.chat.postMessage({ channel: ref.channelId, thread_ts: threadId, text: threadReply(card) });
  }

  /** Replies in a card's thread need nothing beyond chat:write. */
  async threadPermissionsMissing(): Promise<string[]> {
    return [];
  }

  /** A direct message from the app (im:write; the Messages tab shows it): open the conversation, then post. */
  async sendDirect(group: GroupRef, userId: string, text: string): Promise<void> {
    const client = await this.client(group);
    const dm = await client.conversations.open({ users: userId });
    if (!dm.channel?.id) throw new Error("conversations.open returned no channel");
    await client.chat.postMessage({ channel: dm.channel.id, text, unfurl_links: false, unfurl_media: false });
  }

  /** The round's card among the channel's recent messages (by its metadata); null when none is there. */
  private async findCard(client: webApi.WebClient, channelId: string, roundId: number): Promise<MessageRef | null> {
    try {
      const res = await client.conversations.history({ channel: channelId, limit: HISTORY_LIMIT, include_all_metadata: true });
      const found = res.messages?.find((m) => m.metadata?.event_type === CARD_EVENT && Number((m.metadata.event_payload as { round_id?: unknown } | undefined)?.round_id) === roundId);
      return found?.ts ? { channelId, messageId: found.ts } : null;
    } catch (err) {
      // Without the history the earlier try cannot be ruled out; posting again is the lesser harm.
      this.logger.warn({ err, channel: channelId, roundId, slackError: slackErrorCode(err) }, "slack: could not read the channel's history before posting a card again");
      return null;
    }
  }

  private async client(group: GroupRef): Promise<webApi.WebClient> {
    if (group.platform !== SLACK_PLATFORM) throw new Error(`the Slack port was given a group of ${group.platform}`);
    return this.clients.forTeam(group.externalId);
  }
}
