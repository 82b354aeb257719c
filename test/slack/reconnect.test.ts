// Socket Mode keeps reconnecting while the failure is transient: after Slack's routine "refresh_requested", an
// outage of apps.connections.open (HTTP 503, which Slack's client calls unrecoverable) is waited out with backoff and
// the connection comes back, shown down meanwhile; an app token refused at a reconnect is reported once as fatal.
// Nothing is left as an unhandled rejection (vitest fails a test that leaves one).
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCore } from "../../src/core/create.js";
import { ManualClock } from "../../src/core/clock.js";
import { LookupService } from "../../src/core/notes/lookup.js";
import type { Config } from "../../src/config.js";
import { openDatabase } from "../../src/db/index.js";
import { createLogger } from "../../src/logger.js";
import { startSlack, type SlackPlatform } from "../../src/platforms/slack/index.js";
import { SlackStandIn, STANDIN_APP_TOKEN, STANDIN_BOT_TOKEN } from "../support/slack-standin.js";
import { testBank, type LogLine } from "./harness.js";

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function socketMode() {
  const standIn = await SlackStandIn.start();
  cleanup.push(() => standIn.stop());
  const database = openDatabase(":memory:");
  cleanup.push(() => database.close());
  const logs: LogLine[] = [];
  const logger = createLogger("debug", { write: (l: string) => void logs.push(JSON.parse(l) as LogLine) });
  const config: Config = {
    slack: { botToken: STANDIN_BOT_TOKEN, appToken: STANDIN_APP_TOKEN, apiUrl: standIn.apiUrl, organizers: [], port: 0 },
    databasePath: ":memory:",
    notesDir: "notes",
    questionsDir: "questions",
    defaultTimezone: "Asia/Seoul",
    defaultLocale: "ko",
    logLevel: "debug",
  };
  const clock = new ManualClock("2026-03-02T00:00:00Z");
  const { bot } = createCore({ store: database.store, notes: new LookupService([]), bank: testBank(), clock, logger, settings: { defaultTimezone: "Asia/Seoul", defaultLocale: "ko" } });
  const fatal = vi.fn();
  const slack: SlackPlatform = await startSlack(bot, config, logger, { clientPingTimeoutMs: 50, reconnectBackoffMs: 20, onFatal: fatal });
  cleanup.push(() => slack.stop());
  return { standIn, slack, logs, clock, fatal };
}

describe("Socket Mode", () => {
  it("reconnects with backoff through an outage of apps.connections.open, shown down meanwhile", async () => {
    const { standIn, slack, logs, clock, fatal } = await socketMode();
    expect(slack.connection()).toEqual({ up: true, since: new Date("2026-03-02T00:00:00Z") });
    // six 503s: the Socket Mode client's own Web API client tries each call three times (its retries: 2)
    standIn.failHttp("apps.connections.open", 503, 6);
    clock.set("2026-03-02T00:05:00Z");
    standIn.socketDisconnect("refresh_requested");
    await vi.waitFor(() => expect(standIn.socketConnections).toBe(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(slack.connection()!.up).toBe(true));
    expect(standIn.callsOf("apps.connections.open").map((c) => c.response.status ?? "ok")).toEqual(["ok", ...Array(6).fill(503), "ok"]);
    // then our backoff between its tries, doubling
    expect(logs.filter((l) => l.msg === "slack: Socket Mode could not reconnect; trying again").map((l) => l.waitMs)).toEqual([20, 40]);
    // it was down from the refresh until it came back
    expect(logs.some((l) => l.msg === "slack: Socket Mode reconnecting")).toBe(true);
    expect(fatal).not.toHaveBeenCalled();
  });

  it("reports an app token refused at a reconnect once, as fatal", async () => {
    const { standIn, slack, fatal } = await socketMode();
    standIn.failNext("apps.connections.open", "invalid_auth");
    standIn.socketDisconnect("refresh_requested");
    await vi.waitFor(() => expect(fatal).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(fatal.mock.calls[0]![0]).toBe("Slack refused SLACK_APP_TOKEN at a reconnect (invalid_auth): generate a new app-level token with the connections:write scope");
    expect(slack.connection()!.up).toBe(false);
  });
});
