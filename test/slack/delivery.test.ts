// A card's post and reveal on Slack, when Slack fails: through the real Bolt app and Web API client against the
// stand-in, the real scheduler driven by the test's clock. A failing chat.update is tried again until the card is
// revealed; a deleted card gets the reveal as a new message; not_in_channel pauses the schedule with its reason; a
// post that timed out is settled by its metadata in the channel's history instead of being posted twice. Answers
// count at the click's own time and in the installed workspace's group; an uninstall pauses everything.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ts as t } from "../../src/platforms/slack/messages.js";
import { blockActionsBody, blockActionsPayload, signedPost } from "../support/slack-standin.js";
import { CHANNEL, repliesTo, startHarness, TEAM, USERS, type Harness, type HarnessOptions } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const ko = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => t("ko", key, params);
const organiser = { group: { platform: "slack", externalId: TEAM }, userId: USERS.organiser.id, displayName: "지우" };

async function setUp(opts: HarnessOptions = {}) {
  h = await startHarness(opts); // Monday 2026-03-02, 08:00 in Seoul
  await h.command(USERS.organiser, "/studybot", "schedule 09:00 mon-fri topics=lambda");
  h.standIn.clear();
}

async function postDailyCard() {
  h.clock.set("2026-03-02T00:00:00Z");
  const { posted } = await h.scheduler.catchUp();
  return posted[0]!;
}

const card = (ts: string) => h.standIn.messages.get(`${CHANNEL}/${ts}`)!;

describe("a reveal on Slack", () => {
  it("whose chat.update fails with 500 twice is tried again with backoff and ends revealed", async () => {
    await setUp();
    const round = await postDailyCard();
    h.standIn.failHttp("chat.update", 500, 2);
    h.clock.set("2026-03-02T01:00:00Z");
    await h.scheduler.revealDue();
    expect((await h.database.store.roundById(round.id))!.delivery).toMatchObject({ reveal: "pending", attempts: 1, lastError: "transient" });
    expect(card(round.message!.messageId).edits).toBe(0);
    h.clock.set("2026-03-02T01:01:00Z");
    await h.scheduler.catchUp();
    expect((await h.database.store.roundById(round.id))!.delivery).toMatchObject({ reveal: "pending", attempts: 2 });
    h.clock.set("2026-03-02T01:03:00Z");
    await h.scheduler.catchUp();
    expect((await h.database.store.roundById(round.id))!.delivery).toMatchObject({ reveal: "done", attempts: 0, nextAttemptAt: null });
    expect(card(round.message!.messageId)).toMatchObject({ edits: 1, text: "정답 공개: B. 15분" });
    expect(h.standIn.callsOf("chat.update").map((c) => c.response.status ?? "ok")).toEqual([500, 500, "ok"]);
  });

  it("whose card was deleted (message_not_found) posts the reveal as a new message", async () => {
    await setUp();
    const round = await postDailyCard();
    h.standIn.deleteMessage(CHANNEL, round.message!.messageId);
    h.clock.set("2026-03-02T01:00:00Z");
    await h.scheduler.revealDue();
    expect(h.standIn.calls.map((c) => [c.method, c.response.error ?? "ok"])).toEqual([
      ["chat.postMessage", "ok"],
      ["chat.update", "message_not_found"],
      ["chat.postMessage", "ok"],
    ]);
    const [reveal] = h.standIn.messagesIn(CHANNEL);
    expect(reveal!.text).toBe("정답 공개: B. 15분");
    expect(await h.database.store.roundById(round.id)).toMatchObject({ message: { messageId: reveal!.ts }, delivery: { reveal: "done" } });
  });
});

