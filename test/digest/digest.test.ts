// The weekly digest, reveal reminders and discussion threads through the real core on a real database, with the
// clock moved by the test: content from a seeded week, exactly once per channel and week, caught up after a restart
// the same day, reminders that never overwrite a revealed card, threads and their reveal summaries.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, openPostgres } from "../../src/db/index.js";
import { createTestDatabase } from "../support/postgres.js";
import { ManualClock } from "../../src/core/clock.js";
import { digestDue, reportedWeek } from "../../src/core/digest/digests.js";
import { parseDigest, parseMention, parseReminder } from "../../src/core/digest/settings.js";
import { UserError } from "../../src/core/errors.js";
import { t } from "../../src/core/messages/index.js";
import { actor, harness, type Harness } from "../engine/support.js";
import { CHANNEL, digestBank, ExtrasPort, MEMBERS, SEEDED_ACCURACY, SEEDED_ANSWERS_BY_DAY, seedWeek, sunday, TZ } from "./support.js";

const harnesses: Harness[] = [];
afterEach(() => {
  while (harnesses.length) harnesses.pop()!.close();
});

const organiser = actor("organiser");

/** A Korean group in Seoul with a daily schedule in CHANNEL, the seeded week played, the clock on Sunday `time`. */
async function seeded(opts: { time?: string; file?: boolean; schedule?: Record<string, unknown> } = {}) {
  const h = harness({ start: sunday(opts.time ?? "08:00").toISOString(), bank: digestBank(), timezone: TZ, file: opts.file });
  harnesses.push(h);
  const port = new ExtrasPort();
  h.bot.registerPort("test", port);
  await h.bot.configure(organiser, { locale: "ko" });
  h.clock.set(sunday("00:00"));
  await h.bot.schedule(organiser, CHANNEL, undefined, { time: "09:00", weekdays: ["daily"], ...opts.schedule });
  const group = await h.bot.group(organiser);
  const schedule = (await h.database.store.findSchedule(group.id, CHANNEL, "daily"))!;
  await seedWeek(h.database.store, group, schedule);
  h.clock.set(sunday(opts.time ?? "19:59"));
  return { h, port, group, schedule };
}

