// The daily question on Slack from end to end, through the real Bolt App and the real scheduler: an organiser
// schedules it, the card is posted on time, three members answer (one of them twice, one delivery repeated), a
// late click is refused, the card is edited at reveal, and /leaderboard and the App Home tab show the three.
// Every Web API call and every response_url post is recorded by the stand-in and checked exactly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ts as t } from "../../src/platforms/slack/messages.js";
import { blockText, CHANNEL, repliesTo, startHarness, USERS, type Harness } from "./harness.js";

let h: Harness;
/** Everything Slack saw during the flow, in order: Web API calls and response_url posts. */
const log: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  expect(h.standIn.calls.map((c) => c.method)).toEqual(["auth.test"]); // once, at start-up
  h.standIn.clear();
});
// Each test sees only its own traffic; the whole flow is kept for the last test.
afterEach(() => {
  const traffic = [
    ...h.standIn.calls.map((c) => ({ seq: c.seq, line: `${c.method} ${String(c.args.user ?? c.args.user_id ?? c.args.channel ?? "")}` })),
    ...h.standIn.responses.map((r) => ({ seq: r.seq, line: `respond ${String(r.body.response_type)} ${String(r.body.text).slice(0, 40)}` })),
  ];
  log.push(...traffic.sort((a, b) => a.seq - b.seq).map((x) => x.line));
  h.standIn.clear();
});
afterAll(async () => {
  await h?.stop();
});

type Json = Record<string, unknown>;
type Block = { type: string; block_id?: string; text?: { type: string; text: string }; elements?: Array<Json> };

const ko = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => t("ko", key, params);
const en = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}) => t("en", key, params);
const only = (responseUrl: string) => {
  const posts = repliesTo(h, responseUrl);
  expect(posts).toHaveLength(1);
  return posts[0]!;
};
const epoch = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
const scheduled = ko("schedule.saved", {
  name: "daily",
  channel: `<#${CHANNEL}>`,
  days: "평일",
  time: "09:00",
  timezone: "Asia/Seoul",
  topics: "람다",
  reveal: 60,
  instant: "",
  pick: "",
  next: `<!date^${epoch("2026-03-02T00:00:00Z")}^{date_short_pretty} {time}|2026-03-02 00:00 UTC>`,
});

