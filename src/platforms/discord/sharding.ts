// Discord sharding (DISCORD_SHARDS): this process becomes the manager. discord.js's ShardingManager starts one process
// per shard of this machine's range (DISCORD_SHARD_LIST, else every shard), each the same `studybot start` holding that
// shard's gateway and answering its servers' interactions (./shard.ts). The manager holds no gateway: it runs the
// scheduler (cards go out through Discord's REST API, which needs no gateway, so it posts for every server), Slack when
// configured, and the HTTP server; it keeps each shard's connection state from their IPC reports for /healthz and
// collects every shard's metrics over IPC for /metrics. A shard that ends for any reason (a gateway close no reconnect can fix, a crash)
// ends the manager with a failure (exit 1): nothing respawns it in a loop; the supervisor restarts the whole set.
import type { ChildProcess } from "node:child_process";
import type { Worker } from "node:worker_threads";
import { setTimeout as sleep } from "node:timers/promises";
import { REST, Routes, ShardingManager, type Shard } from "discord.js";
import type { StudyBot } from "../../core/app.js";
import { ConfigError, NO_QUESTIONS, type Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import type { MetricsJson } from "../../server/metrics.js";
import { ConnectionTracker, type ConnectionState, type FatalHandler } from "../connection.js";
import { PLATFORM } from "./handlers.js";
import { DiscordPort } from "./port.js";
import { COLLECT, type CollectReply, type CollectRequest } from "./shard.js";

/** Discord lets shards with the same `id % max_concurrency` identify only this far apart. */
const IDENTIFY_INTERVAL_MS = 5_000;

export interface ShardManagerOptions {
  /** the environment the shard processes start with (the manager's own configuration source) */
  env: Record<string, string | undefined>;
  /** the program each shard runs (default: this process's own entry script) with `start` */
  script?: string;
  /** node options for the shard processes (default: this process's own) */
  execArgv?: string[];
  /** how long a shard may take to be ready, ms (default 60 s) */
  readyTimeoutMs?: number;
  /** a shard ended: the process should end with a failure */
  onFatal?: FatalHandler;
  /** where the shards' own output goes (default: this process's) */
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

export interface DiscordShards {
  /** the shard ids this manager runs, of `count` in all */
  ids: number[];
  count: number;
  /** each shard's gateway connection by name ("discord shard 3"), kept from the shards' reports: no waiting */
  connections(): Record<string, ConnectionState>;
  /** asks every running shard for `kind` (see ./shard.ts); a shard that does not answer in time has an error */
  collect<T = unknown>(kind: string, timeoutMs?: number): Promise<Array<{ shard: number; value?: T; error?: string }>>;
  /** every running shard's metrics, for the manager's /metrics (a shard that does not answer is left out, and logged) */
  metrics(): Promise<MetricsJson[]>;
  /** stops every shard (SIGTERM, then SIGKILL after `graceMs`) and leaves the port registry */
  stop(graceMs?: number): Promise<void>;
}

interface GatewayBot {
  shards: number;
  session_start_limit: { max_concurrency: number };
}

/** `GET /gateway/bot`: the shard count Discord recommends and how many shards may identify at once. */
async function gatewayBot(rest: REST, apiUrl: string | undefined): Promise<GatewayBot> {
  try {
    return (await rest.get(Routes.gatewayBot())) as GatewayBot;
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 401) throw new ConfigError("Discord refused DISCORD_TOKEN: copy the bot token again from the developer portal (Bot → Reset Token).");
    throw new ConfigError(`could not reach Discord${apiUrl ? ` at ${apiUrl}` : ""} to plan the shards (${(err as Error).message}): check the network, or DISCORD_API_URL if it is set.`);
  }
}

/** Shard ids in identify waves: ids whose `id % maxConcurrency` differ may identify together. */
export function identifyWaves(ids: number[], maxConcurrency: number): number[][] {
  const waves = new Map<number, number[]>();
  for (const id of [...ids].sort((a, b) => a - b)) {
    const wave = Math.floor(id / Math.max(1, maxConcurrency));
    waves.set(wave, [...(waves.get(wave) ?? []), id]);
  }
  return [...waves.values()];
}

export async function startShardManager(bot: StudyBot, config: Config, logger: Logger, opts: ShardManagerOptions): Promise<DiscordShards> {
  const discord = config.discord;
  if (!discord?.sharding) throw new ConfigError("Discord sharding is not configured: set DISCORD_SHARDS.");
  const log = logger.child({ platform: PLATFORM, component: "shards" });
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token);
  const gateway = await gatewayBot(rest, discord.apiUrl);
  const count = discord.sharding.count === "auto" ? Math.max(1, gateway.shards) : discord.sharding.count;
  const ids = discord.sharding.list ?? Array.from({ length: count }, (_, i) => i);
  const script = opts.script ?? process.argv[1];
  if (!script) throw new Error("no script to start the shards with");

  // The manager sets SHARDING_MANAGER and DISCORD_TOKEN in this process's environment for its shards; each shard gets
  // its own environment below, so this process's stays as it was.
  const saved = Object.fromEntries(["SHARDING_MANAGER", "SHARDING_MANAGER_MODE", "DISCORD_TOKEN"].map((k) => [k, process.env[k]]));
  const manager = new ShardingManager(script, {
    totalShards: count,
    shardList: ids,
    mode: "process",
    respawn: false,
    shardArgs: ["start"],
    execArgv: opts.execArgv ?? process.execArgv,
    token: discord.token,
    // piped, then passed on to this process's own output
    silent: true,
  });
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }

  const now = () => bot.clock.now();
  const states = new Map<number, ConnectionTracker>();
  let stopping = false;
  let failed = false;
  const fail = (reason: string) => {
    if (stopping || failed) return;
    failed = true;
    log.error({ reason }, `discord: ${reason}; stopping every shard`);
    opts.onFatal?.(reason);
  };

  // Each shard runs this machine's configuration, with paths made absolute (shards start in this process's folder).
  const shardEnv = (id: number): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.env)) if (v !== undefined) env[k] = v;
    return {
      ...env,
      DATABASE_PATH: config.databasePath,
      NOTES_DIR: config.notesDir,
      QUESTIONS_DIR: config.questionsDir ?? NO_QUESTIONS,
      SHARDING_MANAGER: "true",
      SHARDING_MANAGER_MODE: "process",
      SHARDS: String(id),
      SHARD_COUNT: String(count),
      DISCORD_TOKEN: discord.token,
    };
  };

  const pending = new Map<string, (reply: CollectReply) => void>();
  let nextRequest = 0;
  const watch = (shard: Shard) => {
    const id = shard.id;
    const state = new ConnectionTracker(now);
    states.set(id, state);
    shard.on("ready", () => state.up());
    shard.on("resume", () => state.up());
    shard.on("reconnecting", () => state.down());
    shard.on("disconnect", () => state.down());
    shard.on("message", (m: unknown) => {
      const reply = m as CollectReply | null;
      if (reply?.[COLLECT] === "reply") pending.get(reply.request)?.(reply);
    });
    shard.on("spawn", (spawned: ChildProcess | Worker) => {
      const child = spawned as ChildProcess;
      child.stdout?.pipe(opts.stdout ?? process.stdout, { end: false });
      child.stderr?.pipe(opts.stderr ?? process.stderr, { end: false });
    });
    shard.on("death", (child) => {
      state.down();
      const code = (child as { exitCode?: number | null }).exitCode;
      fail(`Discord shard ${id} of ${count} ended (exit code ${code ?? "unknown"})`);
    });
  };

  const stopShards = async (graceMs: number) => {
    stopping = true;
    const exits = [...manager.shards.values()].map((shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), graceMs).unref();
      });
    });
    await Promise.all(exits);
  };

  const readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;
  const waves = identifyWaves(ids, gateway.session_start_limit.max_concurrency);
  log.info({ shards: ids, count, waves: waves.length }, "discord: starting the shards");
  try {
    for (const [i, wave] of waves.entries()) {
      if (i > 0) await sleep(IDENTIFY_INTERVAL_MS);
      await Promise.all(
        wave.map((id) => {
          const shard = manager.createShard(id);
          shard.env = shardEnv(id);
          watch(shard);
          return shard.spawn(readyTimeoutMs);
        }),
      );
    }
  } catch (err) {
    await stopShards(2_000);
    throw new ConfigError(`the Discord shards did not start (${(err as Error).message}): see the shards' log lines above.`);
  }

  const port = new DiscordPort(rest);
  const unregister = bot.registerPort(PLATFORM, port);
  log.info({ shards: ids, count }, "discord: every shard is ready");

  return {
    ids,
    count,
    connections: () => Object.fromEntries([...states].map(([id, state]) => [`discord shard ${id}`, state.current])),
    collect,
    async metrics() {
      const replies = await collect<MetricsJson>("metrics");
      for (const r of replies) if (r.error !== undefined) log.warn({ shard: r.shard, error: r.error }, "discord: a shard's metrics are missing from /metrics");
      return replies.flatMap((r) => (r.value ? [r.value] : []));
    },
    async stop(graceMs = 10_000) {
      await stopShards(graceMs);
      unregister();
      log.info("discord: every shard stopped");
    },
  };

  async function collect<T>(kind: string, timeoutMs = 2_000): Promise<Array<{ shard: number; value?: T; error?: string }>> {
    return Promise.all(
        [...manager.shards.values()].map(async (shard) => {
          if (!shard.process || shard.process.exitCode !== null) return { shard: shard.id, error: "not running" };
          const request = `${kind}:${nextRequest++}`;
          let timer: NodeJS.Timeout | undefined;
          try {
            const reply = await Promise.race([
              new Promise<CollectReply>((resolve) => {
                pending.set(request, resolve);
                void shard.send({ [COLLECT]: "request", request, kind } satisfies CollectRequest).catch(() => undefined);
              }),
              new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
            ]);
            return reply.error !== undefined ? { shard: shard.id, error: reply.error } : { shard: shard.id, value: reply.value as T };
          } catch (err) {
            return { shard: shard.id, error: (err as Error).message };
          } finally {
            clearTimeout(timer);
            pending.delete(request);
          }
        }),
    );
  }
}
