// Socket Mode, started the way operators start it: `startApp` with SLACK_BOT_TOKEN + SLACK_APP_TOKEN in the
// environment and SLACK_API_URL pointing at the stand-in. Bolt asks apps.connections.open for a websocket (on
// the stand-in), and commands, clicks and events arrive over it as envelopes the app acknowledges.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { ts as t } from "../../src/platforms/slack/messages.js";
import { startApp, type App } from "../../src/main.js";
import { blockActionsPayload, SlackStandIn, STANDIN_APP_TOKEN, STANDIN_BOT_TOKEN } from "../support/slack-standin.js";
import { CHANNEL, ROOT, TEAM, USERS } from "./harness.js";

let standIn: SlackStandIn;
let app: App;
let dir: string;
let stdout = "";

beforeAll(async () => {
  standIn = await SlackStandIn.start({ teamId: TEAM, users: Object.values(USERS), channels: [{ id: CHANNEL, name: "daily-quiz", botIsMember: true }] });
  dir = mkdtempSync(path.join(tmpdir(), "studybot-slack-socket-"));
  const out = new Writable({
    write(chunk, _enc, done) {
      stdout += String(chunk);
      done();
    },
  });
  app = await startApp(
    { stdout: out, stderr: out, stdin: process.stdin },
    {
      cwd: ROOT,
      clock: new ManualClock("2026-03-02T00:00:00Z"),
      signal: new Promise<string>(() => undefined),
      env: {
        SLACK_BOT_TOKEN: STANDIN_BOT_TOKEN,
        SLACK_APP_TOKEN: STANDIN_APP_TOKEN,
        SLACK_API_URL: standIn.apiUrl.replace(/\/$/, ""), // without the slash: the adapter adds it
        DATABASE_PATH: path.join(dir, "studybot.db"),
        NOTES_DIR: "notes",
        QUESTIONS_DIR: "questions",
        DEFAULT_LOCALE: "ko",
        LOG_LEVEL: "silent",
      },
    },
  );
});

afterAll(async () => {
  await app?.stop();
  await standIn?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("Socket Mode", () => {
  it("starts from the environment: auth.test with the bot token, then a websocket from apps.connections.open", async () => {
    await standIn.socketConnected();
    expect(stdout).toMatch(/^studybot ready — slack \(\d+ note sections, \d+ questions\)\n$/);
    expect(app.platforms.map((p) => p.name)).toEqual(["slack"]);
    expect(standIn.calls.map((c) => [c.method, c.token])).toEqual([
      ["auth.test", STANDIN_BOT_TOKEN],
      ["apps.connections.open", STANDIN_APP_TOKEN],
    ]);
    standIn.clear();
  });

  it("acknowledges a slash command envelope, then replies through the response_url", async () => {
    const responseUrl = standIn.responseUrl();
    const ack = await standIn.socketSend("slash_commands", {
      command: "/lookup",
      text: "키네시스 샤드",
      team_id: TEAM,
      channel_id: CHANNEL,
      user_id: USERS.mina.id,
      user_name: USERS.mina.name,
      response_url: responseUrl,
      trigger_id: "t1",
      api_app_id: "A0STUDYBOT",
    });
    expect(ack).toEqual({}); // acknowledged with no payload: the answer follows separately
    await standIn.until(() => standIn.responses.length === 1, "the /lookup reply");
    const reply = standIn.responses[0]!.body as { response_type: string; blocks: Array<{ type: string; text?: { text: string } }> };
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.blocks[0]!.text!.text).toBe("#78 Ordering data into Kinesis");
    expect(standIn.calls.map((c) => [c.method, c.args.user])).toEqual([["users.info", USERS.mina.id]]);
  });

  it("takes a button click over the socket", async () => {
    standIn.clear();
    const responseUrl = standIn.responseUrl();
    await standIn.socketSend(
      "interactive",
      blockActionsPayload({ user: USERS.alex, teamId: TEAM, channelId: CHANNEL, messageTs: "1700000000.000009", responseUrl, ephemeral: true, action: { action_id: "lookup_share", block_id: "lookup_share", value: "section:notes/dva-theory.txt#410" } }),
    );
    await standIn.until(() => standIn.responses.length === 1, "the shared section");
    expect(standIn.responses[0]!.body).toMatchObject({ response_type: "in_channel", replace_original: false });
    // A click never waits for users.info: Alex's profile is fetched after his click was answered.
    await standIn.until(() => standIn.callsOf("users.info").length === 1, "Alex's profile");
    expect(standIn.calls.map((c) => [c.method, c.args.user])).toEqual([["users.info", USERS.alex.id]]);
  });

  it("publishes the Home tab for app_home_opened once, even when the event is redelivered", async () => {
    standIn.clear();
    const event = {
      token: "x",
      team_id: TEAM,
      api_app_id: "A0STUDYBOT",
      type: "event_callback",
      event_id: "Ev0SOCKET01",
      event_time: 1772409600,
      event: { type: "app_home_opened", user: USERS.seo.id, channel: "D0HOME0001", tab: "home", event_ts: "1772409600.000100" },
      authorizations: [{ team_id: TEAM, user_id: "U0STUDYBOT", is_bot: true }],
    };
    await standIn.socketSend("events_api", event);
    await standIn.until(() => standIn.callsOf("views.publish").length === 1, "views.publish");
    const view = standIn.callsOf("views.publish")[0]!.args.view as { blocks: unknown[] };
    expect(JSON.stringify(view.blocks)).toContain(t("ko", "slack.home.your_stats"));
    await standIn.socketSend("events_api", event, { retry_attempt: 1, retry_reason: "timeout" });
    // A fresh event sent after the redelivery is handled after it; once its Home tab is published, and the app
    // has stopped (which waits for work in flight), the redelivery has had every chance to act.
    await standIn.socketSend("events_api", { ...event, event_id: "Ev0SOCKET02", event: { ...event.event, user: USERS.mina.id } });
    await standIn.until(() => standIn.callsOf("views.publish").length === 2, "the second views.publish");
    await app.platforms[0]!.stop();
    expect(standIn.calls.map((c) => [c.method, c.args.user ?? c.args.user_id])).toEqual([
      ["users.info", USERS.seo.id],
      ["views.publish", USERS.seo.id],
      ["views.publish", USERS.mina.id], // Mina's profile is remembered from her /lookup
    ]);
  });
});
