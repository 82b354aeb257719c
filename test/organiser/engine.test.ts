// The organiser tools in the core, on a real database: a group's own questions (import with the bank's validator,
// drafts refused, the CSV export → import round trip, used by the daily pick and practice), exports a spreadsheet opens
// safely, seasons, delegated organisers, next and skip, a morning and an evening schedule with their own streaks,
// reloading the shipped bank, a group's own questions in /review and the weekly digest, and forgetting a member (a walk
// over every table afterwards).
import { parse as parseCsv } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { zonedTime } from "../../src/core/clock.js";
import type { IncomingFile } from "../../src/core/organiser/service.js";
import { actor, harness, makeBank, question, type Harness } from "../engine/support.js";

let h: Harness;
afterEach(() => h?.close());

const org = actor("org");
const file = (name: string, text: string): IncomingFile => ({ name, read: async () => new TextEncoder().encode(text) });
/** the text as written, byte-order mark included */
const decode = (data: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(data);

const OWN_YAML = `# our group's questions
- id: sqs-visibility
  topic: sqs
  tags: []
  difficulty: 2
  prompt: SQS 메시지를 처리하는 동안 다른 소비자에게 숨기는 설정은?
  choices: [Visibility timeout, Delay queue, Long polling]
  answer: 0
  explanation: Visibility timeout 동안 메시지는 다른 소비자에게 보이지 않는다.
- id: sqs-fifo
  topic: sqs
  tags: [DVA]
  difficulty: 1
  prompt: "FIFO 큐가 보장하는 것은?"
  choices: ["순서와 정확히 한 번 처리", 무제한 처리량]
  answer: 0
  explanation: FIFO 큐는 순서를 지킨다.
`;

/** Only lambda questions ship: the group's own sqs questions are the only ones of their topic. */
function lambdaOnly(): Harness {
  return harness({ bank: makeBank([question("l1", "lambda", 0), question("l2", "lambda", 1)]) });
}

describe("a group's own questions", () => {
  it("imports a YAML file, lists it, and the daily pick and practice use it beside the shipped bank", async () => {
    h = lambdaOnly();
    const done = await h.bot.importQuestions(org, file("ours.yaml", OWN_YAML));
    expect(done).toMatchObject({ ok: true, file: "ours.yaml", format: "yaml", added: 2, replaced: 0, total: 2 });
    expect((await h.bot.listQuestions(org)).questions.map((q) => [q.id, q.topic, q.line])).toEqual([
      ["sqs-fifo", "sqs", 10],
      ["sqs-visibility", "sqs", 2],
    ]);
    expect(await h.bot.status(org)).toMatchObject({ questions: 4, ownQuestions: 2 });
    // a schedule of the topic only the group's questions have: its card is one of them, named in the group's namespace
    await h.bot.schedule(org, "c1", undefined, { time: "09:00", topics: ["sqs"] });
    const card = await h.bot.postNow(org, "c1");
    expect(card.questionId).toMatch(/^g\d+:sqs-(fifo|visibility)$/);
    expect(["SQS 메시지를 처리하는 동안 다른 소비자에게 숨기는 설정은?", "FIFO 큐가 보장하는 것은?"]).toContain(card.prompt);
    const revealed = (await h.bot.revealNow(org, "c1"))!;
    expect(revealed.source).toBeNull(); // no note section named: none shown
    expect(revealed.explanation).toMatch(/큐|Visibility/);
    const practice = await h.bot.practice(actor("ann"), "sqs");
    expect(practice.questionId).toMatch(/^g\d+:sqs-/);
    const answered = await h.bot.answerPractice(actor("ann"), practice.roundId, 0);
    expect(answered.correct).toBe(true);
    // another group does not see them
    const other = { ...actor("x"), group: { platform: "test", externalId: "g2" } };
    expect((await h.bot.listQuestions(other)).questions).toEqual([]);
    await expect(h.bot.practice(other, "sqs")).rejects.toMatchObject({ key: "quiz.no_questions" });
  });

  it("refuses a file with problems, each at its line, stores nothing, and names the drafts", async () => {
    h = lambdaOnly();
    const bad = `- id: Bad_Id
  topic: sqss
  tags: []
  difficulty: 4
  prompt: 문제?
  choices: [하나]
  answer: 0
  explanation: 설명
- id: drafted
  topic: lambda
  tags: []
  difficulty: 1
  prompt: 초안 문제?
  choices: [가, 나]
  answer: 1
  explanation: 설명
  source: { note: nowhere.md, heading: Nothing }
  draft: true
`;
    const out = await h.bot.importQuestions(org, file("bad.yaml", bad));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const lines = out.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(lines).toContainEqual(expect.stringMatching(/^bad\.yaml:1: id "Bad_Id" is not kebab-case/));
    expect(lines).toContainEqual(expect.stringMatching(/^bad\.yaml:2: topic "sqss" is not a topic of the question bank: did you mean "sqs"/));
    expect(lines).toContainEqual(expect.stringMatching(/^bad\.yaml:4: difficulty must be 1/));
    expect(lines).toContainEqual(expect.stringMatching(/^bad\.yaml:6: choices has 1 entry/));
    expect(lines).toContainEqual(expect.stringMatching(/^bad\.yaml:17: source\.note "nowhere\.md" is not a note/));
    expect(lines).toContainEqual(expect.stringMatching(/^bad\.yaml:18: this question is a draft/));
    expect(out.drafts).toEqual(["drafted"]);
    expect((await h.bot.listQuestions(org)).questions).toEqual([]);
    await expect(h.bot.importQuestions(org, { name: "big.yaml", size: 600_000, read: async () => new Uint8Array() })).rejects.toMatchObject({ key: "questions.too_big" });
    const notUtf8 = await h.bot.importQuestions(org, { name: "x.csv", read: async () => new Uint8Array([0xff, 0xfe, 0x41]) });
    expect(notUtf8).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringMatching(/not UTF-8/) }] });
  });

  it("reads CSV with its problems at the row's line, and a CSV export imports back as it was", async () => {
    h = lambdaOnly();
    await h.bot.importQuestions(org, file("ours.yaml", OWN_YAML));
    const exported = await h.bot.exportFile(org, "questions");
    const text = decode(exported.file.data);
    expect(text.startsWith("\uFEFFid,topic,tags,difficulty,prompt,choices[0]")).toBe(true);
    // into another group, then out again: the same file
    const other = { ...actor("y"), group: { platform: "test", externalId: "g2" } };
    expect(await h.bot.importQuestions(other, { name: exported.file.name, read: async () => exported.file.data })).toMatchObject({ ok: true, format: "csv", added: 2 });
    expect(decode((await h.bot.exportFile(other, "questions")).file.data)).toBe(text);
    const mine = (await h.bot.listQuestions(org)).questions;
    expect((await h.bot.listQuestions(other)).questions.map((q) => [q.id, q.prompt])).toEqual(mine.map((q) => [q.id, q.prompt]));

    const csv = [
      "id,topic,tags,difficulty,prompt,choices[0],choices[1],choices[2],answer,explanation,colour",
      'ok-one,sqs,,1,"한 줄, 쉼표 포함",가,나,,0,설명',
      "",
      'bad-two,sqs,,x,"여러 줄\n프롬프트",가,나,,5,설명',
      "third,sqs,,1,셋째,가,가,,0,설명",
    ].join("\r\n");
    const refused = await h.bot.importQuestions(org, file("rows.csv", csv));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([expect.stringMatching(/^1: unknown column "colour"/)]);
    const fixed = await h.bot.importQuestions(org, file("rows.csv", csv.replace(",colour", "")));
    expect(fixed.ok).toBe(false);
    if (fixed.ok) return;
    // the multi-line row starts on line 4 (after a blank line), the next one on line 6
    expect(fixed.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      expect.stringMatching(/^4: difficulty must be 1 \(recall\), 2 \(understanding\) or 3 \(scenario\), found "x"/),
      expect.stringMatching(/^4: answer 5 is out of range: there are 2 choices/),
      expect.stringMatching(/^6: choices\[1\] "가" repeats choices\[0\]/),
    ]);
  });

  it("names the line an unclosed quote opens on, reads semicolon- or tab-separated files, and lists missing columns at once", async () => {
    h = lambdaOnly();
    const header = "id,topic,tags,difficulty,prompt,choices[0],choices[1],answer,explanation";
    const unclosed = [header, "first,sqs,,1,\"한국어 문제, 쉼표\",가,나,0,설명", "", 'second,sqs,,1,"닫히지 않은 따옴표,가,나,0,설명', "third,sqs,,1,셋째,가,나,0,설명"].join("\r\n");
    const out = await h.bot.importQuestions(org, file("quote.csv", unclosed));
    expect(out.ok ? [] : out.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([expect.stringMatching(/^4: CSV syntax: Quote Not Closed/)]);
    const semicolons = [header.replaceAll(",", ";"), "semi;sqs;;1;세미콜론?;가;나;0;설명"].join("\r\n");
    expect(await h.bot.importQuestions(org, file("semi.csv", semicolons))).toMatchObject({ ok: true, added: 1 });
    const tabs = [header.replaceAll(",", "\t"), "tab\tsqs\t\t1\t탭, 쉼표 포함?\t가\t나\t0\t설명"].join("\n");
    expect(await h.bot.importQuestions(org, file("tabs.csv", tabs))).toMatchObject({ ok: true, added: 1 });
    expect((await h.bot.listQuestions(org)).questions.map((q) => q.prompt)).toEqual(["세미콜론?", "탭, 쉼표 포함?"]);
    const few = await h.bot.importQuestions(org, file("few.csv", "id,topic,prompt\r\nx,sqs,p\r\n"));
    expect(few.ok ? [] : few.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([expect.stringMatching(/^1: the header has no "choices\[0\]", "answer", "explanation" columns: the columns are id, topic/)]);
  });

  it("removes a question by its id, and says which ids there are when it has none such", async () => {
    h = lambdaOnly();
    await h.bot.importQuestions(org, file("ours.yaml", OWN_YAML));
    expect(await h.bot.removeQuestion(org, "sqs-fifo")).toMatchObject({ id: "sqs-fifo", removed: true });
    await expect(h.bot.removeQuestion(org, "sqs-fifo")).rejects.toMatchObject({ key: "questions.no_such", params: { ids: "sqs-visibility" } });
    await expect(h.bot.removeQuestion(org, "Not An Id")).rejects.toMatchObject({ key: "questions.bad_id" });
  });

  it("hands out a template in either format that imports as it is", async () => {
    h = lambdaOnly();
    for (const format of ["yaml", "csv"] as const) {
      const t = h.bot.questionsTemplate(format);
      expect(t.name).toBe(`questions-template.${format}`);
      expect(await h.bot.importQuestions(org, { name: t.name, read: async () => t.data })).toMatchObject({ ok: true, total: 2 });
    }
  });
});

