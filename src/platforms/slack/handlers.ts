// Slack events → one core call each → Block Kit. Every command and button is acknowledged first (Slack wants
// the ack within 3 seconds); the work runs after it and the result goes back through `respond()` (the
// response_url) or the Web API. Every failure is logged with context and answered with a message the user can
// act on; nothing internal (stack, token) reaches Slack.
import type { AllMiddlewareArgs, App, BlockButtonAction, RespondArguments, RespondFn, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { StudyBot } from "../../core/app.js";
import { parseConfigArgs, parseScheduleArgs, type GroupSettings, type GroupStatus, type ScheduleView } from "../../core/app.js";
import type { Actor } from "../../core/cards.js";
import type { Clock } from "../../core/clock.js";
import { isUserError } from "../../core/errors.js";
import { answerOutcomeText, scheduleParams, settingsParams } from "../../core/messages/format.js";
import { choiceLabel } from "../../core/rounds/service.js";
import { t, type Locale } from "../../core/messages/index.js";
import type { Logger } from "../../logger.js";
import * as render from "./blocks.js";
import { ACTION, slackDate, type Rendered } from "./blocks.js";
import { inline } from "./mrkdwn.js";
import {
  checkLength,
  parseChoiceValue,
  parseLeaderboardArgs,
  parseQuizArgs,
  parseSectionValue,
  parseStatsArgs,
  parseStudybotArgs,
  type StudybotSubcommand,
} from "./parse.js";
import { SLACK_PLATFORM } from "./port.js";
import { channelErrorToUserError, EventDedupe, InFlight, slackErrorCode } from "./support.js";
import type { SlackProfile, SlackUsers } from "./users.js";

export interface HandlerDeps {
  bot: StudyBot;
  logger: Logger;
  clock: Clock;
  /** user ids always allowed to run /studybot (SLACK_ORGANIZERS), besides workspace admins and owners */
  organizers: readonly string[];
  inflight: InFlight;
  users: SlackUsers;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ephemeral = (r: Rendered | { text: string }): RespondArguments => ({ response_type: "ephemeral", ...r });
const privateNote = (r: Rendered | { text: string }): RespondArguments => ({ response_type: "ephemeral", replace_original: false, ...r });

/** The slash commands the app answers (slack/manifest.yml declares the same five). */
export const SLASH_COMMANDS = ["/lookup", "/quiz", "/leaderboard", "/stats", "/studybot"] as const;
const [LOOKUP, QUIZ, LEADERBOARD, STATS, STUDYBOT] = SLASH_COMMANDS;

/** Who acts, as the payload names them (before users.info adds their name and language). */
interface Caller {
  teamId: string;
  userId: string;
  /** the username the payload carries, used when users.info cannot be reached */
  username?: string;
}

interface Context {
  actor: Actor;
  locale: Locale;
  /** the caller's Slack profile, null when users.info failed (the work goes on without name and language) */
  profile: SlackProfile | null;
  /** whether users.info was called for this request (so it is not called twice) */
  fetched: boolean;
}

function actorOf(caller: Caller, profile: SlackProfile | null): Actor {
  return {
    group: { platform: SLACK_PLATFORM, externalId: caller.teamId },
    userId: caller.userId,
    displayName: profile?.name || caller.username || caller.userId,
    ...(profile?.locale ? { locale: profile.locale } : {}),
  };
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
  const { bot, logger, inflight, users } = deps;
  const dedupe = new EventDedupe(() => deps.clock.now().getTime());

  /**
   * Runs the work after the ack, as the caller (name and language from users.info, cached), and answers
   * failures: a UserError as its message in the caller's language, anything else logged (with what was asked)
   * and answered with the generic "try again".
   */
  const work = (what: string, caller: Caller, respond: RespondFn, fn: (c: Context) => Promise<void>): Promise<void> =>
    inflight.track(
      (async () => {
        const started = performance.now();
        let profile: SlackProfile | null = null;
        let fetched = false;
        try {
          ({ profile, fetched } = await users.get(caller.userId));
        } catch (err) {
          logger.warn({ err, what, user: caller.userId, slackError: slackErrorCode(err) }, "slack: users.info failed; going on without the member's name and language");
        }
        const actor = actorOf(caller, profile);
        let locale: Locale = bot.deps.config.defaultLocale;
        try {
          locale = await bot.locale(actor);
          await fn({ actor, locale, profile, fetched });
          logger.debug({ what, team: caller.teamId, user: caller.userId, ms: Math.round(performance.now() - started) }, "slack: handled");
        } catch (err) {
          const e = channelErrorToUserError(err);
          if (isUserError(e)) {
            logger.info({ what, team: caller.teamId, user: caller.userId, key: e.key }, "slack: refused");
            await respond(ephemeral({ text: t(locale, e.key, e.params) })).catch((re) => logger.warn({ err: re, what }, "slack: could not deliver a refusal"));
          } else {
            logger.error({ err, what, team: caller.teamId, user: caller.userId, slackError: slackErrorCode(err) }, "slack: handler failed");
            await respond(ephemeral({ text: t(locale, "error.internal") })).catch((re) => logger.warn({ err: re, what }, "slack: could not deliver an error reply"));
          }
        }
      })(),
    );

  const commandCaller = (c: CommandArgs["command"]): Caller => ({ teamId: c.team_id, userId: c.user_id, username: c.user_name });
  const buttonCaller = (body: ButtonArgs["body"]): Caller => ({ teamId: body.team?.id ?? body.user.team_id ?? "", userId: body.user.id, username: body.user.username ?? body.user.name });

  // ---------------------------------------------------------------- /lookup

  app.command(LOOKUP, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    await work(LOOKUP, commandCaller(command), respond, async ({ locale }) => {
      const query = checkLength(command.text, 300);
      const result = bot.lookup(query, { limit: 5 });
      await respond(ephemeral(render.lookupResult(result, locale)));
    });
  });

  // ---------------------------------------------------------------- /quiz

  app.command(QUIZ, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    await work(QUIZ, commandCaller(command), respond, async ({ actor, locale }) => {
      const args = parseQuizArgs(command.text);
      if (args.kind === "help") return void (await respond(ephemeral({ text: t(locale, "slack.usage.quiz", { topics: topicList(bot, locale) }) })));
      const card = await bot.practice(actor, args.topic);
      await respond(ephemeral(render.practiceCard(card)));
    });
  });

  // ---------------------------------------------------------------- /leaderboard

  app.command(LEADERBOARD, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    await work(LEADERBOARD, commandCaller(command), respond, async ({ actor, locale }) => {
      const args = parseLeaderboardArgs(command.text);
      if (args.kind === "help") return void (await respond(ephemeral({ text: t(locale, "slack.usage.leaderboard", { topics: topicList(bot, locale) }) })));
      const board = await bot.leaderboard(actor, args.period, args.topic);
      await respond(ephemeral(render.leaderboard(board)));
    });
  });

  // ---------------------------------------------------------------- /stats

  app.command(STATS, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    await work(STATS, commandCaller(command), respond, async ({ actor, locale }) => {
      const args = parseStatsArgs(command.text);
      if (args.kind === "help") return void (await respond(ephemeral({ text: t(locale, "slack.usage.stats") })));
      const s = await bot.stats(actor, args.kind === "member" ? { userId: args.userId, displayName: args.displayName } : undefined);
      await respond(ephemeral(render.stats(s)));
    });
  });

  // ---------------------------------------------------------------- /studybot (organisers)

  app.command(STUDYBOT, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    await work(STUDYBOT, commandCaller(command), respond, async (c) => {
      const { actor, locale } = c;
      const args = parseStudybotArgs(command.text);
      const usage = t(locale, "slack.usage.studybot");
      if (args.kind === "help") return void (await respond(ephemeral({ text: usage })));
      if (args.kind === "unknown") return void (await respond(ephemeral({ text: `${t(locale, "slack.usage.unknown_subcommand", { sub: inline(args.sub, 40) })}\n\n${usage}` })));
      if (!(await isOrganizer(c, args.sub, respond))) return;
      const text = await runStudybot(bot, actor, command.channel_id, args.sub, args.rest, locale);
      await respond(ephemeral({ text }));
    });
  });

  /**
   * Workspace admins and owners (asked of Slack for this very request, never from the cache) or the configured
   * list; others get a polite refusal naming the way in.
   */
  async function isOrganizer(c: Context, sub: StudybotSubcommand, respond: RespondFn): Promise<boolean> {
    const { actor, locale } = c;
    if (deps.organizers.includes(actor.userId)) return true;
    let allowed: boolean;
    try {
      allowed = c.fetched && c.profile ? c.profile.admin : (await users.get(actor.userId, true)).profile.admin;
    } catch (err) {
      logger.warn({ err, user: actor.userId, slackError: slackErrorCode(err) }, "slack: users.info failed during the organiser check");
      await respond(ephemeral({ text: t(locale, "slack.error.organizer_check_failed", { error: slackErrorCode(err) ?? "unavailable" }) }));
      return false;
    }
    if (!allowed) {
      logger.info({ team: actor.group.externalId, user: actor.userId, sub }, "slack: organiser command refused");
      await respond(ephemeral({ text: t(locale, "slack.error.not_organizer", { sub }) }));
    }
    return allowed;
  }

  // ---------------------------------------------------------------- buttons

  app.action<BlockButtonAction>(new RegExp(`^${ACTION.answer}:\\d+$`), async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    await work("answer", buttonCaller(body), respond, async ({ actor, locale }) => {
      const v = parseChoiceValue(action.value);
      if (!v) return void (await respond(privateNote({ text: t(locale, "slack.error.bad_button") })));
      const outcome = await bot.answer(actor, v.id, v.choice);
      const text = answerOutcomeText(locale, outcome, choiceLabel(v.choice));
      logger.info({ team: actor.group.externalId, user: actor.userId, roundId: v.id, outcome: outcome.kind }, "slack: answer");
      await respond(privateNote({ text }));
    });
  });

  app.action<BlockButtonAction>(new RegExp(`^${ACTION.practice}:\\d+$`), async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    await work("practice answer", buttonCaller(body), respond, async ({ actor, locale }) => {
      const v = parseChoiceValue(action.value);
      if (!v) return void (await respond(privateNote({ text: t(locale, "slack.error.bad_button") })));
      const result = await bot.answerPractice(actor, v.id, v.choice);
      await respond({ response_type: "ephemeral", replace_original: true, ...render.practiceResult(result) });
    });
  });

  app.action<BlockButtonAction>(ACTION.practiceMore, async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    await work("practice more", buttonCaller(body), respond, async ({ actor }) => {
      const topic = typeof action.value === "string" && /^[\w.-]{1,64}$/.test(action.value) ? action.value : undefined;
      const card = await bot.practice(actor, topic);
      await respond(privateNote(render.practiceCard(card)));
    });
  });

  app.action<BlockButtonAction>(new RegExp(`^${ACTION.lookupOpen}:\\d+$`), async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    await work("lookup open", buttonCaller(body), respond, async ({ locale }) => {
      const value = parseSectionValue(action.value);
      const s = value ? bot.section(value) : null;
      if (!s) return void (await respond(privateNote({ text: t(locale, "slack.lookup.section_gone") })));
      await respond(privateNote(render.noteSection(s, locale, { share: true })));
    });
  });

  app.action<BlockButtonAction>(ACTION.lookupShare, async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    await work("lookup share", buttonCaller(body), respond, async ({ actor, locale }) => {
      const value = parseSectionValue(action.value);
      const s = value ? bot.section(value) : null;
      if (!s) return void (await respond(privateNote({ text: t(locale, "slack.lookup.section_gone") })));
      await respond({ response_type: "in_channel", replace_original: false, ...render.noteSection(s, locale, { sharedBy: render.who(actor.userId, actor.displayName) }) });
    });
  });

  // ---------------------------------------------------------------- App Home

  app.event("app_home_opened", async ({ event, body, context, client }) => {
    if (event.tab !== "home") return;
    const eventId = (body as { event_id?: string }).event_id ?? `${event.user}:${event.event_ts}`;
    if (dedupe.repeat(eventId)) {
      logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, "slack: repeated event ignored");
      return;
    }
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id ?? "";
    const caller: Caller = { teamId, userId: event.user };
    // An event has no response_url: a failure is logged (the member sees the previous Home tab).
    const noReply: RespondFn = async () => undefined;
    await work("app_home_opened", caller, noReply, async ({ actor }) => {
      const [stats, week, all] = [await bot.stats(actor), await bot.leaderboard(actor, "week"), await bot.leaderboard(actor, "all")];
      await client.views.publish({ user_id: event.user, view: render.homeView({ stats, week, all, now: deps.clock.now() }) });
    });
  });

  app.error(async (err) => {
    logger.error({ err, code: (err as { code?: string }).code }, "slack: unhandled error in Bolt");
  });
}

