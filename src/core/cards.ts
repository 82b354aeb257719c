// Plain data the core hands to platforms. Platforms render these; they never compute them.
import type { CardExtrasPort } from "./digest/port.js";
import type { Locale } from "./locale.js";
import type { ReviewSummary } from "./review/types.js";

/** A group is one Discord server, one Slack workspace, or the local console. */
export interface GroupRef {
  platform: string; // "discord" | "slack" | "console" (a key into the port registry, never branched on in core)
  externalId: string; // guild id, team id, "local"
}

export interface Actor {
  group: GroupRef;
  userId: string; // platform user id
  displayName: string; // stored with the member so names never need a privileged fetch
  locale?: string; // the user's client locale if the platform gives one ("ko", "en-US")
}

export interface CardChoice {
  label: string; // "A", "B", …
  text: string;
}

export interface QuestionCard {
  roundId: number;
  questionId: string;
  prompt: string;
  choices: CardChoice[];
  topic: { key: string; name: string };
  difficulty: 1 | 2 | 3;
  revealAt: Date;
  locale: Locale;
}

export interface SourceRef {
  file: string;
  line: number;
  heading: string;
  path: string[];
}

export interface RevealedCard extends QuestionCard {
  correctIndex: number;
  counts: number[]; // per choice, same order as choices
  answered: number;
  explanation: string;
  source: SourceRef | null;
  fastestCorrect: Array<{ displayName: string; userId: string; seconds: number }>;
}

export type AnswerOutcome =
  | { kind: "recorded"; choiceLabel: string; correct?: boolean; points?: number } // correct/points only with instant feedback
  | { kind: "duplicate"; choiceLabel: string } // same member answered before: first answer stands
  | { kind: "closed" } // after reveal
  | { kind: "unknown_round" }
  | { kind: "invalid_choice"; validLabels: string[] };

export type Period = "week" | "month" | "all";

export interface LeaderboardRow {
  rank: number; // ties share a rank
  userId: string;
  displayName: string;
  points: number;
  answered: number;
  correct: number;
  accuracy: number; // 0..1
  streak: number;
}

export interface Leaderboard {
  period: Period | "season";
  /** the season shown (period "season"): its name, and its end once closed */
  season?: { name: string; from: Date; to: Date | null } | null;
  topic: { key: string; name: string } | null;
  from: Date | null;
  to: Date;
  rows: LeaderboardRow[]; // top 10
  caller: LeaderboardRow | null; // the caller's own row when outside the top 10
  locale: Locale;
}

export interface MemberStats {
  userId: string;
  displayName: string;
  answered: number;
  correct: number;
  accuracy: number;
  points: number;
  currentStreak: number;
  bestStreak: number;
  rank: number | null;
  byTopic: Array<{ key: string; name: string; answered: number; correct: number; accuracy: number }>;
  /** the current streak in each of the group's schedules, when it has more than one */
  bySchedule?: Array<{ channelId: string; name: string; current: number }>;
  /** reviews due today, done this week, predicted recall (src/core/review/) */
  review: ReviewSummary;
  locale: Locale;
}

/** One revealed question of a channel, for /history. */
export interface HistoryEntry {
  roundId: number;
  questionId: string;
  prompt: string;
  topic: { key: string; name: string };
  revealedAt: Date;
  correct: CardChoice;
  /** the caller's own answer; null when they did not answer */
  yours: (CardChoice & { correct: boolean }) | null;
  answered: number;
  correctCount: number;
  /** share of the answers that were right (0 when nobody answered) */
  accuracy: number;
  source: SourceRef | null;
}

export interface History {
  channelId: string;
  entries: HistoryEntry[];
  locale: Locale;
}

/** A file a command hands back (drafted questions, an export, a chart). */
export interface FileAttachment {
  /** a file name without folders, e.g. "drafts-os.yaml" */
  name: string;
  mime: string;
  data: Uint8Array;
}

/** Where a card lives on its platform; opaque to the core. */
export interface MessageRef {
  channelId: string;
  messageId: string;
}

/** How a card is posted: the round it belongs to (the platform's idempotency key) and whether it is a retry. */
export interface PostOptions {
  roundId: number;
  /** an earlier try may have reached the channel after all: find that message before posting again */
  retry: boolean;
}

/**
 * What the scheduler and commands need from a chat platform. One implementation per platform. A post or an edit
 * that fails throws a DeliveryError (./delivery.ts) saying what kind of failure it was; anything else is taken
 * as transient.
 */
export interface PlatformPort extends Partial<CardExtrasPort> {
  postCard(group: GroupRef, channelId: string, card: QuestionCard, opts?: PostOptions): Promise<MessageRef>;
  editCard(group: GroupRef, ref: MessageRef, card: RevealedCard): Promise<void>;
  /** posts the revealed card as a new message, when the card's own message was deleted */
  postRevealed(group: GroupRef, channelId: string, card: RevealedCard): Promise<MessageRef>;
  /**
   * Checks, before a schedule is saved or a card posted now, that the bot can post cards in the channel; throws a
   * UserError that says what to fix (the permissions missing, the bot to invite).
   */
  preflight?(group: GroupRef, channelId: string): Promise<void>;
  sendPrivate?(group: GroupRef, channelId: string, userId: string, text: string): Promise<void>;
  /** a direct message to one member (review reminders): Discord opens a DM channel, Slack a DM with the app */
  sendDirect?(group: GroupRef, userId: string, text: string): Promise<void>;
}
