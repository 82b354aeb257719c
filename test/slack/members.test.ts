// The rest of the Slack surface through the real Bolt App: /quiz practice (private, not on the leaderboard),
// /stats for oneself and for a mentioned member, and the organiser commands post-now, status, reveal-now,
// pause/resume and config, each checked call by call.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ts as t } from "../../src/platforms/slack/messages.js";
import { blockText, CHANNEL, chatCalls, repliesTo, startHarness, USERS, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: "2026-03-04T01:00:00Z" }); // Wednesday 10:00 in Seoul
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => h.standIn.clear());

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<{ action_id: string; value: string; text: { text: string } }>; fields?: Array<{ text: string }> };
type Reply = { response_type: string; replace_original?: boolean; text: string; blocks?: Block[] };
const ko = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => t("ko", key, params);
const only = (responseUrl: string): Reply => {
  const posts = repliesTo(h, responseUrl);
  expect(posts).toHaveLength(1);
  return posts[0] as unknown as Reply;
};
const epoch = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

describe("/quiz", () => {
  it("gives a private practice question, reveals it in place on a click, and offers another", async () => {
    const res = await h.command(USERS.seo, "/quiz", "sqs");
    const card = only(res.responseUrl);
    expect(card.response_type).toBe("ephemeral");
    expect(card.blocks![0]!.text!.text).toBe("연습 문제 · SQS");
    const actions = card.blocks!.find((b) => b.type === "actions")!;
    const id = Number(actions.block_id!.split(":")[1]);
    expect(actions.elements!.map((e) => [e.action_id, e.value])).toEqual([0, 1, 2].map((i) => [`practice:${i}`, `${id}:${i}`]));
    const wrong = 2; // every SQS question's answer is A

    const click = await h.click(USERS.seo, { action_id: `practice:${wrong}`, block_id: actions.block_id!, value: `${id}:${wrong}` }, { ephemeral: true });
    const result = only(click.responseUrl);
    expect(result.replace_original).toBe(true);
    expect(result.text).toBe(ko("quiz.practice_wrong", { label: "C", correct: "A" }));
    const lines = result.blocks!.find((b) => b.type === "section" && b.text!.text.includes("✅"))!.text!.text.split("\n");
    expect(lines[0]).toMatch(/^✅ \*A\. /);
    expect(lines[2]).toMatch(/^❌ C\. /);
    // the missed question is due again today: the reply says so, and offers the next review beside another question
    expect(blockText(result.blocks)).toContain(ko("review.due_today", { count: 1 }));
    const buttons = result.blocks!.find((b) => b.block_id === "practice_more")!.elements!;
    expect(buttons.map((e) => [e.action_id, e.value, e.text.text])).toEqual([
      ["review_next", "", ko("review.next_button")],
      ["practice_more", "sqs", ko("slack.card.practice_more")],
    ]);

    // The same click again (a double click): the first answer stands.
    const again = await h.click(USERS.seo, { action_id: "practice:0", block_id: actions.block_id!, value: `${id}:0` }, { ephemeral: true });
    expect(only(again.responseUrl).text).toBe(ko("quiz.practice_repeated", { label: "C" }));

    // Another one: a new private card below, the result stays.
    const next = await h.click(USERS.seo, { action_id: "practice_more", block_id: "practice_more", value: "sqs" }, { ephemeral: true });
    const nextCard = only(next.responseUrl);
    expect(nextCard.replace_original).toBe(false);
    expect(nextCard.blocks![0]!.text!.text).toBe("연습 문제 · SQS");

    // The next review replaces the answered card with the question just missed, asked again.
    const review = await h.click(USERS.seo, { action_id: "review_next", block_id: "practice_more", value: "" }, { ephemeral: true });
    const reviewCard = only(review.responseUrl);
    expect(reviewCard.replace_original).toBe(true);
    expect(blockText(reviewCard.blocks)).toContain(ko("review.from_due", { due: 1 }));
    const missed = h.bank.byId.get((await h.database.store.practiceById(id))!.questionId)!;
    expect(blockText(reviewCard.blocks)).toContain(missed.prompt);

    // Someone else's practice question cannot be answered with a copied button.
    const stolen = await h.click(USERS.mina, { action_id: "practice:0", block_id: actions.block_id!, value: `${id}:0` }, { ephemeral: true });
    expect(only(stolen.responseUrl)).toEqual({ response_type: "ephemeral", replace_original: false, text: ko("quiz.unknown_practice") });

    // Practice never reaches the channel nor the leaderboard.
    expect(chatCalls(h)).toEqual([]);
    const board = only((await h.command(USERS.seo, "/leaderboard", "all")).responseUrl);
    expect(board.blocks![1]!.text!.text).toBe(ko("leaderboard.empty"));
  });

  it("names the topics when asked for one that does not exist, or for help", async () => {
    expect(only((await h.command(USERS.seo, "/quiz", "kubernetes")).responseUrl)).toEqual({ response_type: "ephemeral", text: ko("quiz.unknown_topic", { value: "kubernetes", topics: "lambda, sqs" }) });
    expect(only((await h.command(USERS.seo, "/quiz", "help")).responseUrl)).toEqual({ response_type: "ephemeral", text: `*${ko("command.usage_title", { command: "/quiz" })}*\n• /quiz [topic] — ${ko("cmd.quiz")}` });
  });
});