describe("a group's own questions in the learning loop and the digest", () => {
  /** A daily card of the group's own questions (the only sqs ones), missed by ann and bob, revealed. */
  async function missedOwnCard() {
    h = lambdaOnly();
    await h.bot.importQuestions(org, file("ours.yaml", OWN_YAML));
    await h.bot.schedule(org, "c1", undefined, { time: "09:00", topics: ["sqs"] });
    const card = await h.bot.postNow(org, "c1");
    const round = (await h.database.store.roundById(card.roundId))!;
    const wrong = (round.correctIndex + 1) % round.choiceCount;
    await h.bot.answer(actor("ann"), round.id, wrong);
    await h.bot.answer(actor("bob"), round.id, wrong);
    h.clock.advance(60_000);
    await h.bot.revealNow(org, "c1");
    return { card, round };
  }

  it("puts a group's own question missed on a daily card in that member's /review, answered there with its explanation", async () => {
    const { card, round } = await missedOwnCard();
    const ann = actor("ann");
    const due = await h.bot.review(ann);
    expect(due).toMatchObject({ from: "due", dueToday: 1 });
    expect(due.card).toMatchObject({ questionId: card.questionId, prompt: card.prompt });
    expect(due.card!.questionId).toMatch(/^g\d+:sqs-/);
    const answered = await h.bot.answerPractice(ann, due.card!.roundId, round.correctIndex);
    expect(answered).toMatchObject({ correct: true, after: { dueToday: 0 } });
    expect(answered.explanation).toMatch(/큐|Visibility/);
  });

  it("lists a group's own question among the digest's most missed, with its prompt and right answer", async () => {
    const { card, round } = await missedOwnCard();
    const { digest } = await h.bot.digestNow(org, "c1");
    expect(digest.missed).toHaveLength(1);
    expect(digest.missed[0]).toMatchObject({ questionId: card.questionId, prompt: card.prompt, answered: 2, missed: 2, source: null });
    expect(digest.missed[0]!.correct.text).toBe(card.choices[round.correctIndex]!.text);
  });

  it("offers a reloaded shipped bank's questions in /review at once", async () => {
    h = lambdaOnly();
    const core = h.another();
    const view = core.library.current;
    core.library.reload(() => ({ ...view, bank: makeBank([question("n1", "sqs", 0)]) }));
    expect((await core.bot.review(actor("ann"))).card!.questionId).toBe("n1");
  });
});

