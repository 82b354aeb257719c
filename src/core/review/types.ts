// What the learning loop hands to platforms: plain data, rendered by each platform.
import type { QuestionCard, SourceRef } from "../cards.js";
import type { Locale } from "../locale.js";

/** A member's review counts, for /stats and the Slack App Home. */
export interface ReviewSummary {
  /** cards due by the end of today (in the group's time zone), those due now included */
  dueToday: number;
  /** answers that moved the member's cards since Monday 00:00 (daily cards and practice) */
  doneThisWeek: number;
  /** mean predicted recall a day from now (0..1) over the questions the member has answered; null before the first */
  predictedRecall: number | null;
}

/** What /review hands the member: the next question (a due card first, else a new one), or nothing to do. */
export interface ReviewPrompt {
  /** the practice card to answer (answered like a /quiz question); null when nothing is due and nothing is new */
  card: QuestionCard | null;
  /** "due": one of the member's due cards; "new": a question they never answered, from their weakest topic */
  from: "due" | "new" | null;
  /** cards due today, this one included */
  dueToday: number;
  summary: ReviewSummary;
  /** the member's reminder time ("HH:MM" in the group's time zone), null when off */
  reminder: string | null;
  /** when the next card falls due, when none is due today */
  nextDue: Date | null;
  timezone: string;
  locale: Locale;
}

/** The member's reminder after `/review remind:…`. */
export interface ReminderView {
  /** "HH:MM" in the group's time zone; null when turned off */
  time: string | null;
  timezone: string;
  /** cards due by the end of today */
  dueToday: number;
  locale: Locale;
}

/** What follows a practice answer: the note section it comes from and how many cards are still due today. */
export interface AfterAnswer {
  /** cards due by the end of today (in the group's time zone), after this answer */
  dueToday: number;
  /** the note section's text, trimmed at a line */
  section: { source: SourceRef; text: string; trimmed: boolean } | null;
}

/** One exam domain's readiness (the formula is in the README, "Exam readiness"). */
export interface DomainReadiness {
  key: string;
  name: string;
  /** share of the exam, in percent */
  weight: number;
  /** questions of the bank in this domain */
  questions: number;
  /** mean predicted recall over the domain's questions, a question never answered counting 0 (0..1) */
  readiness: number;
  /** share of the domain's questions answered at least once (0..1) */
  coverage: number;
  /** the domain's topic with the lowest mean recall (most questions on a tie) */
  next: { key: string; name: string } | null;
}

export interface ExamReadiness {
  code: string;
  name: string;
  /** the domains' readiness weighted by their weights (0..1) */
  readiness: number;
  /** the domains' coverage weighted by their weights (0..1) */
  coverage: number;
  domains: DomainReadiness[];
}

/** `/stats view:readiness`: a member's readiness per exam and domain, beside the group's. */
export interface Readiness {
  userId: string;
  displayName: string;
  exams: ExamReadiness[];
  /** the group's readiness per exam: the mean over members who have answered anything */
  group: { members: number; exams: Array<{ code: string; readiness: number; coverage: number }> };
  locale: Locale;
}
