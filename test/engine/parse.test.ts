import { describe, expect, it } from "vitest";
import { cronExpression, dueToday, nextRun, parseWeekdays } from "../../src/core/schedule/parse.js";
import { localDate, periodStart, weekKey, zonedTime } from "../../src/core/clock.js";
import { pickForChannel, pickForPractice } from "../../src/core/questions/pick.js";
import { question } from "./support.js";

describe("schedule input", () => {
  it("reads weekdays as ranges, lists, names, Korean and numbers", () => {
    expect(parseWeekdays("mon-fri")).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays("fri-mon")).toEqual([0, 1, 5, 6]);
    expect(parseWeekdays("월-금")).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays("daily")).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseWeekdays(["mon", 3, "fri"])).toEqual([1, 3, 5]);
    expect(parseWeekdays("weekends")).toEqual([0, 6]);
  });

  it("turns a schedule into a cron expression and finds its next run across DST", () => {
    expect(cronExpression("09:05", [1, 2, 3, 4, 5])).toBe("5 9 * * 1,2,3,4,5");
    const ny = { time: "09:00", weekdays: [1, 2, 3, 4, 5], timezone: "America/New_York" };
    expect(nextRun(ny, new Date("2025-03-07T14:00:00Z"))!.toISOString()).toBe("2025-03-10T13:00:00.000Z");
    expect(nextRun(ny, new Date("2025-10-31T13:00:01Z"))!.toISOString()).toBe("2025-11-03T14:00:00.000Z");
    expect(dueToday(ny, new Date("2025-03-10T12:59:59Z"))).toBeNull();
    expect(dueToday(ny, new Date("2025-03-10T13:00:00Z"))).toEqual({ localDate: "2025-03-10", dueAt: new Date("2025-03-10T13:00:00Z") });
    expect(dueToday(ny, new Date("2025-03-09T15:00:00Z"))).toBeNull(); // Sunday
  });
});

describe("time zones", () => {
  it("maps local wall times to instants, through DST gaps and overlaps", () => {
    expect(zonedTime("2025-03-03", "09:00", "Asia/Seoul").toISOString()).toBe("2025-03-03T00:00:00.000Z");
    expect(zonedTime("2025-03-09", "02:30", "America/New_York").toISOString()).toBe("2025-03-09T07:30:00.000Z"); // gap → 03:30 EDT
    expect(zonedTime("2025-11-02", "01:30", "America/New_York").toISOString()).toBe("2025-11-02T05:30:00.000Z"); // overlap → the first
    expect(zonedTime("2025-03-30", "02:30", "Europe/Berlin").toISOString()).toBe("2025-03-30T01:30:00.000Z");
  });

  it("starts weeks on Monday and months on the 1st in the group's time zone", () => {
    const t = new Date("2025-03-09T15:30:00Z"); // Monday 00:30 in Seoul, Sunday 11:30 in New York
    expect(weekKey(t, "Asia/Seoul")).toBe("2025-03-10");
    expect(weekKey(t, "America/New_York")).toBe("2025-03-03");
    expect(periodStart("week", t, "Asia/Seoul").toISOString()).toBe("2025-03-09T15:00:00.000Z");
    expect(periodStart("month", new Date("2025-03-31T16:00:00Z"), "Asia/Seoul").toISOString()).toBe("2025-03-31T15:00:00.000Z"); // April 1st 00:00 KST
    expect(localDate(new Date("2025-03-31T16:00:00Z"), "Asia/Seoul")).toBe("2025-04-01");
  });
});

describe("question picking", () => {
  const qs = ["a", "b", "c"].map((id) => question(id, "lambda"));
  it("does not repeat a question in a channel until the pool is exhausted", () => {
    const use = new Map<string, number>();
    const seen: string[] = [];
    for (let i = 0; i < 9; i++) {
      const q = pickForChannel(qs, use, () => (i * 0.37) % 1)!;
      use.set(q.id, (use.get(q.id) ?? 0) + 1);
      seen.push(q.id);
    }
    for (let k = 0; k < 9; k += 3) expect(new Set(seen.slice(k, k + 3)).size).toBe(3);
    expect(pickForChannel([], use)).toBeNull();
  });

  it("practice serves a due review first, then an unseen question", () => {
    expect(pickForPractice(qs, [{ questionId: "c" }], new Set(["a", "b", "c"]))!.id).toBe("c");
    expect(pickForPractice(qs, [], new Set(["a", "b"]))!.id).toBe("c");
    expect(pickForPractice(qs, [{ questionId: "gone" }], new Set(["a", "c"]))!.id).toBe("b");
  });
});
