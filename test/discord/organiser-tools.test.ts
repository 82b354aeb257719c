// The organiser tools on Discord, through the real client and the stand-in: a questions file attached to
// /studybot questions import (problems with their lines in the reply), exports as attachments, seasons, delegated
// organisers by member and by role (the one organiser check), next and skip, and /forget-me with its button.
import { MessageFlags } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actorOf, startHarness, USERS, type Harness } from "./harness.js";
import { EVERYONE_PERMISSIONS, type StandInUser } from "../support/discord-standin.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

type Json = Record<string, unknown>;
const str = (name: string, value: string) => ({ name, type: 3, value });
const sub = (name: string, options: Json[] = []) => [{ name, type: 1, options }];
const group = (name: string, subName: string, options: Json[] = []) => [{ name, type: 2, options: [{ name: subName, type: 1, options }] }];
const content = (m: Json) => String(m.content ?? "");

async function studybot(user: StandInUser, options: Json[], resolved?: Json) {
  const id = h.standIn.slashCommand({ name: "studybot", user, options, ...(resolved ? { resolved } : {}) });
  return { id, ...(await h.standIn.responseFor(id)) };
}

const QUESTIONS = `- id: our-lambda
  topic: lambda
  tags: []
  difficulty: 1
  prompt: "우리 스터디 문제: Lambda 최대 실행 시간은?"
  choices: [3초, 15분]
  answer: 1
  explanation: 최대 15분.
  source: { note: study.md, heading: Lambda 제한 }
`;

