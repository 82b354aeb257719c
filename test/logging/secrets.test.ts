// No token, signing secret or response_url reaches the logs, whatever fails: errors are provoked for real through
// the real SDKs against the stand-ins (a Slack call cut off on the network, a Discord interaction answered too late,
// a response_url that no longer answers), and the whole log output is searched for what must not be there.
import { afterEach, describe, expect, it } from "vitest";
import { STANDIN_TOKEN } from "../support/discord-standin.js";
import { blockActionsBody, blockActionsPayload, STANDIN_BOT_TOKEN, STANDIN_SIGNING_SECRET } from "../support/slack-standin.js";
import { startHarness as startDiscord, USERS as DISCORD_USERS, type Harness as DiscordHarness } from "../discord/harness.js";
import { CHANNEL, repliesTo, startHarness as startSlack, TEAM, USERS, type Harness as SlackHarness } from "../slack/harness.js";
import { scrubText, serializeError } from "../../src/redact.js";

let slack: SlackHarness | undefined;
let discord: DiscordHarness | undefined;
afterEach(async () => {
  await slack?.stop();
  await discord?.stop();
  slack = discord = undefined;
});

const output = (logs: unknown[]) => logs.map((l) => JSON.stringify(l)).join("\n");

describe("the logs", () => {
  it("keep no Slack token, signing secret or response_url when a Web API call fails on the network or respond() fails", async () => {
    slack = await startSlack();
    // a card's post cut off on the network: the Web API client's error carries its request (Authorization: Bearer xoxb-…)
    await slack.command(USERS.organiser, "/studybot", "schedule 09:00 mon-fri");
    slack.standIn.dropNext("chat.postMessage");
    const posted = await slack.command(USERS.organiser, "/studybot", "post-now");
    // the organiser is told the card is not confirmed yet and will be tried again, not that it failed
    expect(String(repliesTo(slack, posted.responseUrl)[0]!.text)).toMatch(/^문제 #\d+[이가] 아직 <#C0DAILY001>에 올라갔는지 확인되지 않았어요/);
    // a click whose response_url no longer answers: respond() fails, and so does the apology after it
    const deadUrl = slack.standIn.responseUrl().replace(/[^/]+$/, "0f2d7a64-5c1e-4b7a-9d43-2e8a1f6b3c90");
    const payload = blockActionsPayload({ user: USERS.mina, teamId: TEAM, channelId: CHANNEL, messageTs: "1700000000.000001", responseUrl: deadUrl, action: { action_id: "answer:1", block_id: "round:999", value: "999:1" } });
    await slack.click(USERS.mina, { action_id: "", block_id: "", value: "" }, { body: blockActionsBody(payload) });

    const logged = output(slack.logs);
    // the failures were logged, as their type and codes …
    const post = slack.logs.find((l) => l.msg === "could not post the card; trying again later")!;
    expect(post).toMatchObject({ kind: "transient", err: { type: "DeliveryError", cause: { code: "slack_webapi_request_error" } } });
    const respond = slack.logs.find((l) => l.msg === "slack: could not deliver a failure reply")!;
    expect(respond.err).toMatchObject({ status: 404, method: "POST" });
    // … and nothing secret came with them
    for (const secret of [STANDIN_BOT_TOKEN, STANDIN_SIGNING_SECRET, deadUrl, "0f2d7a64-5c1e-4b7a-9d43-2e8a1f6b3c90", "xoxb-", "Bearer"]) expect(logged).not.toContain(secret);
  });

  it("keep no Discord token or interaction token when Discord answers Unknown interaction (10062)", async () => {
    // Discord's 3-second window has passed for every interaction: each reply is refused with 10062
    discord = await startDiscord({ standIn: { interactionWindowMs: -1 } });
    const id = discord.standIn.slashCommand({ name: "leaderboard", user: DISCORD_USERS.mina });
    await discord.standIn.waitForRequest((r) => r.path.startsWith(`/interactions/${id}/`) && r.status === 404);
    await discord.discord.stop();
    const logged = output(discord.logs);
    const failed = discord.logs.find((l) => l.msg === "discord: interaction failed")!;
    expect(failed.err).toMatchObject({ type: "DiscordAPIError[10062]", status: 404, method: "POST", platformCode: 10062 });
    for (const secret of [STANDIN_TOKEN, `itok-${id}`, "/callback"]) expect(logged).not.toContain(secret);
  });
});

describe("the error serializer", () => {
  it("strips token segments from the URLs it meets and blanks what looks like a token", () => {
    expect(scrubText("PATCH https://discord.com/api/v10/webhooks/1100000000000000001/aW50ZXJhY3Rpb246MTIzNDU2Nzg5/messages/@original failed")).toBe(
      "PATCH https://discord.com/api/v10/webhooks/1100000000000000001/***/messages/@original failed",
    );
    expect(scrubText("https://discord.com/api/v10/interactions/1300000000000000001/tok/callback?with_response=true")).toBe("https://discord.com/api/v10/interactions/1300000000000000001/***/callback");
    expect(scrubText("POST https://hooks.slack.com/actions/T0STUDY01/123456/abcdefABCDEF0123456789xy → 404")).toBe("POST https://hooks.slack.com/actions/*** → 404");
    expect(scrubText("Authorization: Bearer xoxb-1-abc and Bot MTIz.abc.def, app token xapp-1-A0-xyz")).toBe("Authorization: Bearer *** and Bot ***, app token ***");
  });

  it("keeps only type, message, codes, status and method of an error, whatever else it carries", () => {
    const err = Object.assign(new Error("An API error occurred: channel_not_found"), {
      code: "slack_webapi_platform_error",
      data: { ok: false, error: "channel_not_found", response_metadata: { scopes: ["chat:write"] } },
      config: { headers: { Authorization: "Bearer xoxb-secret" }, url: "https://slack.com/api/chat.postMessage", method: "post", data: "token=xoxb-secret" },
      requestBody: { files: [], json: { content: "hi" } },
    });
    expect(serializeError(err)).toEqual({ type: "Error", message: "An API error occurred: channel_not_found", code: "slack_webapi_platform_error", method: "POST", platformCode: "channel_not_found" });
  });
});
