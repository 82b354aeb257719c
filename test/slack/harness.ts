// The whole Slack product in one process, for tests: the real StudyBot facade on a temporary SQLite file
// (migrated), the real notes search over the shipped notes (plus one over-long fixture note), a small question
// bank built here, a ManualClock, the real scheduler driven by the test, and the real Bolt App listening with
// its HTTP receiver on 127.0.0.1, its WebClient pointed at the local Slack stand-in.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { StudyBot } from "../../src/core/app.js";
import { createCore } from "../../src/core/create.js";
import { ManualClock } from "../../src/core/clock.js";
import { loadNotes } from "../../src/core/notes/load.js";
import { LookupService } from "../../src/core/notes/lookup.js";
import type { Section } from "../../src/core/notes/types.js";
import type { Question, QuestionBank, Topic } from "../../src/core/questions/types.js";
import type { Scheduler } from "../../src/core/schedule/scheduler.js";
import type { Config } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/index.js";
import { createLogger } from "../../src/logger.js";
import { startSlack, type SlackPlatform } from "../../src/platforms/slack/index.js";
import {
  appHomeOpenedBody,
  blockActionsBody,
  blockActionsPayload,
  signedPost,
  slashCommandBody,
  SlackStandIn,
  STANDIN_BOT_TOKEN,
  STANDIN_SIGNING_SECRET,
  type Member,
  type PostResult,
  type SignedPostOptions,
  type SlackUser,
} from "../support/slack-standin.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, "../..");
export const FIXTURES = path.join(HERE, "fixtures");

export const TEAM = "T0STUDY01";
export const CHANNEL = "C0DAILY001";

/** The study group's workspace. The organiser is a workspace admin; `listed` is on SLACK_ORGANIZERS. */
export const USERS = {
  organiser: { id: "U0ADMIN001", name: "jiwoo", realName: "Jiwoo Park", displayName: "지우", isAdmin: true, locale: "ko-KR" },
  owner: { id: "U0OWNER001", name: "hana", realName: "Hana Lee", isOwner: true, locale: "ko-KR" },
  listed: { id: "U0LISTED01", name: "dong", realName: "Dong Kim", locale: "ko-KR" },
  mina: { id: "U0MINA0001", name: "mina", realName: "Mina Cho", displayName: "미나", locale: "ko-KR" },
  alex: { id: "U0ALEX0001", name: "alex", realName: "Alex Kim", locale: "en-US" },
  seo: { id: "U0SEO00001", name: "seo", realName: "Seoyeon Han", displayName: "서연", locale: "ko-KR" },
} satisfies Record<string, SlackUser>;

export const TOPICS: Topic[] = [
  { key: "lambda", ko: "람다", en: "Lambda" },
  { key: "sqs", ko: "SQS", en: "SQS" },
];

function q(id: string, topic: string, prompt: string, choices: string[], answer: number, explanation: string, heading: string, note: string): Question {
  return { id, topic, tags: ["dva"], difficulty: 2, prompt, choices, answer, explanation, source: { note, heading }, file: "questions/slack-test.yaml", line: 1, hash: `hash-${id}`, sectionId: null };
}

/** One Lambda question (so a lambda schedule posts exactly it) and two SQS questions for practice. */
export function testBank(): QuestionBank {
  const questions = [
    q(
      "lambda-timeout",
      "lambda",
      "Lambda 함수의 최대 실행 시간(timeout)은?",
      ["3초", "15분", "1시간", "24시간"],
      1,
      "Lambda 함수는 **최대 15분**까지 실행할 수 있어요. 더 긴 작업은 Step Functions나 ECS로 나눠요.",
      "10. Lambda",
      "notes/dva-theory.txt",
    ),
    q("sqs-visibility", "sqs", "SQS 메시지를 한 소비자가 처리하는 동안 다른 소비자에게 보이지 않게 하는 설정은?", ["Visibility timeout", "Delay queue", "Long polling"], 0, "Visibility timeout 동안 메시지는 다른 소비자에게 보이지 않아요.", "Amazon SQS", "notes/aws-services-overview.md"),
    q("sqs-fifo", "sqs", "SQS FIFO 큐가 보장하는 것은?", ["순서와 정확히 한 번 처리", "무제한 처리량", "메시지 영구 보관"], 0, "FIFO 큐는 순서와 정확히 한 번 처리를 보장해요.", "Amazon SQS", "notes/aws-services-overview.md"),
  ];
  return { questions, byId: new Map(questions.map((x) => [x.id, x])), topics: new Map(TOPICS.map((t) => [t.key, t])) };
}

