// What the weekly digest, the reveal reminder and the discussion thread need from a chat platform. Each platform's
// port implements all of it (its class says `implements CardExtrasPort`, so the compiler holds it to that); the core
// reaches these methods through PlatformPort, where they are optional for ports that only post and edit cards.
import type { FileAttachment, GroupRef, MessageRef, QuestionCard, RevealedCard } from "../cards.js";
import type { Locale } from "../locale.js";
import type { Digest, Reminder } from "./types.js";

export interface CardExtrasPort {
  /** posts the week's digest in the channel with its chart (Discord: an attachment shown in the embed) */
  postDigest(group: GroupRef, channelId: string, digest: Digest, chart: FileAttachment): Promise<MessageRef>;
  /** edits the open card to show the time left and how many answered; sends the mention, if any, as a reply */
  remindCard(group: GroupRef, ref: MessageRef, card: QuestionCard, reminder: Reminder): Promise<void>;
  /** starts the card's discussion thread; returns the thread's id */
  startThread(group: GroupRef, ref: MessageRef, card: QuestionCard): Promise<string>;
  /** posts the reveal's summary in the card's thread */
  postInThread(group: GroupRef, ref: MessageRef, threadId: string, card: RevealedCard): Promise<void>;
  /** the permissions the bot lacks to keep a discussion thread in the channel, named in the locale (none: []) */
  threadPermissionsMissing(group: GroupRef, channelId: string, locale: Locale): Promise<string[]>;
}
