// The learning loop through the real facade, scheduler and database, with the clock moved by hand over simulated
// days: a missed daily card is due right after its reveal (and not before), right answers push reviews further
// out than wrong ones, due counts and reviews this week add up, the reminder fires once a day and only when
// something is due, and readiness moves the right way.
import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/cards.js";
import { addDays, localDate, zonedTime } from "../../src/core/clock.js";
import type { Exam, QuestionBank, Topic } from "../../src/core/questions/types.js";
import { actor, GROUP, harness, makeBank, question, RecordingPort, type Harness } from "./support.js";

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

const TZ = "Asia/Seoul";
const CH = "c1";
const DAY = 86_400_000;

/** Three topics in two exam domains (one topic in both), ten questions each; the answer is always choice 1. */
function examBank(): QuestionBank {
  const topics: Topic[] = [
    { key: "lambda", ko: "람다", en: "Lambda", domains: [{ exam: "SAA-C03", domain: "performance" }] },
    { key: "s3", ko: "S3", en: "S3", domains: [{ exam: "SAA-C03", domain: "resilient" }, { exam: "SAA-C03", domain: "performance" }] },
    { key: "sqs", ko: "SQS", en: "SQS", domains: [] },
  ];
  const questions = topics.flatMap((t) => Array.from({ length: 10 }, (_, i) => question(`${t.key}-${i}`, t.key, 1)));
  const exam: Exam = {
    code: "SAA-C03",
    name: { ko: "SAA", en: "SAA" },
    domains: new Map([
      ["resilient", { key: "resilient", ko: "복원력", en: "Resilient", weight: 26 }],
      ["performance", { key: "performance", ko: "고성능", en: "High-performing", weight: 24 }],
    ]),
  };
  return { questions, byId: new Map(questions.map((q) => [q.id, q])), topics: new Map(topics.map((t) => [t.key, t])), exams: new Map([[exam.code, exam]]) };
}

/** The instant at a local time of the n-th day after 2025-03-03 (a Monday) in Seoul. */
const onDay = (n: number, time: string) => zonedTime(addDays("2025-03-03", n), time, TZ);

async function setUp(opts: { bank?: QuestionBank } = {}) {
  h = harness({ start: onDay(0, "08:00").toISOString(), bank: opts.bank ?? examBank(), timezone: TZ });
  await h.bot.schedule(actor("org"), CH, undefined, { time: "09:00", weekdays: ["daily"], revealAfterMinutes: 60 });
  return h;
}

/** Posts the day's card at 09:00 and returns it. */
async function post(h: Harness, day: number) {
  h.clock.set(onDay(day, "09:00"));
  const { posted } = await h.scheduler.catchUp();
  expect(posted).toHaveLength(1);
  return posted[0]!;
}

async function reveal(h: Harness, day: number) {
  h.clock.set(onDay(day, "10:00"));
  await h.scheduler.catchUp();
}

async function memberId(h: Harness, who: Actor) {
  const g = await h.bot.group(who);
  return (await h.database.store.findMember(g.id, who.userId))!.id;
}

/** Answers /review questions while any is due today, each once: right when `right(questionId)`. Returns how many. */
async function reviewAll(h: Harness, who: Actor, right: (questionId: string) => boolean): Promise<number> {
  let n = 0;
  const seen = new Set<string>();
  for (;;) {
    const r = await h.bot.review(who);
    if (r.from !== "due" || !r.card || seen.has(r.card.questionId)) return n;
    seen.add(r.card.questionId);
    const q = h.bank.byId.get(r.card.questionId)!;
    await h.bot.answerPractice(who, r.card.roundId, right(q.id) ? q.answer : (q.answer + 1) % q.choices.length);
    n++;
  }
}

