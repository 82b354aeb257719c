// What members do besides the daily card: /quiz practice (private, off the leaderboard), /stats, topic
// autocomplete — and every reply in the member's language, Korean or English.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MessageFlags } from "discord.js";
import { startHarness, USERS, type Harness, type InteractionCallback as Body } from "./harness.js";
import type { StandInUser } from "../support/discord-standin.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});


async function command(name: string, user: StandInUser, options: Array<Record<string, unknown>> = [], resolved?: Record<string, unknown>) {
  const id = h.standIn.slashCommand({ name, user, options, resolved });
  return { id, ...(await h.standIn.responseFor(id)) };
}

describe("/quiz practice", () => {
  it("gives a private question and reveals it in place when answered, in Korean", async () => {
    const { standIn } = h;
    const asked = await command("quiz", USERS.mina, [{ name: "topic", type: 3, value: "lambda" }]);
    expect(asked.deferred).toBe(false);
    const body = asked.callback.body as Body;
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.embeds[0]!.title).toBe("람다 · ★☆☆ · 연습 문제 · 나만 보여요");
    expect(body.data.embeds[0]!.description).toBe("Lambda 함수에 설정할 수 있는 최대 실행 시간(Timeout)은?\n\n**A.** 3초\n**B.** 60초\n**C.** 900초\n**D.** 1시간");
    const buttons = body.data.components.flatMap((r) => r.components);
    expect(buttons.map((b) => b.label)).toEqual(["A", "B", "C", "D"]);
    expect(buttons.every((b) => /^sb1:prc:\d+:[0-3]$/.test(b.custom_id))).toBe(true);

    // The practice card is an ephemeral message of the interaction; the click updates it (type 7).
    const original = standIn.originalOf(asked.id)!;
    const click = standIn.button({ customId: buttons[2]!.custom_id, user: USERS.mina, messageId: original.id });
    const answered = (await standIn.callbackFor(click)).body as Body;
    expect(answered.type).toBe(7);
    expect(answered.data.content).toBe("🎉 정답이에요! (C)\n오늘 복습할 문제를 모두 끝냈어요.");
    expect(answered.data.embeds[0]!.description).toContain("✅ **C.** 900초");
    expect(answered.data.embeds[0]!.fields![0]).toEqual({ name: "해설", value: "최대 900초(15분)까지 늘릴 수 있다." });
    expect(answered.data.components.flatMap((r) => r.components).slice(0, 4).every((b) => b.disabled)).toBe(true);

    // Practice never reaches the group leaderboard.
    const board = await command("leaderboard", USERS.mina, [{ name: "period", type: 3, value: "all" }]);
    expect((board.message as Body["data"]).embeds[0]).toMatchObject({ title: "전체 순위", description: "이 기간에는 아직 기록된 답이 없어요. 다음 문제에 도전해 보세요!" });
  });

  it("says what the right answer was, in English, for a wrong practice answer", async () => {
    const asked = await command("quiz", USERS.alex, [{ name: "topic", type: 3, value: "sqs" }]);
    const body = asked.callback.body as Body;
    expect(body.data.embeds[0]!.title).toBe("SQS · ★★☆ · Practice · only you can see this");
    const wrong = body.data.components[0]!.components[0]!;
    const click = h.standIn.button({ customId: wrong.custom_id, user: USERS.alex, messageId: h.standIn.originalOf(asked.id)!.id });
    const answered = (await h.standIn.callbackFor(click)).body as Body;
    // the missed question is due again today: the reply says so and offers the next review
    expect(answered.data.content).toBe("❌ Wrong (A). The answer is B — this question will come back soon.\n1 more due today — /review for the next");
    expect(answered.data.embeds[0]!.fields![0]).toEqual({ name: "Explanation", value: "The default is 30 seconds; it can be raised to 12 hours." });
    const next = answered.data.components.flatMap((r) => r.components).find((b) => b.custom_id === "sb1:rev")!;
    expect(next).toEqual({ type: 2, style: 1, label: "Next review", custom_id: "sb1:rev" });
  });

  it("autocompletes topics by key or name in the member's language, and explains an unknown topic", async () => {
    const ac = h.standIn.autocomplete({ name: "quiz", user: USERS.mina, options: [{ name: "topic", type: 3, value: "람", focused: true }] });
    expect((await h.standIn.callbackFor(ac)).body).toEqual({ type: 8, data: { choices: [{ name: "람다 (lambda)", value: "lambda" }] } });
    const en = h.standIn.autocomplete({ name: "leaderboard", user: USERS.alex, options: [{ name: "topic", type: 3, value: "", focused: true }] });
    expect((await h.standIn.callbackFor(en)).body).toEqual({ type: 8, data: { choices: [{ name: "DynamoDB", value: "dynamodb" }, { name: "Lambda", value: "lambda" }, { name: "SQS", value: "sqs" }] } });

    const ko = await command("quiz", USERS.mina, [{ name: "topic", type: 3, value: "kubernetes" }]);
    expect(ko.callback.body).toEqual({ type: 4, data: expect.objectContaining({ content: "'kubernetes'라는 주제는 없어요. 주제: lambda, sqs, dynamodb", flags: MessageFlags.Ephemeral }) });
    const enErr = await command("quiz", USERS.alex, [{ name: "topic", type: 3, value: "kubernetes" }]);
    expect((enErr.callback.body as Body).data.content).toBe("There is no topic 'kubernetes'. Topics: lambda, sqs, dynamodb");
  });
});

describe("/stats", () => {
  it("shows the caller's own stats privately, in their language", async () => {
    const ko = await command("stats", USERS.seo);
    expect((ko.callback.body as Body).data.flags).toBe(MessageFlags.Ephemeral);
    expect((ko.callback.body as Body).data.embeds[0]).toEqual(expect.objectContaining({ title: "서연 님의 기록", description: "아직 답한 문제가 없어요. 채널에 올라오는 문제에 답하거나 /quiz 로 연습해 보세요.\n복습: 오늘 0개 · 이번 주 0개 완료" }));
    const en = await command("stats", USERS.alex);
    expect((en.callback.body as Body).data.embeds[0]).toEqual(expect.objectContaining({ title: "Stats for Alex", description: "No answers yet. Answer the questions posted in the channel, or practise with /quiz.\nreviews: 0 due today · 0 done this week" }));
  });

  it("names another member through the user option, and says when they have no record", async () => {
    const none = await command("stats", USERS.alex, [{ name: "member", type: 6, value: USERS.seo.id }], h.standIn.resolveUser(USERS.seo));
    expect((none.callback.body as Body).data).toMatchObject({ content: "No record for 서연 yet. Check the name, or wait until they answer a question.", flags: MessageFlags.Ephemeral });
    await command("quiz", USERS.seo); // /quiz makes Seo a member of the group
    const seen = await command("stats", USERS.alex, [{ name: "member", type: 6, value: USERS.seo.id }], h.standIn.resolveUser(USERS.seo));
    expect((seen.callback.body as Body).data.embeds[0]!.title).toBe("Stats for 서연");
  });
});
