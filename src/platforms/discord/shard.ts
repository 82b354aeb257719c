// A shard process started by the manager (./sharding.ts): it holds its shards' gateway and answers their servers'
// interactions; it neither runs the scheduler nor listens on PORT (the manager does both). discord.js reports the
// gateway's state to the manager by itself; this answers the manager's requests for figures (`collect`) from the
// providers registered here, and says when the manager is gone, so that no shard outlives it.
import type { Client } from "discord.js";

/** The key of studybot's own messages between the manager and its shards (discord.js's begin with "_"). */
export const COLLECT = "studybotCollect";

export interface CollectRequest {
  [COLLECT]: "request";
  request: string;
  kind: string;
}

export interface CollectReply {
  [COLLECT]: "reply";
  request: string;
  value?: unknown;
  error?: string;
}

/** What a shard reports by default: its shard ids, servers, gateway latency and whether it is connected. */
export interface ShardStats {
  ids: number[];
  guilds: number;
  pingMs: number;
  ready: boolean;
}

export type Providers = Record<string, () => unknown>;

export interface ShardLink {
  /** resolves when the manager is gone (its IPC channel closed): the shard should stop */
  managerGone: Promise<string>;
  /** adds (or replaces) what the manager may collect as `kind` */
  provide(kind: string, provider: () => unknown): void;
  /** stops answering and closes the channel to the manager (the last thing a stopping shard does) */
  close(): void;
}

export function shardStats(client: Client): ShardStats {
  return { ids: client.shard?.ids ?? [], guilds: client.guilds.cache.size, pingMs: client.ws.ping, ready: client.isReady() };
}

export function linkToManager(client: Client, providers: Providers = {}): ShardLink {
  const all: Providers = { stats: () => shardStats(client), ...providers };
  const onMessage = (m: unknown) => {
    const req = m as CollectRequest | null;
    if (req?.[COLLECT] !== "request") return;
    const provider = all[req.kind];
    void (async () => {
      let reply: CollectReply;
      try {
        if (!provider) throw new Error(`nothing to report as "${req.kind}"`);
        reply = { [COLLECT]: "reply", request: req.request, value: await provider() };
      } catch (err) {
        reply = { [COLLECT]: "reply", request: req.request, error: (err as Error).message };
      }
      process.send?.(reply);
    })();
  };
  process.on("message", onMessage);
  const managerGone = new Promise<string>((resolve) => process.once("disconnect", () => resolve("the shard manager is gone")));
  return {
    managerGone,
    provide: (kind, provider) => void (all[kind] = provider),
    close: () => {
      process.off("message", onMessage);
      if (process.connected) process.disconnect();
    },
  };
}
