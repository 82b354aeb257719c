// Local wall-clock parts are kept per time zone for the current minute: the kept parts must always equal what the
// formatter says, second by second and across a daylight-saving change.
import { describe, expect, it } from "vitest";
import { localParts } from "../../src/core/clock.js";

function formatted(instant: Date, tz: string) {
  const f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", weekday: "short" });
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) out[p.type] = p.value;
  const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  return { year: Number(out.year), month: Number(out.month), day: Number(out.day), hour: Number(out.hour) % 24, minute: Number(out.minute), second: Number(out.second), weekday: weekdays.indexOf(out.weekday!) };
}

describe("local time parts", () => {
  it("equal the formatter's every second across a daylight-saving change and a midnight, in several zones", () => {
    // New York springs forward at 2026-03-08 07:00 UTC; Seoul crosses midnight at 15:00 UTC; Kathmandu is +05:45.
    const spans = [
      ["America/New_York", Date.UTC(2026, 2, 8, 6, 58, 0)],
      ["Asia/Seoul", Date.UTC(2026, 2, 8, 14, 58, 0)],
      ["Asia/Kathmandu", Date.UTC(2026, 2, 8, 18, 13, 0)],
    ] as const;
    for (const [tz, from] of spans) {
      for (let ms = from; ms < from + 4 * 60_000; ms += 1000) {
        // twice each: once computed, once from what was kept
        expect(localParts(new Date(ms), tz)).toEqual(formatted(new Date(ms), tz));
        expect(localParts(new Date(ms + 500), tz)).toEqual(formatted(new Date(ms + 500), tz));
      }
    }
  });
});
