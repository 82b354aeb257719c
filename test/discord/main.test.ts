// `studybot start` wiring with Discord credentials: the real src/main.ts starts Discord alone, or beside
// Slack, against the local stand-ins (DISCORD_API_URL / SLACK_API_URL), answers, and shuts down cleanly.
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { GatewayIntentBits } from "discord.js";
import { ManualClock } from "../../src/core/clock.js";
import { startApp, type App } from "../../src/main.js";
import { DiscordStandIn } from "../support/discord-standin.js";
import { SlackStandIn, STANDIN_BOT_TOKEN, STANDIN_SIGNING_SECRET } from "../support/slack-standin.js";
import { FIXTURES, USERS } from "./harness.js";

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function io() {
  const out = { text: "" };
  const stdout = new PassThrough();
  stdout.on("data", (c) => (out.text += String(c)));
  return { out, io: { stdout, stderr: new PassThrough(), stdin: new PassThrough() } };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function start(env: Record<string, string>): Promise<{ app: App; stdout: { text: string } }> {
  const dir = mkdtempSync(path.join(tmpdir(), "studybot-discord-main-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const { out, io: cliIo } = io();
  const app = await startApp(cliIo, {
    cwd: FIXTURES,
    clock: new ManualClock("2026-03-01T23:00:00Z"),
    env: { DATABASE_PATH: path.join(dir, "studybot.db"), NOTES_DIR: "notes", QUESTIONS_DIR: "questions", LOG_LEVEL: "silent", ...env },
  });
  cleanup.push(() => app.stop());
  return { app, stdout: out };
}

describe("studybot start with Discord credentials", () => {
  it("runs Discord alone: Guilds intent only, ready, answering, then a clean stop", async () => {
    const discord = await DiscordStandIn.start();
    cleanup.push(() => discord.stop());
    const { app, stdout } = await start({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl });
    expect(stdout.text).toBe("studybot ready — discord (5 note sections, 3 questions)\n");
    expect(discord.identifies.map((d) => d.intents)).toEqual([GatewayIntentBits.Guilds]);
    expect(app.bot.platforms()).toEqual(["discord"]);

    const id = discord.slashCommand({ name: "lookup", user: USERS.alex, options: [{ name: "query", type: 3, value: "visibility timeout" }] });
    const reply = await discord.callbackFor(id);
    expect((reply.body as { data: { embeds: Array<{ title: string }> } }).data.embeds[0]!.title).toBe("스터디 노트 › SQS Visibility Timeout");

    await app.stop();
    cleanup.pop();
    expect(discord.connectedClients).toBe(0);
    expect(app.bot.platforms().includes("discord")).toBe(false);
  });

  it("runs Discord beside Slack, one core and one database behind both", async () => {
    const discord = await DiscordStandIn.start();
    cleanup.push(() => discord.stop());
    const slack = await SlackStandIn.start();
    cleanup.push(() => slack.stop());
    const { app, stdout } = await start({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: STANDIN_BOT_TOKEN,
      SLACK_SIGNING_SECRET: STANDIN_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
    });
    expect(stdout.text).toBe("studybot ready — discord + slack (5 note sections, 3 questions)\n");
    expect(app.bot.platforms().sort()).toEqual(["discord", "slack"]);
    const id = discord.slashCommand({ name: "leaderboard", user: USERS.mina });
    const reply = await discord.callbackFor(id);
    expect((reply.body as { data: { embeds: Array<{ title: string }> } }).data.embeds[0]!.title).toBe("이번 주 순위");
  });

  it("refuses a wrong token with a message that says what to do", async () => {
    const discord = await DiscordStandIn.start();
    cleanup.push(() => discord.stop());
    await expect(start({ DISCORD_TOKEN: "not-the-token", DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl })).rejects.toThrow(
      "Discord refused DISCORD_TOKEN: copy the bot token again from the developer portal (Bot → Reset Token).",
    );
    expect(discord.requests.map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual(["401 GET /gateway/bot"]);
  });

  it("says where it could not reach Discord when DISCORD_API_URL points nowhere", async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}/api`;
    await expect(start({ DISCORD_TOKEN: "token", DISCORD_APPLICATION_ID: "1100000000000000001", DISCORD_API_URL: nowhere })).rejects.toThrow(
      new RegExp(`^could not reach Discord at ${nowhere.replace(/[.]/g, "\\.")} \\(.+\\): check the network, or DISCORD_API_URL if it is set\\.$`),
    );
  });
});
