// The storage the learning loop depends on (src/core/review/): each member's FSRS card per question, the log of
// the answers that moved them, review reminders, and what the adaptive daily pick reads about a group. The core
// computes every new card (FSRS lives in src/core/review/fsrs.ts); the store only keeps them, and makes each answer
// count once with a unique key, whichever process gets there first.

/** A card's memory state, as ts-fsrs keeps it. */
export interface CardState {
  due: Date;
  /** days until predicted recall falls to 90 % */
  stability: number;
  difficulty: number;
  /** 0 new, 1 learning, 2 review, 3 relearning */
  state: number;
  reps: number;
  lapses: number;
  learningSteps: number;
  scheduledDays: number;
  lastReview: Date | null;
}

/** One member's card for one question. */
export interface ReviewCard extends CardState {
  memberId: number;
  questionId: string;
}

/** Where an answer came from: a daily round's card (taken in at its reveal) or a practice question. */
export type ReviewSource = "round" | "practice";

/** What an answer tells the scheduler. */
export interface ReviewEvent {
  correct: boolean;
  /** when the member answered */
  answeredAt: Date;
  /** when the question was shown to them (a practice question's opening; a round's posting) */
  shownAt: Date;
  /** a daily round's reveal (its answers count from then on); null for practice */
  revealedAt: Date | null;
}

/** The card after an answer, and the log entry that records the answer. */
export interface ReviewOutcome {
  card: CardState;
  log: { rating: number; state: number; elapsedDays: number; reviewedAt: Date };
}

/** The core's scheduler (FSRS), applied inside the store's transaction: the previous card (null: never answered). */
export type ReviewScheduler = (prev: CardState | null, event: ReviewEvent) => ReviewOutcome;

/** Answers of one member, by question: how often answered and how often right (daily and practice). */
export interface QuestionTally {
  questionId: string;
  answered: number;
  correct: number;
}

/** A member who asked for a daily reminder, with what sending it needs. */
export interface ReminderTarget {
  memberId: number;
  userId: string;
  memberLocale: string | null;
  /** "HH:MM" in the group's time zone */
  time: string;
  group: { id: number; platform: string; externalId: string; timezone: string; locale: string | null };
}

export interface ReviewStore {
  /** a member's card for a question; null when they never answered it */
  reviewCard(memberId: number, questionId: string): Promise<ReviewCard | null>;
  /** the member's cards due at or before `until`, most overdue first */
  dueCards(memberId: number, until: Date, limit: number): Promise<ReviewCard[]>;
  /** how many of the member's cards are due at or before `until` */
  countDue(memberId: number, until: Date): Promise<number>;
  /** every card of the member (readiness, predicted recall) */
  memberCards(memberId: number): Promise<ReviewCard[]>;
  /** every card of the group's members, by member (group readiness) */
  groupCards(groupId: number): Promise<ReviewCard[]>;
  /** how many answers moved the member's cards at or after `since` */
  reviewsSince(memberId: number, since: Date): Promise<number>;
  /** the member's answers per question, from the review log */
  questionTallies(memberId: number): Promise<QuestionTally[]>;
  /**
   * Takes a daily round's answers into their members' cards, in one transaction, each answer once (the log's unique
   * key): answers already taken in, by this or another process, are skipped. Returns how many were taken in now.
   */
  reviewRound(roundId: number, schedule: ReviewScheduler): Promise<number>;
  /** revealed rounds (revealed at or after `since`) with answers not yet taken into cards */
  roundsToReview(since: Date, platforms: string[]): Promise<number[]>;

  /** sets (HH:MM) or clears (null) the member's reminder */
  setReminder(memberId: number, time: string | null, at: Date): Promise<void>;
  reminderOf(memberId: number): Promise<string | null>;
  /** every reminder of members of groups on these platforms */
  reminders(platforms: string[]): Promise<ReminderTarget[]>;
  /** claims the member's reminder of that local day; false when it was already claimed (sent or tried) */
  claimReviewReminder(memberId: number, localDate: string, at: Date): Promise<boolean>;
}

/** What the adaptive daily pick reads about a group and a channel. */
export interface PickStore {
  /** every question ever asked in the group (any channel) */
  groupQuestionIds(groupId: number): Promise<Set<string>>;
  /** questions revealed in the channel at or after `since` */
  revealedSince(groupId: number, channelId: string, since: Date): Promise<Set<string>>;
  /** the group's answers to daily cards per topic, all time */
  groupTopicTallies(groupId: number): Promise<Array<{ topic: string; answered: number; correct: number }>>;
}
