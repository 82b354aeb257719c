// The scheduler decides from the database and the injected clock: tests move the clock and call
// catchUp()/runSchedule() directly (the cron jobs only call these), never sleeping.
import { afterEach, describe, expect, it, vi } from "vitest";
import { nextRun } from "../../src/core/schedule/parse.js";
import { openDatabase } from "../../src/db/index.js";
import { raceSchedulerProcesses } from "../support/scheduler-race.js";
import { actor, harness, RecordingPort, type Harness } from "./support.js";

let h: Harness;
const extra: Array<{ close(): void }> = [];
afterEach(() => {
  h?.close();
  while (extra.length) extra.pop()!.close();
});

const CH = "daily";
const org = actor("org");

function postedDays(port: RecordingPort): string[] {
  return port.posted.map((p) => p.card.revealAt.toISOString());
}

describe("scheduler", () => {
  it("posts at 09:00 Asia/Seoul on its weekdays only, once a day", async () => {
    h = harness({ start: "2025-03-02T12:00:00Z" }); // Sunday 21:00 in Seoul
    await h.bot.schedule(org, CH, undefined, { time: "09:00", weekdays: ["mon", "wed", "fri"], timezone: "Asia/Seoul" });
    const s = h.another().scheduler;
    const seen: string[] = [];
    // walk a week in 30-minute steps, sweeping each time as the one-minute sweep would
    for (let i = 0; i < 7 * 48; i++) {
      h.clock.advanceMinutes(30);
      const { posted } = await s.catchUp();
      for (const r of posted) seen.push(`${r.localDate}@${r.openedAt.toISOString()}`);
    }
    expect(seen).toEqual(["2025-03-03@2025-03-03T00:00:00.000Z", "2025-03-05@2025-03-05T00:00:00.000Z", "2025-03-07@2025-03-07T00:00:00.000Z"]);
    // each posted round was revealed 60 minutes later by the same sweeps
    expect(h.port.edited).toHaveLength(3);
  });

  it("keeps 09:00 America/New_York across the spring-forward change, skipping the weekend", async () => {
    h = harness({ start: "2025-03-07T13:59:00Z" }); // Friday 08:59 EST
    await h.bot.schedule(org, CH, undefined, { time: "09:00", weekdays: ["mon-fri"], timezone: "America/New_York" });
    const s = h.another().scheduler;
    expect((await s.catchUp()).posted).toHaveLength(0);
    h.clock.set("2025-03-07T14:00:00Z"); // 09:00 EST
    expect((await s.catchUp()).posted.map((r) => r.localDate)).toEqual(["2025-03-07"]);
    const sched = (await h.database.store.findSchedule((await h.bot.group(org)).id, CH, "daily"))!;
    expect(nextRun(sched, h.clock.now())!.toISOString()).toBe("2025-03-10T13:00:00.000Z"); // Monday 09:00 EDT
    for (const t of ["2025-03-08T14:00:00Z", "2025-03-09T14:00:00Z", "2025-03-10T12:59:00Z"]) {
      h.clock.set(t);
      expect((await s.catchUp()).posted).toHaveLength(0);
    }
    h.clock.set("2025-03-10T13:00:00Z");
    expect((await s.catchUp()).posted.map((r) => r.localDate)).toEqual(["2025-03-10"]);
  });

  it("posts a time that happens twice on the fall-back night once, and a time skipped by spring-forward after the gap", async () => {
    h = harness({ start: "2025-11-02T04:00:00Z" });
    await h.bot.schedule(org, CH, undefined, { time: "01:30", weekdays: ["daily"], timezone: "America/New_York" });
    const s = h.another().scheduler;
    h.clock.set("2025-11-02T05:30:00Z"); // 01:30 EDT
    expect((await s.catchUp()).posted).toHaveLength(1);
    h.clock.set("2025-11-02T06:30:00Z"); // 01:30 EST, the same local time again
    expect((await s.catchUp()).posted).toHaveLength(0);

    const h2 = harness({ start: "2025-03-08T12:00:00Z" });
    extra.push(h2);
    await h2.bot.schedule(org, CH, undefined, { time: "02:30", weekdays: ["daily"], timezone: "America/New_York" });
    const s2 = h2.scheduler;
    h2.clock.set("2025-03-09T07:29:00Z");
    expect((await s2.catchUp()).posted).toHaveLength(0);
    h2.clock.set("2025-03-09T07:30:00Z"); // 03:30 EDT: 02:30 did not exist that night
    expect((await s2.catchUp()).posted.map((r) => r.localDate)).toEqual(["2025-03-09"]);
  });

  it("down at 09:00 and up at 09:30 posts once; up the next day does not post yesterday's", async () => {
    h = harness({ start: "2025-03-02T12:00:00Z", file: true });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", timezone: "Asia/Seoul" });
    // the process is down over Monday 09:00; it comes up at 09:30
    h.clock.set("2025-03-03T00:30:00Z");
    const first = h.another().scheduler;
    expect((await first.start()).posted.map((r) => r.localDate)).toEqual(["2025-03-03"]);
    await first.stop();
    // restarted at 09:40: nothing new
    h.clock.set("2025-03-03T00:40:00Z");
    expect((await h.another().scheduler.start()).posted).toHaveLength(0);
    // down all of Tuesday, up on Wednesday at 08:00: Tuesday's question is not posted late
    h.clock.set("2025-03-04T23:00:00Z");
    const wed = await h.another().scheduler.start();
    expect(wed.posted).toHaveLength(0);
    // …and Monday's open round, whose reveal passed while down, is revealed at start-up
    expect(wed.revealed).toHaveLength(1);
    expect(h.port.posted).toHaveLength(1);
    expect(h.port.edited).toHaveLength(1);
  });

  it("a cron fire, a duplicate fire and a restart in the same minute post the day once", async () => {
    h = harness({ start: "2025-03-03T00:00:00Z" });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", timezone: "Asia/Seoul" });
    const s = h.another().scheduler;
    const sched = (await h.database.store.findSchedule((await h.bot.group(org)).id, CH, "daily"))!;
    const results = await Promise.all([s.runSchedule(sched.id), s.runSchedule(sched.id), s.catchUp()]);
    expect(results.filter((r) => r && "id" in r).length + (results[2] as { posted: unknown[] }).posted.length).toBe(1);
    expect(h.port.posted).toHaveLength(1);
  });

  it("two schedulers on one database file post once", async () => {
    h = harness({ start: "2025-03-02T00:00:00Z", file: true });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", timezone: "Asia/Seoul" });
    h.clock.set("2025-03-03T00:00:30Z");
    // a second process: its own connection, its own bot and port, the same file
    const db2 = openDatabase(h.database.path);
    extra.push(db2);
    const port2 = new RecordingPort();
    const [a, b] = await Promise.all([h.another().scheduler.start(), h.another({ port: port2, database: db2 }).scheduler.start()]);
    expect(a.posted.length + b.posted.length).toBe(1);
    expect(h.port.posted.length + port2.posted.length).toBe(1);
    const n = h.database.sqlite.prepare("SELECT count(*) AS n FROM rounds").get() as { n: number };
    expect(n.n).toBe(1);
  });

  it("two scheduler processes on one database file racing at 09:00 post once", async () => {
    h = harness({ start: "2025-03-02T00:00:00Z", file: true });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", timezone: "Asia/Seoul" });
    const posted = (await raceSchedulerProcesses(h.database.path, "2025-03-03T00:00:05Z")).flat();
    expect(posted).toHaveLength(1);
    expect((h.database.sqlite.prepare("SELECT count(*) AS n FROM rounds").get() as { n: number }).n).toBe(1);
  });

  it("a schedule created after today's time starts with the next slot; a failed post is retried", async () => {
    h = harness({ start: "2025-03-03T02:00:00Z" }); // Monday 11:00 in Seoul
    await h.bot.schedule(org, CH, undefined, { time: "09:00", timezone: "Asia/Seoul" });
    const s = h.another().scheduler;
    expect((await s.catchUp()).posted).toHaveLength(0);
    h.clock.set("2025-03-04T00:00:00Z");
    h.port.failNext = 1;
    expect((await s.catchUp()).posted).toHaveLength(0);
    h.clock.advanceMinutes(1);
    expect((await s.catchUp()).posted.map((r) => r.localDate)).toEqual(["2025-03-04"]);
  });

  it("paused and removed schedules do not post; topics are respected and questions do not repeat until the pool is used", async () => {
    h = harness({ start: "2025-03-02T12:00:00Z" });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", weekdays: ["daily"], timezone: "Asia/Seoul", topics: ["lambda"] });
    const s = h.another().scheduler;
    const ids: string[] = [];
    for (let d = 0; d < 6; d++) {
      h.clock.advance(24 * 3600_000);
      for (const r of (await s.catchUp()).posted) ids.push(r.questionId);
    }
    expect(ids).toHaveLength(6);
    expect(new Set(ids.slice(0, 3))).toEqual(new Set(["l1", "l2", "l3"]));
    expect(new Set(ids.slice(3, 6))).toEqual(new Set(["l1", "l2", "l3"]));
    await h.bot.setPaused(org, CH, undefined, true);
    h.clock.advance(24 * 3600_000);
    expect((await s.catchUp()).posted).toHaveLength(0);
    await h.bot.unschedule(org, CH);
    h.clock.advance(24 * 3600_000);
    expect((await s.catchUp()).posted).toHaveLength(0);
    void postedDays;
  });

  it("a day claimed by a process that stopped before posting its card is posted at the next start", async () => {
    h = harness({ start: "2025-03-02T00:00:00Z" });
    await h.bot.schedule(org, CH, undefined, { time: "09:00", timezone: "Asia/Seoul" });
    const group = await h.bot.group(org);
    const sched = (await h.database.store.findSchedule(group.id, CH, "daily"))!;
    h.clock.set("2025-03-03T00:00:00Z");
    // what a process that died right after its claim leaves behind
    const q = h.bank.byId.get("l1")!;
    const claimed = (await h.database.store.claimRound({
      groupId: group.id, scheduleId: sched.id, channelId: CH, questionId: q.id, questionHash: q.hash, topic: q.topic, correctIndex: q.answer,
      choiceCount: q.choices.length, localDate: "2025-03-03", openedAt: h.clock.now(), revealAt: new Date(h.clock.now().getTime() + 3600_000), instantFeedback: false,
    }))!;
    const s = h.another().scheduler;
    h.clock.advanceMinutes(1); // another process may still be posting it: leave it
    expect((await s.catchUp()).posted).toHaveLength(0);
    expect(h.port.posted).toHaveLength(0);
    h.clock.advanceMinutes(2);
    await s.catchUp();
    expect(h.port.posted.map((p) => p.card.roundId)).toEqual([claimed.id]);
    expect((await h.database.store.roundById(claimed.id))!.message).toEqual(h.port.posted[0]!.ref);
    await s.catchUp();
    expect(h.port.posted).toHaveLength(1);
  });

  it("reveals a posted card at its exact reveal time (timer driven by the injected clock)", async () => {
    h = harness({ start: "2025-03-03T03:00:00Z" });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { bot, scheduler: s } = h.another({ timers: true });
      await s.start();
      await bot.postNow(org, CH);
      h.clock.advanceMinutes(59);
      await vi.advanceTimersByTimeAsync(59 * 60_000);
      expect(h.port.edited).toHaveLength(0);
      h.clock.advanceMinutes(1);
      await vi.advanceTimersByTimeAsync(60_000);
      await s.stop(); // waits for the reveal the timer started
      expect(h.port.edited).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("arms one node-cron job per schedule and stops cleanly", async () => {
    h = harness({ start: new Date().toISOString() });
    await h.bot.schedule(org, "a", undefined, { time: "09:00", timezone: "Asia/Seoul" });
    await h.bot.schedule(org, "b", undefined, { time: "18:30", weekdays: ["sat"], timezone: "America/New_York" });
    const { bot, scheduler: s } = h.another({ timers: true });
    await s.start();
    expect(s.jobCount).toBe(2);
    await bot.unschedule(org, "b");
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(s.jobCount).toBe(1);
    await s.stop();
    expect(s.jobCount).toBe(0);
  });
});