function topicList(bot: StudyBot, locale: Locale): string {
  return bot
    .topics(locale)
    .map((x) => `\`${x.key}\` (${inline(x.name, 60)})`)
    .join(", ");
}

// ------------------------------------------------------------------------------------------ /studybot subcommands

async function runStudybot(bot: StudyBot, actor: Actor, channelId: string, sub: StudybotSubcommand, rest: string, locale: Locale): Promise<string> {
  const needsChannel = sub === "schedule" || sub === "post-now";
  if (needsChannel && !/^[CG][A-Z0-9]{2,20}$/.test(channelId)) return t(locale, "slack.error.channel_only");
  if (sub !== "schedule" && sub !== "config" && rest.trim()) return `${t(locale, "slack.usage.extra_args", { sub, args: inline(rest, 80) })}\n\n${t(locale, "slack.usage.studybot")}`;
  switch (sub) {
    case "schedule":
      return scheduleText(await bot.schedule(actor, channelId, parseScheduleArgs(rest)), locale);
    case "unschedule":
      return (await bot.unschedule(actor, channelId)) ? t(locale, "schedule.removed") : t(locale, "schedule.not_found");
    case "pause":
      await bot.pause(actor, channelId, true);
      return t(locale, "schedule.paused");
    case "resume":
      return `${t(locale, "slack.admin.resumed")}\n${scheduleText(await bot.pause(actor, channelId, false), locale)}`;
    case "status":
      return statusText(await bot.status(actor), locale);
    case "post-now": {
      const card = await bot.postNow(actor, channelId);
      return t(locale, "slack.admin.posted", { revealAt: slackDate(card.revealAt) });
    }
    case "reveal-now": {
      const card = await bot.revealNow(actor, channelId);
      if (!card) return t(locale, "admin.nothing_to_reveal");
      return t(locale, "slack.admin.revealed", { label: card.choices[card.correctIndex]?.label ?? "?", count: card.answered });
    }
    case "config": {
      const settings = await bot.configure(actor, parseConfigArgs(rest));
      // Confirm in the language just chosen.
      return settingsText(settings, await bot.locale(actor));
    }
  }
}

