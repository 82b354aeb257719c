// Slack installs in many workspaces, started the way operators start them (SLACK_CLIENT_ID and the rest in the
// environment): the install page sends the browser to Slack's approval page with a signed state, the redirect's code
// is exchanged at the stand-in's oauth.v2.access for the workspace's own bot token, the installation is kept in the
// database encrypted, each workspace's requests and cards use its own token, and an uninstall or a revoked bot token
// deletes the installation.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { ManualClock } from "../../src/core/clock.js";
import { DeliveryError } from "../../src/core/delivery.js";
import { startApp, type App } from "../../src/main.js";
import { seal, unseal } from "../../src/platforms/slack/installations.js";
import { BOT_SCOPES } from "../../src/platforms/slack/manifest.js";
import { freePort } from "../support/ports.js";
import { signedPost, SlackStandIn, slashCommandBody, STANDIN_CLIENT_ID, STANDIN_CLIENT_SECRET, STANDIN_INSTALLER, STANDIN_SIGNING_SECRET } from "../support/slack-standin.js";
import { FIXTURES } from "../discord/harness.js";

const KEY = randomBytes(32);
const SECOND = { id: "T0SECOND1", name: "Second Study" };
const ORGANISER = { id: "U0ORGANIZ1", name: "jiwoo" };
const CHANNEL = "C0DAILY001";

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function oauthEnv(standIn: SlackStandIn, port: number, dir: string): Record<string, string> {
  return {
    SLACK_CLIENT_ID: STANDIN_CLIENT_ID,
    SLACK_CLIENT_SECRET: STANDIN_CLIENT_SECRET,
    SLACK_STATE_SECRET: "state-secret-for-the-install-flow",
    SLACK_TOKEN_KEY: KEY.toString("base64"),
    SLACK_SIGNING_SECRET: STANDIN_SIGNING_SECRET,
    SLACK_API_URL: standIn.apiUrl,
    SLACK_ORGANIZERS: ORGANISER.id,
    PORT: String(port),
    DATABASE_PATH: path.join(dir, "studybot.db"),
    NOTES_DIR: "notes",
    QUESTIONS_DIR: "questions",
    LOG_LEVEL: "silent",
  };
}

