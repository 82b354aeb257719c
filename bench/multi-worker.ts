// One bot process of the multi-process bench (bench/multi.ts forks it): the real core and scheduler on the shared
// database, posting cards through Discord's REST API (the stand-in) as the Discord port does, and answering through
// the facade. The parent drives it over IPC:
//   { cmd: "post" }    — what the cron jobs of schedules due at the same minute do: runSchedule for every active
//                        schedule, `window` at a time; replies how many cards this process posted;
//   { cmd: "prepare" } — picks its share of the answers (every `count`-th, starting at `index`);
//   { cmd: "answer" }  — sends them, at most `window` in flight; replies each answer's time to commit.
// usage: node --import tsx bench/multi-worker.ts <database file or URL> <Discord API URL> <bot token> <index> <count>
import { REST } from "discord.js";
import { ManualClock } from "../src/core/clock.js";
import { createCore } from "../src/core/create.js";
import type { Actor } from "../src/core/cards.js";
import { openDatabaseAt } from "../src/db/index.js";
import { silentLogger } from "../src/logger.js";
import { DiscordPort } from "../src/platforms/discord/port.js";
import { bank, notes } from "./engine.js";

export type WorkerCommand =
  | { cmd: "post"; at: string; window: number }
  | { cmd: "prepare"; at: string; members: number }
  | { cmd: "answer"; at: string; window: number }
  | { cmd: "stop" };

export type WorkerReply =
  | { kind: "ready" }
  | { kind: "posted"; posted: number; schedules: number }
  | { kind: "prepared"; answers: number }
  | { kind: "answered"; recorded: number; other: number; latencies: number[] };

const [location, apiUrl, token, indexArg, countArg] = process.argv.slice(2);
if (!location || !apiUrl || !token || indexArg === undefined || countArg === undefined) throw new Error("usage: multi-worker.ts <database> <api url> <token> <index> <count>");
const index = Number(indexArg);
const count = Number(countArg);
const send = (reply: WorkerReply) => process.send!(reply);

const database = await openDatabaseAt(location);
// The bench measures this process's own work: Discord's global limit (50 requests/s per bot, across every process)
// is lifted here, as Discord lifts it for large bots on request.
const rest = new REST({ api: apiUrl, globalRequestsPerSecond: 1_000_000 }).setToken(token);
const clock = new ManualClock(0);
const { bot, scheduler } = createCore({
  store: database.store,
  notes,
  bank: bank(),
  clock,
  logger: silentLogger,
  settings: { defaultTimezone: "Asia/Seoul", defaultLocale: "en" },
  scheduler: { timers: false },
});
bot.registerPort("discord", new DiscordPort(rest));

/** Runs `work` on every item, at most `window` at a time. */
async function inWindows<T>(items: T[], window: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: window }, lane));
}

async function post(window: number): Promise<WorkerReply> {
  const active = await database.store.activeSchedules(["discord"]);
  let posted = 0;
  await inWindows(active, window, async ({ schedule }) => {
    if (await scheduler.runSchedule(schedule.id)) posted++;
  });
  return { kind: "posted", posted, schedules: active.length };
}

let jobs: Array<{ actor: Actor; roundId: number; choice: number }> = [];

/** Every open round, in id order; answer k (round k / members, member k % members) is this process's when
 * k % count === index, so every round is answered from every process at once. */
async function prepare(members: number): Promise<WorkerReply> {
  const open = (await database.store.dueReveals(new Date(8.64e15), ["discord"])).sort((a, b) => a.id - b.id);
  const groups = new Map<number, string>();
  await inWindows(open, 16, async (r) => void groups.set(r.groupId, (await database.store.groupById(r.groupId))!.externalId));
  jobs = [];
  for (let k = index; k < open.length * members; k += count) {
    const round = open[Math.floor(k / members)]!;
    const m = k % members;
    jobs.push({ actor: { group: { platform: "discord", externalId: groups.get(round.groupId)! }, userId: `m${round.groupId}-${m}`, displayName: `member ${m}` }, roundId: round.id, choice: (k * 7) % 4 });
  }
  return { kind: "prepared", answers: jobs.length };
}

async function answer(window: number): Promise<WorkerReply> {
  const latencies: number[] = [];
  let recorded = 0;
  await inWindows(jobs, window, async (job) => {
    const t0 = performance.now();
    const outcome = await bot.answer(job.actor, job.roundId, job.choice);
    latencies.push(performance.now() - t0);
    if (outcome.kind === "recorded") recorded++;
  });
  return { kind: "answered", recorded, other: jobs.length - recorded, latencies };
}

process.on("message", (msg: WorkerCommand) => {
  void (async () => {
    if (msg.cmd === "stop") {
      await database.close();
      process.disconnect();
      return;
    }
    clock.set(new Date(msg.at));
    send(msg.cmd === "post" ? await post(msg.window) : msg.cmd === "prepare" ? await prepare(msg.members) : await answer(msg.window));
  })();
});
send({ kind: "ready" });
