// The console platform: the product in a terminal, with no chat account. Commands are read from standard
// input one per line (typed or piped) with the same verbs as the slash commands, plus `/as <name>` to switch
// who is speaking and `/answer <letter>` to answer the open card. Each line becomes ONE call of the core
// facade, rendered as plain text; cards posted by the scheduler appear as they are posted.
import { createInterface } from "node:readline";
import type { Actor, GroupRef, MessageRef, PlatformPort, QuestionCard, RevealedCard } from "../../core/cards.js";
import { parseConfigArgs, parseScheduleArgs, type StudyBot } from "../../core/app.js";
import { isUserError, UserError } from "../../core/errors.js";
import { answerOutcomeText } from "../../core/messages/format.js";
import { t, type Locale } from "../../core/messages/index.js";
import type { Period } from "../../core/cards.js";
import type { Logger } from "../../logger.js";
import { renderCard, renderLeaderboard, renderLookup, renderPracticeCard, renderReveal, renderSchedule, renderStats, renderStatus } from "./render.js";

export const PLATFORM = "console";
export const CONSOLE_GROUP: GroupRef = { platform: PLATFORM, externalId: "local" };
export const CONSOLE_CHANNEL = "console";

/** Where console output goes; lines are written whole. */
export interface ConsoleOutput {
  write(text: string): void;
}

/** The console's PlatformPort: a card is "posted" by printing it, "edited" by printing the reveal. */
export class ConsolePort implements PlatformPort {
  private n = 0;
  constructor(
    private readonly out: ConsoleOutput,
    private readonly timezone: () => string,
  ) {}
  async postCard(_group: GroupRef, channelId: string, card: QuestionCard): Promise<MessageRef> {
    this.out.write(renderCard(card, this.timezone()) + "\n");
    return { channelId, messageId: `console-${++this.n}` };
  }
  async editCard(_group: GroupRef, _ref: MessageRef, card: RevealedCard): Promise<void> {
    this.out.write(renderReveal(card) + "\n");
  }
  async sendPrivate(_group: GroupRef, _channelId: string, userId: string, text: string): Promise<void> {
    this.out.write(`[→ ${userId}] ${text}\n`);
  }
}

const PERIODS = new Set(["week", "month", "all"]);
const MAX_LINE = 2000;

/** Interprets console lines for one terminal: who is speaking, and their pending practice question. */
export class ConsoleSession {
  private name: string;
  private readonly practice = new Map<string, { id: number; count: number }>();
  private timezone: string;

  constructor(
    private readonly bot: StudyBot,
    private readonly out: ConsoleOutput,
    private readonly logger: Logger,
    opts: { name?: string; timezone: string },
  ) {
    this.name = opts.name ?? "me";
    this.timezone = opts.timezone;
  }

  get actor(): Actor {
    return { group: CONSOLE_GROUP, userId: this.name, displayName: this.name };
  }

  get speaker(): string {
    return this.name;
  }

  /** The group's time zone, for showing times. */
  get zone(): string {
    return this.timezone;
  }

  private print(text: string): void {
    this.out.write(text.endsWith("\n") ? text : text + "\n");
  }

  /** Handles one input line. Returns false when the line asks to quit. */
  async handle(rawLine: string): Promise<boolean> {
    const line = rawLine.replace(/^\uFEFF/, "").trim().slice(0, MAX_LINE);
    if (!line || line.startsWith("#")) return true;
    const locale = await this.bot.locale(this.actor);
    try {
      return await this.dispatch(line, locale);
    } catch (err) {
      if (isUserError(err)) this.print(t(await this.bot.locale(this.actor), err.key, err.params));
      else {
        this.logger.error({ err, command: line.split(/\s+/)[0] }, "console command failed");
        this.print(t(locale, "error.internal"));
      }
      return true;
    }
  }

