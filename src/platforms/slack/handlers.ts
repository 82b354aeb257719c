// Slack events → one core call each → Block Kit. Every command and button is acknowledged first (Slack wants
// the ack within 3 seconds); the work runs after it and the result goes back through `respond()` (the
// response_url) or the Web API. Every failure is logged with context and answered with a message the user can
// act on; nothing internal (stack, token) reaches Slack.
import type { AllMiddlewareArgs, App, BlockButtonAction, Context as BoltContext, webApi, RespondArguments, RespondFn, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { StudyBot } from "../../core/app.js";
import type { PauseNotice } from "../../core/app.js";
import type { Actor } from "../../core/cards.js";
import { pauseWarnings } from "../../core/messages/replies.js";
import type { Clock } from "../../core/clock.js";
import { groupSpecs, renderResult, runCommand, TOP_LEVEL, type AnyCommandSpec, type CommandResult } from "../../core/commands/index.js";
import { convertContext } from "../../core/commands/context.js";
import type { IncomingFile } from "../../core/commands/options.js";
import { parseArgs, readCommand } from "../../core/commands/text.js";
import { classifyFailure, UserError } from "../../core/errors.js";
import type { Locale } from "../../core/locale.js";
import { choiceLabel } from "../../core/rounds/service.js";
import type { Logger } from "../../logger.js";
import * as render from "./blocks.js";
import { ACTION, slackRenderers, type SlackReply } from "./blocks.js";
import { ts, type SlackKey } from "./messages.js";
import { escapeText } from "./mrkdwn.js";
import { checkLength, parseChannelLink, parseChoiceValue, parseFileLink, parseMention, parseSectionValue, SLACK_CHANNEL_ID } from "./parse.js";
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
  /**
   * the group's workspace of a request, from the installation Bolt authorised it with: with one bot token, always
   * that token's workspace (auth.test), so a member of another workspace in a shared (Slack Connect) channel answers
   * in the host's group
   */
  team(context: BoltContext): string;
  /** the app was uninstalled, or its bot token revoked, in the request's workspace (OAuth: its installation goes) */
  removed?(context: BoltContext): Promise<void>;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ephemeral = (r: SlackReply): RespondArguments => ({ response_type: "ephemeral", ...r });
const privateNote = (r: SlackReply): RespondArguments => ({ response_type: "ephemeral", replace_original: false, ...r });

/** The slash commands the app answers: every top-level command spec (the manifest lists the same). */
export const SLASH_COMMANDS = TOP_LEVEL.map((name) => `/${name}`);

/** Who acts, as the payload names them (before users.info adds their name and language). */
interface Caller {
  teamId: string;
  /** the Web API client with the token of the request's workspace */
  client: webApi.WebClient;
  userId: string;
  /** the username the payload carries, used when users.info cannot be reached */
  username?: string;
  /** a button click (not a slash command): it never waits for users.info */
  click?: boolean;
}

interface Context {
  actor: Actor;
  locale: Locale;
  /** the caller's Slack profile, null when users.info failed (the work goes on without name and language) */
  profile: SlackProfile | null;
  /** the Web API client of the request's workspace */
  client: webApi.WebClient;
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
        if (caller.click) {
          // A click is answered from what is known (the payload's user, the profile cached up to a day): its answer
          // is recorded without waiting for Slack, and the profile refreshed afterwards.
          profile = users.known(caller.userId);
        } else {
          try {
            ({ profile, fetched } = await users.get(caller.client, caller.userId));
          } catch (err) {
            logger.warn({ err, what, user: caller.userId, slackError: slackErrorCode(err) }, "slack: users.info failed; going on without the member's name and language");
          }
        }
        const actor = actorOf(caller, profile);
        let locale: Locale = bot.defaultLocale;
        try {
          locale = await bot.locale(actor);
          await fn({ actor, locale, profile, fetched, client: caller.client });
          logger.debug({ what, team: caller.teamId, user: caller.userId, ms: Math.round(performance.now() - started) }, "slack: handled");
        } catch (err) {
          const f = classifyFailure(channelErrorToUserError(err));
          const log = { what, team: caller.teamId, user: caller.userId };
          if (f.kind === "user") logger.info({ ...log, key: f.key }, "slack: refused");
          else if (f.kind === "operator") logger.warn({ ...log, key: f.key }, "slack: refused until an organiser fixes something");
          else logger.error({ ...log, err, slackError: slackErrorCode(err) }, "slack: handler failed");
          // Parameters may hold what the user typed: escape the text for mrkdwn.
          const text = escapeText(ts.has(f.key) ? ts(locale, f.key, f.params) : ts(locale, "error.internal"));
          // A refusal of a click is a new private message; it never replaces the card that was clicked.
          const reply = caller.click ? privateNote({ text }) : ephemeral({ text });
          await respond(reply).catch((re) => logger.warn({ err: re, what }, "slack: could not deliver a failure reply"));
        }
        if (caller.click && users.stale(caller.userId)) void inflight.track(refreshProfile(caller, what));
      })(),
    );

  /** A member's profile fetched anew after their click was answered; their stored name and language follow it. */
  const refreshProfile = async (caller: Caller, what: string): Promise<void> => {
    try {
      const { profile } = await users.get(caller.client, caller.userId, true);
      await bot.rememberMember(actorOf(caller, profile));
    } catch (err) {
      logger.warn({ err, what, user: caller.userId, slackError: slackErrorCode(err) }, "slack: could not refresh a member's profile");
    }
  };

  const commandCaller = ({ command: c, context, client }: CommandArgs): Caller => ({ teamId: deps.team(context), client, userId: c.user_id, username: c.user_name });
  const buttonCaller = ({ body, context, client }: ButtonArgs): Caller => ({ teamId: deps.team(context), client, userId: body.user.id, username: body.user.username ?? body.user.name, click: true });

  const show = (result: CommandResult, locale: Locale): SlackReply => renderResult(slackRenderers, result, { locale });

  // ---------------------------------------------------------------- slash commands, one per top-level spec

  for (const name of TOP_LEVEL) {
    app.command(`/${name}`, async (args: CommandArgs) => {
      const { ack, command, respond } = args;
      await ack();
      await work(`/${name}`, commandCaller(args), respond, async (c) => {
        const read = readCommand(name, checkLength(command.text));
        if (read.kind === "unknown") throw new Error(`no command spec for /${name}`);
        if (read.kind === "usage") return void (await respond(ephemeral(show({ kind: "usage", group: read.group, commands: groupSpecs(read.group), ...(read.unknown ? { unknown: read.unknown } : {}) }, c.locale))));
        if (read.kind === "help") return void (await respond(ephemeral(show({ kind: "usage", group: read.spec.group ?? read.spec.name, commands: [read.spec] }, c.locale))));
        const spec = read.spec;
        if (spec.organiser && !(await isOrganizer(c, spec.name, respond))) return;
        const args = parseArgs(spec, read.text, convertContext(bot, c.locale, { member: parseMention, channel: parseChannelLink, attachment: (text) => slackFile(c.client, parseFileLink(text)), role: noRoles }));
        const channelId = (args.channel as string | undefined) ?? command.channel_id;
        if (postsToChannel(spec) && !SLACK_CHANNEL_ID.test(channelId)) throw new UserError<SlackKey>("slack.error.channel_only");
        const { result, notices } = await runCommand(spec, { bot, actor: c.actor, channelId }, args);
        // After `config language=…` the reply speaks the language just chosen.
        const locale = result.kind === "settings" ? await bot.locale(c.actor) : c.locale;
        const { upload, ...reply } = withWarnings(show(result, locale), locale, notices);
        if (upload) {
          await deliverFile(c.client, upload, c.actor.userId, channelId, reply.text);
          if (upload.audience === "caller") reply.text += `\n${ts(c.locale, "slack.file.in_dm", { name: upload.file.name })}`;
        }
        await respond(ephemeral(reply));
      });
    });
  }

  /**
   * Workspace admins and owners (asked of Slack for this very request, never from the cache) or the configured
   * list; others get a polite refusal naming the way in.
   */
  async function isOrganizer(c: Context, sub: string, respond: RespondFn): Promise<boolean> {
    const { actor, locale } = c;
    if (deps.organizers.includes(actor.userId)) return true;
    // made an organiser with /studybot organisers add
    if (await bot.isDelegatedOrganiser(actor)) return true;
    let allowed: boolean;
    try {
      allowed = c.fetched && c.profile ? c.profile.admin : (await users.get(c.client, actor.userId, true)).profile.admin;
    } catch (err) {
      logger.warn({ err, user: actor.userId, slackError: slackErrorCode(err) }, "slack: users.info failed during the organiser check");
      await respond(ephemeral({ text: ts(locale, "slack.error.organizer_check_failed", { error: slackErrorCode(err) ?? "unavailable" }) }));
      return false;
    }
    if (!allowed) {
      logger.info({ team: actor.group.externalId, user: actor.userId, sub }, "slack: organiser command refused");
      await respond(ephemeral({ text: ts(locale, "slack.error.not_organizer", { sub }) }));
    }
    return allowed;
  }

  // ---------------------------------------------------------------- buttons

  app.action<BlockButtonAction>(new RegExp(`^${ACTION.answer}:\\d+$`), async (args: ButtonArgs) => {
    const { ack, action, respond } = args;
    await ack();
    await work("answer", buttonCaller(args), respond, async ({ actor, locale }) => {
      const v = parseChoiceValue(action.value);
      if (!v) throw new UserError<SlackKey>("slack.error.bad_button");
      // The answer counts at the click's own time (action_ts), not when it reached us.
      const outcome = await bot.answer(actor, v.id, v.choice, { at: slackTime(action.action_ts) });
      logger.info({ team: actor.group.externalId, user: actor.userId, roundId: v.id, outcome: outcome.kind }, "slack: answer");
      await respond(privateNote(show({ kind: "answer", outcome, chosen: choiceLabel(v.choice), roundId: v.id }, locale)));
    });
  });

  app.action<BlockButtonAction>(new RegExp(`^${ACTION.practice}:\\d+$`), async (args: ButtonArgs) => {
    const { ack, action, respond } = args;
    await ack();
    await work("practice answer", buttonCaller(args), respond, async ({ actor, locale }) => {
      const v = parseChoiceValue(action.value);
      if (!v) throw new UserError<SlackKey>("slack.error.bad_button");
      const result = await bot.answerPractice(actor, v.id, v.choice);
      await respond({ response_type: "ephemeral", replace_original: true, ...show({ kind: "practiceAnswer", result }, locale) });
    });
  });

  app.action<BlockButtonAction>(ACTION.practiceMore, async (args: ButtonArgs) => {
    const { ack, action, respond } = args;
    await ack();
    await work("practice more", buttonCaller(args), respond, async ({ actor, locale }) => {
      const topic = typeof action.value === "string" && /^[\w.-]{1,64}$/.test(action.value) ? action.value : undefined;
      await respond(privateNote(show({ kind: "practice", card: await bot.practice(actor, topic) }, locale)));
    });
  });

  app.action<BlockButtonAction>(ACTION.reviewNext, async (args: ButtonArgs) => {
    const { ack, respond } = args;
    await ack();
    await work("review next", buttonCaller(args), respond, async ({ actor, locale }) => {
      await respond({ response_type: "ephemeral", replace_original: true, ...show({ kind: "review", review: await bot.review(actor) }, locale) });
    });
  });

  app.action<BlockButtonAction>(new RegExp(`^${ACTION.lookupOpen}:\\d+$`), async (args: ButtonArgs) => {
    const { ack, action, respond } = args;
    await ack();
    await work("lookup open", buttonCaller(args), respond, async ({ locale }) => {
      const value = parseSectionValue(action.value);
      if (!value) throw new UserError("lookup.section_gone");
      await respond(privateNote(show({ kind: "section", section: bot.sectionOrFail(value) }, locale)));
    });
  });

  app.action<BlockButtonAction>(ACTION.lookupShare, async (args: ButtonArgs) => {
    const { ack, action, respond } = args;
    await ack();
    await work("lookup share", buttonCaller(args), respond, async ({ actor, locale }) => {
      const value = parseSectionValue(action.value);
      if (!value) throw new UserError("lookup.section_gone");
      const s = bot.sectionOrFail(value);
      await respond({ response_type: "in_channel", replace_original: false, ...render.noteSection(s, locale, { sharedBy: render.who(actor.userId, actor.displayName) }) });
    });
  });

  app.action<BlockButtonAction>(ACTION.forget, async (args: ButtonArgs) => {
    const { ack, action, respond } = args;
    await ack();
    await work("forget-me", buttonCaller(args), respond, async ({ actor, locale }) => {
      // The confirmation was the caller's own private message; anyone else's click is refused all the same.
      if (action.value !== actor.userId) throw new UserError("forget.not_yours");
      await respond({ response_type: "ephemeral", replace_original: true, ...show({ kind: "forgotten", outcome: await bot.forget(actor) }, locale) });
    });
  });

  // ---------------------------------------------------------------- a file shared with the app in a direct message

  // An organiser drops a YAML or CSV file into their direct messages with the app: it is imported as the group's
  // own questions, and the answer comes back in the same conversation.
  app.event("message", async ({ event, body, context, client }) => {
    const m = event as { channel_type?: string; subtype?: string; user?: string; bot_id?: string; channel: string; files?: Array<{ id: string; name?: string }> };
    if (m.channel_type !== "im" || m.subtype !== "file_share" || m.bot_id || !m.user || !m.files?.length) return;
    const eventId = (body as { event_id?: string }).event_id ?? `${m.user}:${m.channel}:${m.files[0]!.id}`;
    if (dedupe.repeat(eventId)) return;
    const reply = async (r: { text?: string; blocks?: unknown }) => void (await client.chat.postMessage({ channel: m.channel, text: r.text ?? "", ...(Array.isArray(r.blocks) ? { blocks: r.blocks as SlackReply["blocks"] } : {}) }));
    const respond = reply as unknown as RespondFn;
    await work("questions import (direct message)", { teamId: deps.team(context), client, userId: m.user }, respond, async (c) => {
      if (!(await isOrganizer(c, "questions import", respond))) return;
      for (const f of m.files!) {
        const outcome = await bot.importQuestions(c.actor, slackFile(client, f.id, f.name));
        await reply(show({ kind: "imported", outcome }, c.locale));
      }
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
    const caller: Caller = { teamId, client, userId: event.user };
    // An event has no response_url: a failure is logged (the member sees the previous Home tab).
    const noReply: RespondFn = async () => undefined;
    await work("app_home_opened", caller, noReply, async ({ actor }) => {
      const [stats, week, all] = [await bot.stats(actor), await bot.leaderboard(actor, "week"), await bot.leaderboard(actor, "all")];
      await client.views.publish({ user_id: event.user, view: render.homeView({ stats, week, all, now: deps.clock.now() }) });
    });
  });

  // Uninstalled, or its bot token revoked: the workspace's schedules pause with that reason; its data stays (an OAuth
  // installation, with its token, goes).
  const removed = async (what: string, context: BoltContext) => {
    const team = deps.team(context);
    await bot.removedFrom({ platform: SLACK_PLATFORM, externalId: team }).catch((err: unknown) => logger.error({ err, what }, "slack: could not pause the workspace's schedules"));
    await deps.removed?.(context).catch((err: unknown) => logger.error({ err, what, team }, "slack: could not delete the workspace's installation"));
  };
  app.event("app_uninstalled", ({ context }) => removed("app_uninstalled", context));
  app.event("tokens_revoked", async ({ event, context }) => {
    // users' own tokens are revoked this way too; only the bot's matters here
    if ((event.tokens.bot ?? []).length > 0) await removed("tokens_revoked", context);
  });

  app.error(async (err) => {
    logger.error({ err, code: (err as { code?: string }).code }, "slack: unhandled error in Bolt");
  });
}

/** Slack has no roles to make organisers of: members are added one by one. */
function noRoles(): never {
  throw new UserError<SlackKey>("slack.error.no_roles");
}

/**
 * A file shared in the request's workspace, read with that workspace's bot token: files.info gives its private
 * download URL (the app needs files:read), and the download carries the token as Slack requires.
 */
function slackFile(client: webApi.WebClient, fileId: string, name?: string): IncomingFile {
  let info: { name: string; size?: number; url: string } | null = null;
  const describe = async () => {
    if (info) return info;
    let res;
    try {
      res = await client.files.info({ file: fileId });
    } catch (err) {
      const code = slackErrorCode(err);
      if (code === "file_not_found" || code === "file_deleted") throw new UserError<SlackKey>("slack.error.file_not_found", { file: fileId });
      throw err;
    }
    const url = res.file?.url_private_download ?? res.file?.url_private;
    if (!url) throw new UserError<SlackKey>("slack.error.file_not_found", { file: fileId });
    info = { name: res.file?.name ?? name ?? fileId, size: res.file?.size, url };
    return info;
  };
  return {
    // Slack names the file only once files.info has been asked (read() asks it)
    get name() {
      return info?.name ?? name ?? fileId;
    },
    async read() {
      const f = await describe();
      const res = await fetch(f.url, { headers: { Authorization: `Bearer ${client.token ?? ""}` } });
      if (!res.ok) throw new UserError<SlackKey>("slack.error.file_not_found", { file: f.name });
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}

/** A Slack timestamp ("1700000123.456789", seconds) as a Date; undefined when it is not one. */
export function slackTime(ts: unknown): Date | undefined {
  const seconds = typeof ts === "string" && /^\d{9,11}(\.\d{1,6})?$/.test(ts) ? Number(ts) : NaN;
  return Number.isFinite(seconds) ? new Date(Math.round(seconds * 1000)) : undefined;
}

/** The reply with one warning line per schedule the bot paused (the organisers' next command tells them once). */
function withWarnings<R extends SlackReply>(reply: R, locale: Locale, notices: readonly PauseNotice[]): R {
  if (notices.length === 0) return reply;
  const lines = pauseWarnings(locale, notices, render.slackMarkup).join("\n");
  return { ...reply, text: `${lines}\n${reply.text}`, ...(reply.blocks ? { blocks: [{ type: "section", text: { type: "mrkdwn", text: lines } }, ...reply.blocks] } : {}) };
}

/** Commands that post in (or act on) a channel: they need a real channel, not a direct message. */
function postsToChannel(spec: AnyCommandSpec): boolean {
  return "channel" in spec.options;
}

/**
 * Uploads a file: into the caller's direct messages with the app (files for one person: drafts, exports), or
 * into the channel (files for everyone). An upload needs the bot in the channel: a refusal says to invite it.
 */
async function deliverFile(client: webApi.WebClient, upload: NonNullable<SlackReply["upload"]>, userId: string, channelId: string, comment: string): Promise<void> {
  let target = channelId;
  if (upload.audience === "caller") {
    const dm = await client.conversations.open({ users: userId });
    if (!dm.channel?.id) throw new Error("conversations.open returned no channel");
    target = dm.channel.id;
  }
  try {
    await client.filesUploadV2({ channel_id: target, file: Buffer.from(upload.file.data), filename: upload.file.name, title: upload.file.name, initial_comment: comment });
  } catch (err) {
    throw channelErrorToUserError(err);
  }
}
