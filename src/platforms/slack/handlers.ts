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

export interface HandlerDeps {
  bot: StudyBot;
  logger: Logger;
  clock: Clock;
  /** user ids always allowed to run /studybot (SLACK_ORGANIZERS), besides workspace admins and owners */
  organizers: readonly string[];
  inflight: InFlight;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ephemeral = (r: Rendered | { text: string }): RespondArguments => ({ response_type: "ephemeral", ...r });

/** The slash commands the app answers (slack/manifest.yml declares the same five). */
export const SLASH_COMMANDS = ["/lookup", "/quiz", "/leaderboard", "/stats", "/studybot"] as const;
const [LOOKUP, QUIZ, LEADERBOARD, STATS, STUDYBOT] = SLASH_COMMANDS;

function actorOf(teamId: string, userId: string, name: string | undefined, locale?: string): Actor {
  return { group: { platform: SLACK_PLATFORM, externalId: teamId }, userId, displayName: name || userId, ...(locale ? { locale } : {}) };
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
  const { bot, logger, inflight } = deps;
  const dedupe = new EventDedupe(() => deps.clock.now().getTime());

  /**
   * Runs the work after the ack and answers failures: a UserError as its message in the user's language,
   * anything else logged (with what was asked) and answered with the generic "try again".
   */
  const work = (what: string, actor: Actor, respond: RespondFn, fn: () => Promise<void>): Promise<void> =>
    inflight.track(
      (async () => {
        const started = performance.now();
        try {
          await fn();
          logger.debug({ what, team: actor.group.externalId, user: actor.userId, ms: Math.round(performance.now() - started) }, "slack: handled");
        } catch (err) {
          const e = channelErrorToUserError(err);
          let locale: Locale;
          try {
            locale = await bot.locale(actor);
          } catch {
            locale = bot.deps.config.defaultLocale;
          }
          if (isUserError(e)) {
            logger.info({ what, team: actor.group.externalId, user: actor.userId, key: e.key }, "slack: refused");
            await respond(ephemeral({ text: t(locale, e.key, e.params) })).catch((re) => logger.warn({ err: re, what }, "slack: could not deliver a refusal"));
          } else {
            logger.error({ err, what, team: actor.group.externalId, user: actor.userId, slackError: slackErrorCode(err) }, "slack: handler failed");
            await respond(ephemeral({ text: t(locale, "error.internal") })).catch((re) => logger.warn({ err: re, what }, "slack: could not deliver an error reply"));
          }
        }
      })(),
    );

  const commandActor = (c: CommandArgs["command"]) => actorOf(c.team_id, c.user_id, c.user_name);

  // ---------------------------------------------------------------- /lookup

  app.command(LOOKUP, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    const actor = commandActor(command);
    await work(LOOKUP, actor, respond, async () => {
      const query = checkLength(command.text, 300);
      const result = bot.lookup(query, { limit: 5 });
      await respond(ephemeral(render.lookupResult(result, await bot.locale(actor))));
    });
  });

  // ---------------------------------------------------------------- /quiz

