// A card's post and reveal on Discord, when Discord fails: through the real discord.js client against the stand-in,
// the real scheduler driven by the test's clock. A failing edit is tried again until the card is revealed; a card
// whose message was deleted gets the reveal as a new message; a permission taken away pauses the schedule with its
// reason, which status shows and the next organiser command warns about once; a post that times out is posted once.
import { once } from "node:events";
import { Events, MessageFlags } from "discord.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PERMISSION, type StandInUser } from "../support/discord-standin.js";
import { actorOf, startHarness, USERS, type Harness, type HarnessOptions, type SentEmbed } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

type Json = Record<string, unknown>;
const sub = (name: string, options: Json[] = []) => [{ name, type: 1, options }];
const str = (name: string, value: string) => ({ name, type: 3, value });
const studybot = (user: StandInUser, name: string, options: Json[] = []) => h.standIn.slashCommand({ name: "studybot", user, options: sub(name, options) });
const MESSAGE = /^\/channels\/\d+\/messages\/\d+$/;
const MESSAGES = /^\/channels\/\d+\/messages$/;
/** @discordjs/rest sends a request that got a 5xx three more times itself before it gives up */
const TRIES_PER_CALL = 4;

async function setUp(opts: HarnessOptions = {}) {
  // Monday 2026-03-02, 08:00 in Seoul
  h = await startHarness(opts);
  await h.standIn.responseFor(studybot(USERS.organiser, "schedule", [str("time", "09:00")]));
}

/** 09:00 in Seoul: the scheduler posts the day's card; returns its round. */
async function postDailyCard() {
  h.clock.set("2026-03-02T00:00:00Z");
  await h.scheduler.catchUp();
  const [round] = await h.database.store.openRounds((await h.bot.group(actorOf(h, USERS.organiser))).id);
  return round!;
}

/** The channel's messages other than private replies (which the stand-in keeps as messages too). */
const cards = () => h.standIn.messagesIn(h.channelId).filter((m) => (Number(m.flags) & MessageFlags.Ephemeral) === 0);
/** The card edits the bot sent (not its replies to commands). */
const edits = () => h.standIn.calls().filter((r) => r.method === "PATCH" && MESSAGE.test(r.path));
const embedOf = (messageId: string) => (h.standIn.message(messageId)?.embeds as SentEmbed[] | undefined)?.[0];

describe("a reveal on Discord", () => {
  it("whose edit fails with 500 twice is tried again with backoff and ends revealed", async () => {
    await setUp();
    const round = await postDailyCard();
    h.standIn.failNext("PATCH", MESSAGE, 500, 0, 2 * TRIES_PER_CALL);
    h.clock.set("2026-03-02T01:00:00Z");
    expect(await h.scheduler.revealDue()).toEqual([round.id]);
    expect((await h.database.store.roundById(round.id))!.delivery).toMatchObject({ reveal: "pending", attempts: 1, lastError: "transient", nextAttemptAt: new Date("2026-03-02T01:01:00Z") });
    expect(embedOf(round.message!.messageId)!.title).not.toContain("정답 공개");

    h.clock.set("2026-03-02T01:01:00Z");
    await h.scheduler.catchUp();
    expect((await h.database.store.roundById(round.id))!.delivery).toMatchObject({ reveal: "pending", attempts: 2, nextAttemptAt: new Date("2026-03-02T01:03:00Z") });
    h.clock.set("2026-03-02T01:02:00Z");
    await h.scheduler.catchUp(); // not yet: the backoff doubled
    expect(edits().filter((r) => r.status === 200)).toHaveLength(0);

    h.clock.set("2026-03-02T01:03:00Z");
    await h.scheduler.catchUp();
    expect((await h.database.store.roundById(round.id))!.delivery).toMatchObject({ reveal: "done", attempts: 0, nextAttemptAt: null, lastError: null });
    expect(embedOf(round.message!.messageId)!.title).toMatch(/정답 공개$/);
    expect(edits().map((r) => r.status)).toEqual([...Array(2 * TRIES_PER_CALL).fill(500), 200]);
    await h.scheduler.catchUp(); // nothing left to do
    expect(edits()).toHaveLength(2 * TRIES_PER_CALL + 1);
  });

  it("whose card was deleted (10008) posts the reveal as a new message", async () => {
    await setUp();
    const round = await postDailyCard();
    h.standIn.deleteMessage(round.message!.messageId);
    h.clock.set("2026-03-02T01:00:00Z");
    await h.scheduler.revealDue();
    const messages = cards();
    expect(messages).toHaveLength(1);
    expect((messages[0]!.embeds as SentEmbed[])[0]!.title).toMatch(/정답 공개$/);
    expect(await h.database.store.roundById(round.id)).toMatchObject({ message: { messageId: messages[0]!.id }, delivery: { reveal: "done" } });
    expect(h.logs.find((l) => l.msg === "the card's message was deleted: posted the reveal as a new message")).toMatchObject({ roundId: round.id });
  });
});

