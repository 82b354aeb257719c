// The weekly digest, reveal reminders and discussion threads on Discord, through the real discord.js client against
// the stand-in: the digest's chart as an attachment the embed shows, the card edited with the time left and the
// mention sent as a reply, a thread started on the card (after the bot's permissions are checked) with the reveal's
// summary in it, and /studybot digest-now.
import { PNG } from "pngjs";
import { afterEach, describe, expect, it } from "vitest";
import { BOT_PERMISSIONS, CREATE_PUBLIC_THREADS, type RecordedRequest } from "../support/discord-standin.js";
import { seedWeek, sunday, type SeedDay } from "../digest/support.js";
import { actorOf, startHarness, USERS, type Harness, type SentMessage } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

type Json = Record<string, unknown>;
const str = (name: string, value: string) => ({ name, type: 3, value });
const bool = (name: string, value: boolean) => ({ name, type: 5, value });
const studybot = (name: string, options: Json[] = []) => h.standIn.slashCommand({ name: "studybot", user: USERS.organiser, options: [{ name, type: 1, options }] });
const posts = (path: string) => h.standIn.calls().filter((r) => r.method === "POST" && r.path === path);

/** Monday 2026-03-02 09:00 in Seoul, plus minutes. */
const monday = (minutes = 0) => new Date(Date.UTC(2026, 2, 2, 0, minutes));

async function seededWeek(): Promise<void> {
  const organiser = actorOf(h, USERS.organiser);
  h.clock.set(sunday("00:00"));
  await h.bot.schedule(organiser, h.channelId, undefined, { time: "09:00", weekdays: ["daily"] });
  const group = await h.bot.group(organiser);
  const schedule = (await h.database.store.findSchedule(group.id, h.channelId, "daily"))!;
  const right = (id: string) => h.bank.byId.get(id)!.answer;
  const wrong = (id: string) => (right(id) + 1) % h.bank.byId.get(id)!.choices.length;
  const days: SeedDay[] = [
    { day: 0, question: "lambda-timeout-max", answers: { 지우: right("lambda-timeout-max"), 미나: wrong("lambda-timeout-max") } },
    { day: 2, question: "dynamodb-hot-partition", answers: { 지우: wrong("dynamodb-hot-partition"), 미나: wrong("dynamodb-hot-partition"), 서연: right("dynamodb-hot-partition") } },
  ];
  await seedWeek(h.database.store, group, schedule, days, h.bank);
}

