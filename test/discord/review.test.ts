// /review on Discord through the real discord.js Client: a member who missed the daily card finds it in /review
// right after the reveal (ephemeral), answers it with the practice buttons, sees the explanation, the note section
// and what is still due, and asks for a reminder, which comes as a direct message at its time.
import { MessageFlags } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { t } from "../../src/core/messages/index.js";
import { actorOf, answerButtons, startHarness, USERS, type Harness, type SentMessage } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

type Body = { type: number; data: SentMessage };

async function command(name: string, user: (typeof USERS)[keyof typeof USERS], options: Array<Record<string, unknown>> = []) {
  const id = h.standIn.slashCommand({ name, user, options });
  return { id, response: await h.standIn.responseFor(id) };
}

describe("/review on Discord", () => {
  it("brings back a missed daily question right after the reveal, answered in place with the note and what is due", async () => {
    const card = await h.bot.postNow(actorOf(h, USERS.organiser), h.channelId);
    const q = h.bank.byId.get(card.questionId)!;
    const round = (await h.bot.openCards(actorOf(h, USERS.organiser), h.channelId))[0]!;
    const message = (await h.database.store.roundById(round.roundId))!.message!.messageId;
    const wrong = (q.answer + 1) % q.choices.length;
    h.standIn.button({ customId: answerButtons(h, message)[wrong]!, user: USERS.mina, messageId: message });
    await h.standIn.waitForRequest((r) => r.method === "POST" && r.path.startsWith("/interactions/") && r.status < 300);

    // before the reveal: a new question, nothing due
    const before = await command("review", USERS.mina);
    expect(before.response.message.content).toMatch(/^🔁 복습할 문제가 없어서, 가장 약한 주제의 새 문제예요\n복습: 오늘 0개 · 이번 주 0개 완료$/);

    h.clock.advance(61 * 60_000);
    await h.scheduler.catchUp();
    const asked = await command("review", USERS.mina);
    const body = asked.response.callback.body as Body;
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.content).toMatch(/^🔁 복습할 차례 · 오늘 1개\n복습: 오늘 1개 · 이번 주 1개 완료 · 내일 예상 기억률 \d+%$/);
    expect(body.data.embeds[0]!.description).toContain(q.prompt);
    const buttons = body.data.components.flatMap((r) => r.components);
    expect(buttons.map((b) => b.label)).toEqual(q.choices.map((_, i) => "ABCD"[i]));

    const click = h.standIn.button({ customId: buttons[q.answer]!.custom_id, user: USERS.mina, messageId: h.standIn.originalOf(asked.id)!.id });
    const answered = (await h.standIn.callbackFor(click)).body as Body;
    expect(answered.type).toBe(7); // the review card is edited in place
    expect(answered.data.content).toBe(`🎉 정답이에요! (${"ABCD"[q.answer]})\n오늘 복습할 문제를 모두 끝냈어요.`);
    const fields = answered.data.embeds[0]!.fields!;
    expect(fields[0]).toEqual({ name: "해설", value: q.explanation });
    const note = fields.find((f) => f.name === "노트에서")!;
    const section = h.sections.find((s) => s.id === q.sectionId)!;
    expect(section.text.trim()).not.toBe("");
    expect(note.value.split("\n")[0]).toBe(section.text.split("\n")[0]);
    expect(answered.data.components.flatMap((r) => r.components).some((b) => b.custom_id === "sb1:rev")).toBe(false);
  });

  it("sets a reminder and sends it as a direct message at its time, once, only when something is due", async () => {
    const set = await command("review", USERS.alex, [{ name: "remind", type: 3, value: "20:00" }]);
    expect(set.response.message.content).toBe("⏰ I will send you a reminder at 20:00 (Asia/Seoul) on days something is due. Due today: 0.");
    // 20:00 with nothing due: no message
    h.clock.set("2026-03-02T11:00:00Z");
    await h.scheduler.catchUp();
    expect(h.standIn.calls().filter((r) => r.path === "/users/@me/channels")).toEqual([]);

    // alex misses a practice question: it is due again today
    const practice = await h.bot.practice(actorOf(h, USERS.alex));
    const q = h.bank.byId.get(practice.questionId)!;
    await h.bot.answerPractice(actorOf(h, USERS.alex), practice.roundId, (q.answer + 1) % q.choices.length);
    h.clock.set("2026-03-02T11:01:00Z");
    await h.scheduler.catchUp();
    await h.scheduler.catchUp();
    const open = h.standIn.calls().filter((r) => r.method === "POST" && r.path === "/users/@me/channels");
    expect(open.map((r) => r.body)).toEqual([{ recipient_id: USERS.alex.id }]);
    const dm = [...h.standIn.dmChannels.keys()][0]!;
    const sent = h.standIn.calls().filter((r) => r.method === "POST" && r.path === `/channels/${dm}/messages`);
    expect(sent.map((r) => (r.body as { content: string }).content)).toEqual(["Reviews due today: 1. Type /review to go through them."]);

    const off = await command("review", USERS.alex, [{ name: "remind", type: 3, value: "off" }]);
    expect(off.response.message.content).toBe("⏰ Review reminders are off. Turn them on with /review remind=20:00.");
    const bad = await command("review", USERS.alex, [{ name: "remind", type: 3, value: "later" }]);
    expect(bad.response.message.content).toBe("'later' is not a reminder time. Write HH:MM, 24-hour (e.g. 20:00), or off.");
  });

  it("shows exam readiness with /stats view:readiness, and the review counts in /stats", async () => {
    const stats = await command("stats", USERS.alex);
    expect((stats.response.callback.body as Body).data.embeds[0]!.description).toBe(`${t("en", "stats.none")}\nreviews: 0 due today · 0 done this week`);
    const ready = await command("stats", USERS.alex, [{ name: "view", type: 3, value: "readiness" }]);
    const embed = (ready.response.callback.body as Body).data.embeds[0]!;
    expect(embed.title).toBe("Exam readiness of Alex");
    // the fixture bank maps no topic to an exam domain
    expect(embed.description).toBe(t("en", "readiness.none"));
  });
});