  app.command(QUIZ, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    const actor = commandActor(command);
    await work(QUIZ, actor, respond, async () => {
      const args = parseQuizArgs(command.text);
      const locale = await bot.locale(actor);
      if (args.kind === "help") return void (await respond(ephemeral({ text: t(locale, "slack.usage.quiz", { topics: topicList(bot, locale) }) })));
      const card = await bot.practice(actor, args.topic);
      await respond(ephemeral(render.practiceCard(card)));
    });
  });

  // ---------------------------------------------------------------- /leaderboard

  app.command(LEADERBOARD, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    const actor = commandActor(command);
    await work(LEADERBOARD, actor, respond, async () => {
      const args = parseLeaderboardArgs(command.text);
      const locale = await bot.locale(actor);
      if (args.kind === "help") return void (await respond(ephemeral({ text: t(locale, "slack.usage.leaderboard", { topics: topicList(bot, locale) }) })));
      const board = await bot.leaderboard(actor, args.period, args.topic);
      await respond(ephemeral(render.leaderboard(board)));
    });
  });

  // ---------------------------------------------------------------- /stats

  app.command(STATS, async ({ ack, command, respond }: CommandArgs) => {
    await ack();
    const actor = commandActor(command);
    await work(STATS, actor, respond, async () => {
      const args = parseStatsArgs(command.text);
      if (args.kind === "help") return void (await respond(ephemeral({ text: t(await bot.locale(actor), "slack.usage.stats") })));
      const s = await bot.stats(actor, args.kind === "member" ? { userId: args.userId, displayName: args.displayName } : undefined);
      await respond(ephemeral(render.stats(s)));
    });
  });

  // ---------------------------------------------------------------- /studybot (organisers)

  app.command(STUDYBOT, async ({ ack, command, respond, client }: CommandArgs) => {
    await ack();
    const actor = commandActor(command);
    await work(STUDYBOT, actor, respond, async () => {
      const args = parseStudybotArgs(command.text);
      const locale = await bot.locale(actor);
      const usage = t(locale, "slack.usage.studybot");
      if (args.kind === "help") return void (await respond(ephemeral({ text: usage })));
      if (args.kind === "unknown") return void (await respond(ephemeral({ text: `${t(locale, "slack.usage.unknown_subcommand", { sub: inline(args.sub, 40) })}\n\n${usage}` })));
      if (!(await isOrganizer(client, command.user_id, actor, args.sub, locale, respond))) return;
      const text = await runStudybot(bot, actor, command.channel_id, args.sub, args.rest, locale);
      await respond(ephemeral({ text }));
    });
  });

  /** Admins and owners (users.info) or the configured list; others get a polite refusal naming the way in. */
  async function isOrganizer(client: CommandArgs["client"], userId: string, actor: Actor, sub: StudybotSubcommand, locale: Locale, respond: RespondFn): Promise<boolean> {
    if (deps.organizers.includes(userId)) return true;
    let allowed: boolean;
    try {
      const info = await client.users.info({ user: userId });
      const u = info.user;
      allowed = Boolean(u && !u.deleted && !u.is_bot && (u.is_admin || u.is_owner || u.is_primary_owner));
    } catch (err) {
      logger.warn({ err, user: userId, slackError: slackErrorCode(err) }, "slack: users.info failed during the organiser check");
      await respond(ephemeral({ text: t(locale, "slack.error.organizer_check_failed", { error: slackErrorCode(err) ?? "unavailable" }) }));
      return false;
    }
    if (!allowed) {
      logger.info({ team: actor.group.externalId, user: userId, sub }, "slack: organiser command refused");
      await respond(ephemeral({ text: t(locale, "slack.error.not_organizer", { sub }) }));
    }
    return allowed;
  }

  // ---------------------------------------------------------------- buttons

  const buttonActor = (body: ButtonArgs["body"]) => actorOf(body.team?.id ?? body.user.team_id ?? "", body.user.id, body.user.username ?? body.user.name);

  app.action<BlockButtonAction>(new RegExp(`^${ACTION.answer}:\\d+$`), async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const actor = buttonActor(body);
    await work("answer", actor, respond, async () => {
      const v = parseChoiceValue(action.value);
      const locale = await bot.locale(actor);
      if (!v) return void (await respond({ response_type: "ephemeral", replace_original: false, text: t(locale, "slack.error.bad_button") }));
      const outcome = await bot.answer(actor, v.id, v.choice);
      let text: string;
      switch (outcome.kind) {
        case "recorded":
          text =
            outcome.correct === undefined
              ? t(locale, "quiz.recorded", { label: outcome.choiceLabel })
              : outcome.correct
                ? t(locale, "quiz.recorded_correct", { label: outcome.choiceLabel, points: outcome.points ?? 0 })
                : t(locale, "quiz.recorded_wrong", { label: outcome.choiceLabel });
          break;
        case "duplicate":
          text = t(locale, "quiz.duplicate", { label: outcome.choiceLabel });
          break;
        case "closed":
          text = t(locale, "quiz.closed");
          break;
        case "unknown_round":
          text = t(locale, "quiz.unknown_round");
          break;
        case "invalid_choice":
          text = t(locale, "slack.answer.invalid_choice", { labels: outcome.validLabels.join(", ") });
          break;
      }
      logger.info({ team: actor.group.externalId, user: actor.userId, roundId: v.id, outcome: outcome.kind }, "slack: answer");
      await respond({ response_type: "ephemeral", replace_original: false, text });
    });
  });

  app.action<BlockButtonAction>(new RegExp(`^${ACTION.practice}:\\d+$`), async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const actor = buttonActor(body);
    await work("practice answer", actor, respond, async () => {
      const v = parseChoiceValue(action.value);
      if (!v) return void (await respond(ephemeral({ text: t(await bot.locale(actor), "slack.error.bad_button") })));
      const result = await bot.answerPractice(actor, v.id, v.choice);
      await respond({ response_type: "ephemeral", replace_original: true, ...render.practiceResult(result) });
    });
  });

  app.action<BlockButtonAction>(ACTION.practiceMore, async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const actor = buttonActor(body);
    await work("practice more", actor, respond, async () => {
      const topic = typeof action.value === "string" && /^[\w.-]{1,64}$/.test(action.value) ? action.value : undefined;
      const card = await bot.practice(actor, topic);
      await respond({ response_type: "ephemeral", replace_original: false, ...render.practiceCard(card) });
    });
  });

  app.action<BlockButtonAction>(new RegExp(`^${ACTION.lookupOpen}:\\d+$`), async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const actor = buttonActor(body);
    await work("lookup open", actor, respond, async () => {
      const locale = await bot.locale(actor);
      const value = parseSectionValue(action.value);
      const s = value ? bot.section(value) : null;
      if (!s) return void (await respond({ response_type: "ephemeral", replace_original: false, text: t(locale, "slack.lookup.section_gone") }));
      await respond({ response_type: "ephemeral", replace_original: false, ...render.noteSection(s, locale, { share: true }) });
    });
  });

  app.action<BlockButtonAction>(ACTION.lookupShare, async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const actor = buttonActor(body);
    await work("lookup share", actor, respond, async () => {
      const locale = await bot.locale(actor);
      const value = parseSectionValue(action.value);
      const s = value ? bot.section(value) : null;
      if (!s) return void (await respond({ response_type: "ephemeral", replace_original: false, text: t(locale, "slack.lookup.section_gone") }));
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
    await inflight.track(
      (async () => {
        try {
          // The event carries only the user id: the name and language come from users.info.
          const info = await client.users.info({ user: event.user, include_locale: true });
          const u = info.user;
          const actor = actorOf(teamId, event.user, u?.name ?? u?.profile?.display_name ?? undefined, u?.locale);
          const [stats, week, all] = [await bot.stats(actor), await bot.leaderboard(actor, "week"), await bot.leaderboard(actor, "all")];
          await client.views.publish({ user_id: event.user, view: render.homeView({ stats, week, all, now: deps.clock.now() }) });
        } catch (err) {
          logger.error({ err, eventId, team: teamId, user: event.user, slackError: slackErrorCode(err) }, "slack: App Home failed");
        }
      })(),
    );
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

export function daysText(days: number[], locale: Locale): string {
  const key = [...days].sort((a, b) => a - b).join(",");
  if (key === "0,1,2,3,4,5,6") return t(locale, "slack.days.daily");
  if (key === "1,2,3,4,5") return t(locale, "slack.days.weekdays");
  if (key === "0,6") return t(locale, "slack.days.weekends");
  const names = t(locale, "slack.days.names").split(",");
  // Monday first, as the week is counted.
  return [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => names[d] ?? String(d)).join(", ");
}

function scheduleText(s: ScheduleView, locale: Locale): string {
  return t(locale, "schedule.saved", {
    days: daysText(s.weekdays, locale),
    time: s.time,
    timezone: s.timezone,
    topics: s.topics.length ? s.topics.map((x) => inline(x.name, 60)).join(", ") : t(locale, "schedule.all_topics"),
    reveal: s.revealAfterMinutes,
    instant: s.instantFeedback ? t(locale, "schedule.instant_on") : "",
    next: s.nextRun ? slackDate(s.nextRun) : t(locale, s.paused ? "slack.admin.paused" : "slack.admin.never"),
  });
}

function settingsText(g: GroupSettings, locale: Locale, key = "slack.admin.configured", extra: Record<string, string | number> = {}): string {
  return t(locale, key, {
    locale: g.locale ?? t(locale, "slack.admin.status_locale_auto"),
    timezone: g.timezone,
    points: g.scoring.pointsCorrect,
    fastBonus: g.scoring.fastBonus,
    fastCount: g.scoring.fastBonusCount,
    streakEvery: g.scoring.streakEvery,
    streakBonus: g.scoring.streakBonus,
    ...extra,
  });
}

function statusText(s: GroupStatus, locale: Locale): string {
  const lines = [`*${t(locale, "slack.admin.status_title")}*`, settingsText(s.settings, locale, "slack.admin.status_settings", { questions: s.questions })];
  lines.push("");
  if (s.schedules.length === 0) lines.push(t(locale, "slack.admin.status_no_schedules"));
  for (const x of s.schedules) {
    lines.push(
      t(locale, "slack.admin.status_schedule", {
        channel: x.channelId,
        days: daysText(x.weekdays, locale),
        time: x.time,
        timezone: x.timezone,
        topics: x.topics.length ? x.topics.map((tp) => inline(tp.name, 60)).join(", ") : t(locale, "slack.admin.all_topics"),
        reveal: x.revealAfterMinutes,
        instant: t(locale, x.instantFeedback ? "slack.admin.on" : "slack.admin.off"),
        paused: x.paused ? ` · ${t(locale, "slack.admin.paused")}` : "",
        next: x.nextRun ? slackDate(x.nextRun) : t(locale, "slack.admin.never"),
      }),
    );
  }
  lines.push("");
  if (s.openRounds.length === 0) lines.push(t(locale, "slack.admin.status_no_open"));
  for (const r of s.openRounds) lines.push(t(locale, "slack.admin.status_open", { channel: r.channelId, question: inline(r.questionId, 80), revealAt: slackDate(r.revealAt) }));
  return lines.join("\n");
}
