// Discord sharding as operators run it: DISCORD_SHARDS makes `studybot start` the manager of one real process per
// shard (the same program), each identifying with its shard pair at the stand-in and answering its servers'
// interactions, while the manager posts cards for every server through REST, reports each shard's connection and
// collects their figures, and ends with a failure when a shard's gateway closes for good.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseShardList } from "../../src/config.js";
import { ManualClock } from "../../src/core/clock.js";
import { identifyWaves } from "../../src/platforms/discord/sharding.js";
import type { ShardStats } from "../../src/platforms/discord/shard.js";
import { main, startApp, type App } from "../../src/main.js";
import type { HealthReport } from "../../src/server/health.js";
import { DiscordStandIn, shardOf, type StandInGuild } from "../support/discord-standin.js";
import { freePort } from "../support/ports.js";
import { FIXTURES, USERS } from "./harness.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHARD_PROCESS = { script: path.join(ROOT, "src/bin.ts"), execArgv: ["--import", "tsx"] };

/** One server on each of two shards ((id >> 22) % 2). */
const GUILDS: StandInGuild[] = [
  { id: "1200000000004194305", name: "Shard Zero Study", channels: [{ id: "1210000000000000010", name: "daily-quiz" }] },
  { id: "1200000000000000001", name: "Shard One Study", channels: [{ id: "1210000000000000020", name: "daily-quiz" }] },
];

const BASE = { DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "1100000000000000001" };

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function cliIo() {
  const out = { text: "" };
  const stdout = new PassThrough();
  stdout.on("data", (c) => (out.text += String(c)));
  /** resolves with the output once it holds `n` lines (a shard's own lines may follow its ready report to the manager) */
  const lines = (n: number) =>
    new Promise<string[]>((resolve) => {
      const check = () => {
        const all = out.text.split("\n").filter(Boolean);
        if (all.length < n) return;
        stdout.off("data", check);
        resolve(all.sort());
      };
      stdout.on("data", check);
      check();
    });
  return { out, lines, io: { stdout, stderr: new PassThrough(), stdin: new PassThrough() } };
}

async function standIn(): Promise<DiscordStandIn> {
  const s = await DiscordStandIn.start({ guilds: GUILDS, shards: 2, maxConcurrency: 16 });
  cleanup.push(() => s.stop());
  return s;
}

function env(s: DiscordStandIn, extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "studybot-shards-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return {
    DISCORD_TOKEN: s.token,
    DISCORD_APPLICATION_ID: s.applicationId,
    DISCORD_API_URL: s.apiUrl,
    DATABASE_PATH: path.join(dir, "studybot.db"),
    NOTES_DIR: "notes",
    QUESTIONS_DIR: "questions",
    LOG_LEVEL: "silent",
    ...extra,
  };
}

async function startManager(s: DiscordStandIn, extra: Record<string, string> = {}, cwd = FIXTURES): Promise<{ app: App; lines: (n: number) => Promise<string[]> }> {
  const { lines, io } = cliIo();
  const app = await startApp(io, { cwd, clock: new ManualClock(Date.now()), host: "127.0.0.1", env: env(s, { DISCORD_SHARDS: "auto", PORT: String(await freePort()), ...extra }), shardProcess: SHARD_PROCESS });
  cleanup.push(() => app.stop());
  return { app, lines };
}

