// /studybot on Discord: Manage Server is checked at run time, organiser commands defer and then answer
// privately, core validation errors come back as the core's own words, and buttons with forged or stale
// custom ids are answered clearly.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MessageFlags } from "discord.js";
import { actorOf, answerButtons, startHarness, USERS, type Harness } from "./harness.js";
import { EVERYONE_PERMISSIONS, type StandInUser } from "../support/discord-standin.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

type Json = Record<string, unknown>;
const sub = (name: string, options: Json[] = []) => [{ name, type: 1, options }];
const str = (name: string, value: string) => ({ name, type: 3, value });

function studybot(user: StandInUser, name: string, options: Json[] = []): string {
  return h.standIn.slashCommand({ name: "studybot", user, options: sub(name, options) });
}

describe("/studybot permissions", () => {
  it("refuses a member without Manage Server, privately, and changes nothing", async () => {
    const id = studybot(USERS.mina, "schedule", [str("time", "09:00")]);
    const { callback, deferred, message } = await h.standIn.responseFor(id);
    expect(deferred).toBe(false);
    expect(callback.body).toEqual({ type: 4, data: expect.objectContaining({ content: "/studybot schedule은 운영자만 쓸 수 있어요: 서버 관리 권한(Manage Server)이 있거나 /studybot organisers add 로 운영자가 된 멤버요. 운영자에게 부탁해 주세요.", flags: MessageFlags.Ephemeral }) });
    expect(message.content).toMatch(/Manage Server/);
    expect(h.standIn.calls()).toHaveLength(1);
    const status = await h.bot.status(actorOf(h, USERS.organiser));
    expect(status.schedules).toEqual([]);
    expect(h.logs.find((l) => l.msg === "discord: organiser command refused (no Manage Server)")).toMatchObject({ interactionId: id, userId: USERS.mina.id, command: "studybot schedule", guildId: h.standIn.guild.id });
  });

  it("refuses in English for an English client", async () => {
    const id = studybot({ ...USERS.alex, permissions: EVERYONE_PERMISSIONS }, "post-now");
    const { message } = await h.standIn.responseFor(id);
    expect(message.content).toBe("Only organisers can use /studybot post-now: members with the Manage Server permission, and those made organisers with /studybot organisers add. Ask one of them.");
    expect(h.standIn.calls().filter((r) => r.path.startsWith("/channels/"))).toEqual([]);
  });
});

