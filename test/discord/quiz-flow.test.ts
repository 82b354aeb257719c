// The daily question on Discord, end to end through the real discord.js Client and the real core: an
// organiser schedules it, the scheduler posts the card to the channel, three members answer (one twice), the
// card is edited at reveal, a late answer is refused, and /leaderboard shows the three.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MessageFlags } from "discord.js";
import { answerButtons, startHarness, USERS, type Harness, type SentMessage as MessageBody } from "./harness.js";
import type { StandInUser } from "../support/discord-standin.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});


const ids = (h: Harness) => h.standIn.calls().map((r) => `${r.status} ${r.method} ${r.path}`);

async function click(user: StandInUser, customId: string, messageId: string): Promise<{ id: string; body: { type: number; data: MessageBody } }> {
  const id = h.standIn.button({ customId, user, messageId });
  const callback = await h.standIn.callbackFor(id);
  return { id, body: callback.body as { type: number; data: MessageBody } };
}

describe("daily question on Discord", () => {
  it("posts the scheduled card, records answers, edits the card at reveal, refuses late answers, ranks the three", async () => {
    const { standIn, clock, scheduler, channelId } = h;

    // 08:00 Monday in Seoul: the organiser schedules 09:00 on weekdays in this channel.
    const sched = standIn.slashCommand({ name: "studybot", user: USERS.organiser, options: [{ name: "schedule", type: 1, options: [{ name: "time", type: 3, value: "09:00" }, { name: "days", type: 3, value: "mon-fri" }] }] });
    const scheduled = await standIn.responseFor(sched);
    expect(scheduled.deferred).toBe(true);
    expect(scheduled.callback.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const nextRun = Date.parse("2026-03-02T00:00:00Z") / 1000;
    expect(scheduled.message.content).toBe(`✅ <#${channelId}> · 'daily' 일정을 저장했어요: 평일 09:00 (Asia/Seoul), 주제 전체, 60분 뒤 정답 공개. 다음 문제: <t:${nextRun}:f> (<t:${nextRun}:R>)`);

    // 09:00: the scheduler posts the card to the configured channel.
    clock.set("2026-03-02T00:00:00Z");
    const { posted } = await scheduler.catchUp();
    expect(posted).toHaveLength(1);
    const round = posted[0]!;
    const post = standIn.calls().find((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages`)!;
    expect(post.authorized).toBe(true);
    const card = post.body as MessageBody;
    const question = h.bank.byId.get(round.questionId)!;
    expect(card.embeds[0]!.description).toContain(question.prompt);
    question.choices.forEach((c, i) => expect(card.embeds[0]!.description).toContain(`**${"ABCD"[i]}.** ${c}`));
    expect(card.components.flatMap((r) => r.components.map((b) => [b.label, b.custom_id]))).toEqual(question.choices.map((_, i) => ["ABCD"[i], `sb1:ans:${round.id}:${i}`]));
    expect(round.message).toEqual({ channelId, messageId: expect.any(String) });
    const messageId = round.message!.messageId;
    const buttons = answerButtons(h, messageId);
    expect(buttons).toHaveLength(question.choices.length);

    const right = question.answer;
    const wrong = (right + 1) % question.choices.length;
    const label = (i: number) => "ABCD"[i]!;

    // Three members answer; Mina clicks twice (the first answer stands).
    clock.set("2026-03-02T00:00:10Z");
    const mina = await click(USERS.mina, buttons[right]!, messageId);
    clock.set("2026-03-02T00:00:20Z");
    const alex = await click(USERS.alex, buttons[wrong]!, messageId);
    clock.set("2026-03-02T00:00:30Z");
    const seo = await click(USERS.seo, buttons[right]!, messageId);
    const minaAgain = await click(USERS.mina, buttons[wrong]!, messageId);
    expect(mina.body).toEqual({ type: 4, data: expect.objectContaining({ content: `✅ ${label(right)}로 답했어요. 정답은 공개 시간에 알려 드릴게요.`, flags: MessageFlags.Ephemeral }) });
    expect(alex.body).toEqual({ type: 4, data: expect.objectContaining({ content: `✅ Answer recorded: ${label(wrong)}. The correct answer is revealed at the reveal time.`, flags: MessageFlags.Ephemeral }) });
    expect(seo.body.data.content).toBe(`✅ ${label(right)}로 답했어요. 정답은 공개 시간에 알려 드릴게요.`);
    expect(minaAgain.body).toEqual({ type: 4, data: expect.objectContaining({ content: `이미 ${label(right)}로 답했어요. 처음 답만 인정돼요.`, flags: MessageFlags.Ephemeral }) });

    // 10:00: the reveal edits the card in place.
    clock.set("2026-03-02T01:00:00Z");
    const { revealed } = await scheduler.catchUp();
    expect(revealed).toEqual([round.id]);
    const edit = standIn.calls().find((r) => r.method === "PATCH" && r.path === `/channels/${channelId}/messages/${messageId}`)!;
    expect(edit.status).toBe(200);
    const after = edit.body as MessageBody;
    const desc = after.embeds[0]!.description!;
    expect(desc).toContain(`✅ **${label(right)}.** ${question.choices[right]} — 2`);
    expect(desc).toContain(`▫️ **${label(wrong)}.** ${question.choices[wrong]} — 1`);
    expect(desc).toContain(`**정답: ${label(right)}. ${question.choices[right]}**`);
    expect(after.embeds[0]!.fields).toEqual([
      { name: "해설", value: question.explanation },
      { name: "출처", value: expect.stringMatching(/^스터디 노트 › .+\n`notes\/study\.md:\d+`$/) },
      { name: "가장 빨리 맞힌 사람", value: "🥇 미나 · 10초\n🥈 서연 · 30초" },
    ]);
    expect(after.embeds[0]!.footer).toEqual({ text: "3명 참여" });
    const afterButtons = after.components.flatMap((r) => r.components);
    expect(afterButtons.slice(0, question.choices.length).every((b) => b.disabled)).toBe(true);
    expect(afterButtons[right]).toMatchObject({ style: 3, label: `${label(right)} · 2` });
    expect(afterButtons.at(-1)).toMatchObject({ label: "출처 노트 열기", custom_id: `sb1:sec:notes/study.md#${question.sectionId === null ? 0 : h.sections.find((s) => s.id === question.sectionId)!.line}` });

    // A late answer, after the reveal, is refused.
    const late = await click(USERS.organiser, buttons[right]!, messageId);
    expect(late.body).toEqual({ type: 4, data: expect.objectContaining({ content: "이미 정답이 공개된 문제예요. 다음 문제를 기다려 주세요.", flags: MessageFlags.Ephemeral }) });

    // The source button opens the section privately.
    const source = await click(USERS.alex, afterButtons.at(-1)!.custom_id, messageId);
    expect(source.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(source.body.data.embeds[0]!.title).toMatch(/^스터디 노트 › /);

    // /leaderboard shows the three, ties sharing a rank.
    const board = standIn.slashCommand({ name: "leaderboard", user: USERS.seo, options: [] });
    const shown = await standIn.responseFor(board);
    expect(shown.deferred).toBe(false);
    const embed = (shown.message as unknown as MessageBody).embeds[0]!;
    expect(embed.title).toBe("이번 주 순위");
    expect(embed.description!.split("\n")).toEqual([
      "🥇 1. 미나 — 15점 · 정답률 100% (1/1) · 연속 1",
      "🥇 1. 서연 — 15점 · 정답률 100% (1/1) · 연속 1",
      "🥉 3. Alex — 0점 · 정답률 0% (0/1) · 연속 0",
      "",
      // Monday 00:00 in Seoul, to now; Discord shows both in each reader's own time zone.
      `📅 <t:${Date.parse("2026-03-01T15:00:00Z") / 1000}:d> – <t:${Date.parse("2026-03-02T01:00:00Z") / 1000}:d>`,
    ]);

    // Exactly these calls, in this order, and nothing else.
    const cb = (id: string) => `204 POST /interactions/${id}/itok-${id}/callback`;
    expect(ids(h)).toEqual([
      cb(sched),
      `200 PATCH /webhooks/${standIn.applicationId}/itok-${sched}/messages/@original`,
      `200 POST /channels/${channelId}/messages`,
      cb(mina.id),
      cb(alex.id),
      cb(seo.id),
      cb(minaAgain.id),
      `200 PATCH /channels/${channelId}/messages/${messageId}`,
      cb(late.id),
      cb(source.id),
      cb(board),
    ]);
  });
});
