// The learning loop's replies, worded once for every platform (each adds its own markup around them).
import type { Locale } from "../locale.js";
import { t } from "../messages/index.js";
import type { Readiness, ReminderView, ReviewPrompt, ReviewSummary } from "./types.js";

const pct = (x: number) => Math.round(x * 100);

/** "reviews: 3 due today · 5 done this week · predicted recall tomorrow 82%" */
export function reviewSummaryText(locale: Locale, s: ReviewSummary): string {
  return s.predictedRecall === null
    ? t(locale, "review.summary_new", { due: s.dueToday, done: s.doneThisWeek })
    : t(locale, "review.summary", { due: s.dueToday, done: s.doneThisWeek, recall: pct(s.predictedRecall) });
}

/** The line above a review question (why it is asked), or, with no question, what is next. */
export function reviewHeadText(locale: Locale, r: ReviewPrompt, when: (d: Date) => string): string {
  if (r.from === "due") return t(locale, "review.from_due", { due: r.dueToday });
  if (r.from === "new") return t(locale, "review.from_new");
  return r.nextDue ? t(locale, "review.next_due", { time: when(r.nextDue) }) : t(locale, "review.all_done");
}

/** "3 more due today — /review for the next", after an answer. */
export function dueTodayText(locale: Locale, dueToday: number): string {
  return dueToday > 0 ? t(locale, "review.due_today", { count: dueToday }) : t(locale, "review.due_none");
}

export function reminderText(locale: Locale, r: ReminderView): string {
  return r.time === null ? t(locale, "review.remind_off") : t(locale, "review.remind_set", { time: r.time, timezone: r.timezone, due: r.dueToday });
}

/** /stats view:readiness as lines: a title, then per exam its line, the group's, and one line per domain. */
export function readinessParts(locale: Locale, r: Readiness, escape: (s: string) => string = (s) => s) {
  return {
    title: t(locale, "readiness.title", { name: escape(r.displayName) }),
    none: r.exams.length === 0 ? t(locale, "readiness.none") : null,
    formula: t(locale, "readiness.formula"),
    exams: r.exams.map((e) => {
      const group = r.group.exams.find((g) => g.code === e.code);
      return {
        head: t(locale, "readiness.exam", { code: e.code, name: escape(e.name), readiness: pct(e.readiness), coverage: pct(e.coverage) }),
        group: group ? t(locale, "readiness.group", { members: r.group.members, readiness: pct(group.readiness), coverage: pct(group.coverage) }) : null,
        domains: e.domains.map((d) =>
          t(locale, "readiness.domain", { name: escape(d.name), weight: d.weight, readiness: pct(d.readiness), coverage: pct(d.coverage), topic: escape(d.next?.name ?? "—") }),
        ),
      };
    }),
  };
}
