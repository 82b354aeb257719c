// Time for the core. Nothing in the core reads Date.now() directly: it asks a Clock, so tests move time
// instead of sleeping, and every "today", "this week" and "due" is computed in a named IANA time zone.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to (tests, benchmarks, replays). */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: Date | string | number) {
    this.ms = new Date(start).getTime();
    if (Number.isNaN(this.ms)) throw new Error(`ManualClock: invalid start time ${String(start)}`);
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(to: Date | string | number): void {
    const ms = new Date(to).getTime();
    if (Number.isNaN(ms)) throw new Error(`ManualClock: invalid time ${String(to)}`);
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

export function isValidTimeZone(tz: string): boolean {
  if (!tz || !/^[A-Za-z0-9_+\-/]+$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in a time zone. weekday: 0 = Sunday … 6 = Saturday. */
export interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * The last minute worked out per time zone. Formatting a date costs far more than the rest of an answer's path,
 * and a burst of answers falls in a few minutes; time zone offsets are whole minutes, so within one UTC minute
 * only the second differs.
 */
const lastMinute = new Map<string, { start: number; parts: LocalParts }>();

export function localParts(instant: Date, tz: string): LocalParts {
  const ms = instant.getTime();
  const start = Math.floor(ms / 60_000) * 60_000;
  const cached = lastMinute.get(tz);
  if (cached && cached.start === start) return { ...cached.parts, second: Math.floor((ms - start) / 1000) };
  const out: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(instant)) out[p.type] = p.value;
  const parts = {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? "Sun"] ?? 0,
  };
  if (Number.isFinite(start)) lastMinute.set(tz, { start, parts });
  return parts;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "YYYY-MM-DD" of the instant in the time zone. */
export function localDate(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Offset (local − UTC) in ms of the time zone at an instant. */
function offsetAt(instant: Date, tz: string): number {
  const p = localParts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `tz` shows the given local date and time. In a DST gap (a local
 * time that does not exist, e.g. 02:30 on a spring-forward night) the time moves forward by the gap
 * (03:30); in an overlap (a local time that happens twice) the earlier instant is chosen.
 */
export function zonedTime(date: string, time: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm, 0);
  // Offsets in force before and after any transition near that wall time (real offsets are within ±14 h).
  const before = offsetAt(new Date(wall - 14 * 3600_000), tz);
  const after = offsetAt(new Date(wall + 14 * 3600_000), tz);
  const shows = (t: number) => {
    const p = localParts(new Date(t), tz);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, 0) === wall;
  };
  const valid = [wall - before, wall - after].filter(shows).sort((a, b) => a - b);
  return new Date(valid[0] ?? wall - before);
}

/** Adds days to a "YYYY-MM-DD" calendar date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Weekday (0 = Sunday) of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The Monday (local calendar date) that starts the week containing the instant, weeks starting Monday. */
export function weekKey(instant: Date, tz: string): string {
  const today = localDate(instant, tz);
  const wd = weekdayOf(today);
  return addDays(today, -((wd + 6) % 7));
}

/** Both period keys of an instant (one time-zone conversion): week = its Monday, month = "YYYY-MM". */
export function periodKeys(instant: Date, tz: string): { week: string; month: string } {
  const p = localParts(instant, tz);
  const today = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  return { week: addDays(today, -((p.weekday + 6) % 7)), month: today.slice(0, 7) };
}

/** "YYYY-MM" of the instant in the time zone. */
export function monthKey(instant: Date, tz: string): string {
  return localDate(instant, tz).slice(0, 7);
}

/** Start instants of the current week (Monday 00:00) and month (1st 00:00) in the time zone. */
export function periodStart(period: "week" | "month", instant: Date, tz: string): Date {
  const date = period === "week" ? weekKey(instant, tz) : `${monthKey(instant, tz)}-01`;
  return zonedTime(date, "00:00", tz);
}
