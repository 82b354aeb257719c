// /healthz and /metrics on the process's one HTTP server, started the way operators start it (startApp) with
// Discord against its stand-in: 200 with what was checked, 503 when a real write transaction fails or the gateway
// has been down over a minute; the scheduler's rule on its own; Prometheus text with the product's counters.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { startApp, type App } from "../../src/main.js";
import { checkHealth, type HealthReport } from "../../src/server/health.js";
import { DiscordStandIn } from "../support/discord-standin.js";
import { FIXTURES, USERS } from "../discord/harness.js";

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function start(env: Record<string, string>, clock = new ManualClock("2026-03-01T23:00:00Z")): Promise<App> {
  const dir = mkdtempSync(path.join(tmpdir(), "studybot-health-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const app = await startApp(
    { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() },
    { cwd: FIXTURES, clock, host: "127.0.0.1", env: { DATABASE_PATH: path.join(dir, "studybot.db"), NOTES_DIR: "notes", QUESTIONS_DIR: "questions", LOG_LEVEL: "silent", ...env } },
  );
  cleanup.push(() => app.stop());
  return app;
}

async function discordApp(clock?: ManualClock) {
  const discord = await DiscordStandIn.start();
  cleanup.push(() => discord.stop());
  const app = await start({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl, PORT: String(await freePort()) }, clock);
  return { discord, app, get: (p: string) => fetch(app.server!.url(p)) };
}

describe("/healthz", () => {
  it("answers 200 with the database, the gateway and the scheduler's last sweep", async () => {
    const { get } = await discordApp();
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      db: "ok",
      platforms: { discord: { state: "up", since: "2026-03-01T23:00:00.000Z" } },
      scheduler: { lastTick: "2026-03-01T23:00:00.000Z" },
      problems: [],
    });
  });

  it("answers 503 when a real write transaction fails", async () => {
    const { app, get } = await discordApp();
    if (app.database.kind !== "sqlite") throw new Error("the test runs on SQLite");
    app.database.sqlite.pragma("query_only = ON"); // the file turned read-only
    const res = await get("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unhealthy", db: "failing", problems: ["the database cannot be written"] });
  });

  it("answers 503 when the gateway has been down for over a minute, and 200 while it is down for less", async () => {
    const clock = new ManualClock("2026-03-01T23:00:00Z");
    const { discord, get } = await discordApp(clock);
    discord.refuseGateway = true;
    clock.advance(10_000);
    discord.closeGateway(4000, "Unknown error"); // resumable: discord.js tries to reconnect, and cannot
    await vi.waitFor(async () => expect(((await (await get("/healthz")).json()) as HealthReport).platforms.discord!.state).toBe("down"));
    clock.advance(59_000);
    expect((await get("/healthz")).status).toBe(200);
    clock.advance(2_000);
    const res = await get("/healthz");
    expect(res.status).toBe(503);
    expect(((await res.json()) as HealthReport).problems).toEqual(["discord has been disconnected since 2026-03-01T23:00:10.000Z"]);
  });

  it("calls a scheduler that has not swept for two minutes unhealthy", async () => {
    const at = (iso: string) => new Date(iso);
    const sources = (now: string, lastTick: string | null) => ({
      clock: { now: () => at(now) },
      probeWrite: async () => undefined,
      scheduler: () => ({ lastTick: lastTick ? at(lastTick) : null, startedAt: at("2026-03-02T00:00:00Z") }),
      connections: () => ({}),
    });
    expect((await checkHealth(sources("2026-03-02T00:02:00Z", "2026-03-02T00:00:00Z"))).status).toBe("ok");
    expect(await checkHealth(sources("2026-03-02T00:02:01Z", "2026-03-02T00:00:00Z"))).toMatchObject({ status: "unhealthy", problems: ["the scheduler has not run since 2026-03-02T00:00:00.000Z"] });
    // started but never swept counts from its start
    expect((await checkHealth(sources("2026-03-02T00:03:00Z", null))).status).toBe("unhealthy");
  });
});

describe("/metrics", () => {
  it("serves the product's counters and the process's metrics in Prometheus text", async () => {
    const { discord, app, get } = await discordApp();
    const lookup = discord.slashCommand({ name: "lookup", user: USERS.alex, options: [{ name: "query", type: 3, value: "visibility timeout" }] });
    await discord.callbackFor(lookup);
    const post = discord.slashCommand({ name: "studybot", user: USERS.organiser, options: [{ name: "post-now", type: 1, options: [] }] });
    await discord.responseFor(post);
    const res = await get("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('studybot_cards_posted_total{platform="discord"} 1');
    expect(text).toMatch(/^studybot_lookup_seconds_count 1$/m);
    expect(text).toContain("# TYPE studybot_delivery_failures_total counter");
    expect(text).toMatch(/^studybot_process_cpu_user_seconds_total /m);
    expect(app.server).not.toBeNull();
  });
});

describe("the HTTP server", () => {
  it("does not start in console mode unless PORT is set", async () => {
    const quiet = await start({});
    expect(quiet.server).toBeNull();
    const served = await start({ PORT: String(await freePort()) });
    expect((await fetch(served.server!.url("/healthz"))).status).toBe(200);
    expect((await fetch(served.server!.url("/nope"))).status).toBe(404);
  });
});