describe("the weekly digest's content", () => {
  it("shows the seeded week: board with movement, winner, answers by day, weakest topics, most-missed questions, streak milestones", async () => {
    const { h } = await seeded({ time: "20:00" });
    const { digest } = await h.bot.digestNow(organiser, CHANNEL);
    expect(digest).toMatchObject({ channelId: CHANNEL, week: "2025-03-03", firstDay: "2025-03-03", lastDay: "2025-03-09", locale: "ko", rounds: 7, answers: 28 });
    expect(digest.days.map((d) => d.answers)).toEqual(SEEDED_ANSWERS_BY_DAY);
    expect(digest.days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(digest.topics.map((x) => [x.key, x.accuracy])).toEqual(SEEDED_ACCURACY);
    expect(digest.topics[0]).toMatchObject({ name: "다이나모DB", answered: 4, correct: 1 });

    // 지우: right six days running (fast bonuses, the 5th day's streak bonus) → first, up from second last week;
    // 서연 led last week and falls to third; 미나 stays second (tied second last week); the others are new
    expect(digest.board.map((r) => [r.rank, r.displayName, r.points, r.movement])).toEqual([
      [1, "지우", 95, 1],
      [2, "미나", 60, 0],
      [3, "서연", 45, -2],
      [4, "민준", 25, null],
      [5, "하린", 15, null],
    ]);
    expect(digest.board[0]).toMatchObject({ points: 95, answered: 6, correct: 6, accuracy: 1 });
    expect(digest.winners).toEqual([{ userId: "u-지우", displayName: "지우", points: 95 }]);

    // most missed: the DynamoDB question (3 of 4), Monday's Lambda question (3 of 5), then Saturday's (2 of 4)
    expect(digest.missed.map((m) => [m.questionId, m.missed, m.answered])).toEqual([
      ["ddb-gsi", 3, 4],
      ["lambda-timeout", 3, 5],
      ["lambda-concurrency", 2, 4],
    ]);
    expect(digest.missed[0]).toMatchObject({ topic: { key: "dynamodb", name: "다이나모DB" }, correct: { label: "B", text: "GSI" }, source: { heading: "dynamodb 정리" } });
    expect(digest.milestones).toEqual([{ userId: "u-지우", displayName: "지우", streak: 5 }]);
  });

  it("leaves out a round that is still open, so a digest never gives an answer away", async () => {
    const { h, group } = await seeded({ time: "20:00" });
    await h.database.store.claimRound({ groupId: group.id, scheduleId: null, channelId: CHANNEL, questionId: "vpc-nat", questionHash: "h", topic: "vpc", correctIndex: 1, choiceCount: 3, localDate: null, openedAt: sunday("19:00"), revealAt: sunday("21:00"), instantFeedback: false });
    const { digest } = await h.bot.digestNow(organiser, CHANNEL);
    expect(digest.rounds).toBe(7);
  });
});

describe("posting the digest", () => {
  it("posts once per channel and week at its time, whatever the number of sweeps and processes", async () => {
    const { h, port } = await seeded();
    await h.scheduler.catchUp();
    expect(port.digests).toHaveLength(0); // 19:59
    h.clock.set(sunday("20:00"));
    await h.scheduler.catchUp();
    await h.scheduler.catchUp();
    const other = new ExtrasPort();
    await h.another({ port: other }).scheduler.catchUp();
    h.clock.set(sunday("23:59"));
    await h.scheduler.catchUp();
    expect(port.digests).toHaveLength(1);
    expect(other.digests).toHaveLength(0);
    expect(port.digests[0]).toMatchObject({ channelId: CHANNEL, digest: { week: "2025-03-03", rounds: 7 }, chart: { name: "digest-2025-03-03.png", mime: "image/png" } });
    // the next Sunday reports the next week
    h.clock.set(new Date(sunday("20:00").getTime() + 7 * 86_400_000));
    await h.scheduler.catchUp();
    expect(port.digests.map((d) => d.digest.week)).toEqual(["2025-03-03"]); // nothing was revealed that week: no post
  });

  it("catches up after a restart later the same day, but not on the next day", async () => {
    const { h } = await seeded({ file: true });
    h.clock.set(sunday("22:30")); // the process was down at 20:00
    const restarted = new ExtrasPort();
    await h.another({ port: restarted }).scheduler.start();
    expect(restarted.digests.map((d) => d.digest.week)).toEqual(["2025-03-03"]);

    const late = await seeded({ file: true });
    late.h.clock.set(new Date(sunday("00:30").getTime() + 86_400_000)); // Monday: the Sunday digest's day is gone
    const monday = new ExtrasPort();
    await late.h.another({ port: monday }).scheduler.start();
    expect(monday.digests).toEqual([]);
  });

  it("tries again after a failed post, and takes over a claim whose process stopped before posting", async () => {
    const { h, port, group } = await seeded({ time: "20:00" });
    port.failDigests = 1;
    await h.scheduler.catchUp();
    expect(port.digests).toHaveLength(0);
    h.clock.set(sunday("20:01"));
    await h.scheduler.catchUp();
    expect(port.digests).toHaveLength(1);

    // another channel's claim made by a process that then stopped: left alone for ten minutes, then taken over
    await h.bot.schedule(organiser, "second", undefined, { time: "09:00", weekdays: ["daily"] });
    const second = (await h.database.store.findSchedule(group.id, "second", "daily"))!;
    await h.database.store.upsertSchedule(group.id, "second", "daily", second, { at: sunday("00:00") });
    await seedWeek(h.database.store, group, second, [{ day: 6, question: "iam-role", answers: { 지우: 1 } }]);
    expect(await h.database.store.claimDigest(group.id, "second", "2025-03-03", sunday("20:01"), sunday("19:51"))).toBe(true);
    h.clock.set(sunday("20:05"));
    await h.scheduler.catchUp();
    expect(port.digests.map((d) => d.channelId)).toEqual([CHANNEL]);
    h.clock.set(sunday("20:12"));
    await h.scheduler.catchUp();
    expect(port.digests.map((d) => d.channelId)).toEqual([CHANNEL, "second"]);
  });

  it("follows the schedule's digest setting: another weekday and time, or off", async () => {
    const { h, port } = await seeded({ schedule: { digest: "sat 18:30" } });
    expect(digestDue((await h.database.store.listSchedules((await h.bot.group(organiser)).id))[0]!, sunday("20:00"))).toBeNull();
    await h.bot.schedule(organiser, CHANNEL, undefined, { time: "09:00", weekdays: ["daily"], digest: "off" });
    h.clock.set(sunday("20:00"));
    await h.scheduler.catchUp();
    expect(port.digests).toEqual([]);
    expect(reportedWeek("2025-03-08")).toBe("2025-02-24"); // a Saturday digest reports the week that ended before it
    expect(reportedWeek("2025-03-09")).toBe("2025-03-03");
    expect(reportedWeek("2025-03-10")).toBe("2025-03-03");
  });
});

/** What a refusal tells the user. */
function said(fn: () => unknown, locale: "ko" | "en" = "en"): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return t(locale, err.key, err.params);
    throw err;
  }
  throw new Error("it was not refused");
}

