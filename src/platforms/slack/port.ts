// The Slack PlatformPort: what the scheduler and organiser commands use to post a card, edit it at reveal,
// and reply privately. One installed workspace per process (a single bot token).
import type { webApi } from "@slack/bolt";
import type { GroupRef, MessageRef, PlatformPort, QuestionCard, RevealedCard } from "../../core/cards.js";
import type { Logger } from "../../logger.js";
import { questionCard, revealedCard } from "./blocks.js";
import { channelErrorToUserError } from "./support.js";

export const SLACK_PLATFORM = "slack";

export class SlackPort implements PlatformPort {
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