describe("spaced review", () => {
  it("puts a missed daily question in that member's /review right after the reveal, not before; a right one is not due", async () => {
    const h = await setUp();
    const ann = actor("ann");
    const bob = actor("bob");
    const round = await post(h, 0);
    h.clock.set(onDay(0, "09:05"));
    expect((await h.bot.answer(ann, round.id, 0)).kind).toBe("recorded"); // wrong (the answer is 1)
    expect((await h.bot.answer(bob, round.id, 1)).kind).toBe("recorded");

    // Before the reveal: nothing due; /review offers a new question, and the answer stays private.
    h.clock.set(onDay(0, "09:59"));
    const early = await h.bot.review(ann);
    expect(early).toMatchObject({ from: "new", dueToday: 0, summary: { dueToday: 0, doneThisWeek: 0, predictedRecall: null } });
    expect(await h.database.store.reviewCard(await memberId(h, ann), round.questionId)).toBeNull();

    await reveal(h, 0);
    const after = await h.bot.review(ann);
    expect(after).toMatchObject({ from: "due", dueToday: 1, summary: { dueToday: 1, doneThisWeek: 1 } });
    expect(after.card!.questionId).toBe(round.questionId);
    const bobs = await h.bot.review(bob);
    expect(bobs.from).toBe("new");
    expect(bobs.card!.questionId).not.toBe(round.questionId);
    expect(bobs.summary).toMatchObject({ dueToday: 0, doneThisWeek: 1 });
    expect(bobs.summary.predictedRecall).toBeGreaterThan(0.9);
    // Right after the reveal a missed question is not as well remembered as a known one.
    expect(after.summary.predictedRecall).toBeLessThan(bobs.summary.predictedRecall! - 0.1);

    // Answering it from /review goes through the practice path: explanation, the count still due today.
    const answered = await h.bot.answerPractice(ann, after.card!.roundId, 1);
    expect(answered).toMatchObject({ correct: true, explanation: `Because ${round.questionId}.`, after: { dueToday: 0 } });
    expect((await h.bot.review(ann)).from).toBe("new");
  });

  it("never offers the question of a card still open in the channel as practice or as a new review", async () => {
    h = harness({ start: onDay(0, "09:00").toISOString(), bank: makeBank([question("only", "lambda"), question("other", "s3")]), timezone: TZ });
    const card = await h.bot.postNow(actor("org"), CH);
    const topic = h.bank.byId.get(card.questionId)!.topic;
    await expect(h.bot.practice(actor("ann"), topic)).rejects.toMatchObject({ key: "quiz.all_open" });
    for (let i = 0; i < 5; i++) {
      expect((await h.bot.practice(actor(`m${i}`))).questionId).not.toBe(card.questionId);
      expect((await h.bot.review(actor(`n${i}`))).card!.questionId).not.toBe(card.questionId);
    }
    await h.bot.revealNow(actor("org"), CH);
    expect((await h.bot.practice(actor("ann"), topic)).questionId).toBe(card.questionId);
  });

  it("pushes the next review further out after a right answer than after a wrong one, and further each time it is right", async () => {
    const h = await setUp();
    const ann = actor("ann");
    const bob = actor("bob");
    const q = h.bank.byId.get("lambda-0")!;
    const intervals: Record<string, number[]> = { ann: [], bob: [] };
    for (let i = 0; i < 4; i++) {
      for (const [who, right] of [[ann, true], [bob, false]] as const) {
        const id = await memberId(h, who).catch(() => null);
        const before = id ? await h.database.store.reviewCard(id, q.id) : null;
        if (before && before.due > h.clock.now()) continue;
        const card = await h.bot.practice(who, "lambda");
        const pr = await h.database.store.practiceById(card.roundId);
        // practise exactly this question: answer the one offered when it is lambda-0, else open it by hand
        const roundId = card.questionId === q.id ? card.roundId : (await h.database.store.openPractice({ ...pr!, questionId: q.id, questionHash: q.hash, correctIndex: q.answer })).id;
        await h.bot.answerPractice(who, roundId, right ? q.answer : 0);
        const after = (await h.database.store.reviewCard(await memberId(h, who), q.id))!;
        intervals[who.displayName]!.push(after.due.getTime() - h.clock.now().getTime());
      }
      h.clock.advance(intervals.ann!.at(-1)!); // to ann's next due time
    }
    const [a0, a1, a2, a3] = intervals.ann!;
    expect(a0).toBeGreaterThan(intervals.bob![0]!);
    expect(a1).toBeGreaterThan(a0!);
    expect(a2).toBeGreaterThan(a1!);
    expect(a3).toBeGreaterThan(a2!);
    for (const b of intervals.bob!) expect(b).toBeLessThanOrEqual(10 * 60_000);
  });

  it("over 60 days: due counts and reviews this week add up, and the reminder comes once a day, only when something is due", async () => {
    const h = await setUp();
    const ann = actor("ann");
    const bob = actor("bob");
    expect((await h.bot.setReviewReminder(ann, "20:00")).time).toBe("20:00");
    const annId = await memberId(h, ann);
    let week = 0;
    let reminded = 0;
    let dueDays = 0;
    for (let day = 0; day < 60; day++) {
      if (day % 7 === 0) week = 0; // 2025-03-03 is a Monday
      const round = await post(h, day);
      const q = h.bank.byId.get(round.questionId)!;
      h.clock.set(onDay(day, "09:10"));
      // ann misses every Lambda question; bob knows everything
      const annRight = q.topic !== "lambda";
      await h.bot.answer(ann, round.id, annRight ? q.answer : (q.answer + 1) % 4);
      await h.bot.answer(bob, round.id, q.answer);
      await reveal(h, day);
      week++;
      const cards = await h.database.store.memberCards(annId);
      const end = zonedTime(addDays(localDate(h.clock.now(), TZ), 1), "00:00", TZ);
      const stats = await h.bot.stats(ann);
      expect(stats.review.dueToday).toBe(cards.filter((c) => c.due < end).length);
      expect(stats.review.doneThisWeek).toBe(week);
      if (!annRight) expect((await h.database.store.dueCards(annId, h.clock.now(), 50)).map((c) => c.questionId)).toContain(q.id);
      // ann reviews on even days only (she misses Lambda again whenever it comes back)
      if (day % 2 === 0) week += await reviewAll(h, ann, (id) => !id.startsWith("lambda") || day % 4 === 0);
      // 20:00 and 20:01: one reminder at most, when something is due today
      h.clock.set(onDay(day, "20:00"));
      const due = (await h.bot.stats(ann)).review.dueToday;
      const before = h.port.direct.length;
      await h.scheduler.catchUp();
      h.clock.set(onDay(day, "20:01"));
      await h.scheduler.catchUp();
      const sent = h.port.direct.length - before;
      expect(sent, `day ${day}`).toBe(due > 0 ? 1 : 0);
      if (sent) {
        expect(h.port.direct.at(-1)).toEqual({ group: GROUP, userId: ann.userId, text: `Reviews due today: ${due}. Type /review to go through them.` });
        reminded++;
      }
      if (due > 0) dueDays++;
      // bob asked for no reminder
      expect(h.port.direct.every((d) => d.userId === ann.userId)).toBe(true);
    }
    expect(reminded).toBe(dueDays);
    expect(reminded).toBeGreaterThan(5);
    expect(reminded).toBeLessThan(60);
    expect((await h.bot.stats(bob)).review.predictedRecall).toBeGreaterThan((await h.bot.stats(ann)).review.predictedRecall!);
  });

  it("sends no reminder before its time or once it is turned off, and refuses a time it cannot read", async () => {
    const h = await setUp();
    const ann = actor("ann");
    const round = await post(h, 0);
    await h.bot.answer(ann, round.id, 0);
    await reveal(h, 0);
    await h.bot.setReviewReminder(ann, "오후8시");
    h.clock.set(onDay(0, "19:59"));
    await h.scheduler.catchUp();
    expect(h.port.direct).toEqual([]);
    expect(await h.bot.setReviewReminder(ann, "off")).toMatchObject({ time: null, dueToday: 1 });
    h.clock.set(onDay(0, "20:30"));
    await h.scheduler.catchUp();
    expect(h.port.direct).toEqual([]);
    await expect(h.bot.setReviewReminder(ann, "soon")).rejects.toMatchObject({ key: "review.bad_remind", params: { value: "soon" } });
  });

  it("takes a reveal in once across two processes, and catches up a reveal whose review was interrupted", async () => {
    const h = await setUp();
    const other = h.another();
    const ann = actor("ann");
    const round = await post(h, 0);
    await h.bot.answer(ann, round.id, 0);
    h.clock.set(onDay(0, "10:00"));
    await Promise.all([h.scheduler.catchUp(), other.scheduler.catchUp()]);
    const annId = await memberId(h, ann);
    expect(await h.database.store.reviewCard(annId, round.questionId)).toMatchObject({ reps: 1 });
    expect(await h.database.store.reviewsSince(annId, onDay(0, "00:00"))).toBe(1);

    // a process that marked the next round revealed and stopped before its review: the next sweep takes it in
    const next = await post(h, 1);
    await h.bot.answer(ann, next.id, 0);
    expect(await h.database.store.markRevealed(next.id, onDay(1, "10:00"))).toBe(true);
    expect(await h.database.store.reviewCard(annId, next.questionId)).toBeNull();
    h.clock.set(onDay(1, "10:01"));
    await other.scheduler.catchUp();
    expect(await h.database.store.reviewCard(annId, next.questionId)).toMatchObject({ reps: 1 });
    expect(await h.database.store.reviewsSince(annId, onDay(0, "00:00"))).toBe(2);
  });

  it("tries a reminder that cannot be delivered once that day, not every minute", async () => {
    const h = await setUp();
    class ClosedDirectMessages extends RecordingPort {
      tries = 0;
      override async sendDirect(): Promise<void> {
        this.tries++;
        throw new Error("Cannot send messages to this user");
      }
    }
    const closed = new ClosedDirectMessages();
    const other = h.another({ port: closed });
    const ann = actor("ann");
    const round = await post(h, 0);
    await h.bot.answer(ann, round.id, 0);
    await reveal(h, 0);
    await h.bot.setReviewReminder(ann, "20:00");
    for (const minute of ["20:00", "20:01", "21:30"]) {
      h.clock.set(onDay(0, minute));
      await other.scheduler.catchUp();
    }
    expect(closed.tries).toBe(1);
    h.clock.set(onDay(1, "20:00"));
    await other.scheduler.catchUp();
    expect(closed.tries).toBe(2);
  });

  it("sends one reminder when two processes sweep in the same minute", async () => {
    const h = await setUp();
    const otherPort = new (h.port.constructor as new () => typeof h.port)();
    const other = h.another({ port: otherPort });
    const ann = actor("ann");
    const round = await post(h, 0);
    await h.bot.answer(ann, round.id, 0);
    await reveal(h, 0);
    await h.bot.setReviewReminder(ann, "20:00");
    h.clock.set(onDay(0, "20:00"));
    await Promise.all([h.scheduler.catchUp(), other.scheduler.catchUp(), h.scheduler.catchUp()]);
    expect(h.port.direct.length + otherPort.direct.length).toBe(1);
  });
});

