// GET /healthz: 200 with what it checked, or 503 when the bot cannot do its job — a real write transaction on the
// database fails, a platform's live connection has been down over a minute, or the scheduler has not swept for two
// minutes. The container's HEALTHCHECK and any supervisor read this.
import type { Clock } from "../core/clock.js";
import type { ConnectionState } from "../platforms/connection.js";
import { json, type AppServer } from "./http.js";

export const CONNECTION_GRACE_MS = 60_000;
export const SCHEDULER_GRACE_MS = 2 * 60_000;

export interface HealthSources {
  clock: Clock;
  /** a real write transaction; rejects when the database cannot be written */
  probeWrite(at: Date): Promise<void>;
  /** when the scheduler last swept (null before its first sweep), and when it started */
  scheduler(): { lastTick: Date | null; startedAt: Date } | null;
  /** each platform's live connection; platforms without one (HTTP mode, the console) are left out */
  connections(): Record<string, ConnectionState>;
}

export interface HealthReport {
  status: "ok" | "unhealthy";
  db: "ok" | "failing";
  platforms: Record<string, { state: "up" | "down"; since: string }>;
  scheduler: { lastTick: string | null };
  /** what made it unhealthy */
  problems: string[];
}

export async function checkHealth(sources: HealthSources): Promise<HealthReport> {
  const now = sources.clock.now();
  const problems: string[] = [];
  let db: HealthReport["db"] = "ok";
  try {
    await sources.probeWrite(now);
  } catch {
    db = "failing";
    problems.push("the database cannot be written");
  }
  const platforms: HealthReport["platforms"] = {};
  for (const [name, c] of Object.entries(sources.connections())) {
    platforms[name] = { state: c.up ? "up" : "down", since: c.since.toISOString() };
    if (!c.up && now.getTime() - c.since.getTime() > CONNECTION_GRACE_MS) problems.push(`${name} has been disconnected since ${c.since.toISOString()}`);
  }
  const s = sources.scheduler();
  const since = s ? (s.lastTick ?? s.startedAt) : null;
  if (since && now.getTime() - since.getTime() > SCHEDULER_GRACE_MS) problems.push(`the scheduler has not run since ${since.toISOString()}`);
  return { status: problems.length ? "unhealthy" : "ok", db, platforms, scheduler: { lastTick: s?.lastTick?.toISOString() ?? null }, problems };
}

/** Serves GET /healthz on the server. */
export function mountHealth(server: AppServer, sources: HealthSources): () => void {
  return server.route("GET", "/healthz", async (_req, res) => {
    const report = await checkHealth(sources);
    json(res, report.status === "ok" ? 200 : 503, report);
  });
}
