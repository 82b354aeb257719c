// The weekly digest as plain data: the core computes it once, the chart draws it, each platform lays it out.
import type { CardChoice, SourceRef } from "../cards.js";
import type { Locale } from "../locale.js";

export interface DigestBoardRow {
  rank: number;
  userId: string;
  displayName: string;
  points: number;
  answered: number;
  correct: number;
  accuracy: number;
  /** places moved since last week's board (positive = up); null when not on last week's board */
  movement: number | null;
}

export interface DigestDay {
  /** the local date, "YYYY-MM-DD" */
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  rounds: number;
  answers: number;
}

export interface DigestTopic {
  key: string;
  name: string;
  answered: number;
  correct: number;
  accuracy: number;
}

export interface DigestMissed {
  questionId: string;
  prompt: string;
  topic: { key: string; name: string };
  correct: CardChoice;
  answered: number;
  missed: number;
  missRate: number;
  source: SourceRef | null;
}

export interface Digest {
  channelId: string;
  /** the Monday that starts the week, "YYYY-MM-DD" (the digest's key) */
  week: string;
  /** the week's first and last day, "YYYY-MM-DD" */
  firstDay: string;
  lastDay: string;
  timezone: string;
  locale: Locale;
  /** the channel's revealed questions this week and their answers */
  rounds: number;
  answers: number;
  /** the group's weekly top 10, with movement against last week */
  board: DigestBoardRow[];
  /** who ranks first (ties share it) */
  winners: Array<{ userId: string; displayName: string; points: number }>;
  /** Monday to Sunday */
  days: DigestDay[];
  /** every topic asked this week, weakest first */
  topics: DigestTopic[];
  /** the three most-missed questions, most missed first */
  missed: DigestMissed[];
  /** members whose streak reached a milestone (a multiple of the group's streak step) this week */
  milestones: Array<{ userId: string; displayName: string; streak: number }>;
}

/** What a reminder shows on the card. */
export interface Reminder {
  minutesLeft: number;
  answered: number;
  /** the mention to send as a reply, as the platform writes it; null for none */
  mention: string | null;
}

/** How many topics the digest calls weakest. */
export const WEAKEST_TOPICS = 3;
/** How many most-missed questions the digest lists. */
export const MISSED_QUESTIONS = 3;
/** How many rows the digest's board shows. */
export const BOARD_ROWS = 10;
