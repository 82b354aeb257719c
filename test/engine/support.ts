// Shared set-up for engine tests: a small question bank built in code, a real database (in memory or a
// temp file), the real StudyBot, and a platform port that keeps what it was asked to post and edit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Actor, GroupRef, MessageRef, PlatformPort, QuestionCard, RevealedCard } from "../../src/core/cards.js";
import type { NotesIndex, StudyBot } from "../../src/core/app.js";
import { ManualClock } from "../../src/core/clock.js";
import { createCore, type Core } from "../../src/core/create.js";
import type { Scheduler } from "../../src/core/schedule/scheduler.js";
import type { Question, QuestionBank, Topic } from "../../src/core/questions/types.js";
import { openDatabase, type Database } from "../../src/db/index.js";
import { silentLogger } from "../../src/logger.js";

export const TOPICS: Topic[] = [
  { key: "lambda", ko: "람다", en: "Lambda" },
  { key: "s3", ko: "S3", en: "S3" },
  { key: "sqs", ko: "SQS", en: "SQS" },
];

export function question(id: string, topic: string, answer = 1, choices = ["one", "two", "three", "four"]): Question {
  return {
    id,
    topic,
    tags: [],
    difficulty: 2,
    prompt: `Question ${id}?`,
    choices,
    answer,
    explanation: `Because ${id}.`,
    source: { note: "notes/test.md", heading: `Heading ${id}` },
    file: "questions/test.yaml",
    line: 1,
    hash: `hash-${id}`,
    sectionId: null,
  };
}

export function makeBank(questions: Question[] = defaultQuestions()): QuestionBank {
  return { questions, byId: new Map(questions.map((q) => [q.id, q])), topics: new Map(TOPICS.map((t) => [t.key, t])) };
}

export function defaultQuestions(): Question[] {
  return [
    question("l1", "lambda", 0),
    question("l2", "lambda", 1),
    question("l3", "lambda", 2),
    question("s1", "s3", 3),
    question("s2", "s3", 0),
    question("q1", "sqs", 1),
  ];
}

export const noNotes: NotesIndex = {
  lookup: (query) => ({ query, normalized: query, hits: [], suggestions: [] }),
  suggest: () => [],
  section: () => null,
};

/** A platform port that records cards like a chat would show them. */
export class RecordingPort implements PlatformPort {
  posted: Array<{ group: GroupRef; channelId: string; card: QuestionCard; ref: MessageRef }> = [];
  edited: Array<{ group: GroupRef; ref: MessageRef; card: RevealedCard }> = [];
  /** direct messages to members (review reminders) */
  direct: Array<{ group: GroupRef; userId: string; text: string }> = [];
  failNext = 0;
  async postCard(group: GroupRef, channelId: string, card: QuestionCard): Promise<MessageRef> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("channel unavailable");
    }
    const ref = { channelId, messageId: `m${this.posted.length + 1}` };
    this.posted.push({ group, channelId, card, ref });
    return ref;
  }
  async editCard(group: GroupRef, ref: MessageRef, card: RevealedCard): Promise<void> {
    this.edited.push({ group, ref, card });
  }
  async postRevealed(group: GroupRef, channelId: string, card: RevealedCard): Promise<MessageRef> {
    const ref = { channelId, messageId: `m${this.posted.length + this.edited.length + 1}` };
    this.edited.push({ group, ref, card });
    return ref;
  }

  async sendDirect(group: GroupRef, userId: string, text: string): Promise<void> {
    this.direct.push({ group, userId, text });
  }
}

export const GROUP: GroupRef = { platform: "test", externalId: "g1" };

export function actor(name: string, group: GroupRef = GROUP): Actor {
  return { group, userId: `u-${name}`, displayName: name };
}

export interface Harness {
  bot: StudyBot;
  /** the harness's scheduler (no timers: tests call catchUp() and friends after moving the clock) */
  scheduler: Scheduler;
  /** another process on the same database and clock (its own bot and scheduler, posting through `port`) */
  another(opts?: { port?: RecordingPort; database?: Database; timers?: boolean }): Core;
  bank: QuestionBank;
  clock: ManualClock;
  port: RecordingPort;
  database: Database;
  dir: string | null;
  close(): void;
}

export function harness(opts: { start?: string; file?: boolean | string; bank?: QuestionBank; timezone?: string; seed?: number } = {}): Harness {
  const clock = new ManualClock(opts.start ?? "2025-03-03T00:00:00Z");
  const dir = opts.file === true ? mkdtempSync(path.join(tmpdir(), "studybot-engine-")) : null;
  const file = typeof opts.file === "string" ? opts.file : dir ? path.join(dir, "test.db") : ":memory:";
  const database = openDatabase(file);
  const port = new RecordingPort();
  let seed = opts.seed ?? 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const bank = opts.bank ?? makeBank();
  const another = (o: { port?: RecordingPort; database?: Database; timers?: boolean } = {}): Core => {
    const core = createCore({
      store: (o.database ?? database).store,
      notes: noNotes,
      bank,
      clock,
      logger: silentLogger,
      settings: { defaultTimezone: opts.timezone ?? "Asia/Seoul", defaultLocale: "en" },
      random,
      scheduler: { timers: o.timers ?? false },
    });
    core.bot.registerPort("test", o.port ?? port);
    return core;
  };
  const { bot, scheduler } = another();
  return {
    bot,
    scheduler,
    another,
    bank,
    clock,
    port,
    database,
    dir,
    close() {
      database.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