const topicName = (name: string) => inline(name, 60);

function scheduleText(s: ScheduleView, locale: Locale): string {
  const next = s.nextRun ? slackDate(s.nextRun) : t(locale, s.paused ? "slack.admin.paused" : "slack.admin.never");
  return t(locale, "schedule.saved", scheduleParams(locale, s, { channel: s.channelId, next, topic: topicName }));
}

function settingsText(g: GroupSettings, locale: Locale, key = "slack.admin.configured", extra: Record<string, string | number> = {}): string {
  return t(locale, key, { ...settingsParams(locale, g), ...extra });
}

function statusText(s: GroupStatus, locale: Locale): string {
  const lines = [`*${t(locale, "slack.admin.status_title")}*`, settingsText(s.settings, locale, "slack.admin.status_settings", { questions: s.questions })];
  lines.push("");
  if (s.schedules.length === 0) lines.push(t(locale, "slack.admin.status_no_schedules"));
  for (const x of s.schedules) {
    const next = x.nextRun ? slackDate(x.nextRun) : t(locale, "slack.admin.never");
    lines.push(t(locale, "slack.admin.status_schedule", scheduleParams(locale, x, { channel: x.channelId, next, topic: topicName })));
  }
  lines.push("");
  if (s.openRounds.length === 0) lines.push(t(locale, "slack.admin.status_no_open"));
  for (const r of s.openRounds) lines.push(t(locale, "slack.admin.status_open", { channel: r.channelId, question: inline(r.questionId, 80), revealAt: slackDate(r.revealAt) }));
  return lines.join("\n");
}
