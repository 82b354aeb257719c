// The console platform: the product in a terminal, with no chat account. Commands are read from standard
// input one per line (typed or piped) with the same verbs as the slash commands (dispatched through the command
// specs), plus the console's own: `/as <name>` switches who is speaking, `/answer [#N] <letter>` answers a card in
// the channel, `/qa <letter>` answers the speaker's practice question. Cards posted by the scheduler appear as
// they are posted.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { cleanName, stripControls, type StudyBot } from "../../core/app.js";
import type { Actor, FileAttachment, GroupRef, MessageRef, PlatformPort, QuestionCard, RevealedCard } from "../../core/cards.js";
import type { CardExtrasPort } from "../../core/digest/port.js";
import { digestLines, reminderMentionText, reminderText, threadSummaryText } from "../../core/digest/text.js";
import type { Digest, Reminder } from "../../core/digest/types.js";
import { renderResult, runCommand, type CommandResult } from "../../core/commands/index.js";
import type { IncomingFile, MemberRef } from "../../core/commands/options.js";
import { convertContext } from "../../core/commands/context.js";
import { allUsage, groupSpecs, parseArgs, readCommand } from "../../core/commands/text.js";
import { classifyFailure, UserError } from "../../core/errors.js";
import type { Locale } from "../../core/locale.js";
import type { Logger } from "../../logger.js";
import { tc, type ConsoleKey } from "./messages.js";
import { consoleRenderers, consoleWarnings, renderCard, renderReveal } from "./render.js";

export const PLATFORM = "console";
export const CONSOLE_GROUP: GroupRef = { platform: PLATFORM, externalId: "local" };
export const CONSOLE_CHANNEL = "console";

/** Where console output goes; lines are written whole. */
export interface ConsoleOutput {
  write(text: string): void;
}

/**
 * The console's PlatformPort: a card is "posted" by printing it, "edited" by printing the reveal; a digest is printed
 * and its chart written under the data folder (data/digests/), with its path printed.
 */
