// The wording shared by console, Discord and Slack: weekdays, a schedule's parameters, the group settings.
import { describe, expect, it } from "vitest";
import type { GroupSettings, ScheduleView } from "../../src/core/app.js";
import { scheduleParams, settingsParams, weekdaysText } from "../../src/core/messages/format.js";
import { t } from "../../src/core/messages/index.js";

const view = (over: Partial<ScheduleView> = {}): ScheduleView => ({
  channelId: "C1",
  name: "daily",
  time: "09:00",
  weekdays: [1, 2, 3, 4, 5],
  timezone: "Asia/Seoul",
  topics: [],
  revealAfterMinutes: 60,
  instantFeedback: false,
  pick: "adaptive",
  paused: false,
  pause: null,
  nextRun: null,
  lastRunDate: null,
  ...over,
});

describe("weekdaysText", () => {
  it("names every day, weekdays and weekends, whatever the order or repetition", () => {
    expect(weekdaysText("ko", [0, 1, 2, 3, 4, 5, 6])).toBe("매일");
    expect(weekdaysText("en", [6, 5, 4, 3, 2, 1, 0, 1])).toBe("every day");
    expect(weekdaysText("ko", [1, 2, 3, 4, 5])).toBe("평일");
    expect(weekdaysText("en", [5, 4, 3, 2, 1])).toBe("weekdays");
    expect(weekdaysText("ko", [0, 6])).toBe("주말");
    expect(weekdaysText("en", [6, 0])).toBe("weekends");
  });

  it("lists other days Monday first, three or more in a row as a range", () => {
    expect(weekdaysText("en", [1, 3, 5])).toBe("Mon, Wed, Fri");
    expect(weekdaysText("ko", [1, 3, 5])).toBe("월, 수, 금");
    expect(weekdaysText("en", [0, 3, 1])).toBe("Mon, Wed, Sun");
    expect(weekdaysText("en", [4, 1, 2, 3])).toBe("Mon–Thu");
    expect(weekdaysText("ko", [1, 2, 3, 4])).toBe("월–목");
    // Saturday and Sunday follow Friday in a week that starts on Monday; Sunday does not run on to Monday.
    expect(weekdaysText("en", [0, 5, 6])).toBe("Fri–Sun");
    expect(weekdaysText("ko", [1, 2, 4, 5, 6])).toBe("월, 화, 목–토");
    expect(weekdaysText("en", [0, 1])).toBe("Mon, Sun");
    expect(weekdaysText("en", [1, 2])).toBe("Mon, Tue");
    expect(weekdaysText("ko", [3])).toBe("수");
  });
});

describe("scheduleParams", () => {
  it("fills schedule.saved with the platform's channel and next run, the rest from the schedule", () => {
    const p = scheduleParams("en", view({ weekdays: [1, 3, 5], topics: [{ key: "lambda", name: "Lambda" }, { key: "s3", name: "S3" }] }), { channel: "<#1>", next: "tomorrow" });
    expect(p).toEqual({ channel: "<#1>", name: "daily", days: "Mon, Wed, Fri", time: "09:00", timezone: "Asia/Seoul", topics: "Lambda, S3", reveal: 60, instant: "", pick: "", paused: "", next: "tomorrow" });
    expect(t("en", "schedule.saved", p)).toBe("Scheduled 'daily': Mon, Wed, Fri at 09:00 (Asia/Seoul), topics Lambda, S3, answer revealed after 60 min. Next question: tomorrow");
  });

  it("says all topics, instant feedback and paused in the chosen language, and lets the platform mark up topic names", () => {
    const ko = scheduleParams("ko", view({ instantFeedback: true, paused: true }), { channel: "#C1", next: "—" });
    expect(ko).toMatchObject({ days: "평일", topics: "전체", instant: ", 즉시 채점 켬", paused: " · 일시 중지" });
    expect(t("ko", "admin.status_schedule", ko)).toBe("#C1 · daily: 평일 09:00 (Asia/Seoul) · 주제 전체 · 60분 뒤 공개, 즉시 채점 켬 · 일시 중지 · 다음 —");
    const marked = scheduleParams("en", view({ topics: [{ key: "x", name: "A & B" }] }), { channel: "C1", next: "—", topic: (n) => `[${n}]` });
    expect(marked.topics).toBe("[A & B]");
  });
});

describe("settingsParams", () => {
  const settings: GroupSettings = { locale: "en", timezone: "UTC", scoring: { pointsCorrect: 20, fastBonus: 5, fastBonusCount: 3, streakEvery: 7, streakBonus: 4 } };

  it("gives the group's language, time zone and scoring", () => {
    const p = settingsParams("en", settings);
    expect(p).toEqual({ locale: "en", timezone: "UTC", points: 20, fastCount: 3, fastBonus: 5, streakEvery: 7, streakBonus: 4 });
    expect(t("en", "admin.status_settings", p)).toBe("language en · time zone UTC · correct 20 pts, first 3 +5, every 7-day streak +4");
  });

  it("names a group with no language of its own as per member", () => {
    expect(settingsParams("ko", { ...settings, locale: null }).locale).toBe("멤버별");
    expect(settingsParams("en", { ...settings, locale: null }).locale).toBe("per member");
  });
});
