// What the Slack app refuses, through the real Bolt HTTP receiver: requests without a valid, fresh signature
// (401, and nothing reaches Slack or the database), organiser commands from members, and malformed command
// text (usage shown). Also: the ack really comes before the work.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ts as t } from "../../src/platforms/slack/messages.js";
import { appHomeOpenedBody, signedPost, slackSignature, slashCommandBody, STANDIN_SIGNING_SECRET } from "../support/slack-standin.js";
import { CHANNEL, chatCalls, repliesTo, startHarness, TEAM, USERS, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.standIn.clear());

const ko = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => t("ko", key, params);
const form = "application/x-www-form-urlencoded" as const;
const ephemeral = (text: string) => ({ response_type: "ephemeral", text });

async function schedules(): Promise<number> {
  return (await h.bot.status({ group: { platform: "slack", externalId: TEAM }, userId: USERS.organiser.id, displayName: "jiwoo" })).schedules.length;
}

describe("request signatures", () => {
  const scheduleBody = () => slashCommandBody({ command: "/studybot", text: "schedule 09:00", user: USERS.organiser, teamId: TEAM, channelId: CHANNEL, responseUrl: h.standIn.responseUrl() });

  it("a bad signature gets 401 and nothing is recorded or stored", async () => {
    const body = scheduleBody();
    const now = Math.floor(Date.now() / 1000);
    for (const signature of [slackSignature("not-the-secret", now, body), "v0=" + "0".repeat(64), "v1=abc", ""]) {
      const res = await signedPost(h.url, body, form, { signature });
      expect(res.status).toBe(401);
    }
    // Signed correctly but for a different body (tampered in transit).
    const tampered = await signedPost(h.url, body.replace("schedule", "unschedule"), form, { signature: slackSignature(STANDIN_SIGNING_SECRET, now, body) });
    expect(tampered.status).toBe(401);
    await h.slack.idle();
    expect(h.standIn.calls).toEqual([]);
    expect(h.standIn.responses).toEqual([]);
    expect(await schedules()).toBe(0);
  });

  it("an expired signature (older than 5 minutes) gets 401, even when it matches", async () => {
    const body = scheduleBody();
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await signedPost(h.url, body, form, { timestamp: old });
    expect(res.status).toBe(401);
    const event = await signedPost(h.url, appHomeOpenedBody({ user: USERS.mina, teamId: TEAM }), "application/json", { timestamp: old });
    expect(event.status).toBe(401);
    await h.slack.idle();
    expect(h.standIn.calls).toEqual([]);
    expect(h.standIn.responses).toEqual([]);
    expect(await schedules()).toBe(0);
  });

  it("answers Slack's URL verification challenge (sent when the Request URL is saved), signed like the rest", async () => {
    const body = JSON.stringify({ token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    const ok = await signedPost(h.url, body, "application/json");
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    const forged = await signedPost(h.url, body, "application/json", { signature: "v0=" + "1".repeat(64) });
    expect(forged.status).toBe(401);
    expect(forged.body).not.toContain("3eZbrw1a");
  });

  it("a correct signature goes through (the control for the two tests above)", async () => {
    const res = await h.command(USERS.organiser, "/studybot", "status");
    expect(res.status).toBe(200);
    expect(repliesTo(h, res.responseUrl)).toHaveLength(1);
  });
});

describe("organiser commands", () => {
  it("refuses a member politely, naming who can and how to get access; nothing is scheduled", async () => {
    const res = await h.command(USERS.mina, "/studybot", "schedule 09:00 mon-fri");
    expect(res.status).toBe(200);
    expect(h.standIn.calls.map((c) => [c.method, c.args.user])).toEqual([["users.info", USERS.mina.id]]);
    expect(repliesTo(h, res.responseUrl)).toEqual([ephemeral(ko("slack.error.not_organizer", { sub: "schedule" }))]);
    expect(await schedules()).toBe(0);
    // The refusal tells the member what to do.
    expect(ko("slack.error.not_organizer", { sub: "schedule" })).toContain("SLACK_ORGANIZERS");
  });

  it("lets a workspace owner in (one users.info), and an organiser from SLACK_ORGANIZERS even when Slack is unreachable", async () => {
    const owner = await h.command(USERS.owner, "/studybot", "schedule 08:30 daily");
    // the owner's profile, then the channel checked before the schedule is saved
    expect(h.standIn.calls.map((c) => [c.method, c.args.user ?? c.args.channel])).toEqual([
      ["users.info", USERS.owner.id],
      ["conversations.info", CHANNEL],
    ]);
    expect(repliesTo(h, owner.responseUrl)[0]!.text).toMatch(/^'daily' 일정을 저장했어요: 매일 08:30 \(Asia\/Seoul\)/);
    h.standIn.clear();

    h.standIn.failNext("users.info", "ratelimited");
    const listed = await h.command(USERS.listed, "/studybot", "unschedule");
    expect(h.standIn.calls.map((c) => [c.method, c.response.error])).toEqual([["users.info", "ratelimited"]]);
    expect(repliesTo(h, listed.responseUrl)).toEqual([ephemeral(ko("schedule.removed", { name: "daily" }))]);
    expect(await schedules()).toBe(0);
  });

  it("says so when Slack cannot tell whether the caller is an organiser", async () => {
    h.clock.advance(24 * 3600_000 + 60_000); // past the profile cache (a day): the check must ask Slack
    h.standIn.failNext("users.info", "ratelimited");
    h.standIn.failNext("users.info", "ratelimited");
    const res = await h.command(USERS.organiser, "/studybot", "status");
    // Once for the name and language (it goes on without), once more for the permission (it stops there).
    expect(h.standIn.calls.map((c) => [c.method, c.response.error])).toEqual([
      ["users.info", "ratelimited"],
      ["users.info", "ratelimited"],
    ]);
    expect(repliesTo(h, res.responseUrl)).toEqual([ephemeral(ko("slack.error.organizer_check_failed", { error: "ratelimited" }))]);
  });

  it("acknowledges within Slack's 3 seconds before doing the work", async () => {
    h.clock.advance(24 * 3600_000 + 60_000);
    // Hold the caller's profile at the stand-in: the HTTP answer must come back while it is still pending.
    const held = h.standIn.hold("users.info");
    const responseUrl = h.standIn.responseUrl();
    const res = await signedPost(h.url, slashCommandBody({ command: "/studybot", text: "status", user: USERS.organiser, teamId: TEAM, channelId: CHANNEL, responseUrl }), form);
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    expect(res.ms).toBeLessThan(3000);
    await held.reached;
    expect(h.standIn.responses).toEqual([]); // the work has not finished: it waits on Slack
    held.release();
    await h.slack.idle();
    expect(repliesTo(h, responseUrl)[0]!.text).toContain(ko("admin.status_title"));
  });

  it("explains mistakes with the usage", async () => {
    const usageTitle = `*${ko("command.usage_title", { command: "/studybot" })}*`;
    const bare = String(repliesTo(h, (await h.command(USERS.mina, "/studybot", "")).responseUrl)[0]!.text);
    expect(bare.split("\n")[0]).toBe(usageTitle);
    // every subcommand, with its syntax (escaped for mrkdwn) and what it does
    for (const sub of ["schedule", "unschedule", "pause", "resume", "status", "post-now", "reveal-now", "config"]) expect(bare).toContain(`• /studybot ${sub}`);
    expect(bare).toContain(`/studybot schedule &lt;time&gt; [days] [timezone]`);
    expect(bare).toContain(ko("cmd.studybot.pause"));
    const unknown = String(repliesTo(h, (await h.command(USERS.mina, "/studybot", "launch rockets")).responseUrl)[0]!.text);
    expect(unknown.split("\n").slice(0, 2)).toEqual([ko("command.unknown_sub", { command: "/studybot", sub: "launch" }), usageTitle]);

    const bad = await h.command(USERS.listed, "/studybot", "schedule 25:00 mon-fri");
    expect(repliesTo(h, bad.responseUrl)).toEqual([ephemeral(ko("schedule.bad_time", { value: "25:00" }))]);
    const tz = await h.command(USERS.listed, "/studybot", "schedule 09:00 mon-fri Mars/Phobos");
    expect(repliesTo(h, tz.responseUrl)[0]!.text).toBe(ko("schedule.bad_timezone", { value: "Mars/Phobos" }));
    const extra = await h.command(USERS.listed, "/studybot", "unschedule now please");
    expect(repliesTo(h, extra.responseUrl)).toEqual([ephemeral(ko("option.extra", { value: "now", command: "/studybot unschedule", usage: "/studybot unschedule [name=…] [channel=…]" }))]);

    const member = await h.command(USERS.mina, "/stats", "@seo");
    expect(repliesTo(h, member.responseUrl)).toEqual([ephemeral(ko("slack.error.bad_member", { value: "@seo" }))]);
    const topic = await h.command(USERS.mina, "/leaderboard", "month kubernetes");
    expect(repliesTo(h, topic.responseUrl)).toEqual([ephemeral(ko("quiz.unknown_topic", { value: "kubernetes", topics: "lambda, sqs" }))]);
    const year = await h.command(USERS.mina, "/leaderboard", "year");
    expect(repliesTo(h, year.responseUrl)).toEqual([ephemeral(ko("option.no_fit", { value: "year", expected: "period: week, month, all, season · topic: lambda, sqs" }))]);
    const help = await h.command(USERS.mina, "/leaderboard", "help");
    expect(repliesTo(h, help.responseUrl)[0]!.text).toBe(`*${ko("command.usage_title", { command: "/leaderboard" })}*\n• /leaderboard [week|month|all|season] [topic] [season] — ${ko("cmd.leaderboard")}`);
  });

  it("tells the organiser to invite the bot when it cannot post in the channel, and refuses DMs", async () => {
    const priv = await h.command(USERS.listed, "/studybot", "post-now", { channelId: "G0PRIVATE1" });
    // checked before anything is claimed or posted: a private channel the bot is not in does not exist for it
    expect(h.standIn.calls.filter((c) => c.method !== "users.info").map((c) => [c.method, c.response.error])).toEqual([["conversations.info", "channel_not_found"]]);
    expect(repliesTo(h, priv.responseUrl)).toEqual([ephemeral(ko("slack.error.not_in_channel"))]);
    // No round was opened for a card nobody could see.
    const status = await h.bot.status({ group: { platform: "slack", externalId: TEAM }, userId: USERS.listed.id, displayName: "dong" });
    expect(status.openRounds).toEqual([]);

    h.standIn.clear();
    const dm = await h.command(USERS.listed, "/studybot", "post-now", { channelId: "D0DIRECT01" });
    expect(chatCalls(h)).toEqual([]);
    expect(repliesTo(h, dm.responseUrl)).toEqual([ephemeral(ko("slack.error.channel_only"))]);
  });
});