describe("/studybot questions import on Discord", () => {
  it("reads the attached file, stores the group's questions, and answers privately", async () => {
    const file = h.standIn.attachment("ours.yaml", QUESTIONS, "application/yaml");
    const r = await studybot(USERS.organiser, group("questions", "import", [{ name: "file", type: 11, value: file.id }]), file.resolved);
    expect(r.callback.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(content(r.message)).toBe("ours.yaml을 가져왔어요: 새 문제 1개, 덮어쓴 문제 0개. 이제 우리 그룹 문제는 1개이고, 기본 문제 은행과 함께 출제돼요.");
    const list = await studybot(USERS.organiser, group("questions", "list"));
    expect(content(list.message)).toBe("우리 그룹 문제 (1개):\n`our-lambda` · lambda · 우리 스터디 문제: Lambda 최대 실행 시간은?");
    expect((await h.bot.status(actorOf(h, USERS.organiser))).ownQuestions).toBe(1);
    const removed = await studybot(USERS.organiser, group("questions", "remove", [str("id", "our-lambda")]));
    expect(content(removed.message)).toBe("'our-lambda' 문제를 지웠어요. 이미 출제된 문제는 기록에 그대로 남아요.");
  });

  it("shows every problem of a bad file with its file and line, in the member's language, and stores nothing", async () => {
    const bad = QUESTIONS.replace("difficulty: 1", "difficulty: 5").replace("heading: Lambda 제한", "heading: No Such Heading").replace("tags: []", "tags: []\n  draft: true");
    const file = h.standIn.attachment("bad.yaml", bad);
    const r = await studybot({ ...USERS.organiser, locale: "en-US" }, group("questions", "import", [{ name: "file", type: 11, value: file.id }]), file.resolved);
    const lines = content(r.message).split("\n");
    expect(lines[0]).toBe("bad.yaml was not imported. Fix what is listed here (3) and send the file again:");
    expect(lines.slice(1, 4)).toEqual([
      expect.stringMatching(/^`bad\.yaml:4: this question is a draft \(draft: true\)/),
      expect.stringMatching(/^`bad\.yaml:5: difficulty must be 1 \(recall\), 2 \(understanding\) or 3 \(scenario\), found "5"`$/),
      expect.stringMatching(/^`bad\.yaml:10: source\.heading "No Such Heading" is not a heading of notes\/study\.md/),
    ]);
    expect(lines.at(-1)).toBe("Drafts are not imported: our-lambda. Review each, then delete its draft line.");
    expect((await h.bot.listQuestions(actorOf(h, USERS.organiser))).questions).toEqual([]);
  });

  it("hands out the template as an attachment, and registers the file option as an attachment", async () => {
    const r = await studybot(USERS.organiser, group("questions", "template", [str("format", "csv")]));
    const edit = await h.standIn.originalEditFor(r.id);
    expect(edit.files.map((f) => f.name)).toEqual(["questions-template.csv"]);
    expect(edit.files[0]!.data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(content(r.message)).toMatch(/^문제 두 개가 든 예시 파일이에요/);
  });
});

describe("exports, seasons, next and skip on Discord", () => {
  it("exports the leaderboard as a CSV attachment with Korean names, starts a season and shows its board", async () => {
    await studybot(USERS.organiser, sub("schedule", [str("time", "09:00")]));
    await studybot(USERS.organiser, group("season", "start", [str("name", "2026-spring")]));
    const posted = await studybot(USERS.organiser, sub("post-now"));
    expect(content(posted.message)).toMatch(/문제 #1/);
    const round = (await h.database.store.roundById(1))!;
    await h.bot.answer(actorOf(h, USERS.mina), round.id, round.correctIndex);
    await studybot(USERS.organiser, sub("reveal-now"));
    const exported = await studybot(USERS.organiser, sub("export", [str("what", "leaderboard"), str("period", "season")]));
    const edit = await h.standIn.originalEditFor(exported.id);
    expect(edit.files.map((f) => f.name)).toEqual(["leaderboard-season-2026-spring.csv"]);
    const csv = edit.files[0]!.data.toString("utf8");
    expect(csv).toBe(`\uFEFF순위,멤버,멤버 ID,점수,정답 수,답한 수,정답률(%),연속 정답\r\n1,미나,${USERS.mina.id},15,1,1,100,0\r\n`);
    const board = await h.standIn.responseFor(h.standIn.slashCommand({ name: "leaderboard", user: USERS.mina, options: [str("period", "season")] }));
    expect((board.message.embeds as Array<{ title: string; description: string }>)[0]!.title).toBe("2026-spring 시즌");
    const started = await studybot(USERS.organiser, group("season", "start", [str("name", "2026-summer")]));
    expect(content(started.message)).toBe("'2026-spring' 시즌을 닫았어요. 최종 순위는 계속 볼 수 있어요: /leaderboard season 2026-spring\n'2026-summer' 시즌을 시작했어요. 시즌 순위는 0부터 다시 집계하고, 연속 정답은 이어져요. /leaderboard season 으로 볼 수 있어요.");
    const old = await h.standIn.responseFor(h.standIn.slashCommand({ name: "leaderboard", user: USERS.mina, options: [str("period", "season"), str("season", "2026-spring")] }));
    const embed = (old.message.embeds as Array<{ title: string; description: string }>)[0]!;
    expect(embed.title).toBe("2026-spring 시즌");
    expect(embed.description).toMatch(/^최종 순위 \(<t:\d+:d> – <t:\d+:d>\)/);
    expect(embed.description).toContain("미나 — 15점");
  });

  it("previews the next question privately with its answer, and skips it", async () => {
    await studybot(USERS.organiser, sub("schedule", [str("time", "09:00")]));
    const next = await studybot(USERS.organiser, sub("next"));
    expect(next.callback.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const text = content(next.message);
    expect(text).toMatch(/^<#\d+>의 'daily' 일정이 다음에 올릴 문제 \(<t:\d+:f> \(<t:\d+:R>\)\):\n`[a-z-]+` · /);
    expect(text).toMatch(/\n정답: [A-D]\. /);
    const id = /`([a-z0-9-]+)`/.exec(text)![1]!;
    const skipped = await studybot(USERS.organiser, sub("skip"));
    expect(content(skipped.message)).toMatch(new RegExp(`^'${id}' 문제는 건너뛰고 이 문제를 올려요\\.`));
    const members = await studybot(USERS.mina, sub("next"));
    expect(content(members.message)).toMatch(/^\/studybot next는 운영자만/);
  });
});

describe("delegated organisers on Discord", () => {
  it("lets a member added by an organiser, or holding an organiser role, use /studybot; /studybot is visible to all", async () => {
    expect(content((await studybot(USERS.mina, sub("status"))).message)).toMatch(/^\/studybot status는 운영자만 쓸 수 있어요/);
    const added = await studybot(USERS.organiser, group("organisers", "add", [{ name: "member", type: 6, value: USERS.mina.id }]), h.standIn.resolveUser(USERS.mina));
    expect(content(added.message)).toBe(`<@${USERS.mina.id}> 님이 이제 운영자예요. /studybot 명령을 쓸 수 있어요.\n여기서 지정한 운영자 (서버 관리자 말고):\n• <@${USERS.mina.id}>`);
    const status = await studybot(USERS.mina, sub("status"));
    expect((status.message.embeds as Array<{ title: string }>)[0]!.title).toBe("studybot 상태");

    const ROLE = "1400000000000000001";
    const seo = { ...USERS.seo, permissions: EVERYONE_PERMISSIONS, roles: [ROLE] };
    expect(content((await studybot(seo, sub("status"))).message)).toMatch(/운영자만/);
    const role = await studybot(USERS.mina, group("organisers", "add", [{ name: "role", type: 8, value: ROLE }]), h.standIn.resolveRole(ROLE, "스터디 운영진"));
    expect(content(role.message)).toContain(`• 역할 <@&${ROLE}>`);
    expect((await studybot(seo, sub("status"))).message.embeds).toHaveLength(1);
    await studybot(USERS.organiser, group("organisers", "remove", [{ name: "member", type: 6, value: USERS.mina.id }]), h.standIn.resolveUser(USERS.mina));
    expect(content((await studybot(USERS.mina, sub("status"))).message)).toMatch(/운영자만/);
  });
});

describe("/forget-me on Discord", () => {
  it("asks first with a button only the caller's click counts on, then forgets them", async () => {
    await h.bot.practice(actorOf(h, USERS.mina));
    const ask = h.standIn.slashCommand({ name: "forget-me", user: USERS.mina });
    const asked = await h.standIn.responseFor(ask);
    expect(asked.callback.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(content(asked.message)).toMatch(/^이 그룹에서 studybot이 저장한 내 정보/);
    const button = (asked.message.components as Array<{ components: Array<{ custom_id: string; label: string; style: number }> }>)[0]!.components[0]!;
    expect(button).toMatchObject({ custom_id: `sb1:fgt:${USERS.mina.id}`, label: "내 정보 지우기", style: 4 });
    const message = h.standIn.originalOf(ask)!;
    const stranger = await h.standIn.responseFor(h.standIn.button({ customId: button.custom_id, user: USERS.alex, messageId: message.id }));
    expect(content(stranger.message)).toBe("This button belongs to someone else's /forget-me.");
    expect(await h.database.store.findMember((await h.bot.group(actorOf(h, USERS.mina))).id, USERS.mina.id)).not.toBeNull();
    const click = h.standIn.button({ customId: button.custom_id, user: USERS.mina, messageId: message.id });
    const done = await h.standIn.responseFor(click);
    expect(done.callback.body).toMatchObject({ type: 7 });
    expect(content(done.message)).toBe("지웠어요. studybot은 이제 나를 기억하지 않아요 (답 0개는 이름 없이 남고, 연습 문제 1개와 복습 기록 0개는 지웠어요).");
    expect(await h.database.store.findMember((await h.bot.group(actorOf(h, USERS.mina))).id, USERS.mina.id)).toBeNull();
    // an organiser forgets a member by mention
    await h.bot.practice(actorOf(h, USERS.alex));
    const forget = await studybot(USERS.organiser, sub("forget", [{ name: "member", type: 6, value: USERS.alex.id }]), h.standIn.resolveUser(USERS.alex));
    expect(content(forget.message)).toBe("Alex 님의 정보를 지웠어요: 답 0개는 이름 없이 남고, 연습 문제 1개와 복습 기록 0개는 지웠어요.");
  });
});

describe("a group's questions out and back in on Discord", () => {
  it("exports the questions as a CSV attachment that imports back, as an attachment, unchanged", async () => {
    const file = h.standIn.attachment("ours.yaml", QUESTIONS, "application/yaml");
    await studybot(USERS.organiser, group("questions", "import", [{ name: "file", type: 11, value: file.id }]), file.resolved);
    const exported = await studybot(USERS.organiser, sub("export", [str("what", "questions")]));
    const [csv] = (await h.standIn.originalEditFor(exported.id)).files;
    expect(csv!.name).toBe("questions.csv");
    await studybot(USERS.organiser, group("questions", "remove", [str("id", "our-lambda")]));
    expect((await h.bot.listQuestions(actorOf(h, USERS.organiser))).questions).toEqual([]);
    const back = h.standIn.attachment(csv!.name, csv!.data, "text/csv");
    const imported = await studybot(USERS.organiser, group("questions", "import", [{ name: "file", type: 11, value: back.id }]), back.resolved);
    expect(content(imported.message)).toBe("questions.csv를 가져왔어요: 새 문제 1개, 덮어쓴 문제 0개. 이제 우리 그룹 문제는 1개이고, 기본 문제 은행과 함께 출제돼요.");
    const again = await studybot(USERS.organiser, sub("export", [str("what", "questions")]));
    expect((await h.standIn.originalEditFor(again.id)).files[0]!.data).toEqual(csv!.data);
  });
});

describe("several schedules in one channel on Discord", () => {
  it("posts a morning and an evening question, previews each by name, and /stats shows each schedule's streak", async () => {
    const ch = h.channelId;
    await studybot(USERS.organiser, sub("schedule", [str("time", "09:00"), str("name", "morning"), str("topics", "lambda")]));
    await studybot(USERS.organiser, sub("schedule", [str("time", "21:00"), str("name", "evening"), str("topics", "sqs")]));
    expect(content((await studybot(USERS.organiser, sub("next"))).message)).toBe("이 채널에는 일정이 여러 개 있어요(evening, morning). name=… 으로 어느 일정인지 알려 주세요.");
    expect(content((await studybot(USERS.organiser, sub("next", [str("name", "evening")]))).message)).toMatch(/^<#\d+>의 'evening' 일정이 다음에 올릴 문제 .*\n`[a-z0-9-]+` · SQS/);

    // 09:00 and 21:00 in Seoul: each schedule posts its own topic; Mina is right in the morning, wrong in the evening
    const slot = async (postAt: string, revealAt: string, right: boolean) => {
      h.clock.set(postAt);
      const { posted } = await h.scheduler.catchUp();
      expect(posted).toHaveLength(1);
      const round = posted[0]!;
      const choice = right ? round.correctIndex : (round.correctIndex + 1) % round.choiceCount;
      await h.standIn.responseFor(h.standIn.button({ customId: `sb1:ans:${round.id}:${choice}`, user: USERS.mina, messageId: round.message!.messageId }));
      h.clock.set(revealAt);
      expect((await h.scheduler.catchUp()).revealed).toEqual([round.id]);
      return round;
    };
    expect((await slot("2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z", true)).topic).toBe("lambda");
    expect((await slot("2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z", false)).topic).toBe("sqs");
    const stats = await h.standIn.responseFor(h.standIn.slashCommand({ name: "stats", user: USERS.mina }));
    const description = (stats.message.embeds as Array<{ description: string }>)[0]!.description;
    expect(description).toContain(`일정별 연속 정답: <#${ch}> morning 1 · <#${ch}> evening 0`);
  });
});