describe("the Slack port", () => {
  it("replies privately with chat.postEphemeral, and refuses to post for another workspace", async () => {
    const group = { platform: "slack", externalId: "T0STUDY01" };
    await h.slack.port.sendPrivate(group, CHANNEL, USERS.mina.id, "비공개 알림");
    expect(h.standIn.calls.map((c) => [c.method, c.args.channel, c.args.user, c.args.text])).toEqual([["chat.postEphemeral", CHANNEL, USERS.mina.id, "비공개 알림"]]);
    await expect(h.slack.port.postCard({ platform: "slack", externalId: "T0OTHER01" }, CHANNEL, {} as never)).rejects.toThrow("this Slack bot token belongs to workspace T0STUDY01, not to slack:T0OTHER01");
    expect(h.standIn.calls).toHaveLength(1);
  });
});

describe("organiser commands and /stats", () => {
  it("post-now posts a card, status lists it with the schedule, reveal-now edits it, /stats shows the member", async () => {
    const sched = await h.command(USERS.listed, "/studybot", "schedule 09:00 mon,wed,fri Asia/Seoul reveal=30 instant=on");
    expect(only(sched.responseUrl).text).toBe(
      ko("schedule.saved", { name: "daily", channel: `<#${CHANNEL}>`, days: "월, 수, 금", time: "09:00", timezone: "Asia/Seoul", topics: "전체", reveal: 30, instant: ko("schedule.instant_on"), pick: "", next: `<!date^${epoch("2026-03-06T00:00:00Z")}^{date_short_pretty} {time}|2026-03-06 00:00 UTC>` }),
    );

    h.standIn.clear();
    const post = await h.command(USERS.listed, "/studybot", "post-now");
    expect(chatCalls(h)).toEqual([
      ["conversations.info", CHANNEL],
      ["chat.postMessage", CHANNEL],
    ]);
    const posted = h.standIn.callsOf("chat.postMessage")[0]!;
    const ts = String(posted.response.ts);
    const actions = (posted.args.blocks as Block[]).find((b) => b.type === "actions")!;
    const roundId = Number(actions.block_id!.split(":")[1]);
    expect(only(post.responseUrl).text).toBe(ko("admin.posted", { round: roundId, channel: `<#${CHANNEL}>`, when: `<!date^${epoch("2026-03-04T01:30:00Z")}^{date_short_pretty} {time}|2026-03-04 01:30 UTC>` }));

    // The channel has instant feedback on: the member learns at once whether they were right.
    const q = h.bank.byId.get((await h.bot.status({ group: { platform: "slack", externalId: "T0STUDY01" }, userId: "x", displayName: "x" })).openRounds[0]!.questionId)!;
    const click = await h.click(USERS.mina, { action_id: `answer:${q.answer}`, block_id: `round:${roundId}`, value: `${roundId}:${q.answer}` }, { messageTs: ts });
    expect(only(click.responseUrl).text).toBe(ko("quiz.recorded_correct", { label: "ABCD"[q.answer]!, points: 15 }));

    const status = only((await h.command(USERS.listed, "/studybot", "status")).responseUrl).text;
    expect(status).toContain(`• <#${CHANNEL}> · daily: 월, 수, 금 09:00 (Asia/Seoul)`);
    expect(status).toContain(`• 진행 중인 문제 #${roundId} (<#${CHANNEL}>)`);

    h.standIn.clear();
    const reveal = await h.command(USERS.listed, "/studybot", "reveal-now");
    expect(h.standIn.calls.filter((c) => c.method !== "users.info").map((c) => [c.method, c.args.channel, c.args.ts])).toEqual([["chat.update", CHANNEL, ts]]);
    expect(only(reveal.responseUrl).text).toBe(ko("admin.revealed", { channel: `<#${CHANNEL}>`, label: "ABCD"[q.answer]!, count: 1 }));
    expect(only((await h.command(USERS.listed, "/studybot", "reveal-now")).responseUrl).text).toBe(ko("admin.nothing_to_reveal", { channel: `<#${CHANNEL}>` }));

    const mine = only((await h.command(USERS.mina, "/stats", "")).responseUrl);
    expect(mine.blocks![0]!.text!.text).toBe("미나 님의 기록"); // her Slack display name
    expect(mine.blocks!.find((b) => b.fields)!.fields!.map((f) => f.text)).toEqual(["*답변*\n1", "*정답*\n1", "*정답률*\n100%", "*점수*\n15", "*연속 정답*\n현재 0 · 최고 0", "*전체 순위*\n1"]);
    const theirs = only((await h.command(USERS.seo, "/stats", `<@${USERS.mina.id}|mina>`)).responseUrl);
    expect(blockText(theirs.blocks)).toContain(`<@${USERS.mina.id}>`);
    expect(only((await h.command(USERS.seo, "/stats", "<@U0NOBODY01|ghost>")).responseUrl).text).toBe(ko("stats.unknown_member", { name: "ghost" }));

    // /history: the revealed question with the answer, the caller's own answer and the group's accuracy
    const history = only((await h.command(USERS.mina, "/history", "")).responseUrl);
    expect(history.response_type).toBe("ephemeral");
    expect(history.blocks![0]!.text!.text).toBe(ko("history.title", { count: 1 }));
    const L = "ABCD"[q.answer]!;
    expect(history.blocks![1]!.text!.text).toMatch(new RegExp(`^\\*#${roundId} · .+\\*\\n✅ 정답 ${L}\\. .+\\n내 답: ${L} ✓ · 그룹 정답률 100% \\(1명 중 1명\\) · <!date\\^`));
    expect(blockText(history.blocks)).toContain("출처:");
    const seoHistory = only((await h.command(USERS.seo, "/history", "5")).responseUrl);
    expect(blockText(seoHistory.blocks)).toContain("답하지 않았어요");
    expect(only((await h.command(USERS.seo, "/history", "11")).responseUrl).text).toBe(ko("option.bad_integer", { name: "count", value: "11", min: 1, max: 10 }));
  });

  it("pause and resume keep the schedule; config validates its input", async () => {
    expect(only((await h.command(USERS.listed, "/studybot", "pause")).responseUrl).text).toBe(ko("schedule.paused", { name: "daily" }));
    const resumed = only((await h.command(USERS.listed, "/studybot", "resume")).responseUrl).text;
    expect(resumed.split("\n")[0]).toBe(ko("schedule.resumed", { name: "daily" }));
    expect(resumed).toContain("09:00 (Asia/Seoul)");
    expect(only((await h.command(USERS.listed, "/studybot", "config language=fr")).responseUrl).text).toBe(ko("option.bad_choice", { name: "language", value: "fr", choices: "ko, en, auto" }));
    expect(only((await h.command(USERS.listed, "/studybot", "config points=ten")).responseUrl).text).toBe(ko("option.bad_integer", { name: "points", value: "ten", min: 0, max: 1000 }));
    expect(chatCalls(h)).toEqual([]);
  });
});