async function start(): Promise<{ app: App; standIn: SlackStandIn; url: (p: string) => string }> {
  const standIn = await SlackStandIn.start({ channels: [{ id: CHANNEL, name: "daily-quiz", botIsMember: true }], users: [{ id: ORGANISER.id, name: ORGANISER.name }] });
  cleanup.push(() => standIn.stop());
  const dir = mkdtempSync(path.join(tmpdir(), "studybot-install-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const app = await startApp(
    { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() },
    { cwd: FIXTURES, clock: new ManualClock("2026-03-01T23:00:00Z"), host: "127.0.0.1", env: oauthEnv(standIn, await freePort(), dir) },
  );
  cleanup.push(() => app.stop());
  return { app, standIn, url: (p) => app.server!.url(p) };
}

/** The browser's way through the install: the install page, Slack's approval (the stand-in), the redirect. */
async function install(url: (p: string) => string, standIn: SlackStandIn, team = SECOND) {
  const page = await fetch(url("/slack/install"), { redirect: "manual" });
  expect(page.status).toBe(302);
  const approval = new URL(page.headers.get("location")!);
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  const code = standIn.approveInstall(team, approval.searchParams.get("scope")!.split(","));
  const done = await fetch(url(`/slack/oauth_redirect?code=${code}&state=${approval.searchParams.get("state")}`), { headers: { cookie }, redirect: "manual" });
  return { approval, done };
}

function uninstallEvent(teamId: string, event: Record<string, unknown>): string {
  return JSON.stringify({ token: "x", team_id: teamId, api_app_id: "A0STUDYBOT", type: "event_callback", event_id: `Ev${teamId}${String(event.type)}`, event_time: 1772409600, event, authorizations: [{ team_id: teamId, user_id: "U0STUDYBOT", is_bot: true }] });
}

describe("Slack installs in many workspaces", () => {
  it("installs through Slack's approval and oauth.v2.access, keeps the token encrypted, and answers that workspace with its own token", async () => {
    const { app, standIn, url } = await start();
    const { approval, done } = await install(url, standIn);
    // Slack's approval page, for this app, with the manifest's bot scopes and a state to come back with
    expect(`${approval.origin}${approval.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
    expect(approval.searchParams.get("client_id")).toBe(STANDIN_CLIENT_ID);
    expect(approval.searchParams.get("scope")!.split(",").sort()).toEqual(Object.keys(BOT_SCOPES).sort());
    expect(done.status).toBe(200);
    const [exchange] = standIn.callsOf("oauth.v2.access");
    expect(exchange?.response).toMatchObject({ ok: true, team: { id: SECOND.id } });
    const [token] = standIn.installedTokens(SECOND.id);

    // stored encrypted: the row names the workspace, never the token; the key opens it
    const row = await app.database.store.findInstallation("slack", `T:${SECOND.id}`);
    expect(row?.sealed).not.toContain(token);
    expect(JSON.parse(unseal(KEY, row!.sealed))).toMatchObject({ team: { id: SECOND.id }, bot: { token } });
    // the admin who installed it is a member: their user id is not kept, even sealed (forget-me could not reach it)
    expect(exchange?.response).toMatchObject({ authed_user: { id: STANDIN_INSTALLER } });
    expect(unseal(KEY, row!.sealed)).not.toContain(STANDIN_INSTALLER);

    // a workspace it is not installed in gets nothing done; the installed one's commands work, and its card is
    // posted with its own token
    await signedPost(url("/slack/events"), slashCommandBody({ command: "/studybot", text: "post-now", user: ORGANISER, teamId: "T0NOWHERE", channelId: CHANNEL, responseUrl: standIn.responseUrl() }), "application/x-www-form-urlencoded");
    const schedule = await signedPost(url("/slack/events"), slashCommandBody({ command: "/studybot", text: "post-now", user: ORGANISER, teamId: SECOND.id, channelId: CHANNEL, responseUrl: standIn.responseUrl() }), "application/x-www-form-urlencoded");
    expect(schedule.status).toBe(200);
    await standIn.until(() => standIn.callsOf("chat.postMessage").length === 1, "the card");
    expect(standIn.callsOf("chat.postMessage").map((c) => [c.token, c.args.channel])).toEqual([[token, CHANNEL]]);

    // reinstalled (by this process or another on the database), the workspace's next card goes with the new token
    await install(url, standIn);
    const [, renewed] = standIn.installedTokens(SECOND.id);
    standIn.revokeToken(token!);
    await app.bot.postNow({ group: { platform: "slack", externalId: SECOND.id }, userId: ORGANISER.id, displayName: ORGANISER.name }, CHANNEL, { force: true });
    expect(standIn.callsOf("chat.postMessage").map((c) => c.token)).toEqual([token, renewed]);
  });

  it("posts a card's thread and hands an organiser a file in an installed workspace with that workspace's token", async () => {
    const { app, standIn, url } = await start();
    await install(url, standIn);
    const [token] = standIn.installedTokens(SECOND.id);
    const organiser = { group: { platform: "slack", externalId: SECOND.id }, userId: ORGANISER.id, displayName: ORGANISER.name };
    await app.bot.schedule(organiser, CHANNEL, undefined, { time: "09:00", thread: true });
    await app.bot.postNow(organiser, CHANNEL);
    await app.bot.revealNow(organiser, CHANNEL);
    const [card] = standIn.callsOf("chat.postMessage");
    const replies = standIn.callsOf("chat.postMessage").filter((c) => c.args.thread_ts !== undefined);
    expect(replies.map((c) => [c.token, c.args.channel])).toEqual([[token, CHANNEL]]);
    expect(standIn.callsOf("chat.update").map((c) => [c.token, c.args.ts])).toEqual([[token, card!.response?.ts]]);

    // a command's file (the questions template) goes to the organiser's direct messages, uploaded with the same token
    await signedPost(url("/slack/events"), slashCommandBody({ command: "/studybot", text: "questions template", user: ORGANISER, teamId: SECOND.id, channelId: CHANNEL, responseUrl: standIn.responseUrl() }), "application/x-www-form-urlencoded");
    await standIn.until(() => standIn.callsOf("files.completeUploadExternal").length === 1, "the template's upload");
    expect([...standIn.callsOf("files.getUploadURLExternal"), ...standIn.callsOf("files.completeUploadExternal")].map((c) => c.token)).toEqual([token, token]);
  });

  it("refuses a redirect whose state it did not sign, without exchanging its code", async () => {
    const { standIn, url } = await start();
    const forged = await fetch(url(`/slack/oauth_redirect?code=${standIn.approveInstall(SECOND, ["chat:write"])}&state=forged`), { redirect: "manual" });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(standIn.callsOf("oauth.v2.access")).toEqual([]);
  });

  it.each([
    ["app_uninstalled", { type: "app_uninstalled" }],
    ["tokens_revoked", { type: "tokens_revoked", tokens: { oauth: [], bot: ["U0STUDYBOT"] } }],
  ])("deletes the installation on %s; the workspace's cards then count as uninstalled", async (_name, event) => {
    const { app, standIn, url } = await start();
    await install(url, standIn);
    expect(await app.database.store.findInstallation("slack", `T:${SECOND.id}`)).not.toBeNull();
    expect((await signedPost(url("/slack/events"), uninstallEvent(SECOND.id, event), "application/json")).status).toBe(200);
    await expect.poll(() => app.database.store.findInstallation("slack", `T:${SECOND.id}`)).toBeNull();
    const posting = app.bot.postNow({ group: { platform: "slack", externalId: SECOND.id }, userId: ORGANISER.id, displayName: ORGANISER.name }, CHANNEL);
    await expect(posting).rejects.toBeInstanceOf(DeliveryError);
    await expect(posting).rejects.toMatchObject({ kind: "uninstalled" });
  });
});

describe("installation sealing", () => {
  it("opens only under its own key and only unaltered", () => {
    const sealed = seal(KEY, '{"bot":{"token":"xoxb-1"}}');
    expect(unseal(KEY, sealed)).toBe('{"bot":{"token":"xoxb-1"}}');
    expect(seal(KEY, "same")).not.toBe(seal(KEY, "same"));
    expect(() => unseal(randomBytes(32), sealed)).toThrow();
    const [v, iv, tag, data] = sealed.split(".") as [string, string, string, string];
    const flipped = Buffer.from(data, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => unseal(KEY, [v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
  });
});

describe("OAuth settings", () => {
  const base = { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "s", SLACK_STATE_SECRET: "st", SLACK_TOKEN_KEY: KEY.toString("hex"), SLACK_SIGNING_SECRET: "sig" };
  it("reads the install flow's settings and the 32-byte key as hex or base64", () => {
    expect(loadConfig(base, "/").slack).toMatchObject({ oauth: { clientId: "1.2", tokenKey: KEY } });
    expect(loadConfig({ ...base, SLACK_TOKEN_KEY: KEY.toString("base64") }, "/").slack?.oauth?.tokenKey).toEqual(KEY);
    expect(loadConfig(base, "/").slack?.botToken).toBeUndefined();
  });

  it("refuses incomplete or conflicting settings, saying what to set", () => {
    const bad = (e: Record<string, string>) => () => loadConfig(e, "/");
    expect(bad({ ...base, SLACK_TOKEN_KEY: "short" })).toThrow(/SLACK_TOKEN_KEY must be 32 random bytes as base64 or 64 hex digits: make one with `openssl rand -base64 32`/);
    const { SLACK_STATE_SECRET: _s, SLACK_SIGNING_SECRET: _g, ...missing } = base;
    expect(bad(missing)).toThrow("SLACK_CLIENT_ID is set (installs in many workspaces) but SLACK_STATE_SECRET, SLACK_SIGNING_SECRET are not: set them too.");
    expect(bad({ ...base, SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/use SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID \(OAuth installs\) for many, not both/);
    expect(bad({ ...base, SLACK_APP_TOKEN: "xapp-1" })).toThrow(/installs in many workspaces use HTTP mode/);
    expect(bad({ SLACK_TOKEN_KEY: "x" })).toThrow("SLACK_TOKEN_KEY is set but SLACK_CLIENT_ID is not: set the app's client id too for installs in many workspaces.");
  });
});
