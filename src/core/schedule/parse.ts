// Organiser input for schedules and settings, validated once here for every platform.
import { UserError } from "../errors.js";
import { addDays, isValidTimeZone, localDate, localParts, weekdayOf, zonedTime } from "../clock.js";
import type { PickMode } from "../store/rows.js";

export interface ScheduleInput {
  /** "HH:MM", 24-hour, local to `timezone` */
  time: string;
  /** 0 = Sunday … 6 = Saturday, or names ("mon", "fri", "월"); default Monday–Friday */
  weekdays?: Array<number | string>;
  /** IANA time zone; default the group's */
  timezone?: string;
  /** topic keys; empty or absent = every topic */
  topics?: string[];
  /** minutes from posting to reveal, 1–1440 (default 60) */
  revealAfterMinutes?: number;
  /** tell each member privately at once whether the answer was right (default off) */
  instantFeedback?: boolean;
  /** how the daily question is chosen (default adaptive) */
  pick?: PickMode;
}

export const DEFAULT_WEEKDAYS = [1, 2, 3, 4, 5];
export const DEFAULT_REVEAL_MINUTES = 60;
export const MAX_REVEAL_MINUTES = 1440;

const DAY_NAMES: Record<string, number> = {
  sun: 0, sunday: 0, "일": 0, "일요일": 0,
  mon: 1, monday: 1, "월": 1, "월요일": 1,
  tue: 2, tues: 2, tuesday: 2, "화": 2, "화요일": 2,
  wed: 3, wednesday: 3, "수": 3, "수요일": 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, "목": 4, "목요일": 4,
  fri: 5, friday: 5, "금": 5, "금요일": 5,
  sat: 6, saturday: 6, "토": 6, "토요일": 6,
};
const DAY_SETS: Record<string, number[]> = {
  daily: [0, 1, 2, 3, 4, 5, 6], everyday: [0, 1, 2, 3, 4, 5, 6], "*": [0, 1, 2, 3, 4, 5, 6], "매일": [0, 1, 2, 3, 4, 5, 6],
  weekdays: [1, 2, 3, 4, 5], "평일": [1, 2, 3, 4, 5],
  weekends: [0, 6], weekend: [0, 6], "주말": [0, 6],
};

/**
 * A time of day as people write it → "HH:MM" (24-hour). "09:00", "9:30", an hour alone ("9", "21"), "9am",
 * "9:30pm", "오전9시", "오후 3시 30분", "21시" are unambiguous; anything else (24:00, "9:5", "9.30") is refused
 * with the HH:MM form to use.
 */