describe("/studybot questions draft on Slack", () => {
  it("sends the drafts file to the organiser's direct messages with the app, and says so privately", async () => {
    const res = await h.command(USERS.listed, "/studybot", "questions draft serverless-book-ch4-6.md limit=4");
    const reply = only(res.responseUrl);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toMatch(/^notes\/serverless-book-ch4-6\.md에서 문제 초안 \d+개를 만들어 drafts-serverless-book-ch4-6\.yaml에 담았어요/);
    expect(reply.text).toContain(ko("slack.file.in_dm", { name: "drafts-serverless-book-ch4-6.yaml" }));
    expect(h.standIn.calls.map((c) => c.method).filter((m) => m !== "users.info")).toEqual(["conversations.open", "files.getUploadURLExternal", "files.completeUploadExternal"]);
    expect(h.standIn.files).toHaveLength(1);
    const file = h.standIn.files[0]!;
    expect(file.channel).toMatch(/^D/);
    expect(file.filename).toBe("drafts-serverless-book-ch4-6.yaml");
    const yaml = file.data.toString("utf8");
    expect(yaml).toContain("draft: true");
    expect((yaml.match(/^- id: /gm) ?? []).length).toBeLessThanOrEqual(4);
    // the usage of the subcommand group, and a refusal for members
    expect(only((await h.command(USERS.listed, "/studybot", "questions")).responseUrl).text).toContain("/studybot questions draft &lt;note&gt;");
    expect(only((await h.command(USERS.mina, "/studybot", "questions draft serverless-book-ch4-6.md")).responseUrl).text).toBe(ko("slack.error.not_organizer", { sub: "draft" }));
  });
});
