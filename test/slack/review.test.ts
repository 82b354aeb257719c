// /review on Slack through the real Bolt App: a member who missed the daily card finds it in /review right after the
// reveal (ephemeral), answers it with the practice buttons, sees the note and what is still due; the App Home shows
// the due counts; a reminder comes as a direct message from the app (conversations.open, then chat.postMessage).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/cards.js";
import { ts as t } from "../../src/platforms/slack/messages.js";
import { blockText, CHANNEL, repliesTo, startHarness, TEAM, USERS, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<{ action_id: string; value: string; text: { text: string } }> };
const ko = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => t("ko", key, params);
const as = (user: (typeof USERS)[keyof typeof USERS]): Actor => ({ group: { platform: "slack", externalId: TEAM }, userId: user.id, displayName: user.name, locale: user.locale });
const only = (responseUrl: string) => {
  const posts = repliesTo(h, responseUrl);
  expect(posts).toHaveLength(1);
  return posts[0]! as { response_type: string; replace_original?: boolean; text: string; blocks?: Block[] };
};

describe("/review on Slack", () => {
  it("brings back the daily card a member missed, right after the reveal; answered in place with the note and what is due", async () => {
    const card = await h.bot.postNow(as(USERS.organiser), CHANNEL);
    const q = h.bank.byId.get(card.questionId)!;
    await h.bot.answer(as(USERS.mina), card.roundId, (q.answer + 1) % q.choices.length);
    const early = only((await h.command(USERS.mina, "/review", "")).responseUrl);
    expect(blockText(early.blocks)).not.toContain(ko("review.from_due", { due: 1 }));

    h.clock.advance(61 * 60_000);
    await h.scheduler.catchUp();
    const res = await h.command(USERS.mina, "/review", "");
    const asked = only(res.responseUrl);
    expect(asked.response_type).toBe("ephemeral");
    expect((asked.blocks![0]!.elements as unknown as Array<{ text: string }>).map((e) => e.text)).toEqual([`🔁 ${ko("review.from_due", { due: 1 })}`, expect.stringMatching(/^복습: 오늘 1개 · 이번 주 1개 완료 · 내일 예상 기억률 \d+%$/)]);
    expect(blockText(asked.blocks)).toContain(q.prompt);
    const actions = asked.blocks!.find((b) => b.type === "actions")!;
    const practiceId = Number(actions.block_id!.split(":")[1]);

    const click = await h.click(USERS.mina, { action_id: `practice:${q.answer}`, block_id: actions.block_id!, value: `${practiceId}:${q.answer}` }, { ephemeral: true });
    const answered = only(click.responseUrl);
    expect(answered.replace_original).toBe(true);
    expect(answered.text).toBe(ko("quiz.practice_correct", { label: "ABCD"[q.answer]! }));
    const text = blockText(answered.blocks);
    expect(text).toContain(`*${ko("review.note")}*`);
    expect(text).toContain(ko("review.due_none"));
    // nothing more due: only "another question"
    expect(answered.blocks!.find((b) => b.block_id === "practice_more")!.elements!.map((e) => e.action_id)).toEqual(["practice_more"]);
  });

  it("shows the due counts on the App Home tab, and readiness in /stats view=readiness", async () => {
    const practice = await h.bot.practice(as(USERS.seo), "sqs");
    const q = h.bank.byId.get(practice.questionId)!;
    await h.bot.answerPractice(as(USERS.seo), practice.roundId, (q.answer + 1) % q.choices.length);
    h.standIn.clear();
    await h.homeOpened(USERS.seo);
    const publish = h.standIn.calls.find((c) => c.method === "views.publish")!;
    expect(publish.response.ok).toBe(true);
    expect(blockText((publish.args.view as { blocks: unknown }).blocks)).toMatch(/복습: 오늘 1개 · 이번 주 1개 완료 · 내일 예상 기억률 \d+%/);
    const ready = only((await h.command(USERS.seo, "/stats", "view=readiness")).responseUrl);
    expect(blockText(ready.blocks)).toContain(ko("readiness.none"));
  });

  it("sends the reminder as a direct message from the app at its time, once a day", async () => {
    const set = only((await h.command(USERS.alex, "/review", "remind=21:00")).responseUrl);
    expect(set.text).toBe("I will send you a reminder at 21:00 (Asia/Seoul) on days something is due. Due today: 0.");
    const practice = await h.bot.practice(as(USERS.alex), "sqs");
    const q = h.bank.byId.get(practice.questionId)!;
    await h.bot.answerPractice(as(USERS.alex), practice.roundId, (q.answer + 1) % q.choices.length);
    h.standIn.clear();
    h.clock.set("2026-03-02T12:00:00Z"); // 21:00 in Seoul
    await h.scheduler.catchUp();
    await h.scheduler.catchUp();
    const calls = h.standIn.calls.filter((c) => c.method === "conversations.open" || c.method === "chat.postMessage").map((c) => [c.method, c.args.users ?? c.args.channel, c.args.text ?? null, c.response.ok]);
    expect(calls).toEqual([
      ["conversations.open", USERS.alex.id, null, true],
      ["chat.postMessage", `D${USERS.alex.id.slice(1)}`, "Reviews due today: 1. Type /review to go through them.", true],
    ]);
    const bad = only((await h.command(USERS.alex, "/review", "remind=soon")).responseUrl);
    expect(bad.text).toBe("'soon' is not a reminder time. Write HH:MM, 24-hour (e.g. 20:00), or off.");
  });
});
