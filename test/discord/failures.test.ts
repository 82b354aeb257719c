// Slowness and failure on Discord: a slow core is deferred inside Discord's window and the answer edited in
// later; a failure answers the caller privately in their language — even after a public deferral — and is
// logged with the interaction's context, without a stack trace in chat.
import { afterEach, describe, expect, it } from "vitest";
import { MessageFlags } from "discord.js";
import { actorOf, answerButtons, gatedStore, startHarness, USERS, type Harness, type SentEmbed as Embed } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});


describe("a slow core", () => {
  it("is deferred (publicly for /leaderboard) and the answer edited in when it comes", async () => {
    let gate!: ReturnType<typeof gatedStore>;
    h = await startHarness({ slowAfterMs: 20, wrapStore: (s) => (gate = gatedStore(s)).store });
    const { standIn } = h;
    gate.close();
    const id = standIn.slashCommand({ name: "leaderboard", user: USERS.alex });
    // Nothing can answer while the store is held: the only way the callback comes is the deferral.
    const deferral = await standIn.callbackFor(id);
    expect(deferral.body).toEqual({ type: 5, data: { flags: 0 } });
    gate.open();
    const edit = await standIn.originalEditFor(id);
    expect((edit.body as { embeds: Embed[] }).embeds[0]).toMatchObject({ title: "This week's leaderboard", description: expect.stringMatching(/^No answers recorded yet in this period\. Answer the next question!\n\n📅 <t:\d+:d> – <t:\d+:d>$/) });
    expect(standIn.calls().map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual([
      `204 POST /interactions/${id}/itok-${id}/callback`,
      `200 PATCH /webhooks/${standIn.applicationId}/itok-${id}/messages/@original`,
    ]);
    expect(h.logs.find((l) => l.msg === "discord: slow answer, deferring")).toMatchObject({ interactionId: id, command: "leaderboard", afterMs: 20 });
  });

  it("that then fails replaces the public placeholder with a private apology in the caller's language", async () => {
    let gate!: ReturnType<typeof gatedStore>;
    h = await startHarness({ slowAfterMs: 20, wrapStore: (s) => (gate = gatedStore(s)).store });
    const { standIn } = h;
    gate.close();
    const id = standIn.slashCommand({ name: "leaderboard", user: USERS.mina });
    await standIn.callbackFor(id);
    h.database.close(); // the database goes away while the command waits on it
    gate.open();
    const followUp = await standIn.waitForRequest((r) => r.method === "POST" && r.path === `/webhooks/${standIn.applicationId}/itok-${id}`);
    expect(followUp.body).toMatchObject({ content: "처리 중 문제가 생겼어요. 잠시 후 다시 시도해 주세요.", flags: MessageFlags.Ephemeral });
    expect(standIn.calls().map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual([
      `204 POST /interactions/${id}/itok-${id}/callback`,
      `204 DELETE /webhooks/${standIn.applicationId}/itok-${id}/messages/@original`,
      `200 POST /webhooks/${standIn.applicationId}/itok-${id}`,
    ]);
    const logged = h.logs.find((l) => l.msg === "discord: interaction failed")!;
    expect(logged).toMatchObject({ level: 50, interactionId: id, command: "leaderboard", userId: USERS.mina.id, guildId: standIn.guild.id, channelId: h.channelId });
    expect((logged.err as { message: string }).message).toMatch(/database|not open/i);
  });
});

describe("a slow practice answer", () => {
  it("is deferred as an update of the private card, which is then edited in place", async () => {
    let gate!: ReturnType<typeof gatedStore>;
    h = await startHarness({ slowAfterMs: 20, wrapStore: (s) => (gate = gatedStore(s)).store });
    const { standIn } = h;
    const asked = standIn.slashCommand({ name: "quiz", user: USERS.alex, options: [{ name: "topic", type: 3, value: "sqs" }] });
    const card = await standIn.callbackFor(asked);
    const right = (card.body as { data: { components: Array<{ components: Array<{ custom_id: string }> }> } }).data.components[0]!.components[1]!.custom_id;
    const message = standIn.originalOf(asked)!;
    gate.close();
    const click = standIn.button({ customId: right, user: USERS.alex, messageId: message.id });
    expect((await standIn.callbackFor(click)).body).toEqual({ type: 6 });
    gate.open();
    const edit = await standIn.originalEditFor(click);
    expect((edit.body as { content: string }).content).toBe("🎉 Correct! (B)\nNothing more due today.");
    expect(standIn.message(message.id)!.content).toBe("🎉 Correct! (B)\nNothing more due today.");
  });
});

describe("a failing core", () => {
  it("answers a button click privately with the generic message and logs the cause", async () => {
    h = await startHarness();
    const { standIn } = h;
    await standIn.responseFor(standIn.slashCommand({ name: "studybot", user: USERS.organiser, options: [{ name: "post-now", type: 1, options: [] }] }));
    const [open] = (await h.bot.status(actorOf(h, USERS.organiser))).openRounds;
    const messageId = (await h.database.store.roundById(open!.roundId))!.message!.messageId;
    const customId = answerButtons(h, messageId)[0]!;
    h.database.close();
    const click = standIn.button({ customId, user: USERS.alex, messageId });
    const { body } = await standIn.callbackFor(click);
    expect(body).toEqual({ type: 4, data: expect.objectContaining({ content: "Something went wrong on our side. Please try again in a moment.", flags: MessageFlags.Ephemeral }) });
    expect(JSON.stringify(body)).not.toMatch(/at |Error|sqlite/i);
    expect(h.logs.find((l) => l.msg === "discord: interaction failed")).toMatchObject({ interactionId: click, customId, userId: USERS.alex.id });
  });
});
