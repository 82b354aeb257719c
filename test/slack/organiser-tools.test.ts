// The organiser tools on Slack, through the real Bolt app and the stand-in: a questions file named by its Slack link
// or sent to the app in a direct message (files.info, then the private URL with the bot token), problems with their
// lines in the reply, exports uploaded to the organiser's direct messages, seasons, next/skip, delegation, and
// /forget-me with its button.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileShareBody, signedPost } from "../support/slack-standin.js";
import { repliesTo, startHarness, TEAM, USERS, type Harness } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const text = (r: Record<string, unknown> | undefined) => String(r?.text ?? "");
const reply = async (user: (typeof USERS)[keyof typeof USERS], command: string, line: string) => repliesTo(h, (await h.command(user, command, line)).responseUrl)[0];
const actor = (user: (typeof USERS)[keyof typeof USERS]) => ({ group: { platform: "slack", externalId: TEAM }, userId: user.id, displayName: user.name });

const CSV = "id,topic,tags,difficulty,prompt,choices[0],choices[1],answer,explanation\r\nour-sqs,sqs,,1,\"우리 문제: SQS, FIFO?\",순서 보장,무제한,0,FIFO는 순서를 지킨다.\r\n";

describe("/studybot questions import on Slack", () => {
  it("reads a file named by its Slack link with the bot token, and lists the group's questions", async () => {
    const { permalink } = h.standIn.shareFile(USERS.organiser.id, "ours.csv", CSV);
    const r = await reply(USERS.organiser, "/studybot", `questions import <${permalink}>`);
    expect(text(r)).toBe("ours.csv를 가져왔어요: 새 문제 1개, 덮어쓴 문제 0개. 이제 우리 그룹 문제는 1개이고, 기본 문제 은행과 함께 출제돼요.");
    expect(h.standIn.callsOf("files.info").map((c) => c.args.file)).toEqual(["F0SHARED001"]);
    expect(h.standIn.downloads).toEqual([{ path: `/files-pri/${TEAM}-F0SHARED001/ours.csv`, authorized: true }]);
    expect(text(await reply(USERS.organiser, "/studybot", "questions list"))).toBe("우리 그룹 문제 (1개):\n`our-sqs` · sqs · 우리 문제: SQS, FIFO?");
    // a link to a file that is gone, and text that is no file at all, are answered
    expect(text(await reply(USERS.organiser, "/studybot", "questions import F0NOTHERE1"))).toBe("슬랙에서 파일 F0NOTHERE1을 받지 못했어요. 다시 공유하거나 앱에게 DM으로 보내 주세요.");
    expect(text(await reply(USERS.organiser, "/studybot", "questions import questions.csv"))).toMatch(/^파일은 슬랙 파일 링크/);
  });

  it("imports a file an organiser sends the app in a direct message, and answers there with each problem's line", async () => {
    const bad = CSV.replace("our-sqs,sqs,,1,", "our-sqs,sqs,,9,").replace(",0,FIFO", ",7,FIFO");
    const { id } = h.standIn.shareFile(USERS.organiser.id, "bad.csv", bad);
    const res = await signedPost(h.url, fileShareBody({ user: USERS.organiser, teamId: TEAM, channel: "D0ADMIN001", files: [{ id, name: "bad.csv" }] }), "application/json");
    expect(res.status).toBe(200);
    await h.slack.idle();
    const [post] = h.standIn.callsOf("chat.postMessage");
    expect(post).toMatchObject({ args: { channel: "D0ADMIN001" }, response: { ok: true } });
    expect(String(post!.args.text).split("\n")).toEqual([
      "bad.csv를 가져오지 못했어요 (문제점 2개). 고친 뒤 다시 보내 주세요:",
      '`bad.csv:2: difficulty must be 1 (recall), 2 (understanding) or 3 (scenario), found "9"`',
      "`bad.csv:2: answer 7 is out of range: there are 2 choices, so answer must be 0–1 (0-based)`",
    ]);
    // a member who is no organiser is told so in the same conversation; nothing is read
    const other = h.standIn.shareFile(USERS.mina.id, "mine.csv", CSV);
    await signedPost(h.url, fileShareBody({ user: USERS.mina, teamId: TEAM, channel: "D0MINA0001", files: [{ id: other.id, name: "mine.csv" }] }), "application/json");
    await h.slack.idle();
    const refused = h.standIn.callsOf("chat.postMessage").at(-1)!;
    expect(refused.args.channel).toBe("D0MINA0001");
    expect(String(refused.args.text)).toMatch(/^`\/studybot questions import`는 워크스페이스 관리자/);
    expect((await h.bot.listQuestions(actor(USERS.organiser))).questions).toEqual([]);
  });
});