describe("/studybot for organisers", () => {
  it("posts now and reveals now: deferred at once, the card in the channel, the answer edited in", async () => {
    const { standIn, channelId } = h;
    const post = studybot(USERS.organiser, "post-now");
    const posted = await standIn.responseFor(post);
    expect(posted.callback.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const [open] = (await h.bot.status(actorOf(h, USERS.organiser))).openRounds;
    expect(open).toMatchObject({ channelId });
    const revealAt = Math.floor(open!.revealAt.getTime() / 1000);
    expect(posted.message.content).toBe(`<#${channelId}>에 문제 #1을 올렸어요. 정답 공개: <t:${revealAt}:f> (<t:${revealAt}:R>)`);

    const right = h.bank.byId.get(open!.questionId)!.answer;
    const reveal = studybot(USERS.organiser, "reveal-now");
    const revealed = await standIn.responseFor(reveal);
    expect(revealed.message.content).toBe(`<#${channelId}>의 정답을 공개했어요: ${"ABCD"[right]} (0명 참여).`);
    const again = await standIn.responseFor(studybot(USERS.organiser, "reveal-now"));
    expect(again.message.content).toBe(`<#${channelId}>에는 공개할 진행 중인 문제가 없어요.`);

    expect(standIn.calls().map((r) => `${r.method} ${r.path.replace(/\d{19}/g, ":id")}`)).toEqual([
      "POST /interactions/:id/itok-:id/callback",
      "POST /channels/:id/messages",
      "PATCH /webhooks/:id/itok-:id/messages/@original",
      "POST /interactions/:id/itok-:id/callback",
      "PATCH /channels/:id/messages/:id",
      "PATCH /webhooks/:id/itok-:id/messages/@original",
      "POST /interactions/:id/itok-:id/callback",
      "PATCH /webhooks/:id/itok-:id/messages/@original",
    ]);
  });

  it("answers bad schedule input with the core's own explanation", async () => {
    const badTime = await h.standIn.responseFor(studybot(USERS.organiser, "schedule", [str("time", "25:00")]));
    expect(badTime.message.content).toBe("'25:00'은 시각으로 읽을 수 없어요. 24시간제 HH:MM(예: 09:00, 21:30)으로 적어 주세요. 9, 9am, 오전9시도 돼요.");
    const badZone = await h.standIn.responseFor(studybot({ ...USERS.organiser, locale: "en-GB" }, "schedule", [str("time", "09:00"), str("timezone", "Mars/Phobos")]));
    expect(badZone.message.content).toBe("'Mars/Phobos' is not an IANA time zone. Use one like Asia/Seoul, America/New_York or UTC.");
    const badTopic = await h.standIn.responseFor(studybot(USERS.organiser, "schedule", [str("time", "09:00"), str("topics", "lambda,kubernetes")]));
    expect(badTopic.message.content).toBe("'kubernetes'라는 주제는 없어요. 주제: lambda, sqs, dynamodb");
    for (const r of [badTime, badZone, badTopic]) expect(r.callback.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
  });

  it("shows the status, and switches the group's language with config", async () => {
    const saved = await h.standIn.responseFor(studybot(USERS.organiser, "schedule", [str("time", "09:00"), str("days", "mon,wed,fri"), str("topics", "lambda")]));
    expect(saved.message.content).toMatch(/^✅ <#\d+> · 'daily' 일정을 저장했어요: 월, 수, 금 09:00 \(Asia\/Seoul\), 주제 람다, 60분 뒤 정답 공개\. 다음 문제: /);
    const config = await h.standIn.responseFor(studybot(USERS.organiser, "config", [str("language", "en"), { name: "points", type: 4, value: 20 }]));
    // The reply speaks the language just chosen and shows the settings now in force.
    expect(config.message.content).toBe("✅ Settings saved.\nlanguage en · time zone Asia/Seoul · correct 20 pts, first 3 +5, every 5-day streak +5");
    const status = await h.standIn.responseFor(studybot(USERS.organiser, "status"));
    const embed = (status.message.embeds as Array<{ title: string; fields: Array<{ name: string; value: string }> }>)[0]!;
    expect(embed.title).toBe("studybot status");
    expect(embed.fields[0]).toEqual({ name: "Settings", value: "language en · time zone Asia/Seoul · correct 20 pts, first 3 +5, every 5-day streak +5" });
    expect(embed.fields[1]!.value).toMatch(/^<#\d+> · daily: Mon, Wed, Fri 09:00 \(Asia\/Seoul\) · topics Lambda · revealed after 60 min · next <t:\d+:f> \(<t:\d+:R>\)$/);
    // The group's language now applies to everyone, a Korean client included.
    const board = await h.standIn.responseFor(h.standIn.slashCommand({ name: "leaderboard", user: USERS.mina }));
    expect((board.message.embeds as Array<{ title: string }>)[0]!.title).toBe("This week's leaderboard");
  });
});

describe("instant feedback", () => {
  it("tells each member at once whether the answer was right when the channel has it on", async () => {
    const { standIn } = h;
    await standIn.responseFor(studybot(USERS.organiser, "schedule", [str("time", "09:00"), { name: "instant", type: 5, value: true }]));
    await standIn.responseFor(studybot(USERS.organiser, "post-now"));
    const [open] = (await h.bot.status(actorOf(h, USERS.organiser))).openRounds;
    const round = (await h.database.store.roundById(open!.roundId))!;
    const buttons = answerButtons(h, round.message!.messageId);
    const wrong = (round.correctIndex + 1) % buttons.length;
    const label = (i: number) => "ABCD"[i]!;
    const answer = async (user: StandInUser, choice: number) => {
      const id = standIn.button({ customId: buttons[choice]!, user, messageId: round.message!.messageId });
      return ((await standIn.callbackFor(id)).body as { data: { content: string; flags: number } }).data;
    };
    expect(await answer(USERS.mina, round.correctIndex)).toMatchObject({ content: `🎉 ${label(round.correctIndex)}로 답했어요 — 정답이에요! +15점`, flags: MessageFlags.Ephemeral });
    expect(await answer(USERS.alex, wrong)).toMatchObject({ content: `❌ Answer recorded: ${label(wrong)} — not quite, that is wrong.`, flags: MessageFlags.Ephemeral });
  });
});

describe("/studybot channel option", () => {
  it("schedules another text channel, refuses a voice channel, and names a channel the bot cannot post in", async () => {
    const { standIn } = h;
    const other = standIn.guild.channels[1]!.id;
    const saved = await standIn.responseFor(
      standIn.slashCommand({ name: "studybot", user: USERS.organiser, options: sub("schedule", [str("time", "18:30"), { name: "channel", type: 7, value: other }]), resolved: standIn.resolveChannel(other) }),
    );
    expect(saved.message.content).toMatch(new RegExp(`^✅ <#${other}> · 'daily' 일정을 저장했어요: 평일 18:30 \\(Asia/Seoul\\)`));
    const status = await h.bot.status(actorOf(h, USERS.organiser));
    expect(status.schedules.map((s) => [s.channelId, s.time])).toEqual([[other, "18:30"]]);

    const voice = await standIn.responseFor(
      standIn.slashCommand({ name: "studybot", user: USERS.organiser, options: sub("post-now", [{ name: "channel", type: 7, value: "1210000000000000009" }]), resolved: standIn.resolveChannel("1210000000000000009", 2) }),
    );
    expect(voice.message.content).toBe("문제를 올릴 수 있는 텍스트 채널을 골라 주세요.");

    standIn.denyPosting(other);
    const denied = await standIn.responseFor(
      standIn.slashCommand({ name: "studybot", user: { ...USERS.organiser, locale: "en-US" }, options: sub("post-now", [{ name: "channel", type: 7, value: other }]), resolved: standIn.resolveChannel(other) }),
    );
    expect(denied.message.content).toBe(`I can't post in <#${other}>. Give the bot View Channel, Send Messages and Embed Links in that channel.`);
    // The round was given back: nothing is left open for a card that never reached the channel.
    expect((await h.bot.status(actorOf(h, USERS.organiser))).openRounds).toEqual([]);
  });
});

describe("buttons that cannot be trusted", () => {
  it("answers a forged or stale custom id clearly and logs it", async () => {
    const { standIn } = h;
    await standIn.responseFor(studybot(USERS.organiser, "post-now"));
    const round = (await h.bot.status(actorOf(h, USERS.organiser))).openRounds[0]!;
    const messageId = (await h.database.store.roundById(round.roundId))!.message!.messageId;
    expect(answerButtons(h, messageId)[0]).toBe(`sb1:ans:${round.roundId}:0`);

    const reply = async (customId: string, user: StandInUser = USERS.mina) => {
      const id = standIn.button({ customId, user, messageId });
      return ((await standIn.callbackFor(id)).body as { data: { content: string; flags: number } }).data;
    };
    expect(await reply("sb0:ans:1:0")).toMatchObject({ content: "이 버튼은 예전 버전의 카드라서 더는 쓸 수 없어요. 최신 카드의 버튼을 눌러 주세요.", flags: MessageFlags.Ephemeral });
    expect(await reply("'; DROP TABLE answers; --")).toMatchObject({ content: "알 수 없는 버튼이에요. 채널에 올라온 카드의 버튼을 눌러 주세요.", flags: MessageFlags.Ephemeral });
    expect(await reply(`sb1:ans:${round.roundId + 1000}:0`, USERS.alex)).toMatchObject({ content: "That question was not found. Answer the latest question posted in the channel.", flags: MessageFlags.Ephemeral });
    expect(await reply(`sb1:ans:${round.roundId}:5`)).toMatchObject({ content: "F는 보기에 없어요. A, B, C, D 중에서 골라 주세요.", flags: MessageFlags.Ephemeral });
    expect(await reply("sb1:sec:notes/gone.md#4")).toMatchObject({ content: "그 노트 구간을 찾을 수 없어요. 노트가 바뀌었을 수 있으니 /lookup으로 다시 찾아 주세요." });

    // None of them recorded anything.
    const stats = await h.bot.stats(actorOf(h, USERS.mina));
    expect(stats.answered).toBe(0);
    const warned = h.logs.filter((l) => l.msg === "discord: button with an unusable custom id");
    expect(warned.map((l) => [l.reason, l.customId])).toEqual([
      ["stale", "sb0:ans:1:0"],
      ["invalid", "'; DROP TABLE answers; --"],
    ]);
    expect(h.logs.find((l) => l.msg === "discord: answer to an unknown round")).toMatchObject({ roundId: round.roundId + 1000, userId: USERS.alex.id });
  });
});

describe("pause, resume and /history on Discord", () => {
  it("pauses and resumes a schedule, which status shows, and refuses both where there is none", async () => {
    const none = await h.standIn.responseFor(studybot(USERS.organiser, "pause"));
    expect(none.message.content).toBe("이 채널에는 예약된 문제가 없어요. /studybot schedule 09:00 mon-fri 로 만들어 보세요.");
    await h.standIn.responseFor(studybot(USERS.organiser, "schedule", [str("time", "9am")]));
    const paused = await h.standIn.responseFor(studybot(USERS.organiser, "pause"));
    expect(paused.message.content).toBe("⏸️ 'daily' 일정을 일시 중지했어요. /studybot resume 으로 다시 켤 수 있어요.");
    const status = await h.standIn.responseFor(studybot(USERS.organiser, "status"));
    expect((status.message.embeds as Array<{ fields: Array<{ value: string }> }>)[0]!.fields[1]!.value).toMatch(/ · 일시 중지 · 다음 없음$/);
    const resumed = await h.standIn.responseFor(studybot(USERS.organiser, "resume"));
    expect(resumed.message.content).toMatch(/^▶️ 'daily' 일정을 다시 시작했어요\.\n'daily' 일정을 저장했어요: 평일 09:00 \(Asia\/Seoul\)/);
    // a member cannot
    const member = await h.standIn.responseFor(studybot(USERS.mina, "pause"));
    expect(member.callback.body).toMatchObject({ type: 4, data: { content: "/studybot pause는 운영자만 쓸 수 있어요: 서버 관리 권한(Manage Server)이 있거나 /studybot organisers add 로 운영자가 된 멤버요. 운영자에게 부탁해 주세요." } });
  });

  it("/history lists the channel's revealed questions with the answer, the caller's own and the group's accuracy, privately", async () => {
    const empty = await h.standIn.responseFor(h.standIn.slashCommand({ name: "history", user: USERS.mina }));
    expect(empty.callback.body).toMatchObject({ type: 4, data: { content: "이 채널에는 아직 정답이 공개된 문제가 없어요.", flags: MessageFlags.Ephemeral } });

    await h.standIn.responseFor(studybot(USERS.organiser, "post-now"));
    const [open] = (await h.bot.status(actorOf(h, USERS.organiser))).openRounds;
    const round = (await h.database.store.roundById(open!.roundId))!;
    const buttons = answerButtons(h, round.message!.messageId);
    await h.standIn.responseFor(h.standIn.button({ customId: buttons[round.correctIndex]!, user: USERS.mina, messageId: round.message!.messageId }));
    await h.standIn.responseFor(h.standIn.button({ customId: buttons[(round.correctIndex + 1) % buttons.length]!, user: USERS.seo, messageId: round.message!.messageId }));
    await h.standIn.responseFor(studybot(USERS.organiser, "reveal-now"));

    const mine = await h.standIn.responseFor(h.standIn.slashCommand({ name: "history", user: USERS.mina, options: [{ name: "count", type: 4, value: 3 }] }));
    const body = mine.callback.body as { type: number; data: { flags: number; embeds: Array<{ title: string; fields: Array<{ name: string; value: string }> }>; components: Array<{ components: Array<{ custom_id: string }> }> } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    const embed = body.data.embeds[0]!;
    expect(embed.title).toBe("최근 공개된 문제 1개");
    expect(embed.fields[0]!.name).toMatch(new RegExp(`^#${round.id} · `));
    const L = "ABCD"[round.correctIndex]!;
    expect(embed.fields[0]!.value).toMatch(new RegExp(`^✅ 정답 ${L}\\. .+\\n내 답: ${L} ✓ · 그룹 정답률 50% \\(2명 중 1명\\) · <t:\\d+:d>`));
    // the source section opens from a button
    expect(body.data.components.flatMap((r) => r.components.map((c) => c.custom_id)).some((id) => id.startsWith("sb1:sec:"))).toBe(true);

    const other = await h.standIn.responseFor(h.standIn.slashCommand({ name: "history", user: USERS.alex }));
    expect((other.callback.body as typeof body).data.embeds[0]!.fields[0]!.value).toContain("you did not answer · group 50% right (1/2)");
  });
});

describe("/studybot questions draft on Discord", () => {
  it("drafts questions from a note into a file attached to the private reply; nothing is published", async () => {
    const group = (name: string, sub: string, options: Json[]) => [{ name, type: 2, options: [{ name: sub, type: 1, options }] }];
    const id = h.standIn.slashCommand({ name: "studybot", user: USERS.organiser, options: group("questions", "draft", [str("note", "study.md"), { name: "limit", type: 4, value: 5 }]) });
    const { callback, deferred } = await h.standIn.responseFor(id);
    expect(callback.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(deferred).toBe(true);
    const edit = await h.standIn.originalEditFor(id);
    expect(edit.files.map((f) => f.name)).toEqual(["drafts-study.yaml"]);
    const yaml = edit.files[0]!.data.toString("utf8");
    expect(yaml).toContain("draft: true");
    expect((yaml.match(/^- id: /gm) ?? []).length).toBeGreaterThan(0);
    expect((yaml.match(/^- id: /gm) ?? []).length).toBeLessThanOrEqual(5);
    expect((edit.body as { content: string }).content).toMatch(/^notes\/study\.md에서 문제 초안 \d+개를 만들어 drafts-study\.yaml에 담았어요/);
    // an unknown note is named, with the notes there are
    const bad = h.standIn.slashCommand({ name: "studybot", user: USERS.organiser, options: group("questions", "draft", [str("note", "nope.md")]) });
    const refused = await h.standIn.responseFor(bad);
    expect((refused.message as { content: string }).content).toBe("'nope.md'라는 노트는 없어요. 노트: study.md");
    // a member cannot
    const member = await h.standIn.responseFor(h.standIn.slashCommand({ name: "studybot", user: USERS.mina, options: group("questions", "draft", [str("note", "study.md")]) }));
    expect((member.callback.body as { data: { content: string } }).data.content).toMatch(/^\/studybot draft/);
  });
});
