// 429s from Discord: the stand-in answers with retry-after, discord.js's REST layer waits it out and retries,
// and nothing is lost — the card is posted once, the answer is recorded and acknowledged, the reveal lands.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MessageFlags } from "discord.js";
import { actorOf, answerButtons, startHarness, USERS, type Harness } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const RETRY_AFTER_S = 0.25;

describe("Discord rate limits", () => {
  it("honours retry-after on the card post, an answer's acknowledgement and the reveal edit, losing nothing", async () => {
    const { standIn, clock, scheduler, channelId } = h;
    await standIn.responseFor(standIn.slashCommand({ name: "studybot", user: USERS.organiser, options: [{ name: "schedule", type: 1, options: [{ name: "time", type: 3, value: "09:00" }] }] }));

    // The card post is rate limited once.
    standIn.rateLimit("POST", /^\/channels\/\d+\/messages$/, RETRY_AFTER_S);
    clock.set("2026-03-02T00:00:00Z");
    const { posted } = await scheduler.catchUp();
    expect(posted).toHaveLength(1);
    const posts = standIn.requests.filter((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages`);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000);
    expect(posts[1]!.body).toEqual(posts[0]!.body);
    const messageId = posted[0]!.message!.messageId;

    // Mina's acknowledgement is rate limited once: her answer is already committed, and the reply still arrives.
    standIn.rateLimit("POST", /^\/interactions\/\d+\/[^/]+\/callback$/, RETRY_AFTER_S);
    const right = h.bank.byId.get(posted[0]!.questionId)!.answer;
    clock.set("2026-03-02T00:00:05Z");
    const click = standIn.button({ customId: answerButtons(h, messageId)[right]!, user: USERS.mina, messageId });
    const ack = await standIn.callbackFor(click);
    const attempts = standIn.requests.filter((r) => r.path.startsWith(`/interactions/${click}/`));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000);
    expect(ack.body).toMatchObject({ type: 4, data: { content: `✅ ${"ABCD"[right]}로 답했어요. 정답은 공개 시간에 알려 드릴게요.`, flags: MessageFlags.Ephemeral } });

    // The reveal edit is rate limited once.
    standIn.rateLimit("PATCH", /^\/channels\/\d+\/messages\/\d+$/, RETRY_AFTER_S);
    clock.set("2026-03-02T01:00:00Z");
    const { revealed } = await scheduler.catchUp();
    expect(revealed).toEqual([posted[0]!.id]);
    const edits = standIn.requests.filter((r) => r.method === "PATCH" && r.path === `/channels/${channelId}/messages/${messageId}`);
    expect(edits.map((r) => r.status)).toEqual([429, 200]);
    expect(standIn.message(messageId)!.embeds).toEqual((edits[1]!.body as { embeds: unknown[] }).embeds);

    const stats = await h.bot.stats(actorOf(h, USERS.mina));
    expect({ answered: stats.answered, correct: stats.correct, points: stats.points }).toEqual({ answered: 1, correct: 1, points: 15 });
    expect(h.logs.filter((l) => l.msg === "discord: rate limited (429), retrying after retry-after").map((l) => [l.method, l.route, l.retryAfterS])).toEqual([
      ["POST", "/channels/:id/messages", RETRY_AFTER_S],
      ["POST", "/interactions/:id/:token/callback", RETRY_AFTER_S],
      ["PATCH", "/channels/:id/messages/:id", RETRY_AFTER_S],
    ]);
  });
});