/** Processes on one database sweeping at the same instant: the digests each posted. */
async function raceDigestProcesses(location: string, instant: Date, processes = 2): Promise<string[][]> {
  const root = path.resolve(import.meta.dirname, "../..");
  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, ["--import", "tsx", path.join(root, "test/digest/digest-process.ts"), location, instant.toISOString()], { cwd: root, stdio: ["pipe", "pipe", "pipe"] }),
  );
  const outputs = children.map((c) => {
    let out = "";
    let err = "";
    c.stdout.on("data", (d: Buffer) => (out += d.toString()));
    c.stderr.on("data", (d: Buffer) => (err += d.toString()));
    return {
      ready: new Promise<void>((resolve) => c.stdout.on("data", () => out.includes("ready") && resolve())),
      done: new Promise<string>((resolve, reject) => c.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(err))))),
    };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const c of children) c.stdin.write("go\n");
  return (await Promise.all(outputs.map((o) => o.done))).map((o) => o.split("\n").filter((line) => line.startsWith("digest ")));
}

describe("exactly once across processes", () => {
  // spawned processes start slowly on a busy machine: these two get more time than the default
  it("two bot processes sweeping one SQLite file at 20:00 post the week's digest once between them", { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "studybot-digest-"));
    try {
      const file = path.join(dir, "race.db");
      const database = openDatabase(file);
      const group = await database.store.ensureGroup({ platform: "test", externalId: "g1" }, { timezone: TZ });
      const schedule = await database.store.upsertSchedule(group.id, CHANNEL, "daily", { time: "09:00", weekdays: [0, 1, 2, 3, 4, 5, 6], timezone: TZ, topics: [], revealAfterMinutes: 60, instantFeedback: false }, { at: sunday("00:00") });
      await seedWeek(database.store, group, schedule);
      database.close();
      const posted = await raceDigestProcesses(file, sunday("20:00"));
      expect(posted.flat()).toEqual([`digest 2025-03-03 ${CHANNEL}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("two bot processes on one PostgreSQL database post it once between them", { timeout: 60_000 }, async () => {
    const url = await createTestDatabase();
    const database = await openPostgres(url);
    try {
      const group = await database.store.ensureGroup({ platform: "test", externalId: "g1" }, { timezone: TZ });
      const schedule = await database.store.upsertSchedule(group.id, CHANNEL, "daily", { time: "09:00", weekdays: [0, 1, 2, 3, 4, 5, 6], timezone: TZ, topics: [], revealAfterMinutes: 60, instantFeedback: false }, { at: sunday("00:00") });
      await seedWeek(database.store, group, schedule);
    } finally {
      await database.close();
    }
    const posted = await raceDigestProcesses(url, sunday("20:00"));
    expect(posted.flat()).toEqual([`digest 2025-03-03 ${CHANNEL}`]);
  });
});

describe("schedule settings", () => {
  it("reads digest, reminder and mention settings, and says what to write when they are wrong", () => {
    expect(parseDigest("sun 20:00")).toEqual({ weekday: 0, time: "20:00" });
    expect(parseDigest("fri-18:30")).toEqual({ weekday: 5, time: "18:30" });
    expect(parseDigest("일요일 오후 8시")).toEqual({ weekday: 0, time: "20:00" });
    expect(parseDigest("off")).toBeNull();
    for (const bad of ["sun", "mon-fri 20:00", "someday 20:00", "sun 25:00"]) expect(() => parseDigest(bad)).toThrow(UserError);
    expect(parseReminder("15")).toBe(15);
    expect(parseReminder("off")).toBeNull();
    expect(said(() => parseReminder("soon"))).toContain("reminder=15");
    expect(said(() => parseDigest("sun"))).toContain("digest=sun-20:00");
    expect(said(() => parseMention("everyone please"), "ko")).toContain("reminder-mention=off");
    expect(parseMention("<@&123456789012>")).toBe("<@&123456789012>");
    expect(parseMention("<!subteam^S0STUDY|@studiers>")).toBe("<!subteam^S0STUDY>");
    expect(parseMention("off")).toBeNull();
    expect(() => parseMention("everyone please")).toThrow(UserError);
  });

  it("keeps settings not given, refuses a reminder that would come before the card, and shows them in the reply", async () => {
    const { h } = await seeded();
    const set = await h.bot.schedule(organiser, CHANNEL, undefined, { time: "09:00", revealAfterMinutes: 60, reminder: 15, reminderMention: "<@&123456789012>", thread: true, digest: "sat 18:00" });
    expect(set.extras).toEqual({ digest: { weekday: 6, time: "18:00" }, reminderMinutes: 15, reminderMention: "<@&123456789012>", thread: true });
    const kept = await h.bot.schedule(organiser, CHANNEL, undefined, { time: "10:00" });
    expect(kept.extras).toEqual(set.extras);
    await expect(h.bot.schedule(organiser, CHANNEL, undefined, { time: "10:00", revealAfterMinutes: 10, reminder: 15 })).rejects.toThrow(UserError);
    // a shorter reveal drops a reminder that no longer fits
    expect((await h.bot.schedule(organiser, CHANNEL, undefined, { time: "10:00", revealAfterMinutes: 10 })).extras?.reminderMinutes).toBeNull();
  });
});

describe("reveal reminders", () => {
  async function openCard(schedule: Record<string, unknown> = { reminder: 15 }) {
    const h = harness({ start: "2025-03-03T00:00:00Z", bank: digestBank(), timezone: TZ });
    harnesses.push(h);
    const port = new ExtrasPort();
    h.bot.registerPort("test", port);
    await h.bot.schedule(actor("organiser"), CHANNEL, undefined, { time: "09:00", weekdays: ["daily"], revealAfterMinutes: 60, ...schedule });
    h.clock.set("2025-03-03T00:00:00Z"); // 09:00 in Seoul
    const [posted] = (await h.scheduler.catchUp()).posted;
    for (const name of MEMBERS.slice(0, 2)) await h.bot.answer(actor(name), posted!.id, 1);
    return { h, port, round: posted! };
  }

  it("edits the card once with the minutes left and how many answered, with the mention as a reply", async () => {
    const { h, port, round } = await openCard({ reminder: 15, reminderMention: "<@&123456789012>" });
    h.clock.set("2025-03-03T00:44:00Z");
    await h.scheduler.catchUp();
    expect(port.reminders).toEqual([]);
    h.clock.set("2025-03-03T00:45:00Z");
    await h.scheduler.catchUp();
    h.clock.set("2025-03-03T00:46:00Z");
    await h.scheduler.catchUp();
    await h.another({ port: new ExtrasPort() }).scheduler.catchUp();
    expect(port.reminders).toHaveLength(1);
    expect(port.reminders[0]).toMatchObject({ ref: round.message, card: { roundId: round.id }, reminder: { minutesLeft: 15, answered: 2, mention: "<@&123456789012>" } });
  });

  it("is never sent once the reveal is recorded", async () => {
    const { h, port } = await openCard();
    h.clock.set("2025-03-03T00:30:00Z");
    await h.bot.revealNow(actor("organiser"), CHANNEL);
    h.clock.set("2025-03-03T00:45:00Z");
    await h.scheduler.catchUp();
    expect(port.reminders).toEqual([]);
    expect(port.edited).toHaveLength(1);
  });

  it("puts the revealed card back when the reveal lands while the reminder's edit is on its way", async () => {
    const { h, port, round } = await openCard();
    h.clock.set("2025-03-03T00:45:00Z");
    port.duringRemind = async () => {
      port.duringRemind = null;
      await h.bot.revealNow(actor("organiser"), CHANNEL);
    };
    await h.scheduler.catchUp();
    // the reveal's edit, then (after the reminder's) the revealed card again: the card ends revealed
    expect(port.edited.map((e) => [e.ref.messageId, e.card.roundId, e.card.correctIndex])).toEqual([
      [round.message!.messageId, round.id, 1],
      [round.message!.messageId, round.id, 1],
    ]);
    expect(port.reminders).toHaveLength(1);
  });

  it("tries a failed reminder again while the round is open", async () => {
    const { h, port } = await openCard();
    h.clock.set("2025-03-03T00:45:00Z");
    port.duringRemind = async () => {
      port.duringRemind = null;
      throw new Error("rate limited");
    };
    await h.scheduler.catchUp();
    expect(port.reminders).toEqual([]);
    h.clock.set("2025-03-03T00:46:00Z");
    await h.scheduler.catchUp();
    expect(port.reminders.map((r) => r.reminder.minutesLeft)).toEqual([14]);
  });
});

describe("discussion threads", () => {
  it("starts a thread on each card of a schedule with thread=on and posts the reveal's summary in it", async () => {
    const h = harness({ start: "2025-03-02T00:00:00Z", bank: digestBank(), timezone: TZ });
    harnesses.push(h);
    const port = new ExtrasPort();
    h.bot.registerPort("test", port);
    await h.bot.schedule(actor("organiser"), CHANNEL, undefined, { time: "09:00", weekdays: ["daily"], thread: true });
    await h.bot.schedule(actor("organiser"), "plain", undefined, { time: "09:00", weekdays: ["daily"] });
    h.clock.set("2025-03-03T00:00:00Z");
    const { posted } = await h.scheduler.catchUp();
    expect(port.threads.map((x) => x.card.roundId)).toEqual(posted.filter((r) => r.channelId === CHANNEL).map((r) => r.id));
    await h.bot.answer(actor("미나"), posted[0]!.id, 1);
    h.clock.set("2025-03-03T01:00:00Z");
    await h.scheduler.catchUp();
    expect(port.threadPosts).toHaveLength(1);
    expect(port.threadPosts[0]!.threadId).toBe(`thread-${port.threads[0]!.ref.messageId}`);
  });

  it("starts none where the platform says permissions are missing, and the schedule's reply names them", async () => {
    const h = harness({ start: "2025-03-02T00:00:00Z", bank: digestBank(), timezone: TZ });
    harnesses.push(h);
    const port = new ExtrasPort();
    port.missing = ["Create Public Threads"];
    h.bot.registerPort("test", port);
    const view = await h.bot.schedule(actor("organiser"), CHANNEL, undefined, { time: "09:00", weekdays: ["daily"], thread: true });
    expect(view.threadMissing).toEqual(["Create Public Threads"]);
    h.clock.set("2025-03-03T00:00:00Z");
    expect((await h.scheduler.catchUp()).posted).toHaveLength(1);
    expect(port.threads).toEqual([]);
  });
});

describe("the clock", () => {
  it("uses no wall clock: the digest is due by the injected clock only", () => {
    const clock = new ManualClock(sunday("20:00"));
    const schedule = { digest: { weekday: 0, time: "20:00" }, timezone: TZ, updatedAt: sunday("00:00") } as Parameters<typeof digestDue>[0];
    expect(digestDue(schedule, clock.now())).toMatchObject({ localDate: "2025-03-09", week: "2025-03-03" });
    clock.advanceMinutes(-1);
    expect(digestDue(schedule, clock.now())).toBeNull();
  });
});