/** The shipped notes plus the fixture notes (one section far over Slack's limits), ids renumbered. */
export function testSections(): Section[] {
  const shipped = loadNotes(path.join(ROOT, "notes"), ROOT);
  const fixtures = loadNotes(path.join(FIXTURES, "notes"), ROOT);
  return [...shipped, ...fixtures].map((s, id) => ({ ...s, id }));
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface Harness {
  standIn: SlackStandIn;
  bot: StudyBot;
  scheduler: Scheduler;
  clock: ManualClock;
  database: Database;
  slack: SlackPlatform;
  sections: Section[];
  bank: QuestionBank;
  logs: LogLine[];
  /** the Bolt Request URL, e.g. http://127.0.0.1:41234/slack/events */
  url: string;
  /** sends a signed slash command and waits until the app has finished the work it started */
  command(user: Member, command: string, text: string, opts?: SignedPostOptions & { channelId?: string }): Promise<PostResult & { responseUrl: string }>;
  /** sends a signed block_actions click and waits for the work */
  click(user: Member, action: { action_id: string; block_id: string; value: string }, opts?: SignedPostOptions & { messageTs?: string; ephemeral?: boolean; body?: string }): Promise<PostResult & { responseUrl: string; body: string }>;
  /** sends a signed app_home_opened event and waits for the work */
  homeOpened(user: Member, opts?: SignedPostOptions & { eventId?: string }): Promise<PostResult>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** the ManualClock's start (default Monday 2026-03-02 08:00 in Seoul) */
  now?: string;
  organizers?: string[];
  defaultLocale?: "ko" | "en";
  /** how long a card's post or edit may take before it counts as failed, ms */
  requestTimeoutMs?: number;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const standIn = await SlackStandIn.start({ teamId: TEAM, users: Object.values(USERS), channels: [{ id: CHANNEL, name: "daily-quiz", botIsMember: true }, { id: "G0PRIVATE1", name: "secret", isPrivate: true }] });
  const logs: LogLine[] = [];
  const logger = createLogger("debug", { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const sections = testSections();
  const bank = testBank();
  const clock = new ManualClock(opts.now ?? "2026-03-01T23:00:00Z");
  const dir = mkdtempSync(path.join(tmpdir(), "studybot-slack-"));
  const database = openDatabase(path.join(dir, "studybot.db"));
  const config: Config = {
    slack: { botToken: STANDIN_BOT_TOKEN, signingSecret: STANDIN_SIGNING_SECRET, apiUrl: standIn.apiUrl, organizers: opts.organizers ?? [USERS.listed.id], port: 0 },
    port: 0,
    databasePath: path.join(dir, "studybot.db"),
    notesDir: path.join(ROOT, "notes"),
    questionsDir: path.join(ROOT, "questions"),
    defaultTimezone: "Asia/Seoul",
    defaultLocale: opts.defaultLocale ?? "ko",
    logLevel: "debug",
  };
  const { bot, scheduler } = createCore({
    store: database.store,
    notes: new LookupService(sections),
    sections,
    // the shipped notes and the fixtures, both named relative to the project root
    readNote: (file) => readFileSync(path.resolve(ROOT, file), "utf8"),
    bank,
    clock,
    logger,
    settings: { defaultTimezone: config.defaultTimezone, defaultLocale: config.defaultLocale },
    random: () => 0,
    scheduler: { timers: false },
  });
  const slack = await startSlack(bot, config, logger, { host: "127.0.0.1", httpPort: 0, requestTimeoutMs: opts.requestTimeoutMs });
  await scheduler.start();
  const url = slack.url!;

  const form = "application/x-www-form-urlencoded" as const;
  return {
    standIn,
    bot,
    scheduler,
    clock,
    database,
    slack,
    sections,
    bank,
    logs,
    url,
    async command(user, command, text, o = {}) {
      const responseUrl = standIn.responseUrl();
      const body = slashCommandBody({ command, text, user, teamId: TEAM, channelId: o.channelId ?? CHANNEL, responseUrl });
      const res = await signedPost(url, body, form, o);
      await slack.idle();
      return { ...res, responseUrl };
    },
    async click(user, action, o = {}) {
      const responseUrl = standIn.responseUrl();
      // the click happens at the test clock's time (action_ts), as Slack stamps it
      const actionTs = (clock.now().getTime() / 1000).toFixed(6);
      const body = o.body ?? blockActionsBody(blockActionsPayload({ user, teamId: TEAM, channelId: CHANNEL, messageTs: o.messageTs ?? "1700000000.000001", responseUrl, action, ephemeral: o.ephemeral, actionTs }));
      const res = await signedPost(url, body, form, o);
      await slack.idle();
      return { ...res, responseUrl, body };
    },
    async homeOpened(user, o = {}) {
      const res = await signedPost(url, appHomeOpenedBody({ user, teamId: TEAM, eventId: o.eventId }), "application/json", o);
      await slack.idle();
      return res;
    },
    async stop() {
      await scheduler.stop();
      await slack.stop();
      database.close();
      await standIn.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Web API calls other than users.info (profile look-ups are cached, so whether one happens depends on timing). */
export function chatCalls(h: Harness): Array<[string, unknown]> {
  return h.standIn.calls.filter((c) => c.method !== "users.info").map((c) => [c.method, c.args.channel ?? c.args.user_id]);
}

/** The response_url posts made to one URL minted by the harness. */
export function repliesTo(h: Harness, responseUrl: string): Array<Record<string, unknown>> {
  const id = responseUrl.split("/").pop();
  return h.standIn.responses.filter((r) => r.id === id).map((r) => r.body);
}

/** All mrkdwn/plain text inside a list of blocks, joined by newlines (for "contains" assertions). */
export function blockText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.text === "string") out.push(o.text);
      for (const [k, x] of Object.entries(o)) if (k !== "text" || typeof x !== "string") walk(x);
    }
  };
  walk(blocks);
  return out.join("\n");
}
