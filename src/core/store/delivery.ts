// Delivery as state: a card's post and its reveal stay pending until the platform confirms them; failures are
// retried from the sweep (transient) or end the step and pause the channel's schedules with their reason.
import type { MessageRef } from "../cards.js";
import type { DeliveryKind } from "../delivery.js";
import type { RoundRow, ScheduleRow } from "./rows.js";

export type PostState = "pending" | "posted" | "failed";
/** null until the round closes */
export type RevealState = "pending" | "done" | "failed";

export interface DeliveryState {
  post: PostState;
  reveal: RevealState | null;
  /** failed tries of the pending step */
  attempts: number;
  /** when the pending step may be tried (again); null when nothing is pending */
  nextAttemptAt: Date | null;
  lastError: DeliveryKind | null;
}

/** Why the bot paused a schedule: a failure kind other than transient or message_gone, when, and what the platform named. */
export interface PauseReason {
  kind: DeliveryKind;
  detail: string | null;
  at: Date;
}

export type DeliveryStep = "post" | "reveal";

export interface DeliveryStore {
  /** the card is in the channel: its message, and the post confirmed */
  markPosted(roundId: number, ref: MessageRef): Promise<void>;
  /** the reveal is shown (in a new message when the card's own was gone) */
  markRevealDelivered(roundId: number, ref?: MessageRef): Promise<void>;
  /** a transient failure of the pending step: counted, tried again at `next` */
  retryDelivery(roundId: number, attempts: number, next: Date, kind: DeliveryKind): Promise<void>;
  /**
   * gives the step up: a post ends "failed" and closes the round at `at` (nobody could answer a card that was never
   * shown); a reveal ends "failed"; `attempts`: the failed tries it took
   */
  failDelivery(roundId: number, step: DeliveryStep, kind: DeliveryKind, at: Date, attempts: number): Promise<void>;
  /** open or closed rounds whose pending post or reveal may be tried at `now`, of groups on these platforms */
  dueDeliveries(now: Date, platforms: string[]): Promise<RoundRow[]>;
  /** takes the next try of the round's pending step until `until`; false when another process took it */
  leaseDelivery(roundId: number, now: Date, until: Date): Promise<boolean>;
  /** pauses the group's active schedules in the channel (every channel when null) with the reason; how many */
  pauseSchedules(groupId: number, channelId: string | null, reason: PauseReason): Promise<number>;
  /** schedules the bot paused whose organisers were not told yet, marked told (once, across processes) */
  takePauseNotices(groupId: number): Promise<ScheduleRow[]>;
}