describe("a post on Discord", () => {
  it("refused with 50013 pauses the schedule with its reason; status shows it and the next organiser command warns once", async () => {
    await setUp();
    const updated = once(h.discord.client, Events.ChannelUpdate);
    h.standIn.denyInChannel(h.channelId, PERMISSION.SendMessages);
    await updated;
    h.clock.set("2026-03-02T00:00:00Z");
    expect((await h.scheduler.catchUp()).posted).toEqual([]);
    const post = h.standIn.calls().find((r) => r.method === "POST" && MESSAGES.test(r.path))!;
    expect(post).toMatchObject({ status: 403, body: expect.objectContaining({ nonce: expect.stringMatching(/^sb-r\d+$/), enforce_nonce: true }) });
    const [schedule] = (await h.bot.status(actorOf(h, USERS.organiser))).schedules;
    expect(schedule).toMatchObject({ paused: true, pause: { kind: "permission", detail: "SendMessages", at: new Date("2026-03-02T00:00:00Z") }, nextRun: null });
    // nothing is tried again, today or tomorrow
    h.clock.set("2026-03-03T00:00:00Z");
    await h.scheduler.catchUp();
    expect(h.standIn.calls().filter((r) => r.method === "POST" && MESSAGES.test(r.path))).toHaveLength(1);

    const status = await h.standIn.responseFor(studybot(USERS.organiser, "status"));
    const at = Math.floor(Date.parse("2026-03-02T00:00:00Z") / 1000);
    const reason = `봇이 <#${h.channelId}>에서 메시지 보내기 권한을 잃었어요 (<t:${at}:f> (<t:${at}:R>))`;
    expect((status.message.embeds as Array<{ fields: Array<{ value: string }> }>)[0]!.fields[1]!.value).toContain(` · 일시 중지: ${reason} · 다음 없음`);
    expect(status.message.content).toBe(`⚠️ 'daily' 일정이 일시 중지되었어요: ${reason}. 문제를 해결한 뒤 /studybot resume 으로 다시 켜 주세요.`);
    // told once: the command after it carries no warning
    const again = await h.standIn.responseFor(studybot(USERS.organiser, "status"));
    expect(again.message.content).toBe("");
  });

  it("that times out is tried again with the same nonce: one card, one round", async () => {
    await setUp({ restTimeoutMs: 300 });
    const held = h.standIn.holdAnswer("POST", MESSAGES);
    h.clock.set("2026-03-02T00:00:00Z");
    const { posted } = await h.scheduler.catchUp();
    const posts = h.standIn.calls().filter((r) => r.method === "POST" && MESSAGES.test(r.path));
    expect(posts).toHaveLength(2); // the first answer never came in time; the second try got the same message
    expect((posts[1]!.body as Json).nonce).toBe((posts[0]!.body as Json).nonce);
    expect(cards()).toHaveLength(1);
    expect(posted.map((r) => r.message)).toEqual([{ channelId: h.channelId, messageId: cards()[0]!.id }]);
    const rounds = h.database.sqlite.prepare("SELECT count(*) AS n FROM rounds").get() as { n: number };
    expect(rounds.n).toBe(1);
    held.release();
  });
});

describe("pre-flight on Discord", () => {
  it("names the permissions the bot lacks in the channel before scheduling or posting there", async () => {
    h = await startHarness();
    const updated = once(h.discord.client, Events.ChannelUpdate);
    h.standIn.denyInChannel(h.channelId, PERMISSION.EmbedLinks);
    await updated;
    const refused = await h.standIn.responseFor(studybot(USERS.organiser, "schedule", [str("time", "09:00")]));
    expect(refused.message.content).toBe(`<#${h.channelId}>에 문제를 올릴 수 없어요. 봇에게 그 채널의 링크 첨부 권한이 없어요. 채널(또는 봇 역할)의 권한에서 허용한 뒤 다시 시도해 주세요.`);
    const english = await h.standIn.responseFor(studybot({ ...USERS.organiser, locale: "en-US" }, "post-now"));
    expect(english.message).toMatchObject({ content: `I can't post questions in <#${h.channelId}>: the bot lacks Embed Links there. Give it that in the channel's permissions (or its role's), then try again.` });
    expect((await h.bot.status(actorOf(h, USERS.organiser))).schedules).toEqual([]);
    expect(cards()).toEqual([]);
  });

  it("pauses every schedule of a server the bot was removed from, and keeps its data", async () => {
    await setUp();
    h.standIn.dispatch("GUILD_DELETE", { id: h.standIn.guild.id });
    await vi.waitFor(() => expect(h.logs.some((l) => l.msg === "the bot was removed: paused the group's schedules, kept its data")).toBe(true));
    const [schedule] = await h.database.store.listSchedules((await h.bot.group(actorOf(h, USERS.organiser))).id);
    expect(schedule).toMatchObject({ active: true, paused: true, pause: { kind: "uninstalled" } });
  });
});