export function parseTime(value: string): string {
  const v = value.trim().toLowerCase().replace(/\s+/g, "");
  let m: RegExpExecArray | null;
  let hour: number;
  let minute = 0;
  if ((m = /^(\d{1,2})(?::(\d{2}))?$/.exec(v))) {
    hour = Number(m[1]);
    minute = m[2] === undefined ? 0 : Number(m[2]);
  } else if ((m = /^(\d{1,2})(?::(\d{2}))?(am|pm|a\.m\.|p\.m\.)$/.exec(v)) || (m = /^(오전|오후)(\d{1,2})(?:시(?:(\d{1,2})분|반)?|:(\d{2}))$/.exec(v))) {
    const korean = m[1] === "오전" || m[1] === "오후";
    const h = Number(korean ? m[2] : m[1]);
    const mm = korean ? (m[3] ?? m[4] ?? (v.endsWith("반") ? "30" : "0")) : (m[2] ?? "0");
    const pm = korean ? m[1] === "오후" : m[3]!.startsWith("p");
    if (h < 1 || h > 12) throw new UserError("schedule.bad_time", { value });
    hour = (h % 12) + (pm ? 12 : 0);
    minute = Number(mm);
  } else if ((m = /^(\d{1,2})시(?:(\d{1,2})분|반)?$/.exec(v))) {
    hour = Number(m[1]);
    minute = m[2] !== undefined ? Number(m[2]) : v.endsWith("반") ? 30 : 0;
  } else {
    throw new UserError("schedule.bad_time", { value });
  }
  if (hour > 23 || minute > 59) throw new UserError("schedule.bad_time", { value });
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

export function parseTimeZone(value: string): string {
  const tz = value.trim();
  if (!isValidTimeZone(tz)) throw new UserError("schedule.bad_timezone", { value });
  // Intl accepts case variants ("asia/seoul"); store the canonical spelling.
  return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
}

function dayNumber(token: string, whole: string): number {
  const t = token.trim().toLowerCase();
  if (/^[0-6]$/.test(t)) return Number(t);
  if (t === "7") return 0;
  const n = DAY_NAMES[t];
  if (n === undefined) throw new UserError("schedule.bad_weekdays", { value: whole });
  return n;
}

/** "mon-fri", "mon,wed,fri", "daily", "weekends", "월-금", [1, 3, "fri"] → sorted distinct 0..6. */
export function parseWeekdays(spec: string | Array<number | string>): number[] {
  const whole = Array.isArray(spec) ? spec.join(",") : spec;
  const parts = Array.isArray(spec) ? spec.map(String) : spec.split(",");
  const days = new Set<number>();
  for (const raw of parts) {
    const part = raw.trim().toLowerCase();
    if (!part) continue;
    const set = DAY_SETS[part];
    if (set) {
      set.forEach((d) => days.add(d));
      continue;
    }
    const range = part.split("-");
    if (range.length === 2) {
      const from = dayNumber(range[0]!, whole);
      const to = dayNumber(range[1]!, whole);
      for (let d = from, i = 0; i < 7; d = (d + 1) % 7, i++) {
        days.add(d);
        if (d === to) break;
      }
    } else if (range.length === 1) {
      days.add(dayNumber(part, whole));
    } else {
      throw new UserError("schedule.bad_weekdays", { value: whole });
    }
  }
  if (days.size === 0) throw new UserError("schedule.bad_weekdays", { value: whole });
  return [...days].sort((a, b) => a - b);
}

export function parseRevealMinutes(value: string | number): number {
  const n = typeof value === "number" ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_REVEAL_MINUTES) throw new UserError("schedule.bad_reveal", { value: String(value), max: MAX_REVEAL_MINUTES });
  return n;
}

export function parseOnOff(value: string, key: string): boolean {
  const v = value.trim().toLowerCase();
  if (["on", "true", "yes", "1", "켜기", "켬"].includes(v)) return true;
  if (["off", "false", "no", "0", "끄기", "끔"].includes(v)) return false;
  throw new UserError("admin.bad_on_off", { key, value });
}

/** node-cron expression for a schedule: "MM HH * * d,d,d". */
export function cronExpression(time: string, weekdays: readonly number[]): string {
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return `${mm} ${hh} * * ${weekdays.join(",")}`;
}

/**
 * The next instant after `now` when the schedule fires, in its time zone (DST-correct: 09:00 local
 * stays 09:00 local across a change). Null when no weekday is set.
 */
export function nextRun(s: { time: string; weekdays: readonly number[]; timezone: string }, now: Date): Date | null {
  if (s.weekdays.length === 0) return null;
  const today = localDate(now, s.timezone);
  for (let i = 0; i < 8; i++) {
    const date = addDays(today, i);
    if (!s.weekdays.includes(weekdayOf(date))) continue;
    const at = zonedTime(date, s.time, s.timezone);
    if (at.getTime() > now.getTime()) return at;
  }
  return null;
}

/**
 * Today's slot for a schedule, if it is due: today (local) is one of its weekdays and its local time has
 * come. Returns the local date (the day key) and the instant it was due.
 */
export function dueToday(s: { time: string; weekdays: readonly number[]; timezone: string }, now: Date): { localDate: string; dueAt: Date } | null {
  const p = localParts(now, s.timezone);
  if (!s.weekdays.includes(p.weekday)) return null;
  const date = localDate(now, s.timezone);
  const dueAt = zonedTime(date, s.time, s.timezone);
  if (now.getTime() < dueAt.getTime()) return null;
  // A DST gap can move the instant onto the next day's local date; the slot still belongs to `date`.
  return { localDate: date, dueAt };
}
