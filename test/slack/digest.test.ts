// The weekly digest, reveal reminders and discussion threads on Slack, through the real Bolt app against the
// stand-in: the digest's blocks with the chart uploaded into the channel (joined first when public; a private one
// must invite the bot), the card edited with the time left and the user group mentioned in its thread, and the
// reveal's summary in the card's thread.
import { PNG } from "pngjs";
import { afterEach, describe, expect, it } from "vitest";
import { seedWeek, sunday, type SeedDay } from "../digest/support.js";
import { blockText, CHANNEL, startHarness, USERS, type Harness } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const organiser = () => ({ group: { platform: "slack", externalId: h.standIn.teamId }, userId: USERS.organiser.id, displayName: "지우" });
/** Monday 2026-03-02 09:00 in Seoul, plus minutes. */
const monday = (minutes = 0) => new Date(Date.UTC(2026, 2, 2, 0, minutes));

async function seededWeek(channel: string, weekdays = ["daily"]): Promise<void> {
  h.clock.set(sunday("00:00"));
  await h.bot.schedule(organiser(), channel, undefined, { time: "09:00", weekdays });
  const group = await h.bot.group(organiser());
  const schedule = (await h.database.store.findSchedule(group.id, channel, "daily"))!;
  const days: SeedDay[] = [
    { day: 0, question: "lambda-timeout", answers: { 지우: 1, 미나: 0 } },
    { day: 1, question: "sqs-visibility", answers: { 지우: 1, 미나: 2, 서연: 1 } },
  ];
  await seedWeek(h.database.store, group, schedule, days, h.bank);
  h.clock.set(sunday("20:00"));
}

describe("the weekly digest on Slack", () => {
  it("joins a public channel, posts the digest and uploads its chart there", async () => {
    h = await startHarness();
    h.standIn.channels.set("C0PUBLIC02", { id: "C0PUBLIC02", name: "aws-study" });
    await seededWeek("C0PUBLIC02");
    await h.scheduler.catchUp();
    await h.scheduler.catchUp();
    expect(h.standIn.callsOf("conversations.join").map((c) => c.args.channel)).toEqual(["C0PUBLIC02"]);
    const [post] = h.standIn.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0PUBLIC02" && String(c.args.text).startsWith("주간 리포트"));
    expect(post).toBeDefined();
    const text = blockText(post!.args.blocks);
    expect(text).toContain("이번 주 순위");
    expect(text).toContain("1. 지우 — 15점");
    expect(text).toContain("3명 중 3명이 틀렸어요");
    const buttons = (post!.args.blocks as Array<{ accessory?: { action_id: string; value: string } }>).flatMap((b) => (b.accessory ? [b.accessory] : []));
    expect(buttons.map((b) => b.action_id)).toEqual(["lookup_open:0", "lookup_open:1"]);
    expect(buttons.every((b) => b.value.startsWith("section:"))).toBe(true);
    expect(h.standIn.files.map((f) => [f.channel, f.filename, f.title])).toEqual([["C0PUBLIC02", "digest-2025-03-03.png", "주간 리포트 · 2025-03-03 – 03-09"]]);
    const png = PNG.sync.read(h.standIn.files[0]!.data);
    expect([png.width, png.height]).toEqual([1200, 675]);
  });

  it("cannot join a private channel it was removed from: posts nothing, says to invite it, and tries again later", async () => {
    h = await startHarness();
    const channel = h.standIn.channels.get("G0PRIVATE1")!;
    channel.botIsMember = true; // scheduled while the bot was in it (a schedule for a channel it is not in is refused)
    await seededWeek("G0PRIVATE1", ["mon-sat"]); // no Sunday card: the digest is the first thing to meet the removal
    h.clock.set(sunday("19:00"));
    await h.scheduler.catchUp(); // the week's cards revealed while the bot was still in the channel
    channel.botIsMember = false;
    h.clock.set(sunday("20:00"));
    await h.scheduler.catchUp();
    expect(h.standIn.files).toEqual([]);
    const failed = h.logs.find((l) => l.msg === "could not post the weekly digest");
    expect(failed).toMatchObject({ channel: "G0PRIVATE1", err: expect.objectContaining({ type: "UserError", message: "slack.error.not_in_channel" }) });
    // invited: the next sweep the same evening posts it
    channel.botIsMember = true;
    h.clock.set(sunday("20:01"));
    await h.scheduler.catchUp();
    expect(h.standIn.files.map((f) => f.channel)).toEqual(["G0PRIVATE1"]);
  });
});

describe("reveal reminders and threads on Slack", () => {
  it("edits the card with the time left and mentions the user group in the card's thread", async () => {
    h = await startHarness();
    await h.command(USERS.organiser, "/studybot", "schedule 09:00 reminder=15 reminder-mention=<!subteam^S0STUDY|@studiers>");
    h.clock.set(monday());
    const [round] = (await h.scheduler.catchUp()).posted;
    const ts = round!.message!.messageId;
    h.clock.set(monday(45));
    await h.scheduler.catchUp();
    h.clock.set(monday(50));
    await h.scheduler.catchUp();
    const updates = h.standIn.callsOf("chat.update").filter((c) => c.args.ts === ts);
    expect(updates).toHaveLength(1);
    const blocks = updates[0]!.args.blocks as Array<{ type: string; elements?: Array<{ text: string }> }>;
    expect(blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "⏰ 15분 남았어요 · 0명 응답" }] });
    const mentions = h.standIn.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === ts);
    expect(mentions.map((c) => c.args.text)).toEqual(["<!subteam^S0STUDY> ⏰ 정답 공개까지 15분 남았어요 · 지금까지 0명이 답했어요"]);
  });

  it("posts the reveal's summary in the card's thread when threads are on", async () => {
    h = await startHarness();
    await h.command(USERS.organiser, "/studybot", "schedule 09:00 thread=on");
    h.clock.set(monday());
    const [round] = (await h.scheduler.catchUp()).posted;
    const ts = round!.message!.messageId;
    h.clock.set(monday(60));
    await h.scheduler.catchUp();
    const replies = h.standIn.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === ts);
    expect(replies.map((c) => [c.args.channel, c.args.text])).toEqual([[CHANNEL, "✅ 정답 B. 15분 — 아무도 답하지 않았어요"]]);
  });
});