describe("exports", () => {
  it("writes answers and the leaderboard as CSV a spreadsheet opens safely: BOM, header, quoting, formulas escaped, Korean names intact", async () => {
    h = harness();
    await h.bot.schedule(org, "c1", undefined, { time: "09:00" });
    const card = await h.bot.postNow(org, "c1");
    const round = (await h.database.store.roundById(card.roundId))!;
    const names = ["김지우", '=HYPERLINK("http://x")', "Lee, \"Ann\"", "+plus", "@at", "-minus"];
    for (const [i, name] of names.entries()) {
      h.clock.advance(1000);
      await h.bot.answer({ ...actor(`m${i}`), displayName: name }, round.id, i % 2 ? round.correctIndex : (round.correctIndex + 1) % 4);
    }
    await h.bot.revealNow(org, "c1");
    const answers = await h.bot.exportFile(org, "answers", "all");
    const bytes = answers.file.data;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decode(bytes);
    expect(text).toContain("\r\n");
    expect(text).toContain(`"Lee, ""Ann"""`);
    expect(text).toContain(`'=HYPERLINK(""http://x"")`);
    const rows = parseCsv(text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(["answered_at", "member", "member_id", "round", "channel", "question", "topic", "choice", "correct", "points", "streak"]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(["김지우", `'=HYPERLINK("http://x")`, 'Lee, "Ann"', "'+plus", "'@at", "'-minus"]);
    expect(rows[1]![0]).toMatch(/^2025-03-03 09:00:01$/); // in the group's time zone (Seoul)
    const board = parseCsv(decode((await h.bot.exportFile(org, "leaderboard", "week")).file.data), { bom: true }) as string[][];
    expect(board[0]).toEqual(["rank", "member", "member_id", "points", "correct", "answered", "accuracy_pct", "streak"]);
    expect(board.slice(1).map((r) => r[1]).sort()).toEqual([...names.map((n) => (/^[=+@-]/.test(n) ? `'${n}` : n))].sort());
    expect(answers.file.name).toBe("answers-all.csv");
  });
});

describe("seasons", () => {
  it("closes the current season when the next starts: each keeps its board, the closed one viewable by name; streaks go on", async () => {
    h = harness({ start: "2025-03-02T00:00:00Z" });
    await h.bot.schedule(org, "c1", undefined, { time: "09:00", weekdays: [0, 1, 2, 3, 4, 5, 6] });
    const s = h.another().scheduler;
    const ann = actor("ann");
    const play = async (date: string) => {
      h.clock.set(zonedTime(date, "09:00", "Asia/Seoul"));
      const [round] = (await s.catchUp()).posted;
      h.clock.advance(1000);
      await h.bot.answer(ann, round!.id, round!.correctIndex);
      h.clock.set(zonedTime(date, "10:01", "Asia/Seoul"));
      await s.catchUp();
    };
    await expect(h.bot.leaderboard(ann, "season")).rejects.toMatchObject({ key: "season.none" });
    expect(await h.bot.startSeason(org, "Spring")).toMatchObject({ season: { name: "spring" }, closed: null });
    await play("2025-03-03");
    await play("2025-03-04");
    expect((await h.bot.leaderboard(ann, "season")).rows.map((r) => [r.displayName, r.points, r.streak])).toEqual([["ann", 30, 2]]);
    expect(await h.bot.startSeason(org, "summer")).toMatchObject({ season: { name: "summer" }, closed: { name: "spring" } });
    expect((await h.bot.leaderboard(ann, "season")).rows).toEqual([]);
    await play("2025-03-05");
    const summer = await h.bot.leaderboard(ann, "season");
    expect(summer).toMatchObject({ period: "season", season: { name: "summer", to: null } });
    expect(summer.rows.map((r) => [r.points, r.streak])).toEqual([[15, 3]]); // the streak went on
    const spring = await h.bot.leaderboard(ann, "season", undefined, "spring");
    expect(spring.season).toMatchObject({ name: "spring", to: expect.any(Date) });
    expect(spring.rows.map((r) => r.points)).toEqual([30]);
    expect((await h.bot.leaderboard(ann, "all")).rows.map((r) => r.points)).toEqual([45]);
    await expect(h.bot.startSeason(org, "spring")).rejects.toMatchObject({ key: "season.name_used" });
    await expect(h.bot.startSeason(org, "two words")).rejects.toMatchObject({ key: "season.bad_name" });
    await expect(h.bot.leaderboard(ann, "season", undefined, "winter")).rejects.toMatchObject({ key: "season.unknown", params: { names: "summer, spring" } });
    const exported = parseCsv(decode((await h.bot.exportFile(org, "answers", "season", "spring")).file.data), { bom: true }) as string[][];
    expect(exported.length).toBe(3);
  });
});

describe("delegated organisers", () => {
  it("adds a member or a role, and takes it back", async () => {
    h = harness();
    const dong = { userId: "u-dong", displayName: "동" };
    expect(await h.bot.isDelegatedOrganiser(actor("dong"))).toBe(false);
    expect((await h.bot.organisers(org, "add", { member: dong })).change).toMatchObject({ action: "added", changed: true });
    expect((await h.bot.organisers(org, "add", { member: dong })).change).toMatchObject({ changed: false });
    await h.bot.organisers(org, "add", { role: { id: "r-mods", name: "mods" } });
    expect(await h.bot.isDelegatedOrganiser(actor("dong"))).toBe(true);
    expect(await h.bot.isDelegatedOrganiser(actor("eve"), ["r-mods"])).toBe(true);
    expect(await h.bot.isDelegatedOrganiser(actor("eve"), ["r-other"])).toBe(false);
    expect((await h.bot.organisers(org, "remove", { member: dong })).entries).toEqual([{ kind: "role", ref: "r-mods" }]);
    await expect(h.bot.organisers(org, "add", {})).rejects.toMatchObject({ key: "organisers.whom" });
  });
});

describe("next and skip", () => {
  it("previews the question a schedule posts next, skips to another, and the schedule posts the one shown", async () => {
    h = harness({ start: "2025-03-02T00:00:00Z" });
    await h.bot.schedule(org, "c1", "morning", { time: "09:00", topics: ["lambda"] });
    const first = await h.bot.nextQuestion(org, "c1", undefined, false);
    expect(first).toMatchObject({ scheduleName: "morning", skipped: null, question: { topic: "Lambda", own: false } });
    expect(first.question.correct).toMatch(/^[A-D]\. /);
    expect((await h.bot.nextQuestion(org, "c1", undefined, false)).question.id).toBe(first.question.id);
    const skipped = await h.bot.nextQuestion(org, "c1", "morning", true);
    expect(skipped.skipped).toBe(first.question.id);
    expect(skipped.question.id).not.toBe(first.question.id);
    h.clock.set(zonedTime("2025-03-03", "09:00", "Asia/Seoul"));
    const [posted] = (await h.another().scheduler.catchUp()).posted;
    expect(posted!.questionId).toBe(skipped.question.id);
    // used: the next preview picks afresh
    expect((await h.bot.nextQuestion(org, "c1", undefined, false)).question.id).not.toBe(skipped.question.id);
    await expect(h.bot.nextQuestion(org, "c9", undefined, false)).rejects.toMatchObject({ key: "schedule.none" });
  });
});

describe("several schedules in one channel", () => {
  it("a morning and an evening question each post, and each keeps its own streak", async () => {
    h = harness({ start: "2025-03-02T00:00:00Z" });
    await h.bot.schedule(org, "c1", "morning", { time: "09:00", topics: ["lambda"], revealAfterMinutes: 60 });
    await h.bot.schedule(org, "c1", "evening", { time: "21:00", topics: ["s3", "sqs"], revealAfterMinutes: 60 });
    const s = h.another().scheduler;
    const ann = actor("ann");
    const slot = async (date: string, time: string, right: boolean) => {
      h.clock.set(zonedTime(date, time, "Asia/Seoul"));
      const { posted } = await s.catchUp();
      expect(posted).toHaveLength(1);
      const r = posted[0]!;
      h.clock.advance(1000);
      await h.bot.answer(ann, r.id, right ? r.correctIndex : (r.correctIndex + 1) % r.choiceCount);
      h.clock.advance(61 * 60_000);
      await s.catchUp();
      return r;
    };
    const m1 = await slot("2025-03-03", "09:00", true);
    const e1 = await slot("2025-03-03", "21:00", true);
    expect(["lambda"]).toContain(m1.topic);
    expect(["s3", "sqs"]).toContain(e1.topic);
    await slot("2025-03-04", "09:00", true);
    await slot("2025-03-04", "21:00", false);
    const stats = await h.bot.stats(ann);
    expect(stats.bySchedule?.map((x) => [x.name, x.current]).sort()).toEqual([
      ["evening", 0],
      ["morning", 2],
    ]);
    expect(stats.currentStreak).toBe(2);
    expect(stats.bestStreak).toBe(2);
    expect((await h.bot.status(org)).schedules.map((v) => v.name)).toEqual(["evening", "morning"]);
    // with both cards open, post-now and reveal-now name the schedule they mean
    h.clock.set(zonedTime("2025-03-05", "12:00", "Asia/Seoul"));
    await h.bot.postNow(org, "c1", { name: "morning" });
    const evening = await h.bot.postNow(org, "c1", { name: "evening" });
    const morning = (await h.bot.revealNow(org, "c1", "morning"))!;
    expect(morning.topic.key).toBe("lambda");
    expect((await h.bot.openCards(ann, "c1")).map((c) => c.roundId)).toEqual([evening.roundId]);
  });
});

describe("reloading the shipped bank", () => {
  it("swaps the bank at once when the new one is valid, and keeps the old one, saying why, when it is not", async () => {
    h = harness();
    const core = h.another();
    expect((await core.bot.status(org)).questions).toBe(6);
    const bad = core.library.reload(() => {
      throw Object.assign(new Error("questions/x.yaml:3: choices has 1 entry"), { problems: [{ file: "questions/x.yaml", line: 3, message: "choices has 1 entry" }] });
    });
    expect(bad).toEqual({ ok: false, message: "questions/x.yaml:3: choices has 1 entry", problems: [{ file: "questions/x.yaml", line: 3, message: "choices has 1 entry" }] });
    expect((await core.bot.status(org)).questions).toBe(6);
    const view = core.library.current;
    const good = core.library.reload(() => ({ ...view, bank: makeBank([question("n1", "sqs", 0)]) }));
    expect(good).toMatchObject({ ok: true, questions: 1 });
    expect((await core.bot.status(org)).questions).toBe(1);
    expect((await core.bot.practice(actor("ann"))).questionId).toBe("n1");
    expect(core.bot.topics("en").map((t) => t.key)).toEqual(["sqs"]);
  });
});

describe("forgetting a member", () => {
  it("after /forget-me no row of any table holds the member's id; the round keeps its counts and others their points", async () => {
    h = harness();
    const ann = actor("ann");
    const bob = actor("bob");
    await h.bot.schedule(org, "c1", undefined, { time: "09:00" });
    await h.bot.startSeason(org, "s1");
    const card = await h.bot.postNow(org, "c1");
    const round = (await h.database.store.roundById(card.roundId))!;
    await h.bot.answer(ann, round.id, round.correctIndex);
    h.clock.advance(1000);
    await h.bot.answer(bob, round.id, round.correctIndex);
    await h.bot.revealNow(org, "c1");
    const p = await h.bot.practice(ann);
    await h.bot.answerPractice(ann, p.roundId, 0);
    await h.bot.organisers(org, "add", { member: { userId: ann.userId, displayName: "ann" } });
    await h.bot.importQuestions(org, file("ours.yaml", OWN_YAML));
    await h.bot.setReviewReminder(ann, "20:00");
    const memberId = (await h.database.store.findMember((await h.bot.group(ann)).id, ann.userId))!.id;
    expect(await h.database.store.claimReviewReminder(memberId, "2025-03-03", h.clock.now())).toBe(true);
    // the learning loop holds rows of hers in each of its tables: the daily card taken in at its reveal, the practice
    for (const table of ["review_cards", "review_log", "review_reminders", "review_reminder_sends"]) {
      expect(h.database.sqlite.prepare(`SELECT count(*) AS n FROM "${table}" WHERE member_id = ?`).get(memberId), table).toEqual({ n: table.startsWith("review_reminder") ? 1 : 2 });
    }
    const bobBefore = (await h.bot.leaderboard(bob, "all")).rows.find((r) => r.userId === bob.userId)!.points;

    const out = await h.bot.forget(ann);
    expect(out).toMatchObject({ self: true, counts: { answers: 1, practice: 1, reviews: 2, organiser: 1 } });

    // every table, every row: neither the member's user id nor their member row id is anywhere
    const tables = (h.database.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["review_cards", "review_log", "review_reminders", "review_reminder_sends", "digests", "round_reminders", "round_threads"]));
    for (const table of tables) {
      const columns = (h.database.sqlite.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name);
      for (const row of h.database.sqlite.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
        for (const c of columns) {
          const v = row[c];
          if (typeof v === "string") expect(v.includes(ann.userId), `${table}.${c}`).toBe(false);
          if (/member_id$/.test(c)) expect(v, `${table}.${c}`).not.toBe(memberId);
        }
      }
    }
    // the round's counts keep the answer, anonymously; bob's points are untouched
    const revealed = (await h.bot.history(bob, "c1", 1)).entries[0]!;
    expect(revealed.answered).toBe(2);
    expect((await h.bot.leaderboard(bob, "all")).rows.map((r) => [r.userId, r.points])).toEqual([[bob.userId, bobBefore]]);
    expect(await h.bot.forget(ann)).toMatchObject({ counts: null });
    // an organiser forgets a member by mention
    expect(await h.bot.forget(org, { userId: bob.userId, displayName: "bob" })).toMatchObject({ self: false, name: "bob", counts: { answers: 1 } });
  });
});
