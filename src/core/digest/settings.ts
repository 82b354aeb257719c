// The schedule's digest, reminder and thread settings as organisers type them (`digest=sun-20:00|off`,
// `reminder=15|off`, `reminder-mention=@role|off`, `thread=on|off`), validated once for every platform.
import { UserError } from "../errors.js";
import { MAX_REVEAL_MINUTES, parseTime, parseWeekdays } from "../schedule/parse.js";
import { DEFAULT_SCHEDULE_EXTRAS, type ScheduleExtras } from "../store/digest.js";

/** What an organiser may give with `/studybot schedule`; what is left out keeps the schedule's current value. */
export interface ScheduleExtrasInput {
  digest?: string;
  reminder?: string | number;
  reminderMention?: string;
  thread?: boolean;
}

const OFF = new Set(["off", "none", "no", "false", "0", "끄기", "끔", "없음"]);
const isOff = (v: string) => OFF.has(v.trim().toLowerCase());

/** "sun 20:00", "sun-20:00", "일요일 오후 8시", "off" → the digest's weekday and time, or null for none. */
export function parseDigest(value: string): ScheduleExtras["digest"] {
  const v = value.trim();
  if (isOff(v)) return null;
  const m = /^([\p{L}]+)[\s@,_-]*(.+)$/u.exec(v);
  if (!m) throw new UserError("digest.bad_setting", { value: v.slice(0, 40) });
  let days: number[];
  let time: string;
  try {
    days = parseWeekdays(m[1]!);
    time = parseTime(m[2]!);
  } catch (err) {
    if (err instanceof UserError) throw new UserError("digest.bad_setting", { value: v.slice(0, 40) });
    throw err;
  }
  if (days.length !== 1) throw new UserError("digest.bad_setting", { value: v.slice(0, 40) });
  return { weekday: days[0]!, time };
}

/** "15", 15, "off" → minutes before the reveal, or null for no reminder. */
export function parseReminder(value: string | number): number | null {
  if (typeof value === "string" && isOff(value)) return null;
  const n = typeof value === "number" ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n >= MAX_REVEAL_MINUTES) throw new UserError("reminder.bad", { value: String(value).slice(0, 40), max: MAX_REVEAL_MINUTES - 1 });
  return n;
}

/**
 * A mention as the platforms write it → the form stored, or null for none: a Discord role or user (`<@&123>`,
 * `<@123>`), a Slack user group or user (`<!subteam^S123|@devs>` is kept as `<!subteam^S123>`), or here.
 */
export function parseMention(value: string): string | null {
  const v = value.trim();
  if (isOff(v)) return null;
  let m: RegExpExecArray | null;
  if ((m = /^<@(&?)!?(\d{5,25})>$/.exec(v))) return `<@${m[1]}${m[2]}>`;
  if ((m = /^<!subteam\^([A-Z0-9]{2,30})(?:\|[^>]*)?>$/.exec(v))) return `<!subteam^${m[1]}>`;
  if ((m = /^<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>$/.exec(v))) return `<@${m[1]}>`;
  if (/^(?:<!here(?:\|[^>]*)?>|@here)$/.test(v)) return "@here";
  throw new UserError("reminder.bad_mention", { value: v.slice(0, 60) });
}

/**
 * The settings a schedule gets: what was given, else what it had, else the defaults. A reminder must come after
 * the card is posted, so it is shorter than the reveal delay.
 */
export function scheduleExtras(input: ScheduleExtrasInput, current: ScheduleExtras | null, revealAfterMinutes: number): ScheduleExtras {
  const base = current ?? DEFAULT_SCHEDULE_EXTRAS;
  const extras: ScheduleExtras = {
    digest: input.digest !== undefined ? parseDigest(input.digest) : base.digest,
    reminderMinutes: input.reminder !== undefined ? parseReminder(input.reminder) : base.reminderMinutes,
    reminderMention: input.reminderMention !== undefined ? parseMention(input.reminderMention) : base.reminderMention,
    thread: input.thread ?? base.thread,
  };
  if (extras.reminderMinutes !== null && extras.reminderMinutes >= revealAfterMinutes) {
    // an old reminder that no longer fits a shorter reveal is dropped; one given now is refused
    if (input.reminder !== undefined) throw new UserError("reminder.too_late", { reminder: extras.reminderMinutes, reveal: revealAfterMinutes });
    extras.reminderMinutes = null;
  }
  return extras;
}