describe("sharding configuration", () => {
  it("reads DISCORD_SHARDS as auto or a count, and DISCORD_SHARD_LIST as this machine's ids and ranges", () => {
    expect(loadConfig({ ...BASE, DISCORD_SHARDS: "auto" }, "/").discord?.sharding).toEqual({ count: "auto" });
    expect(loadConfig({ ...BASE, DISCORD_SHARDS: "8" }, "/").discord?.sharding).toEqual({ count: 8 });
    expect(loadConfig({ ...BASE, DISCORD_SHARDS: "8", DISCORD_SHARD_LIST: "4-7" }, "/").discord?.sharding).toEqual({ count: 8, list: [4, 5, 6, 7] });
    expect(parseShardList("0-1, 4,6-7,1")).toEqual([0, 1, 4, 6, 7]);
    expect(loadConfig(BASE, "/").discord?.sharding).toBeUndefined();
  });

  it("refuses shard settings that cannot work, saying what to set", () => {
    const bad = (e: Record<string, string>) => () => loadConfig(e, "/");
    expect(bad({ ...BASE, DISCORD_SHARDS: "0" })).toThrow(/DISCORD_SHARDS="0": must be auto or the total number of shards, e\.g\. 4/);
    expect(bad({ ...BASE, DISCORD_SHARDS: "many" })).toThrow(ConfigError);
    expect(bad({ ...BASE, DISCORD_SHARD_LIST: "0-3" })).toThrow("DISCORD_SHARD_LIST is set but DISCORD_SHARDS is not: set DISCORD_SHARDS to the number of shards across every machine.");
    expect(bad({ ...BASE, DISCORD_SHARDS: "auto", DISCORD_SHARD_LIST: "0-3" })).toThrow(/needs a fixed shard count/);
    expect(bad({ ...BASE, DISCORD_SHARDS: "4", DISCORD_SHARD_LIST: "2-5" })).toThrow("DISCORD_SHARD_LIST names shard 4, 5 but DISCORD_SHARDS=4: shards are numbered 0 to 3.");
    expect(bad({ ...BASE, DISCORD_SHARDS: "4", DISCORD_SHARD_LIST: "3-1" })).toThrow("DISCORD_SHARD_LIST: the range 3-1 runs backwards: write 1-3.");
    expect(bad({ ...BASE, DISCORD_SHARDS: "4", DISCORD_SHARD_LIST: "0..3" })).toThrow(/DISCORD_SHARD_LIST="0\.\.3": must name this machine's shards, e\.g\. 0-3 or 4,5,6,7/);
    expect(bad({ DISCORD_SHARDS: "4" })).toThrow("DISCORD_SHARDS or DISCORD_SHARD_LIST is set but Discord is not: set DISCORD_TOKEN and DISCORD_APPLICATION_ID too.");
  });

  it("a process the shard manager started is that shard, whatever DISCORD_SHARDS says", () => {
    const config = loadConfig({ ...BASE, DISCORD_SHARDS: "4", SHARDING_MANAGER: "true", SHARDS: "3", SHARD_COUNT: "4" }, "/");
    expect(config.discord).toMatchObject({ shard: { ids: [3], count: 4 } });
    expect(config.discord?.sharding).toBeUndefined();
  });

  it("starts shards in identify waves Discord allows: ids with different id % max_concurrency together", () => {
    expect(identifyWaves([0, 1, 2, 3], 1)).toEqual([[0], [1], [2], [3]]);
    expect(identifyWaves([7, 4, 5, 6], 16)).toEqual([[4, 5, 6, 7]]);
    expect(identifyWaves([0, 1, 2, 3, 4], 2)).toEqual([[0, 1], [2, 3], [4]]);
  });
});

describe("studybot start with DISCORD_SHARDS", () => {
  it("runs one process per shard, each answering its own servers, while the manager posts for every server and reports each shard", { timeout: 90_000 }, async () => {
    const s = await standIn();
    // the notes and questions in a folder of their own, to be edited and reloaded below
    const folder = mkdtempSync(path.join(tmpdir(), "studybot-shard-notes-"));
    cleanup.push(() => rmSync(folder, { recursive: true, force: true }));
    cpSync(FIXTURES, folder, { recursive: true });
    const { app, lines } = await startManager(s, {}, folder);
    // the shards' own output passes through the manager's
    expect(await lines(3)).toEqual([
      "studybot ready — discord (shards 0, 1 of 2) (5 note sections, 3 questions)",
      "studybot shard 0 of 2 ready — discord (5 note sections, 3 questions)",
      "studybot shard 1 of 2 ready — discord (5 note sections, 3 questions)",
    ]);
    // each shard identified once with its pair; the manager itself holds no gateway connection
    expect(s.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(s.connectedShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(Object.entries(app.shards!.connections()).map(([name, c]) => [name, c.up])).toEqual([
      ["discord shard 0", true],
      ["discord shard 1", true],
    ]);
    const stats = await app.shards!.collect<ShardStats>("stats");
    expect(stats.map((r) => [r.shard, r.value?.ids, r.value?.guilds, r.value?.ready])).toEqual([
      [0, [0], 1, true],
      [1, [1], 1, true],
    ]);
    expect(await app.shards!.collect("nothing-here")).toEqual([
      { shard: 0, error: 'nothing to report as "nothing-here"' },
      { shard: 1, error: 'nothing to report as "nothing-here"' },
    ]);

    // shard 1's server: its process answers
    const [zero, one] = GUILDS as [StandInGuild, StandInGuild];
    expect([shardOf(zero.id, 2), shardOf(one.id, 2)]).toEqual([0, 1]);
    const lookup = s.slashCommand({ name: "lookup", user: USERS.alex, guildId: one.id, channelId: one.channels[0]!.id, options: [{ name: "query", type: 3, value: "visibility timeout" }] });
    const reply = await s.callbackFor(lookup, 15_000);
    expect((reply.body as { data: { embeds: Array<{ title: string }> } }).data.embeds[0]!.title).toBe("스터디 노트 › SQS Visibility Timeout");

    // the manager posts a card in shard 0's server through REST; a click on it reaches shard 0's process, which records it
    const card = await app.bot.postNow({ group: { platform: "discord", externalId: zero.id }, userId: USERS.organiser.id, displayName: "지우" }, zero.channels[0]!.id);
    const [message, ...more] = s.messagesIn(zero.channels[0]!.id);
    expect(more).toEqual([]);
    const buttons = answerButtons(message!);
    const click = s.button({ customId: buttons[0]!, user: USERS.mina, messageId: message!.id });
    const answered = await s.callbackFor(click, 15_000);
    expect((answered.body as { type: number; data: { flags: number } }).type).toBe(4);
    expect((await app.database.store.roundSummary(card.roundId, 3)).answered).toBe(1);

    // the manager alone listens on PORT (a shard listening there too would not have started): /healthz names each
    // shard's gateway, and /metrics adds up the shards' counts — shard 0 recorded the answer, the manager the card
    const health = await fetch(app.server!.url("/healthz"));
    expect(health.status).toBe(200);
    expect(Object.entries(((await health.json()) as HealthReport).platforms).map(([name, p]) => [name, p.state])).toEqual([
      ["discord shard 0", "up"],
      ["discord shard 1", "up"],
    ]);
    const metrics = await (await fetch(app.server!.url("/metrics"))).text();
    expect(metrics).toMatch(/^studybot_answers_recorded_total\{platform="discord"\} 1$/m);
    expect(metrics).toMatch(/^studybot_cards_posted_total\{platform="discord"\} 1$/m);

    // a reload in the manager (SIGHUP) reaches the shards, which answer lookups from their own copy of the notes
    appendFileSync(path.join(folder, "notes", "study.md"), "\n## Kinesis 샤드 재분할\n- 샤드를 나누거나 합쳐 처리량을 맞춘다.\n");
    expect(app.reload()).toMatchObject({ ok: true, sections: 6 });
    let title = "";
    for (let attempt = 0; attempt < 50 && title !== "스터디 노트 › Kinesis 샤드 재분할"; attempt++) {
      const ask = s.slashCommand({ name: "lookup", user: USERS.alex, guildId: one.id, channelId: one.channels[0]!.id, options: [{ name: "query", type: 3, value: "Kinesis 샤드 재분할" }] });
      const found = (await s.callbackFor(ask, 15_000)).body as { data: { embeds?: Array<{ title: string }> } };
      title = found.data.embeds?.[0]?.title ?? "";
    }
    expect(title).toBe("스터디 노트 › Kinesis 샤드 재분할");
  });

  it("on one of several machines starts only its own range, and still posts for a server of another machine's shard", { timeout: 90_000 }, async () => {
    const s = await standIn();
    const { app, lines } = await startManager(s, { DISCORD_SHARDS: "2", DISCORD_SHARD_LIST: "1" });
    expect(await lines(2)).toEqual(["studybot ready — discord (shards 1 of 2) (5 note sections, 3 questions)", "studybot shard 1 of 2 ready — discord (5 note sections, 3 questions)"]);
    expect(s.identifies.map((d) => d.shard)).toEqual([[1, 2]]);
    expect(Object.keys(app.shards!.connections())).toEqual(["discord shard 1"]);
    const zero = GUILDS[0]!;
    expect(shardOf(zero.id, 2)).toBe(0);
    await app.bot.postNow({ group: { platform: "discord", externalId: zero.id }, userId: USERS.organiser.id, displayName: "지우" }, zero.channels[0]!.id);
    expect(s.messagesIn(zero.channels[0]!.id)).toHaveLength(1);
  });

  it("ends with a failure when a shard's gateway closes for good, stopping the other shard and respawning none", { timeout: 90_000 }, async () => {
    const s = await standIn();
    const { io } = cliIo();
    const ready = new Promise<void>((resolve) => io.stdout.on("data", (c) => String(c).includes("studybot ready") && resolve()));
    const exit = main(io, { cwd: FIXTURES, host: "127.0.0.1", env: env(s, { DISCORD_SHARDS: "2", PORT: String(await freePort()) }), shardProcess: SHARD_PROCESS, signal: new Promise<string>(() => undefined) });
    await ready;
    expect(s.connectedShards).toHaveLength(2);
    s.closeShard(1, 4004, "Authentication failed.");
    expect(await exit).toBe(1);
    expect(s.connectedClients).toBe(0);
    expect(s.identifies).toHaveLength(2);
  });
});

/** The answer buttons' custom ids of a message the stand-in stored. */
function answerButtons(message: Record<string, unknown>): string[] {
  const rows = (message.components ?? []) as Array<{ components: Array<{ custom_id?: string }> }>;
  return rows.flatMap((row) => row.components.map((c) => c.custom_id ?? "")).filter((id) => id.startsWith("sb1:ans:"));
}
