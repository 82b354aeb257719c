// Starting and stopping the Slack platform: a wrong bot or app token, or a busy PORT, stops start-up with a
// message that says what to fix (and leaves nothing registered or listening); stop() closes the receiver and
// leaves the port registry.
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createCore } from "../../src/core/create.js";
import { ManualClock } from "../../src/core/clock.js";
import { LookupService } from "../../src/core/notes/lookup.js";
import type { Config } from "../../src/config.js";
import { openDatabase } from "../../src/db/index.js";
import { createLogger, silentLogger } from "../../src/logger.js";
import { startSlack } from "../../src/platforms/slack/index.js";
import { signedPost, SlackStandIn, STANDIN_APP_TOKEN, STANDIN_BOT_TOKEN, STANDIN_SIGNING_SECRET } from "../support/slack-standin.js";
import { testBank } from "./harness.js";

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function setup(slack: Partial<NonNullable<Config["slack"]>>) {
  const standIn = await SlackStandIn.start();
  cleanup.push(() => standIn.stop());
  const database = openDatabase(":memory:");
  cleanup.push(() => database.close());
  const config: Config = {
    slack: { botToken: STANDIN_BOT_TOKEN, signingSecret: STANDIN_SIGNING_SECRET, apiUrl: standIn.apiUrl, organizers: [], port: 0, ...slack },
    port: 0,
    databasePath: ":memory:",
    notesDir: "notes",
    questionsDir: "questions",
    defaultTimezone: "Asia/Seoul",
    defaultLocale: "ko",
    logLevel: "silent",
  };
  const { bot } = createCore({
    store: database.store,
    notes: new LookupService([]),
    bank: testBank(),
    clock: new ManualClock("2026-03-02T00:00:00Z"),
    logger: silentLogger,
    settings: { defaultTimezone: config.defaultTimezone, defaultLocale: config.defaultLocale },
  });
  return { standIn, bot, config };
}

describe("starting the Slack platform", () => {
  it("refuses a wrong bot token before listening, saying where the right one is", async () => {
    const { standIn, bot, config } = await setup({ botToken: "xoxb-wrong" });
    await expect(startSlack(bot, config, silentLogger, { host: "127.0.0.1" })).rejects.toThrow(
      'Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) from your app\'s "OAuth & Permissions" page.',
    );
    expect(standIn.calls.map((c) => [c.method, c.response.error])).toEqual([["auth.test", "invalid_auth"]]);
    expect(bot.platforms()).toEqual([]);
  });

  it("refuses a wrong app token in Socket Mode, saying how to make one", async () => {
    const { standIn, bot, config } = await setup({ appToken: "xapp-1-wrong", signingSecret: undefined });
    await expect(startSlack(bot, config, silentLogger)).rejects.toThrow(
      'Slack refused SLACK_APP_TOKEN (invalid_auth): generate an app-level token with the connections:write scope under "Basic Information → App-Level Tokens".',
    );
    expect(standIn.calls.map((c) => [c.method, c.response.error ?? "ok"])).toEqual([
      ["auth.test", "ok"],
      ["apps.connections.open", "invalid_auth"],
    ]);
    expect(bot.platforms()).toEqual([]);
  });

  it("says which PORT is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    cleanup.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const taken = (blocker.address() as { port: number }).port;
    const { bot, config } = await setup({});
    await expect(startSlack(bot, config, silentLogger, { host: "127.0.0.1", httpPort: taken })).rejects.toThrow(`PORT ${taken} is already in use`);
    expect(bot.platforms()).toEqual([]);
  });

  it("registers its port while running; stop() closes the receiver and leaves the registry", async () => {
    const { bot, config } = await setup({});
    const slack = await startSlack(bot, config, silentLogger, { host: "127.0.0.1" });
    expect(slack.mode).toBe("http");
    expect(slack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
    expect(bot.platforms()).toEqual(["slack"]);
    const before = await signedPost(slack.url!, JSON.stringify({ type: "url_verification", challenge: "c" }), "application/json");
    expect(before.status).toBe(200);
    await slack.stop();
    expect(bot.platforms()).toEqual([]);
    await expect(signedPost(slack.url!, "{}", "application/json")).rejects.toThrow(); // connection refused
    await slack.stop(); // twice is harmless
  });

  it("warns about SLACK_ORGANIZERS entries that are not member ids", async () => {
    const lines: Array<{ level: number; msg: string; entries?: string[] }> = [];
    const logger = createLogger("info", { write: (l: string) => void lines.push(JSON.parse(l)) });
    const { bot, config } = await setup({ organizers: ["U0ADMIN001", "@jiwoo", "jiwoo@example.com"] });
    const slack = await startSlack(bot, config, logger, { host: "127.0.0.1" });
    cleanup.push(() => slack.stop());
    const warning = lines.find((l) => l.level === 40)!;
    expect(warning.entries).toEqual(["@jiwoo", "jiwoo@example.com"]);
    expect(warning.msg).toContain("copy each organiser's member ID");
  });

  it("takes the app token's Socket Mode over HTTP when both are set", async () => {
    const { standIn, bot, config } = await setup({ appToken: STANDIN_APP_TOKEN });
    const slack = await startSlack(bot, config, silentLogger);
    cleanup.push(() => slack.stop());
    expect(slack.mode).toBe("socket");
    expect(slack.url).toBeNull();
    await standIn.socketConnected();
  });
});