function digestPost(): RecordedRequest {
  const found = posts(`/channels/${h.channelId}/messages`).filter((r) => r.files.length > 0);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe("the weekly digest on Discord", () => {
  it("posts once, on Sunday at 20:00, with the chart as an attachment shown in its embed and a button per missed question's note", async () => {
    h = await startHarness();
    await seededWeek();
    h.clock.set(sunday("20:00"));
    await h.scheduler.catchUp();
    await h.scheduler.catchUp();
    const post = digestPost();
    const body = post.body as SentMessage & { attachments: Array<{ id: number; filename: string }>; embeds: Array<{ image?: { url: string } }> };
    expect(post.files.map((f) => [f.name, f.type])).toEqual([["digest-2025-03-03.png", "image/png"]]);
    expect(body.attachments).toEqual([{ id: 0, filename: "digest-2025-03-03.png" }]);
    expect(body.embeds[0]!.image).toEqual({ url: "attachment://digest-2025-03-03.png" });
    expect(body.embeds[0]!.title).toBe("주간 리포트 · 2025-03-03 – 03-09");
    const fields = (body.embeds[0] as { fields: Array<{ name: string; value: string }> }).fields;
    expect(fields.map((f) => f.name)).toEqual(["이번 주 순위", "요일별 응답 수", "약한 주제", "가장 많이 틀린 문제"]);
    expect(fields[0]!.value).toContain("1. 지우 — 15점");
    expect(fields[3]!.value).toContain("3명 중 2명이 틀렸어요");
    const buttons = body.components.flatMap((row) => row.components);
    expect(buttons.length).toBeGreaterThanOrEqual(1);
    expect(buttons.every((b) => b.custom_id.startsWith("sb1:sec:"))).toBe(true);
    const png = PNG.sync.read(post.files[0]!.data);
    expect([png.width, png.height]).toEqual([1200, 675]);
  });

  it("previews this week's digest privately with /studybot digest-now, the chart attached", async () => {
    h = await startHarness();
    await seededWeek();
    h.clock.set(sunday("12:00"));
    const id = studybot("digest-now");
    const { callback, message } = await h.standIn.responseFor(id);
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(message.content).toMatch(/^이 채널의 이번 주 리포트를 미리 보여 드려요/);
    expect(message.content).toContain("문제 2개 · 응답 5개");
    const edit = await h.standIn.originalEditFor(id);
    expect(edit.files.map((f) => f.name)).toEqual(["digest-2025-03-03.png"]);
    expect(h.standIn.calls().filter((r) => r.path.startsWith("/channels/"))).toEqual([]);
  });
});

describe("reveal reminders on Discord", () => {
  it("edits the card with the time left and how many answered, and sends the role mention as a reply to it", async () => {
    h = await startHarness();
    const saved = await h.standIn.responseFor(studybot("schedule", [str("time", "09:00"), str("reminder", "15"), str("reminder-mention", "<@&1234567890123>")]));
    expect(saved.message.content).toContain("정답 공개 알림 15분 전, <@&1234567890123> 멘션");
    h.clock.set(monday());
    const [round] = (await h.scheduler.catchUp()).posted;
    await h.bot.answer(actorOf(h, USERS.mina), round!.id, 0);
    h.clock.set(monday(45));
    await h.scheduler.catchUp();
    h.clock.set(monday(46));
    await h.scheduler.catchUp();
    const messageId = round!.message!.messageId;
    const edits = h.standIn.calls().filter((r) => r.method === "PATCH" && r.path === `/channels/${h.channelId}/messages/${messageId}`);
    expect(edits).toHaveLength(1);
    expect((edits[0]!.body as SentMessage).embeds[0]!.footer!.text).toMatch(/^⏰ 15분 남았어요 · 1명 응답 · /);
    const replies = posts(`/channels/${h.channelId}/messages`).filter((r) => (r.body as Json).message_reference);
    expect(replies.map((r) => r.body)).toEqual([
      {
        content: "<@&1234567890123> ⏰ 정답 공개까지 15분 남았어요 · 지금까지 1명이 답했어요",
        message_reference: { message_id: messageId, channel_id: h.channelId, fail_if_not_exists: false },
        allowed_mentions: { roles: ["1234567890123"] },
      },
    ]);
    // at the reveal the whole card is replaced: the reminder is gone from it
    h.clock.set(monday(60));
    await h.scheduler.catchUp();
    expect((h.standIn.message(messageId) as unknown as SentMessage).embeds[0]!.footer!.text).not.toContain("⏰");
  });
});

describe("discussion threads on Discord", () => {
  it("starts a thread on each card and posts the reveal's summary in it", async () => {
    h = await startHarness();
    const saved = await h.standIn.responseFor(studybot("schedule", [str("time", "09:00"), bool("thread", true)]));
    expect(saved.message.content).toContain("토론 스레드 켜짐");
    expect(saved.message.content).not.toContain("⚠️");
    h.clock.set(monday());
    const [round] = (await h.scheduler.catchUp()).posted;
    const messageId = round!.message!.messageId;
    const started = posts(`/channels/${h.channelId}/messages/${messageId}/threads`);
    expect(started.map((r) => r.body)).toEqual([{ name: `Q${round!.id} · 람다`, auto_archive_duration: 1440 }]);
    expect(h.standIn.threads.get(messageId)).toEqual({ parentId: h.channelId, name: `Q${round!.id} · 람다` });
    await h.bot.answer(actorOf(h, USERS.mina), round!.id, h.bank.byId.get(round!.questionId)!.answer);
    h.clock.set(monday(60));
    await h.scheduler.catchUp();
    const summary = posts(`/channels/${messageId}/messages`);
    expect(summary).toHaveLength(1);
    expect((summary[0]!.body as SentMessage).content).toMatch(/^✅ 정답 [A-D]\. .+ — 1명 중 1명 정답 \(100%\)$/);
  });

  it("checks Create Public Threads first: says what is missing and starts no thread", async () => {
    h = await startHarness({ standIn: { botPermissions: BOT_PERMISSIONS & ~CREATE_PUBLIC_THREADS } });
    const saved = await h.standIn.responseFor(studybot("schedule", [str("time", "09:00"), bool("thread", true)]));
    expect(saved.message.content).toContain("⚠️");
    expect(saved.message.content).toContain("공개 스레드 만들기");
    expect(saved.message.content).not.toContain("스레드에서 메시지 보내기");
    h.clock.set(monday());
    expect((await h.scheduler.catchUp()).posted).toHaveLength(1);
    expect(h.standIn.calls().filter((r) => r.path.endsWith("/threads"))).toEqual([]);
    expect(h.logs.find((l) => l.msg === "no discussion thread: the bot lacks permissions in the channel")).toMatchObject({ missing: ["공개 스레드 만들기"] });
  });
});
