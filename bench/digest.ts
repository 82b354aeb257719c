// Weekly digest benchmark: the digest of one channel (its content from the store and its PNG chart, rendered afresh
// each time, nothing cached) for a group of 5,000 members with a week of answers, beside a baseline measured in the
// same run on the same database: the /leaderboard week core call (the board the digest starts from).
// Run alone: node --import tsx bench/digest.ts   (or with everything: npm run bench)
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Actor, GroupRef, MessageRef, PlatformPort } from "../src/core/cards.js";
import { ManualClock, periodKeys, zonedTime } from "../src/core/clock.js";
import { createCore } from "../src/core/create.js";
import { buildDigest } from "../src/core/digest/build.js";
import { digestChart } from "../src/core/digest/chart.js";
import { scorer } from "../src/core/rounds/scoring.js";
import { QuestionCatalog } from "../src/core/organiser/questions.js";
import { RoundService } from "../src/core/rounds/service.js";
import { PortRegistry } from "../src/core/ports.js";
import { openDatabase } from "../src/db/index.js";
import { silentLogger } from "../src/logger.js";
import { CHANNEL, digestBank, QUESTIONS, TZ } from "../test/digest/support.js";

const MEMBERS = 5_000;
const RUNS = 15;
const GROUP: GroupRef = { platform: "bench", externalId: "g" };
const ORGANISER: Actor = { group: GROUP, userId: "organiser", displayName: "organiser" };

class NullPort implements PlatformPort {
  async postCard(_g: GroupRef, channelId: string): Promise<MessageRef> {
    return { channelId, messageId: "m" };
  }
  async editCard(): Promise<void> {}
  async postRevealed(_g: GroupRef, channelId: string): Promise<MessageRef> {
    return { channelId, messageId: "r" };
  }
}

const fmt = (n: number, d = 1) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

/** Wall time of each run, and the process's CPU time per run (what the work itself costs on a busy machine). */
async function timed(runs: number, work: () => Promise<unknown>): Promise<number[] & { cpu: number }> {
  await work();
  await work();
  const out: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    out.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  return Object.assign(out, { cpu: (cpu.user + cpu.system) / 1000 / runs });
}

export async function runDigestBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "studybot-bench-digest-"));
  try {
    const database = openDatabase(path.join(dir, "digest.db"));
    const store = database.store;
    const sunday = zonedTime("2025-03-09", "20:00", TZ);
    const clock = new ManualClock(sunday);
    const bank = digestBank();
    const { bot, library } = createCore({ store, notes: { lookup: (q) => ({ query: q, normalized: q, hits: [], suggestions: [] }), suggest: () => [], section: () => null }, bank, clock, logger: silentLogger, settings: { defaultTimezone: TZ, defaultLocale: "ko" } });
    bot.registerPort("bench", new NullPort());
    const group = await store.updateGroup((await bot.group(ORGANISER)).id, { locale: "ko" });
    const schedule = await store.upsertSchedule(group.id, CHANNEL, "daily", { time: "09:00", weekdays: [0, 1, 2, 3, 4, 5, 6], timezone: TZ, topics: [], revealAfterMinutes: 60, instantFeedback: false }, { at: new Date(0) });

    // A question a day from the Monday a week before to Sunday: each member answers on about 3 days in 4, right
    // about 2 times in 3, through the store's own answer path (scores, streaks), then the round is revealed.
    const t0 = performance.now();
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let answers = 0;
    for (let day = -7; day < 7; day++) {
      const date = new Date(Date.UTC(2025, 2, 3 + day)).toISOString().slice(0, 10);
      const q = QUESTIONS[(day + 7) % QUESTIONS.length]!;
      const opened = zonedTime(date, "09:00", TZ);
      const round = (await store.claimRound({ groupId: group.id, scheduleId: schedule.id, channelId: CHANNEL, questionId: q.id, questionHash: q.hash, topic: q.topic, correctIndex: q.answer, choiceCount: q.choices.length, localDate: date, openedAt: opened, revealAt: new Date(opened.getTime() + 3_600_000), instantFeedback: false }))!;
      for (let m = 0; m < MEMBERS; m++) {
        if (rnd() > 0.75) continue;
        const now = new Date(opened.getTime() + 1000 + m * 500);
        const keys = periodKeys(now, TZ);
        const choice = rnd() < 0.67 ? q.answer : (q.answer + 1) % q.choices.length;
        await store.recordAnswer({ roundId: round.id, groupId: group.id, member: { userId: `u${m}`, displayName: `학생 ${m}` }, choice, now, fastSlots: 3, weekKey: keys.week, monthKey: keys.month }, scorer(group.scoring));
        answers++;
      }
      await store.markRevealed(round.id, new Date(opened.getTime() + 3_600_000));
    }
    const loadMs = performance.now() - t0;

    const rounds = new RoundService({ store, library, catalog: new QuestionCatalog(library, store), ports: new PortRegistry(), logger: silentLogger });
    const whole = await timed(RUNS, () => bot.digestNow(ORGANISER, CHANNEL));
    const content = await timed(RUNS, () => buildDigest({ store, rounds }, group, CHANNEL, "2025-03-03", "ko"));
    const digest = await buildDigest({ store, rounds }, group, CHANNEL, "2025-03-03", "ko");
    const chart = await timed(RUNS, async () => digestChart(digest));
    const baseline = await timed(RUNS, () => bot.leaderboard(ORGANISER, "week"));
    const png = digestChart(digest).data.length;

    const line = (xs: number[] & { cpu: number }, d = 1) => `${fmt(median(xs), d)} ms (p95 ${fmt(p95(xs), d)} ms, CPU ${fmt(xs.cpu, d)} ms)`;
    console.log(`weekly digest: ${fmt(MEMBERS, 0)} members, ${fmt(answers, 0)} answers over two weeks (${fmt(digest.answers, 0)} in the reported week), loaded in ${fmt(loadMs / 1000)} s`);
    console.log(`  ${RUNS} runs each: median wall time (p95, CPU time per run); load average ${loadavg().map((x) => fmt(x, 2)).join(" ")} on ${availableParallelism()} cores`);
    console.log(`  digest, content + PNG, afresh (/studybot digest-now): ${line(whole)}; target < 200 ms: ${median(whole) < 200 ? "met" : "NOT met"}`);
    console.log(`    content from the store: ${line(content)}`);
    console.log(`    chart, SVG → PNG (${fmt(png / 1024)} KiB): ${line(chart)}`);
    console.log(`  baseline, /leaderboard week on the same data: ${line(baseline, 2)}`);
    console.log(`  ratio digest / baseline: ${fmt(median(whole) / median(baseline))}× (CPU ${fmt(whole.cpu / baseline.cpu)}×)`);
    database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runDigestBench();