describe("the daily question on Slack", () => {
  let roundId = 0;
  let ts = "";
  const answer = (user: (typeof USERS)[keyof typeof USERS], choice: number, extra: { body?: string; retryNum?: number } = {}) =>
    h.click(user, { action_id: `answer:${choice}`, block_id: `round:${roundId}`, value: `${roundId}:${choice}` }, { messageTs: ts, ...extra });

  it("an organiser schedules it: the admin check goes through users.info, the channel is checked, the reply is private", async () => {
    const res = await h.command(USERS.organiser, "/studybot", "schedule 09:00 mon-fri Asia/Seoul topics=lambda reveal=60");
    expect(res.status).toBe(200);
    expect(h.standIn.calls.map((c) => [c.method, c.args.user ?? c.args.channel])).toEqual([
      ["users.info", USERS.organiser.id],
      ["conversations.info", CHANNEL],
    ]);
    expect(only(res.responseUrl)).toEqual({ response_type: "ephemeral", text: scheduled });
  });

  it("posts the card at 09:00 Seoul time with a button per choice", async () => {
    h.clock.set("2026-03-01T23:59:00Z");
    await h.scheduler.catchUp();
    expect(h.standIn.calls).toEqual([]); // not yet

    h.clock.set("2026-03-02T00:00:00Z");
    const { posted } = await h.scheduler.catchUp();
    expect(posted).toHaveLength(1);
    roundId = posted[0]!.id;
    expect(h.standIn.calls.map((c) => c.method)).toEqual(["chat.postMessage"]);
    const call = h.standIn.calls[0]!;
    expect(call.token).toBe("xoxb-standin-bot-token");
    expect(call.response.ok).toBe(true);
    ts = String(call.response.ts);
    expect(call.args).toMatchObject({ channel: CHANNEL, text: "오늘의 문제: Lambda 함수의 최대 실행 시간(timeout)은?", unfurl_links: "false" });
    const blocks = call.args.blocks as Block[];
    expect(blocks.map((b) => b.type)).toEqual(["header", "section", "section", "context", "actions", "context"]);
    expect(blocks[0]!.text!.text).toBe("오늘의 문제 · 람다");
    expect(blocks[1]!.text!.text).toBe("Lambda 함수의 최대 실행 시간(timeout)은?");
    expect(blocks[2]!.text!.text).toBe("*A.* 3초\n*B.* 15분\n*C.* 1시간\n*D.* 24시간");
    expect(blockText([blocks[3]])).toBe(ko("slack.card.meta", { difficulty: "●●○", revealAt: `<!date^${epoch("2026-03-02T01:00:00Z")}^{date_short_pretty} {time}|2026-03-02 01:00 UTC>` }));
    expect(blocks[4]).toEqual({
      type: "actions",
      block_id: `round:${roundId}`,
      elements: ["A", "B", "C", "D"].map((label, i) => ({ type: "button", text: { type: "plain_text", text: label, emoji: true }, action_id: `answer:${i}`, value: `${roundId}:${i}` })),
    });
    // A second sweep the same minute (or a restart) does not post the day twice.
    await h.scheduler.catchUp();
    expect(h.standIn.calls).toHaveLength(1);
  });

  it("records three members' answers privately at their clicks' times, without waiting for Slack; a second click and a repeated delivery change nothing", async () => {
    h.clock.set("2026-03-02T00:00:05Z");
    const mina = await answer(USERS.mina, 1);
    expect(mina.status).toBe(200);
    expect(mina.body).toContain("payload="); // (the body that was sent)
    expect(only(mina.responseUrl)).toEqual({ response_type: "ephemeral", replace_original: false, text: ko("quiz.recorded", { label: "B" }) });

    h.clock.set("2026-03-02T00:00:08Z");
    const alex = await answer(USERS.alex, 1);
    const alexReply = only(alex.responseUrl);
    // A click does not wait for users.info: before Alex's profile is known, the reply is in the group's language.
    expect(alexReply).toEqual({ response_type: "ephemeral", replace_original: false, text: ko("quiz.recorded", { label: "B" }) });
    // The very same payload delivered again (same response_url): no-op, the same reply, now in Alex's language
    // (his Slack is in English), which the profile fetched after his click told.
    h.clock.set("2026-03-02T00:00:09Z");
    const again = await h.click(USERS.alex, { action_id: "", block_id: "", value: "" }, { body: alex.body });
    expect(again.status).toBe(200);
    expect(repliesTo(h, alex.responseUrl)).toEqual([alexReply, { ...alexReply, text: en("quiz.recorded", { label: "B" }) }]);

    h.clock.set("2026-03-02T00:00:12Z");
    const minaAgain = await answer(USERS.mina, 2);
    expect(only(minaAgain.responseUrl)).toEqual({ response_type: "ephemeral", replace_original: false, text: ko("quiz.duplicate", { label: "B" }) });

    h.clock.set("2026-03-02T00:00:14Z");
    const seo = await answer(USERS.seo, 0);
    expect(only(seo.responseUrl)).toEqual({ response_type: "ephemeral", replace_original: false, text: ko("quiz.recorded", { label: "A" }) });

    // Answers are private: nothing was posted to the channel. The only calls: each member's profile, once, fetched
    // after their answer was recorded.
    expect(h.standIn.calls.map((c) => [c.method, c.args.user])).toEqual([
      ["users.info", USERS.mina.id],
      ["users.info", USERS.alex.id],
      ["users.info", USERS.seo.id],
    ]);
  });

  it("edits the card in place at reveal: correct choice, counts, explanation, source, fastest correct; no buttons", async () => {
    h.clock.set("2026-03-02T00:59:59Z");
    await h.scheduler.revealDue();
    expect(h.standIn.calls).toEqual([]);

    h.clock.set("2026-03-02T01:00:00Z");
    expect(await h.scheduler.revealDue()).toEqual([roundId]);
    expect(h.standIn.calls.map((c) => c.method)).toEqual(["chat.update"]);
    const call = h.standIn.calls[0]!;
    expect(call.response.ok).toBe(true);
    expect(call.args).toMatchObject({ channel: CHANNEL, ts, text: "정답 공개: B. 15분" });
    const blocks = call.args.blocks as Block[];
    expect(blocks.map((b) => b.type)).toEqual(["header", "section", "section", "section", "context", "section"]);
    expect(blocks[0]!.text!.text).toBe("정답 공개 · 람다");
    expect(blocks[2]!.text!.text).toBe("▫️ A. 3초 — 1명\n✅ *B. 15분* — 2명\n▫️ C. 1시간 — 0명\n▫️ D. 24시간 — 0명");
    expect(blocks[3]!.text!.text).toBe("*해설*\nLambda 함수는 *최대 15분*\u200b까지 실행할 수 있어요. 더 긴 작업은 Step Functions나 ECS로 나눠요.");
    expect(blockText([blocks[4]])).toBe(
      [ko("quiz.answered_count", { count: 3 }), ko("slack.card.source", { path: "AWS Certified Developer Associate 자격증 이론 정리 › 10. Lambda", file: "notes/dva-theory.txt", line: 410 })].join("\n"),
    );
    expect(blocks[5]!.text!.text).toBe(`*${ko("card.fastest")}*\n1. <@U0MINA0001> · 5초\n2. <@U0ALEX0001> · 8초`);
    expect(h.standIn.messages.get(`${CHANNEL}/${ts}`)!.edits).toBe(1);
    // Revealing again (another sweep, a restart) edits nothing.
    expect(await h.scheduler.revealDue()).toEqual([]);
    expect(h.standIn.calls).toHaveLength(1);
  });

  it("refuses a late answer politely and does not count it", async () => {
    h.clock.set("2026-03-02T01:00:30Z");
    const late = await answer(USERS.organiser, 1);
    expect(late.status).toBe(200);
    expect(only(late.responseUrl)).toEqual({ response_type: "ephemeral", replace_original: false, text: ko("quiz.closed") });
    expect(h.standIn.calls.map((c) => c.method)).toEqual([]); // the organiser's profile is an hour old: kept a day
    const counts = h.database.sqlite.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number };
    expect(counts.n).toBe(3);
  });

  it("/leaderboard shows the three, ties sharing a rank", async () => {
    const res = await h.command(USERS.seo, "/leaderboard", "");
    const r = only(res.responseUrl) as { response_type: string; text: string; blocks: Block[] };
    expect(r.response_type).toBe("ephemeral");
    expect(r.blocks[0]!.text!.text).toBe("이번 주 순위");
    expect(r.blocks[1]!.text!.text).toBe(
      [
        "1. <@U0MINA0001> — 15점 · 정답률 100% (1/1) · 연속 1",
        "1. <@U0ALEX0001> — 15점 · 정답률 100% (1/1) · 연속 1",
        "3. <@U0SEO00001> — 0점 · 정답률 0% (0/1) · 연속 0",
      ].join("\n"),
    );
    expect(blockText([r.blocks[2]])).toBe(ko("leaderboard.since", { from: `<!date^${epoch("2026-03-01T15:00:00Z")}^{date_short_pretty}|2026-03-01 15:00 UTC>` }));
    expect(h.standIn.calls).toEqual([]); // Seo's profile, fetched after her click, is kept a day
  });

  it("the App Home tab shows the member's stats and the three on the leaderboard; a retried event does nothing twice", async () => {
    const res = await h.homeOpened(USERS.alex, { eventId: "Ev0HOME0001" });
    expect(res.status).toBe(200);
    expect(h.standIn.calls.map((c) => [c.method, c.args.user ?? c.args.user_id])).toEqual([["views.publish", USERS.alex.id]]);
    const publish = h.standIn.calls[0]!;
    expect(publish.response.ok).toBe(true);
    const view = publish.args.view as { type: string; blocks: Block[] };
    expect(view.type).toBe("home");
    const text = blockText(view.blocks);
    // Alex's client is in English and the group has no language set: the Home tab is in English.
    expect(text).toContain("*Your stats*");
    const fields = (view.blocks.find((b) => (b as { fields?: unknown }).fields) as unknown as { fields: Array<{ text: string }> }).fields.map((f) => f.text);
    expect(fields).toEqual(["*Answered*\n1", "*Correct*\n1", "*Accuracy*\n100%", "*Points*\n15", "*Streak*\ncurrent 1 · best 1", "*All-time rank*\n1"]);
    for (const id of [USERS.mina.id, USERS.alex.id, USERS.seo.id]) expect(text).toContain(`<@${id}>`);
    expect(text).toContain("1. <@U0MINA0001> — 15 pts · 100% correct (1/1) · streak 1");
    expect(text).toContain("3. <@U0SEO00001> — 0 pts · 0% correct (0/1) · streak 0");

    // Slack redelivers the same event (it did not see our 200 in time): nothing is called again.
    const retry = await h.homeOpened(USERS.alex, { eventId: "Ev0HOME0001", retryNum: 1, retryReason: "http_timeout" });
    expect(retry.status).toBe(200);
    expect(h.standIn.calls).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === "slack: repeated event ignored" && l.eventId === "Ev0HOME0001" && l.retryNum === 1)).toBe(true);
  });

  it("in all: exactly these Slack calls and private replies, and the answers stored once each", async () => {
    const r = (text: string) => `respond ephemeral ${text.slice(0, 40)}`;
    expect(log).toEqual([
      `users.info ${USERS.organiser.id}`,
      `conversations.info ${CHANNEL}`,
      r(scheduled),
      `chat.postMessage ${CHANNEL}`,
      r(ko("quiz.recorded", { label: "B" })), // mina, answered first …
      `users.info ${USERS.mina.id}`, // … then her profile fetched
      r(ko("quiz.recorded", { label: "B" })), // alex
      `users.info ${USERS.alex.id}`,
      r(en("quiz.recorded", { label: "B" })), // alex's repeated delivery: the same reply, in his language
      r(ko("quiz.duplicate", { label: "B" })), // mina's second click
      r(ko("quiz.recorded", { label: "A" })), // seo
      `users.info ${USERS.seo.id}`,
      `chat.update ${CHANNEL}`,
      r(ko("quiz.closed")), // the late click
      "respond ephemeral 이번 주 순위",
      `views.publish ${USERS.alex.id}`,
    ]);
    const db = h.database.sqlite;
    const rows = db.prepare("SELECT m.user_id AS user, m.display_name AS name, a.choice AS choice FROM answers a JOIN members m ON m.id = a.member_id ORDER BY a.id").all();
    // Names as members see them in Slack (display name, else real name): stored once their profiles were fetched.
    expect(rows).toEqual([
      { user: USERS.mina.id, name: "미나", choice: 1 },
      { user: USERS.alex.id, name: "Alex Kim", choice: 1 },
      { user: USERS.seo.id, name: "서연", choice: 0 },
    ]);
  });
});