describe("a post on Slack", () => {
  it("refused with not_in_channel pauses the schedule with its reason; status shows it and the next organiser command warns once", async () => {
    await setUp();
    // the channel was made private and the bot removed from it
    Object.assign(h.standIn.channels.get(CHANNEL)!, { isPrivate: true, botIsMember: false });
    h.clock.set("2026-03-02T00:00:00Z");
    expect((await h.scheduler.catchUp()).posted).toEqual([]);
    expect(h.standIn.calls.map((c) => [c.method, c.response.error])).toEqual([["chat.postMessage", "not_in_channel"]]);
    const status = await h.bot.status(organiser);
    expect(status.schedules[0]).toMatchObject({ paused: true, pause: { kind: "permission", detail: "not_in_channel" } });
    expect(status.openRounds).toEqual([]);

    const when = `<!date^${Math.floor(Date.parse("2026-03-02T00:00:00Z") / 1000)}^{date_short_pretty} {time}|2026-03-02 00:00 UTC>`;
    const reason = ko("pause.permission_any", { channel: `<#${CHANNEL}>`, when });
    const res = await h.command(USERS.organiser, "/studybot", "status");
    const text = String(repliesTo(h, res.responseUrl)[0]!.text);
    expect(text.split("\n")[0]).toBe(ko("pause.warning", { name: "daily", reason }));
    expect(text).toContain(ko("pause.status", { reason }));
    const again = await h.command(USERS.organiser, "/studybot", "status");
    expect(String(repliesTo(h, again.responseUrl)[0]!.text)).not.toContain("⚠️");
  });

  it("that timed out is settled by its metadata in the channel's history: one card, one round", async () => {
    await setUp({ requestTimeoutMs: 200 });
    const held = h.standIn.hold("chat.postMessage");
    h.clock.set("2026-03-02T00:00:00Z");
    expect((await h.scheduler.catchUp()).posted).toEqual([]); // no answer in time: pending, not given up
    const [round] = await h.database.store.openRounds((await h.bot.group(organiser)).id);
    expect(round!.delivery).toMatchObject({ post: "pending", attempts: 1, lastError: "transient" });
    // Slack did post it, after the client had given up waiting
    held.release();
    await h.standIn.until(() => h.standIn.messagesIn(CHANNEL).length === 1, "the late card");
    h.clock.set("2026-03-02T00:01:00Z");
    const { posted } = await h.scheduler.catchUp();
    expect(posted.map((r) => r.id)).toEqual([round!.id]);
    expect(h.standIn.calls.map((c) => c.method)).toEqual(["chat.postMessage", "conversations.history"]);
    const [message] = h.standIn.messagesIn(CHANNEL);
    expect(message!.metadata).toEqual({ event_type: "studybot_card", event_payload: { round_id: round!.id } });
    expect(posted[0]!.message).toEqual({ channelId: CHANNEL, messageId: message!.ts });
    expect((h.database.sqlite.prepare("SELECT count(*) AS n FROM rounds").get() as { n: number }).n).toBe(1);
  });

  it("is checked first: an archived channel or a private one without the bot is refused with what to do", async () => {
    h = await startHarness();
    const priv = await h.command(USERS.organiser, "/studybot", "schedule 09:00", { channelId: "G0PRIVATE1" });
    expect(repliesTo(h, priv.responseUrl)[0]!.text).toBe(ko("slack.error.not_in_channel"));
    h.standIn.channels.get(CHANNEL)!.isArchived = true;
    const archived = await h.command(USERS.organiser, "/studybot", "post-now");
    expect(repliesTo(h, archived.responseUrl)[0]!.text).toBe(ko("slack.error.channel_archived"));
    expect(h.standIn.callsOf("chat.postMessage")).toEqual([]);
    expect((await h.bot.status(organiser)).schedules).toEqual([]);
  });
});

describe("answers on Slack", () => {
  const click = (user: (typeof USERS)[keyof typeof USERS], roundId: number, choice: number, o: { actionTs: string; teamId?: string }) => {
    const responseUrl = h.standIn.responseUrl();
    const payload = blockActionsPayload({ user, teamId: o.teamId ?? TEAM, channelId: CHANNEL, messageTs: "1", responseUrl, action: { action_id: `answer:${choice}`, block_id: `round:${roundId}`, value: `${roundId}:${choice}` }, actionTs: o.actionTs });
    return h.click(user, { action_id: "", block_id: "", value: "" }, { body: blockActionsBody(payload) }).then(() => responseUrl);
  };

  it("count at the click's action_ts: a click made before the reveal time that arrives after it is recorded", async () => {
    await setUp();
    const round = await postDailyCard();
    h.clock.set("2026-03-02T01:00:02Z"); // the reveal is due, not yet made
    const url = await click(USERS.mina, round.id, 1, { actionTs: String(Date.parse("2026-03-02T00:59:59Z") / 1000) });
    expect(repliesTo(h, url)[0]!.text).toBe(ko("quiz.recorded", { label: "B" }));
    const late = await click(USERS.seo, round.id, 1, { actionTs: String(Date.parse("2026-03-02T01:00:01Z") / 1000) });
    expect(repliesTo(h, late)[0]!.text).toBe(ko("quiz.closed"));
  });

  it("from a member of another workspace in a shared channel count in the installed workspace's group", async () => {
    await setUp();
    const round = await postDailyCard();
    h.clock.set("2026-03-02T00:00:10Z");
    await click(USERS.alex, round.id, 1, { actionTs: String(Date.parse("2026-03-02T00:00:10Z") / 1000), teamId: "T0ELSEWHERE" });
    const stats = await h.bot.stats({ ...organiser, userId: USERS.alex.id, displayName: "Alex" });
    expect(stats.answered).toBe(0); // not revealed yet: counted at reveal
    h.clock.set("2026-03-02T01:00:00Z");
    await h.scheduler.revealDue();
    expect((await h.bot.stats({ ...organiser, userId: USERS.alex.id, displayName: "Alex" })).answered).toBe(1);
  });
});

describe("an uninstall", () => {
  it("pauses the workspace's schedules and keeps its data (app_uninstalled)", async () => {
    await setUp();
    const body = JSON.stringify({
      token: "x",
      team_id: TEAM,
      api_app_id: "A0STUDYBOT",
      type: "event_callback",
      event_id: `Ev${randomUUID().slice(0, 8)}`,
      event_time: 1772409600,
      event: { type: "app_uninstalled" },
      authorizations: [{ team_id: TEAM, user_id: "U0STUDYBOT", is_bot: true }],
    });
    expect((await signedPost(h.url, body, "application/json")).status).toBe(200);
    await h.slack.idle();
    const [schedule] = (await h.bot.status(organiser)).schedules;
    expect(schedule).toMatchObject({ paused: true, pause: { kind: "uninstalled" } });
  });
});