  private async dispatch(line: string, locale: Locale): Promise<boolean> {
    if (!line.startsWith("/")) throw new UserError("console.not_a_command");
    const [verb = "", ...args] = line.split(/\s+/);
    const rest = line.slice(verb.length).trim();
    switch (verb.toLowerCase()) {
      case "/help":
        this.print(t(locale, "console.help"));
        return true;
      case "/quit":
      case "/exit":
        return false;
      case "/as": {
        const name = rest.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 80);
        if (!name) throw new UserError("console.usage_as");
        this.name = name;
        this.print(t(await this.bot.locale(this.actor), "console.speaking_as", { name }));
        return true;
      }
      case "/lookup":
        if (!rest) throw new UserError("console.usage_lookup");
        this.print(renderLookup(this.bot.lookup(rest, { limit: 5, maxChars: 800 }), locale));
        return true;
      case "/topics":
        this.print(t(locale, "console.topics", { topics: this.bot.topics(locale).map((x) => `${x.key} (${x.name})`).join(", ") }));
        return true;
      case "/quiz": {
        const card = await this.bot.practice(this.actor, rest || undefined);
        this.practice.set(this.name, { id: card.roundId, count: card.choices.length });
        this.print(renderPracticeCard(card));
        return true;
      }
      case "/answer":
        await this.answer(args, locale);
        return true;
      case "/leaderboard": {
        let period: Period = "week";
        let topic: string | undefined;
        if (args[0] && PERIODS.has(args[0].toLowerCase())) {
          period = args[0].toLowerCase() as Period;
          topic = args.slice(1).join(" ") || undefined;
        } else if (args.length) {
          topic = args.join(" ");
        }
        this.print(renderLeaderboard(await this.bot.leaderboard(this.actor, period, topic)));
        return true;
      }
      case "/stats":
        this.print(renderStats(await this.bot.stats(this.actor, rest ? { userId: rest, displayName: rest } : undefined)));
        return true;
      case "/studybot":
        await this.admin(args[0]?.toLowerCase() ?? "", rest.slice((args[0] ?? "").length).trim(), locale);
        return true;
      default:
        throw new UserError("console.unknown_command", { command: verb });
    }
  }

  private async answer(args: string[], locale: Locale): Promise<void> {
    if (args.length !== 1 || !args[0]) throw new UserError("console.usage_answer");
    const letter = args[0];
    const who = this.name;
    const pending = this.practice.get(who);
    if (pending) {
      const index = "ABCDEFGH".indexOf(letter.toUpperCase());
      if (index < 0 || index >= pending.count) {
        throw new UserError("quiz.bad_choice", { value: letter, labels: "ABCDEFGH".slice(0, pending.count).split("").join(", ") });
      }
      this.practice.delete(who);
      const res = await this.bot.answerPractice(this.actor, pending.id, index);
      const right = res.choices[res.correctIndex]!;
      const head = res.repeated
        ? t(locale, "quiz.practice_repeated", { label: res.choiceLabel })
        : res.correct
          ? t(locale, "quiz.practice_correct", { label: res.choiceLabel })
          : t(locale, "quiz.practice_wrong", { label: res.choiceLabel, correct: `${right.label}) ${right.text}` });
      this.print(t(locale, "console.private", { name: who, text: head }));
      if (res.explanation) this.print(`  ${res.explanation.split("\n").join("\n  ")}`);
      return;
    }
    const out = await this.bot.answerOpen(this.actor, CONSOLE_CHANNEL, letter);
    const text = answerOutcomeText(locale, out, letter);
    this.print(t(locale, "console.answer_by", { name: who, text }));
  }

  private async admin(sub: string, rest: string, locale: Locale): Promise<void> {
    switch (sub) {
      case "schedule": {
        const view = await this.bot.schedule(this.actor, CONSOLE_CHANNEL, parseScheduleArgs(rest));
        this.print(renderSchedule(view, locale));
        return;
      }
      case "unschedule":
        this.print(t(locale, (await this.bot.unschedule(this.actor, CONSOLE_CHANNEL)) ? "schedule.removed" : "schedule.not_found"));
        return;
      case "pause":
      case "resume": {
        await this.bot.pause(this.actor, CONSOLE_CHANNEL, sub === "pause");
        this.print(sub === "pause" ? t(locale, "schedule.paused") : renderSchedule((await this.bot.status(this.actor)).schedules.find((s) => s.channelId === CONSOLE_CHANNEL)!, locale));
        return;
      }
      case "status":
        this.print(renderStatus(await this.bot.status(this.actor)));
        return;
      case "post-now":
        // the card is printed by the console port as it is posted
        await this.bot.postNow(this.actor, CONSOLE_CHANNEL);
        return;
      case "reveal-now":
        // the reveal is printed by the console port as the card is edited
        if (!(await this.bot.revealNow(this.actor, CONSOLE_CHANNEL))) this.print(t(locale, "admin.nothing_to_reveal"));
        return;
      case "config": {
        const settings = await this.bot.configure(this.actor, parseConfigArgs(rest));
        this.timezone = settings.timezone;
        this.print(t(await this.bot.locale(this.actor), "config.saved"));
        this.print(renderStatus(await this.bot.status(this.actor)).split("\n").slice(0, 2).join("\n"));
        return;
      }
      default:
        throw new UserError("admin.usage");
    }
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
 * Registers the console port (call before the scheduler starts, so catch-up posts print), and returns a
 * function that starts reading commands from `input`.
 */
export function createConsole(bot: StudyBot, opts: { output: ConsoleOutput; logger: Logger; timezone: string; name?: string }): { port: ConsolePort; session: ConsoleSession } {
  const session = new ConsoleSession(bot, opts.output, opts.logger, { name: opts.name, timezone: opts.timezone });
  const port = new ConsolePort(opts.output, () => session.zone);
  bot.deps.ports.set(PLATFORM, port);
  return { port, session };
}

/**
 * Reads commands line by line from `input` (a TTY or a pipe) and runs them one after another. With `echo`,
 * each command is printed before its output (piped input reads like a transcript).
 */
export function runConsole(session: ConsoleSession, port: ConsolePort, input: NodeJS.ReadableStream, output: ConsoleOutput, opts: { prompt?: boolean; echo?: boolean } = {}): ConsolePlatform {
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
      if (opts.echo && line.trim()) output.write(`> ${line.trim()}\n`);
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