describe("exports, seasons and next on Slack", () => {
  it("uploads an answers export to the organiser's direct messages, starts a season and previews the next question", async () => {
    await h.command(USERS.organiser, "/studybot", "schedule 09:00 topics=lambda");
    await h.command(USERS.organiser, "/studybot", "season start 봄-2026");
    await h.command(USERS.organiser, "/studybot", "post-now");
    const open = (await h.bot.status(actor(USERS.organiser))).openRounds[0]!;
    const round = (await h.database.store.roundById(open.roundId))!;
    await h.bot.answer({ ...actor(USERS.mina), displayName: "미나" }, round.id, round.correctIndex);
    await h.command(USERS.organiser, "/studybot", "reveal-now");
    const r = await reply(USERS.organiser, "/studybot", "export answers season");
    expect(text(r)).toMatch(/^answers-season-봄-2026\.csv에 1줄을 담았어요/);
    const [upload] = h.standIn.files;
    expect(upload).toMatchObject({ channel: "D0ADMIN001", filename: "answers-season-봄-2026.csv" });
    const csv = upload!.data.toString("utf8");
    expect(csv.startsWith("\uFEFF답한 시각,멤버,멤버 ID,")).toBe(true);
    expect(csv).toContain(`,미나,${USERS.mina.id},1,${"C0DAILY001"},lambda-timeout,lambda,B,true,15,0\r\n`);
    const board = await reply(USERS.mina, "/leaderboard", "season");
    expect(JSON.stringify(board)).toContain("봄-2026 시즌");
    const next = text(await reply(USERS.organiser, "/studybot", "next"));
    expect(next).toMatch(/^<#C0DAILY001>의 'daily' 일정이 다음에 올릴 문제 \(<!date\^\d+\^/);
    expect(next).toContain("\n정답: B. 15분\n");
  });
});

describe("delegated organisers and /forget-me on Slack", () => {
  it("lets a member an organiser added use /studybot, without asking Slack whether they are an admin", async () => {
    expect(text(await reply(USERS.mina, "/studybot", "status"))).toMatch(/워크스페이스 관리자/);
    const added = await reply(USERS.organiser, "/studybot", `organisers add <@${USERS.mina.id}|mina>`);
    expect(text(added)).toBe(`<@${USERS.mina.id}> 님이 이제 운영자예요. /studybot 명령을 쓸 수 있어요.\n여기서 지정한 운영자 (서버 관리자 말고):\n• <@${USERS.mina.id}>`);
    h.standIn.clear();
    expect(text(await reply(USERS.mina, "/studybot", "status"))).toMatch(/^\*studybot 상태\*/);
    expect(h.standIn.callsOf("users.info").filter((c) => c.args.user === USERS.mina.id).length).toBeLessThanOrEqual(1);
    expect(text(await reply(USERS.organiser, "/studybot", "organisers add role=admins"))).toBe("슬랙에는 운영자로 지정할 역할이 없어요. 멤버를 한 명씩 추가해 주세요. 예: `/studybot organisers add @멤버`");
  });

  it("asks before forgetting, with a button only the caller's click counts on", async () => {
    await h.bot.practice({ ...actor(USERS.alex) });
    const asked = await reply(USERS.alex, "/forget-me", "");
    const blocks = asked!.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string; style: string }> }>;
    const button = blocks.find((b) => b.type === "actions")!.elements![0]!;
    expect(button).toMatchObject({ action_id: "forget_confirm", value: USERS.alex.id, style: "danger" });
    const stranger = await h.click(USERS.mina, { action_id: button.action_id, block_id: "forget", value: button.value }, { ephemeral: true });
    expect(text(repliesTo(h, stranger.responseUrl)[0])).toBe("이 버튼은 다른 사람의 /forget-me 확인 버튼이에요.");
    const own = await h.click(USERS.alex, { action_id: button.action_id, block_id: "forget", value: button.value }, { ephemeral: true });
    expect(repliesTo(h, own.responseUrl)[0]).toMatchObject({ replace_original: true, text: "Done: studybot has forgotten you (0 answers now anonymous, 1 practice questions and 0 reviews deleted)." });
    const group = await h.bot.group(actor(USERS.alex));
    expect(await h.database.store.findMember(group.id, USERS.alex.id)).toBeNull();
    expect(text(await reply(USERS.alex, "/forget-me", "confirm"))).toBe("studybot stores nothing about you in this group.");
    // an organiser forgets a member by mention
    await h.bot.practice({ ...actor(USERS.mina) });
    expect(text(await reply(USERS.organiser, "/studybot", `forget <@${USERS.mina.id}|mina>`))).toBe("mina 님의 정보를 지웠어요: 답 0개는 이름 없이 남고, 연습 문제 1개와 복습 기록 0개는 지웠어요.");
    expect(await h.database.store.findMember(group.id, USERS.mina.id)).toBeNull();
  });
});

