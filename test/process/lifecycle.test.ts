// The process as a supervisor sees it, spawned as operators run it: a gateway that closes for good (4004) ends it
// with one clear line and a non-zero code; SIGTERM in the middle of a burst of answers shuts down in order and
// loses no answer that was acknowledged; an error nothing handled logs one line and shuts down in order.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { DiscordStandIn } from "../support/discord-standin.js";
import { blockActionsBody, blockActionsPayload, signedPost, slashCommandBody, SlackStandIn, STANDIN_BOT_TOKEN, STANDIN_SIGNING_SECRET } from "../support/slack-standin.js";
import { logLines, spawnBot, type Bot } from "./support.js";

const cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "studybot-process-"));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function track(bot: Bot): Bot {
  cleanup.push(() => {
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
  });
  return bot;
}

const base = (dir: string) => ({ DATABASE_PATH: path.join(dir, "studybot.db"), NOTES_DIR: "notes", QUESTIONS_DIR: "questions", LOG_LEVEL: "info" });

describe("the studybot process", () => {
  it("exits non-zero with one clear line when the gateway closes for good (4004)", async () => {
    const discord = await DiscordStandIn.start();
    cleanup.push(() => discord.stop());
    const bot = track(spawnBot(["start"], { ...base(tempDir()), DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl, PORT: String(await freePort()) }));
    await bot.printed(/studybot ready — discord/);
    discord.closeGateway(4004, "Authentication failed.");
    const { code } = await bot.exited;
    expect(code).toBe(1);
    const errors = logLines(bot.stderr()).filter((l) => Number(l.level) >= 50);
    expect(errors.map((l) => l.msg)).toEqual(["discord: Discord rejected DISCORD_TOKEN (gateway close 4004): copy the bot token again from the developer portal (Bot → Reset Token)"]);
    expect(bot.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("shuts down on SIGTERM in the middle of an answer burst and loses no acknowledged answer", async () => {
    const slack = await SlackStandIn.start({ channels: [{ id: "C0DAILY001", name: "daily-quiz", botIsMember: true }] });
    cleanup.push(() => slack.stop());
    const dir = tempDir();
    const port = await freePort();
    const bot = track(
      spawnBot(["start"], { ...base(dir), SLACK_BOT_TOKEN: STANDIN_BOT_TOKEN, SLACK_SIGNING_SECRET: STANDIN_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, SLACK_ORGANIZERS: "U0ADMIN001", PORT: String(port) }),
    );
    await bot.printed(/studybot ready — slack/);
    const url = `http://127.0.0.1:${port}/slack/events`;
    const organiser = { id: "U0ADMIN001", name: "jiwoo" };
    await signedPost(url, slashCommandBody({ command: "/studybot", text: "post-now", user: organiser, teamId: slack.teamId, channelId: "C0DAILY001", responseUrl: slack.responseUrl() }), "application/x-www-form-urlencoded");
    await slack.until(() => slack.callsOf("chat.postMessage").length === 1, "the card");
    const roundId = Number(/^round:(\d+)$/.exec(String((slack.callsOf("chat.postMessage")[0]!.args.blocks as Array<{ block_id?: string }>).find((b) => b.block_id?.startsWith("round:"))!.block_id))![1]);

    // 60 members click at once; SIGTERM arrives once the first ten were acknowledged
    const members = Array.from({ length: 60 }, (_, i) => ({ id: `U0M${String(i).padStart(7, "0")}`, name: `member${i}` }));
    let acked = 0;
    const clicks = members.map((m, i) => {
      const body = blockActionsBody(blockActionsPayload({ user: m, teamId: slack.teamId, channelId: "C0DAILY001", messageTs: "1", responseUrl: slack.responseUrl(), action: { action_id: `answer:${i % 4}`, block_id: `round:${roundId}`, value: `${roundId}:${i % 4}` }, actionTs: (Date.now() / 1000).toFixed(6) }));
      return signedPost(url, body, "application/x-www-form-urlencoded").then(
        (r) => {
          if (r.status === 200 && ++acked === 10) bot.child.kill("SIGTERM");
          return { member: m.id, status: r.status };
        },
        () => ({ member: m.id, status: 0 }), // refused: the server had stopped listening
      );
    });
    const results = await Promise.all(clicks);
    const { code } = await bot.exited;
    expect(code).toBe(0);
    const acknowledged = results.filter((r) => r.status === 200).map((r) => r.member);
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);
    const db = new BetterSqlite3(path.join(dir, "studybot.db"), { readonly: true });
    cleanup.push(() => db.close());
    const stored = (db.prepare("SELECT m.user_id AS id FROM answers a JOIN members m ON m.id = a.member_id WHERE a.round_id = ?").all(roundId) as Array<{ id: string }>).map((r) => r.id);
    expect(stored.filter((id) => acknowledged.includes(id)).sort()).toEqual([...acknowledged].sort());
    expect(logLines(bot.stderr()).find((l) => l.msg === "stopping")).toMatchObject({ reason: "SIGTERM" });
  });

  it("logs one line for an error nothing handled, then shuts down in order with a non-zero code", async () => {
    const dir = tempDir();
    // a rejection no code waits for, provoked from outside once the bot runs
    const provoke = path.join(dir, "provoke.mjs");
    writeFileSync(provoke, "process.on('SIGUSR2', () => { Promise.reject(new Error('provoked')); });\n");
    // (the console shows info lines only at debug)
    const bot = track(spawnBot(["start"], { ...base(dir), LOG_LEVEL: "debug", PORT: String(await freePort()), NODE_OPTIONS: `--import=${pathToFileURL(provoke).href}` }));
    await bot.printed(/\n/); // the console's banner: the bot runs
    bot.child.kill("SIGUSR2");
    const { code } = await bot.exited;
    expect(code).toBe(1);
    const lines = logLines(bot.stderr());
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([expect.objectContaining({ msg: "unhandled promise rejection: shutting down", err: expect.objectContaining({ message: "provoked" }) })]);
    expect(lines.find((l) => l.msg === "stopping")).toMatchObject({ reason: "unhandled promise rejection" });
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
  });
});
