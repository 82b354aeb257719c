// Replies worded once for every platform (platforms may add their own icon or markup around them).
import type { GroupSettings, ScheduleView } from "../app.js";
import type { AnswerOutcome, HistoryEntry, RevealedCard } from "../cards.js";
import { t, type Locale } from "./index.js";

/** `chosen` is what the member picked, as they would name it ("B"), for the invalid-choice reply. */
export function answerOutcomeText(locale: Locale, outcome: AnswerOutcome, chosen: string): string {
  switch (outcome.kind) {
    case "recorded":
      if (outcome.correct === true) return t(locale, "quiz.recorded_correct", { label: outcome.choiceLabel, points: outcome.points ?? 0 });
      if (outcome.correct === false) return t(locale, "quiz.recorded_wrong", { label: outcome.choiceLabel });
      return t(locale, "quiz.recorded", { label: outcome.choiceLabel });
    case "duplicate":
      return t(locale, "quiz.duplicate", { label: outcome.choiceLabel });
    case "closed":
      return t(locale, "quiz.closed");
    case "unknown_round":
      return t(locale, "quiz.unknown_round");
    case "invalid_choice":
      return t(locale, "quiz.bad_choice", { value: chosen, labels: outcome.validLabels.join(", ") });
  }
}

/** Position of a day (0 = Sunday … 6 = Saturday) in a week that starts on Monday. */
const mondayFirst = (d: number) => (d + 6) % 7;

/**
 * A schedule's weekdays as people say them, Monday first: every day, weekdays and weekends by name; three or
 * more days in a row as a range ("Mon–Thu"); other days listed ("Mon, Wed, Fri").
 */
export function weekdaysText(locale: Locale, days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => Number.isInteger(d) && d >= 0 && d <= 6).sort((a, b) => mondayFirst(a) - mondayFirst(b));
  const key = sorted.join(",");
  if (key === "1,2,3,4,5,6,0") return t(locale, "schedule.days.daily");
  if (key === "1,2,3,4,5") return t(locale, "schedule.days.weekdays");
  if (key === "6,0") return t(locale, "schedule.days.weekends");
  const names = t(locale, "schedule.days.names").split(",");
  const runs: number[][] = [];
  for (const d of sorted) {
    const run = runs.at(-1);
    if (run && mondayFirst(d) === mondayFirst(run.at(-1)!) + 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .flatMap((run) => (run.length >= 3 ? [t(locale, "schedule.days.range", { from: names[run[0]!]!, to: names[run.at(-1)!]! })] : run.map((d) => names[d]!)))
    .join(", ");
}

export interface ScheduleParamsOptions {
  /** the channel as the platform shows it (a mention, a name, an id) */
  channel: string;
  /** the next run as the platform shows it (a timestamp, a local time, "none") */
  next: string;
  /** a topic's name as the platform shows it (escaped for its markup); the plain name by default */
  topic?: (name: string) => string;
}

/** Parameters for `schedule.saved` and the status lines of a schedule (`admin.status_schedule`, …). */
export function scheduleParams(locale: Locale, view: ScheduleView, opts: ScheduleParamsOptions) {
  const topic = opts.topic ?? ((name: string) => name);
  return {
    channel: opts.channel,
    name: view.name,
    days: weekdaysText(locale, view.weekdays),
    time: view.time,
    timezone: view.timezone,
    topics: view.topics.length ? view.topics.map((x) => topic(x.name)).join(", ") : t(locale, "schedule.all_topics"),
    reveal: view.revealAfterMinutes,
    instant: view.instantFeedback ? t(locale, "schedule.instant_on") : "",
    pick: view.pick === "random" ? t(locale, "schedule.pick_random") : "",
    paused: view.paused ? t(locale, "admin.paused_marker") : "",
    next: opts.next,
  };
}

/** Parameters for the group settings lines (`admin.status_settings`, Slack's status and config replies). */
export function settingsParams(locale: Locale, settings: GroupSettings) {
  const sc = settings.scoring;
  return {
    locale: settings.locale ?? t(locale, "admin.language_auto"),
    timezone: settings.timezone,
    points: sc.pointsCorrect,
    fastCount: sc.fastBonusCount,
    fastBonus: sc.fastBonus,
    streakEvery: sc.streakEvery,
    streakBonus: sc.streakBonus,
  };
}

/** "Nobody answered" when nobody did, "nobody got it right" when some answered and none was right; else null. */
export function nobodyText(locale: Locale, card: Pick<RevealedCard, "answered" | "fastestCorrect">): string | null {
  if (card.answered === 0) return t(locale, "card.nobody_answered");
  if (card.fastestCorrect.length === 0) return t(locale, "card.nobody_correct");
  return null;
}

/** Seconds as the locale writes them: "3.2s", "3.2초". */
export function secondsText(locale: Locale, seconds: number): string {
  return t(locale, "card.seconds", { seconds });
}

/** The lines of one /history entry, before a platform's markup: what was asked, the answer, yours, the group's. */
export function historyParts(locale: Locale, e: HistoryEntry, name: (s: string) => string = (s) => s) {
  const pct = Math.round(e.accuracy * 100);
  return {
    title: t(locale, "history.entry", { round: e.roundId, topic: name(e.topic.name), prompt: name(e.prompt) }),
    answer: t(locale, "history.answer", { label: e.correct.label, text: name(e.correct.text) }),
    yours: e.yours ? t(locale, e.yours.correct ? "history.yours_right" : "history.yours_wrong", { label: e.yours.label }) : t(locale, "history.yours_none"),
    group: e.answered ? t(locale, "history.group", { accuracy: pct, correct: e.correctCount, answered: e.answered }) : t(locale, "history.group_none"),
  };
}