describe("a group's questions out and back in on Slack", () => {
  it("hands out the template, exports the questions to the organiser's direct messages, and that file imports back unchanged", async () => {
    expect(text(await reply(USERS.organiser, "/studybot", "questions template csv"))).toMatch(/^문제 두 개가 든 예시 파일이에요/);
    const [template] = h.standIn.files;
    expect(template).toMatchObject({ channel: "D0ADMIN001", filename: "questions-template.csv" });
    const shared = h.standIn.shareFile(USERS.organiser.id, template!.filename, template!.data);
    expect(text(await reply(USERS.organiser, "/studybot", `questions import <${shared.permalink}>`))).toMatch(/^questions-template\.csv를 가져왔어요: 새 문제 2개/);
    await reply(USERS.organiser, "/studybot", "questions remove our-first-question");
    await reply(USERS.organiser, "/studybot", "questions remove our-second-question");

    const { permalink } = h.standIn.shareFile(USERS.organiser.id, "ours.csv", CSV);
    await reply(USERS.organiser, "/studybot", `questions import <${permalink}>`);
    expect(text(await reply(USERS.organiser, "/studybot", "export questions"))).toMatch(/^questions\.csv에 1줄을 담았어요/);
    const exported = h.standIn.files.at(-1)!;
    expect(exported.filename).toBe("questions.csv");
    expect(text(await reply(USERS.organiser, "/studybot", "questions remove our-sqs"))).toBe("'our-sqs' 문제를 지웠어요. 이미 출제된 문제는 기록에 그대로 남아요.");
    const back = h.standIn.shareFile(USERS.organiser.id, exported.filename, exported.data);
    expect(text(await reply(USERS.organiser, "/studybot", `questions import <${back.permalink}>`))).toBe("questions.csv를 가져왔어요: 새 문제 1개, 덮어쓴 문제 0개. 이제 우리 그룹 문제는 1개이고, 기본 문제 은행과 함께 출제돼요.");
    await reply(USERS.organiser, "/studybot", "export questions");
    expect(h.standIn.files.at(-1)!.data).toEqual(exported.data);
  });
});

describe("several schedules, skip and a closed season on Slack", () => {
  it("posts a morning and an evening question, skips by name, shows each schedule's streak and a closed season's board", async () => {
    await reply(USERS.organiser, "/studybot", "season start spring");
    await reply(USERS.organiser, "/studybot", "schedule 09:00 name=morning topics=lambda");
    await reply(USERS.organiser, "/studybot", "schedule 21:00 name=evening topics=sqs");
    expect(text(await reply(USERS.organiser, "/studybot", "next"))).toBe("이 채널에는 일정이 여러 개 있어요(evening, morning). name=… 으로 어느 일정인지 알려 주세요.");
    const shown = /`(sqs-[a-z]+)`/.exec(text(await reply(USERS.organiser, "/studybot", "next name=evening")))![1]!;
    const skipped = text(await reply(USERS.organiser, "/studybot", "skip name=evening"));
    expect(skipped).toMatch(new RegExp(`^'${shown}' 문제는 건너뛰고 이 문제를 올려요\\.`));
    const instead = /`(sqs-[a-z]+)`/.exec(skipped)![1]!;
    expect(instead).not.toBe(shown);

    const slot = async (postAt: string, revealAt: string, right: boolean) => {
      h.clock.set(postAt);
      const { posted } = await h.scheduler.catchUp();
      expect(posted).toHaveLength(1);
      const r = posted[0]!;
      const choice = right ? r.correctIndex : (r.correctIndex + 1) % r.choiceCount;
      await h.click(USERS.mina, { action_id: `answer:${choice}`, block_id: `round:${r.id}`, value: `${r.id}:${choice}` }, { messageTs: r.message!.messageId });
      h.clock.set(revealAt);
      expect((await h.scheduler.catchUp()).revealed).toEqual([r.id]);
      return r;
    };
    expect((await slot("2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", true)).questionId).toBe("lambda-timeout");
    expect((await slot("2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z", false)).questionId).toBe(instead);
    expect(JSON.stringify(await reply(USERS.mina, "/stats", ""))).toContain(`일정별 연속 정답: <#${"C0DAILY001"}> morning 1 · <#${"C0DAILY001"}> evening 0`);

    await reply(USERS.organiser, "/studybot", "season start summer");
    const spring = JSON.stringify(await reply(USERS.mina, "/leaderboard", "season spring"));
    expect(spring).toContain("spring 시즌");
    expect(spring).toContain("최종 순위");
    expect(spring).toContain("15점");
    expect(JSON.stringify(await reply(USERS.mina, "/leaderboard", "season"))).toContain("summer 시즌");
  });
});