describe("exam readiness", () => {
  it("rises with right answers, falls as memory fades and after misses, and shows coverage and the topic to review next", async () => {
    const h = await setUp();
    const ann = actor("ann");
    const bob = actor("bob");
    const start = await h.bot.readiness(ann);
    expect(start.exams).toHaveLength(1);
    const [exam] = start.exams;
    expect(exam).toMatchObject({ code: "SAA-C03", readiness: 0, coverage: 0 });
    expect(exam!.domains.map((d) => [d.key, d.weight, d.questions, d.readiness, d.coverage])).toEqual([
      ["resilient", 26, 10, 0, 0],
      ["performance", 24, 20, 0, 0],
    ]);

    // ann practises every S3 question right; bob gets them all wrong
    for (const who of [ann, bob]) {
      for (let i = 0; i < 10; i++) {
        const q = h.bank.byId.get(`s3-${i}`)!;
        const m = await h.database.store.ensureMember((await h.bot.group(who)).id, { userId: who.userId, displayName: who.displayName });
        const row = await h.database.store.openPractice({ memberId: m.id, questionId: q.id, questionHash: q.hash, topic: q.topic, correctIndex: q.answer, choiceCount: 4, openedAt: h.clock.now() });
        await h.bot.answerPractice(who, row.id, who === ann ? q.answer : 0);
      }
    }
    h.clock.advance(60 * 60_000);
    const learnt = await h.bot.readiness(ann);
    const resilient = (r: typeof learnt) => r.exams[0]!.domains.find((d) => d.key === "resilient")!;
    const performance = (r: typeof learnt) => r.exams[0]!.domains.find((d) => d.key === "performance")!;
    expect(resilient(learnt).readiness).toBeGreaterThan(0.9);
    expect(resilient(learnt).coverage).toBe(1);
    expect(performance(learnt).coverage).toBe(0.5);
    expect(performance(learnt).next).toEqual({ key: "lambda", name: "Lambda" });
    expect(learnt.exams[0]!.readiness).toBeGreaterThan(start.exams[0]!.readiness);
    const bobs = await h.bot.readiness(bob);
    expect(bobs.exams[0]!.readiness).toBeLessThan(learnt.exams[0]!.readiness);
    expect(resilient(bobs).coverage).toBe(1);
    expect(learnt.group.members).toBe(2);
    expect(learnt.group.exams[0]!.readiness).toBeGreaterThan(bobs.exams[0]!.readiness);
    expect(learnt.group.exams[0]!.readiness).toBeLessThan(learnt.exams[0]!.readiness);

    // without review, memory fades
    h.clock.advance(30 * DAY);
    const faded = await h.bot.readiness(ann);
    expect(resilient(faded).readiness).toBeLessThan(resilient(learnt).readiness);
    expect(resilient(faded).coverage).toBe(1);
    // a member nobody knows is refused
    await expect(h.bot.readiness(ann, { userId: "u-nobody", displayName: "nobody" })).rejects.toMatchObject({ key: "stats.unknown_member" });
  });

  it("is empty when no topic maps to an exam domain", async () => {
    const h = await setUp({ bank: { ...examBank(), exams: new Map() } });
    expect((await h.bot.readiness(actor("ann"))).exams).toEqual([]);
  });
});