export class ConsolePort implements PlatformPort, CardExtrasPort {
  private n = 0;
  constructor(
    private readonly out: ConsoleOutput,
    private readonly timezone: () => string,
    /** where files go, one folder per kind (data/digests …) */
    private readonly filesDir: string = "data",
  ) {}
  async postCard(_group: GroupRef, channelId: string, card: QuestionCard): Promise<MessageRef> {
    this.out.write(renderCard(card, this.timezone()) + "\n");
    return { channelId, messageId: `console-${++this.n}` };
  }
  async editCard(_group: GroupRef, _ref: MessageRef, card: RevealedCard): Promise<void> {
    this.out.write(renderReveal(card) + "\n");
  }
  async postRevealed(_group: GroupRef, channelId: string, card: RevealedCard): Promise<MessageRef> {
    this.out.write(renderReveal(card) + "\n");
    return { channelId, messageId: `console-${++this.n}` };
  }
  async sendPrivate(_group: GroupRef, _channelId: string, userId: string, text: string): Promise<void> {
    this.out.write(`[→ ${userId}] ${text}\n`);
  }
  /** A direct message (a review reminder) is a line addressed to the member. */
  async sendDirect(_group: GroupRef, userId: string, text: string): Promise<void> {
    this.out.write(`[→ ${userId}] ${text}\n`);
  }
  async postDigest(_group: GroupRef, channelId: string, digest: Digest, chart: FileAttachment): Promise<MessageRef> {
    const file = saveFile(this.filesDir, "digests", chart);
    this.out.write([...digestLines(digest), tc(digest.locale, "console.chart_saved", { path: file })].join("\n") + "\n");
    return { channelId, messageId: `console-${++this.n}` };
  }
  async remindCard(_group: GroupRef, _ref: MessageRef, card: QuestionCard, reminder: Reminder): Promise<void> {
    const mention = reminderMentionText(card.locale, reminder);
    this.out.write(`[#${card.roundId}] ${reminderText(card.locale, reminder)}\n${mention ? `[#${card.roundId}] ${mention}\n` : ""}`);
  }
  async startThread(_group: GroupRef, ref: MessageRef): Promise<string> {
    return `thread-${ref.messageId}`;
  }
  async postInThread(_group: GroupRef, _ref: MessageRef, _threadId: string, card: RevealedCard): Promise<void> {
    this.out.write(`  ↳ [#${card.roundId}] ${threadSummaryText(card)}\n`);
  }
  async threadPermissionsMissing(): Promise<string[]> {
    return [];
  }
}

/** Writes a file where the console keeps files of that kind (data/digests …); returns its path. */
function saveFile(filesDir: string, category: string, file: FileAttachment): string {
  const to = path.join(filesDir, category, file.name);
  mkdirSync(path.dirname(to), { recursive: true });
  writeFileSync(to, file.data);
  return to;
}

const MAX_LINE = 2000;
/** Echoed input is shortened past this many characters (visibly). */
export const ECHO_MAX = 200;
const LETTERS = /^[a-h]$/i;

/** A member typed in the console: one member per name whatever its case or spacing ("Alice" = "alice"). */
export function consoleMember(name: string): MemberRef {
  const displayName = cleanName(name, "me");
  return { userId: displayName.normalize("NFKC").toLowerCase(), displayName };
}

/** An input line as it is echoed: without control characters or escape sequences, long lines shortened visibly. */
export function echoLine(line: string, locale: Locale): string {
  const clean = stripControls(line).trim();
  if (clean.length <= ECHO_MAX) return clean;
  return clean.slice(0, ECHO_MAX) + tc(locale, "console.echo_cut", { count: clean.length - ECHO_MAX });
}

/** A file named by its path (relative to the working directory), read when the command needs its bytes. */
export function localFile(input: string, cwd: string): IncomingFile {
  const file = path.resolve(cwd, input.trim());
  return {
    name: path.basename(file),
    async read() {
      try {
        if (!statSync(file).isFile()) throw new Error("not a file");
        return new Uint8Array(readFileSync(file));
      } catch {
        throw new UserError<ConsoleKey>("console.no_file", { path: input.trim().slice(0, 200) });
      }
    },
  };
}

/** Interprets console lines for one terminal: who is speaking, and their pending practice question. */
export class ConsoleSession {
  private member: MemberRef;
  private readonly practice = new Map<string, number>();
  private timezone: string;
  private readonly filesDir: string;
  /** relative paths of files given to commands are read from here */
  private readonly cwd: string;

  constructor(
    private readonly bot: StudyBot,
    private readonly out: ConsoleOutput,
    private readonly logger: Logger,
    opts: { name?: string; timezone: string; filesDir: string; cwd?: string },
  ) {
    this.member = consoleMember(opts.name ?? "me");
    this.timezone = opts.timezone;
    this.filesDir = opts.filesDir;
    this.cwd = opts.cwd ?? process.cwd();
  }

  get actor(): Actor {
    return { group: CONSOLE_GROUP, userId: this.member.userId, displayName: this.member.displayName };
  }

  get speaker(): string {
    return this.member.displayName;
  }

  /** The group's time zone, for showing times. */
  get zone(): string {
    return this.timezone;
  }

  private print(text: string): void {
    if (!text) return;
    this.out.write(text.endsWith("\n") ? text : text + "\n");
  }

  /** Handles one input line. Returns false when the line asks to quit. */
  async handle(rawLine: string): Promise<boolean> {
    const line = rawLine.replace(/^\uFEFF/, "").trim().slice(0, MAX_LINE);
    if (!line || line.startsWith("#")) return true;
    let locale = await this.bot.locale(this.actor);
    try {
      return await this.dispatch(line, locale);
    } catch (err) {
      locale = await this.bot.locale(this.actor).catch(() => locale);
      const f = classifyFailure(err);
      if (f.kind === "bug") this.logger.error({ err, command: line.split(/\s+/)[0] }, "console command failed");
      // At the console the operator is the one typing, and reads the message below: the log only keeps a trace.
      else if (f.kind === "operator") this.logger.info({ key: f.key }, "console command needs an operator");
      this.print(tc.has(f.key) ? tc(locale, f.key, f.params) : tc(locale, "error.internal"));
      return true;
    }
  }

  private async dispatch(line: string, locale: Locale): Promise<boolean> {
    if (!line.startsWith("/")) throw new UserError<ConsoleKey>("console.not_a_command");
    const verb = (line.split(/\s+/, 1)[0] ?? "").toLowerCase();
    const rest = line.slice(verb.length).trim();
    switch (verb) {
      case "/help":
        this.print(this.help(locale));
        return true;
      case "/quit":
      case "/exit":
        return false;
      case "/as": {
        if (!stripControls(rest).trim()) throw new UserError<ConsoleKey>("console.usage_as");
        this.member = consoleMember(rest);
        this.print(tc(await this.bot.locale(this.actor), "console.speaking_as", { name: this.member.displayName }));
        return true;
      }
      case "/topics":
        this.print(tc(locale, "console.topics", { topics: this.bot.topics(locale).map((x) => `${x.key} (${x.name})`).join(", ") }));
        return true;
      case "/answer":
        await this.answer(rest, locale);
        return true;
      case "/qa":
      case "/quiz-answer":
        await this.answerPractice(rest, locale);
        return true;
    }
    const command = readCommand(verb.slice(1), rest);
    switch (command.kind) {
      case "unknown":
        throw new UserError<ConsoleKey>("console.unknown_command", { command: verb.slice(0, 40) });
      case "usage":
        return this.show({ kind: "usage", group: command.group, commands: groupSpecs(command.group), ...(command.unknown ? { unknown: command.unknown } : {}) }, locale);
      case "help":
        return this.show({ kind: "usage", group: command.spec.group ?? command.spec.name, commands: [command.spec] }, locale);
    }
    // The console's one user is its organiser too.
    const args = parseArgs(command.spec, command.text, convertContext(this.bot, locale, {
      member: consoleMember,
      channel: (input) => {
        if (input.replace(/^#/, "") !== CONSOLE_CHANNEL) throw new UserError<ConsoleKey>("console.channel_only");
        return CONSOLE_CHANNEL;
      },
      attachment: (input) => localFile(input, this.cwd),
      role: () => {
        throw new UserError<ConsoleKey>("console.no_roles");
      },
    }));
    const { result, notices } = await runCommand(command.spec, { bot: this.bot, actor: this.actor, channelId: CONSOLE_CHANNEL }, args);
    for (const line of consoleWarnings(locale, notices, this.timezone)) this.print(line);
    if (result.kind === "practice") this.practice.set(this.member.userId, result.card.roundId);
    if (result.kind === "review" && result.review.card) this.practice.set(this.member.userId, result.review.card.roundId);
    if (result.kind === "settings") this.timezone = result.settings.timezone;
    return this.show(result, await this.bot.locale(this.actor));
  }

  private show(result: CommandResult, locale: Locale): true {
    // A file is written where the console keeps that kind of file (data/drafts, data/exports …).
    const savedTo = result.kind === "file" ? saveFile(this.filesDir, result.category, result.file) : undefined;
    this.print(renderResult(consoleRenderers, result, { locale, timezone: this.timezone, speaker: this.member.displayName, savedTo }));
    return true;
  }

  /** `/answer B` answers the channel's open card; with several open, `/answer #2 B` says which. */
  private async answer(rest: string, locale: Locale): Promise<void> {
    const m = /^(?:#?(\d{1,9})\s+)?([^\s#]+)$/.exec(rest);
    if (!m) throw new UserError<ConsoleKey>("console.usage_answer");
    const letter = m[2]!;
    const open = await this.bot.openCards(this.actor, CONSOLE_CHANNEL);
    const list = () => open.map((c) => `#${c.roundId}`).join(", ");
    if (open.length === 0) throw new UserError<ConsoleKey>("console.no_open_card");
    let card: QuestionCard | undefined;
    if (m[1]) {
      card = open.find((c) => c.roundId === Number(m[1]));
      if (!card) throw new UserError<ConsoleKey>("console.no_such_card", { round: m[1], cards: list() });
    } else if (open.length > 1) {
      throw new UserError<ConsoleKey>("console.which_card", { cards: list(), round: open.at(-1)!.roundId, letter: letter.toUpperCase() });
    } else {
      card = open[0]!;
    }
    const index = card.choices.findIndex((c) => c.label === letter.toUpperCase());
    if (!LETTERS.test(letter) || index < 0) throw new UserError("quiz.bad_choice", { value: letter.slice(0, 20), labels: card.choices.map((c) => c.label).join(", ") });
    const outcome = await this.bot.answer(this.actor, card.roundId, index);
    this.show({ kind: "answer", outcome, chosen: letter.toUpperCase(), roundId: card.roundId }, locale);
  }

  /** `/qa C` answers the speaker's practice question (from /quiz). */
  private async answerPractice(rest: string, locale: Locale): Promise<void> {
    if (!/^\S+$/.test(rest)) throw new UserError<ConsoleKey>("console.usage_qa");
    const pending = this.practice.get(this.member.userId);
    if (pending === undefined) throw new UserError<ConsoleKey>("console.no_practice", { name: this.member.displayName });
    const index = LETTERS.test(rest) ? rest.toUpperCase().charCodeAt(0) - 65 : -1;
    const result = await this.bot.answerPractice(this.actor, pending, index < 0 ? Number.NaN : index);
    this.practice.delete(this.member.userId);
    this.show({ kind: "practiceAnswer", result }, locale);
  }

  private help(locale: Locale): string {
    const usage = allUsage(locale);
    const verbs: ConsoleKey[] = ["console.verb.as", "console.verb.answer", "console.verb.qa", "console.verb.topics", "console.verb.quit"];
    return [
      tc(locale, "console.help_title"),
      ...usage.member.map((x) => `  ${x}`),
      tc(locale, "console.help_organiser"),
      ...usage.organiser.map((x) => `  ${x}`),
      tc(locale, "console.help_console"),
      ...verbs.map((k) => `  ${tc(locale, k)}`),
    ].join("\n");
  }
}

export interface ConsolePlatform {
  port: ConsolePort;
  session: ConsoleSession;
  /** resolves when the input ends, `/quit` is typed, or stop() is called — after the last command finished */
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Creates the console session and registers its port (call before the scheduler starts, so catch-up posts
 * print); `runConsole` then reads commands from the input.
 */
export function createConsole(
  bot: StudyBot,
  opts: { output: ConsoleOutput; logger: Logger; timezone: string; name?: string; filesDir: string; cwd?: string },
): { port: ConsolePort; session: ConsoleSession; unregister: () => void } {
  const session = new ConsoleSession(bot, opts.output, opts.logger, { name: opts.name, timezone: opts.timezone, filesDir: opts.filesDir, cwd: opts.cwd });
  const port = new ConsolePort(opts.output, () => session.zone, opts.filesDir);
  const unregister = bot.registerPort(PLATFORM, port);
  return { port, session, unregister };
}

/**
 * Reads commands line by line from `input` (a TTY or a pipe) and runs them one after another. With `echo`,
 * each command is printed before its output (piped input reads like a transcript).
 */
export function runConsole(session: ConsoleSession, port: ConsolePort, input: NodeJS.ReadableStream, output: ConsoleOutput, opts: { prompt?: boolean; echo?: boolean; locale?: Locale } = {}): ConsolePlatform {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let chain: Promise<unknown> = Promise.resolve();
  let quitting = false; // /quit or stop(): lines not yet run are dropped
  let ended = false; // input closed: lines already read still run
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const end = () => {
    if (ended) return;
    ended = true;
    rl.close();
    if (opts.prompt) output.write("\n"); // end the last "> " line
    void chain.then(resolveDone, resolveDone);
  };
  rl.on("line", (line) => {
    chain = chain.then(async () => {
      if (quitting) return;
      const shown = opts.echo ? echoLine(line, opts.locale ?? "en") : "";
      if (shown) output.write(`> ${shown}\n`);
      if (!(await session.handle(line))) {
        quitting = true;
        end();
      } else if (opts.prompt && !ended) output.write("> ");
    });
  });
  rl.on("close", end);
  if (opts.prompt) output.write("> ");
  return {
    port,
    session,
    done,
    async stop() {
      quitting = true;
      end();
      await done;
    },
  };
}
