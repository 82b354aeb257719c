// Interactions → one core call each → a rendered reply. The rules every path follows:
// - Discord wants the first response within 3 s. Organiser commands (which may post to Discord themselves)
//   defer at once; everything else answers directly and defers only if the core has not answered within
//   `slowAfterMs`. Autocomplete cannot be deferred and always answers, with an empty list on failure.
// - Every failure answers the caller with a short ephemeral message in their locale (a UserError's own text,
//   else error.internal) and is logged with the interaction's context. No stack or token reaches the chat.
// - Custom ids are validated (customId.ts); a stale or forged one gets a clear answer, never a crash.
import {
  ChannelType,
  DiscordAPIError,
  MessageFlags,
  PermissionFlagsBits,
  type APIApplicationCommandOptionChoice,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type RepliableInteraction,
  type User,
} from "discord.js";
import type { GroupSettingsInput, StudyBot } from "../../core/app.js";
import type { Actor, AnswerOutcome, Period } from "../../core/cards.js";
import { isUserError, UserError } from "../../core/errors.js";
import { answerOutcomeText } from "../../core/messages/format.js";
import { resolveLocale, t, type Locale } from "../../core/messages/index.js";
import { choiceLabel } from "../../core/rounds/service.js";
import type { Logger } from "../../logger.js";
import { LANGUAGES } from "./commands.js";
import { parseCustomId } from "./customId.js";
import { clip, LIMITS } from "./limits.js";
import * as render from "./render.js";
import type { MessageBody } from "./render.js";

export const PLATFORM = "discord";

export interface HandlerOptions {
  logger: Logger;
  defaultLocale: Locale;
  /** answer directly when the core is faster than this; defer otherwise (Discord allows 3 s in all) */
  slowAfterMs?: number;
}

interface Ctx {
  interactionId: string;
  kind: string;
  guildId: string | null;
  channelId: string | null;
  userId: string;
  command?: string;
  customId?: string;
}

type Respond = { ephemeral: boolean; defer: "always" | "when-slow"; update?: boolean };

const SCORING_KEYS = { points: "pointsCorrect", "fast-bonus": "fastBonus", "fast-count": "fastBonusCount", "streak-every": "streakEvery", "streak-bonus": "streakBonus" } as const;

/**
 * What a member is called: server nickname, else global display name, else username. `member` is a cached
 * GuildMember (has displayName) or the raw API member of the interaction (has nick).
 */
function nameOf(member: unknown, user: User): string {
  const m = member as { nick?: string | null; displayName?: string } | null;
  return m?.displayName || m?.nick || user.globalName || user.username;
}

function toReply(b: MessageBody): InteractionEditReplyOptions & InteractionReplyOptions {
  // allowed_mentions is set client-wide (parse: []); discord.js takes the rest as they are.
  return { content: b.content ?? "", embeds: b.embeds, components: b.components };
}

export class DiscordHandlers {
  private readonly slowAfterMs: number;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly bot: StudyBot,
    private readonly client: Client,
    private readonly opts: HandlerOptions,
  ) {
    this.slowAfterMs = opts.slowAfterMs ?? 1500;
  }

  /** Entry point for `Events.InteractionCreate`; never rejects. */
  handle(i: Interaction): Promise<void> {
    const p = this.dispatch(i)
      .catch((err: unknown) => this.opts.logger.error({ interactionId: i.id, err }, "discord: interaction handler failed"))
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
    return p;
  }

  /** Resolves when every interaction being handled has been answered (for a clean shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async dispatch(i: Interaction): Promise<void> {
    const ctx: Ctx = { interactionId: i.id, kind: "unknown", guildId: i.guildId, channelId: i.channelId, userId: i.user.id };
    try {
      if (i.isAutocomplete()) {
        ctx.kind = "autocomplete";
        ctx.command = i.commandName;
        return await this.autocomplete(i, ctx);
      }
      if (i.isChatInputCommand()) {
        ctx.kind = "command";
        ctx.command = [i.commandName, i.options.getSubcommand(false)].filter(Boolean).join(" ");
        return await this.command(i, ctx);
      }
      if (i.isButton()) {
        ctx.kind = "button";
        ctx.customId = clip(i.customId, LIMITS.customId);
        return await this.button(i, ctx);
      }
      this.opts.logger.debug({ ...ctx, type: i.type }, "discord: ignored an interaction type the bot does not use");
    } catch (err) {
      if (i.isRepliable()) await this.fail(i, ctx, err, undefined);
      else this.opts.logger.error({ ...ctx, err }, "discord: interaction failed");
    }
  }

  private actor(i: BaseInteraction): Actor {
    if (!i.guildId) throw new UserError("discord.error.guild_only");
    return { group: { platform: PLATFORM, externalId: i.guildId }, userId: i.user.id, displayName: nameOf(i.member, i.user), locale: i.locale };
  }

  private fallbackLocale(i: BaseInteraction): Locale {
    return resolveLocale(i.locale, i.guildLocale, this.opts.defaultLocale);
  }

  private async localeOf(i: BaseInteraction): Promise<Locale> {
    if (!i.guildId) return this.fallbackLocale(i);
    return this.bot.locale(this.actor(i));
  }

  // ------------------------------------------------------------------------------------------ responding

  /**
   * Resolves the caller's locale, runs `work` and sends what it renders: as the reply (or, for `update`, as
   * the new state of the message the button is on). Defers first when told to, or as soon as the core has
   * taken `slowAfterMs` — counted from before the first core call, the locale lookup included.
   */
  private async respond(i: RepliableInteraction, ctx: Ctx, opts: Respond, work: (l: Locale) => Promise<MessageBody> | MessageBody): Promise<void> {
    const update = opts.update === true && i.isMessageComponent();
    const flags = opts.ephemeral ? MessageFlags.Ephemeral : undefined;
    let deferral: Promise<unknown> | null = null;
    const defer = () => (deferral ??= update ? (i as ButtonInteraction).deferUpdate() : i.deferReply(flags ? { flags } : {}));
    let timer: NodeJS.Timeout | undefined;
    if (opts.defer === "always") await defer();
    else {
      timer = setTimeout(() => {
        this.opts.logger.info({ ...ctx, afterMs: this.slowAfterMs }, "discord: slow answer, deferring");
        defer().catch((err: unknown) => this.opts.logger.warn({ ...ctx, err }, "discord: could not defer"));
      }, this.slowAfterMs);
    }
    let locale: Locale | undefined;
    let result: MessageBody;
    try {
      locale = await this.localeOf(i);
      result = await work(locale);
    } catch (err) {
      clearTimeout(timer);
      await (deferral as Promise<unknown> | null)?.catch(() => undefined);
      return this.fail(i, { ...ctx, update }, err, locale);
    } finally {
      clearTimeout(timer);
    }
    if (deferral) {
      await deferral;
      await i.editReply(toReply(result));
    } else if (update) {
      await (i as ButtonInteraction).update(toReply(result));
    } else {
      await i.reply({ ...toReply(result), ...(flags ? { flags } : {}) });
    }
  }

  /** Tells the caller, privately and in their language, what went wrong; logs it with context. */
  private async fail(i: RepliableInteraction, ctx: Ctx & { update?: boolean }, err: unknown, locale: Locale | undefined): Promise<void> {
    let l = locale;
    if (!l) l = await this.localeOf(i).catch(() => this.fallbackLocale(i));
    const text = isUserError(err) ? t(l, err.key, err.params) : t(l, "error.internal");
    if (isUserError(err)) this.opts.logger.info({ ...ctx, key: err.key }, "discord: refused");
    else this.opts.logger.error({ ...ctx, err }, "discord: interaction failed");
    const privately = { content: clip(text, LIMITS.content), flags: MessageFlags.Ephemeral } as const;
    try {
      if (!i.deferred && !i.replied) await i.reply(privately);
      else if (i.deferred && i.ephemeral && !ctx.update) await i.editReply({ content: privately.content, embeds: [], components: [] });
      else {
        // A public "thinking…" placeholder would stay forever: remove it, then answer privately.
        if (i.deferred && !ctx.update) await i.deleteReply().catch(() => undefined);
        await i.followUp(privately);
      }
    } catch (replyErr) {
      this.opts.logger.warn({ ...ctx, err: replyErr }, "discord: could not tell the user about a failure");
    }
  }

  // ------------------------------------------------------------------------------------------ autocomplete

  private async autocomplete(i: AutocompleteInteraction, ctx: Ctx): Promise<void> {
    let choices: APIApplicationCommandOptionChoice<string>[] = [];
    const focused = i.options.getFocused(true);
    const typed = String(focused.value ?? "");
    try {
      if (focused.name === "query") {
        choices = this.bot
          .suggest(typed)
          .filter((s) => s.value.length <= LIMITS.choiceValue)
          .map((s) => ({ name: clip(s.label, LIMITS.choiceName), value: s.value }));
      } else if (focused.name === "topic") {
        const want = typed.trim().toLowerCase();
        choices = this.bot
          .topics(await this.localeOf(i))
          .filter((x) => !want || x.key.includes(want) || x.name.toLowerCase().includes(want))
          .map((x) => ({ name: clip(x.name.toLowerCase() === x.key ? x.name : `${x.name} (${x.key})`, LIMITS.choiceName), value: x.key }));
      } else if (focused.name === "timezone") {
        choices = timeZoneChoices(typed);
      }
    } catch (err) {
      this.opts.logger.error({ ...ctx, option: focused.name, err }, "discord: autocomplete failed");
    }
    await i.respond(choices.slice(0, LIMITS.choices));
  }

  // ------------------------------------------------------------------------------------------ commands

  private async command(i: ChatInputCommandInteraction, ctx: Ctx): Promise<void> {
    const actor = this.actor(i);
    const bot = this.bot;
    switch (i.commandName) {
      case "lookup": {
        // Synchronous and well under a millisecond: no deferral needed. A match is shown to the conversation
        // it was asked in; "nothing found" only concerns the caller.
        const result = bot.lookup(i.options.getString("query", true), { limit: 5, maxChars: render.LOOKUP_MAX_CHARS });
        return this.respond(i, ctx, { ephemeral: result.hits.length === 0, defer: "when-slow" }, (l) => render.lookupResult(result, l));
      }
      case "quiz": {
        const topic = i.options.getString("topic") ?? undefined;
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow" }, async () => render.practiceCard(await bot.practice(actor, topic)));
      }
      case "leaderboard": {
        // Discord offers only the three choices; the core still refuses anything else a modified client sends.
        const period = (i.options.getString("period") ?? "week") as Period;
        const topic = i.options.getString("topic") ?? undefined;
        return this.respond(i, ctx, { ephemeral: false, defer: "when-slow" }, async () => render.leaderboard(await bot.leaderboard(actor, period, topic)));
      }
      case "stats": {
        const user = i.options.getUser("member");
        const who = user ? { userId: user.id, displayName: nameOf(i.options.getMember("member"), user) } : undefined;
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow" }, async () => render.stats(await bot.stats(actor, who)));
      }
      case "studybot":
        return this.organiser(i, ctx, actor);
      default:
        throw new UserError("discord.error.unknown_command");
    }
  }

  private async organiser(i: ChatInputCommandInteraction, ctx: Ctx, actor: Actor): Promise<void> {
    // default_member_permissions only hides the command; server admins can re-grant it to anyone, so the
    // permission is checked here on every call.
    if (!i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      this.opts.logger.warn({ ...ctx }, "discord: organiser command refused (no Manage Server)");
      throw new UserError("discord.error.not_organizer");
    }
    const bot = this.bot;
    const sub = i.options.getSubcommand(true);
    const channel = (): string => {
      const c = i.options.getChannel("channel");
      if (!c) {
        if (!i.channelId) throw new UserError("discord.error.channel_not_text");
        return i.channelId;
      }
      if (c.type !== ChannelType.GuildText && c.type !== ChannelType.GuildAnnouncement) throw new UserError("discord.error.channel_not_text");
      return c.id;
    };
    const mention = render.channelMention;
    const reply = (work: (l: Locale) => Promise<MessageBody>) => this.respond(i, ctx, { ephemeral: true, defer: "always" }, work);
    switch (sub) {
      case "schedule": {
        const at = channel();
        const days = i.options.getString("days");
        const tz = i.options.getString("timezone");
        const topics = i.options.getString("topics");
        const reveal = i.options.getInteger("reveal");
        const instant = i.options.getBoolean("instant");
        return reply(async (l) =>
          render.scheduleSaved(
            await bot.schedule(actor, at, {
              time: i.options.getString("time", true),
              ...(days ? { weekdays: days.split(/[\s,]+/).filter(Boolean) } : {}),
              ...(tz ? { timezone: tz } : {}),
              ...(topics ? { topics: topics.split(/[\s,]+/).filter(Boolean) } : {}),
              ...(reveal !== null ? { revealAfterMinutes: reveal } : {}),
              ...(instant !== null ? { instantFeedback: instant } : {}),
            }),
            l,
          ),
        );
      }
      case "unschedule": {
        const at = channel();
        return reply(async (l) => render.notice(`${mention(at)} · ${t(l, (await bot.unschedule(actor, at)) ? "schedule.removed" : "schedule.not_found")}`));
      }
      case "status":
        return reply(async () => render.status(await bot.status(actor), (id) => this.channelName(id)));
      case "post-now": {
        const at = channel();
        return reply(async (l) => {
          const card = await this.posting(at, () => bot.postNow(actor, at));
          return render.notice(t(l, "discord.admin.posted", { channel: mention(at), when: render.when(card.revealAt, l) }));
        });
      }
      case "reveal-now": {
        const at = channel();
        return reply(async (l) => {
          const card = await bot.revealNow(actor, at);
          return render.notice(card ? t(l, "discord.admin.revealed", { channel: mention(at), count: card.answered }) : `${mention(at)} · ${t(l, "admin.nothing_to_reveal")}`);
        });
      }
      case "config": {
        const input: GroupSettingsInput = {};
        const language = i.options.getString("language");
        if (language) {
          if (!(LANGUAGES as readonly string[]).includes(language)) throw new UserError("config.bad_language", { value: language });
          input.locale = language === "auto" ? null : (language as Locale);
        }
        const tz = i.options.getString("timezone");
        if (tz) input.timezone = tz;
        for (const [option, key] of Object.entries(SCORING_KEYS)) {
          const v = i.options.getInteger(option);
          if (v !== null) input.scoring = { ...input.scoring, [key]: v };
        }
        const changes = Object.keys(input).length > 0;
        return reply(async () => {
          if (changes) await bot.configure(actor, input);
          // The reply speaks the language just chosen and shows the settings now in force (with no option
          // given, just those).
          const status = await bot.status(actor);
          const shown = render.status(status, (id) => this.channelName(id));
          return changes ? { ...shown, content: `✅ ${t(status.locale, "config.saved")}` } : shown;
        });
      }
      default:
        throw new UserError("admin.usage");
    }
  }

  /** Posting to a channel the bot may not write in is an organiser's fix, not an internal error. */
  private async posting<T>(channelId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof DiscordAPIError && [50001, 50013, 10003].includes(Number(err.code))) {
        throw new UserError("discord.error.cannot_post", { channel: render.channelMention(channelId) });
      }
      throw err;
    }
  }

  private channelName(id: string): string {
    const c = this.client.channels.cache.get(id);
    return c && "name" in c && c.name ? c.name : id;
  }

  // ------------------------------------------------------------------------------------------ buttons

  private async button(i: ButtonInteraction, ctx: Ctx): Promise<void> {
    const parsed = parseCustomId(i.customId);
    if (!parsed.ok) {
      this.opts.logger.warn({ ...ctx, reason: parsed.reason }, "discord: button with an unusable custom id");
      throw new UserError(parsed.reason === "stale" ? "discord.error.button_stale" : "discord.error.button_invalid");
    }
    const actor = this.actor(i);
    const bot = this.bot;
    const action = parsed.action;
    switch (action.kind) {
      case "answer":
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow" }, async (l) => {
          const outcome = await bot.answer(actor, action.roundId, action.choice);
          if (outcome.kind === "unknown_round") this.opts.logger.warn({ ...ctx, roundId: action.roundId }, "discord: answer to an unknown round");
          return render.notice(outcomeText(outcome, l, action.choice));
        });
      case "practice":
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow", update: true }, async (l) => {
          const r = await bot.answerPractice(actor, action.roundId, action.choice);
          const verdict = r.repeated
            ? t(l, "quiz.practice_repeated", { label: r.choiceLabel })
            : r.correct
              ? `🎉 ${t(l, "quiz.practice_correct", { label: r.choiceLabel })}`
              : `❌ ${t(l, "quiz.practice_wrong", { label: r.choiceLabel, correct: r.choices[r.correctIndex]?.label ?? "?" })}`;
          return { ...render.revealedCard(r, { practice: true }), content: verdict };
        });
      case "section":
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow" }, (l) => {
          const section = bot.section(action.value);
          if (!section) throw new UserError("discord.error.section_gone");
          return render.sectionMessage(section, l);
        });
    }
  }
}

export function outcomeText(o: AnswerOutcome, l: Locale, chosen: number): string {
  const icon = o.kind !== "recorded" ? "" : o.correct === true ? "🎉 " : o.correct === false ? "❌ " : "✅ ";
  return icon + answerOutcomeText(l, o, choiceLabel(chosen));
}

let zones: string[] | null = null;
function timeZoneChoices(typed: string): APIApplicationCommandOptionChoice<string>[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone")];
  const want = typed.trim().toLowerCase().replace(/\s+/g, "_");
  const starts = zones.filter((z) => z.toLowerCase().startsWith(want));
  const contains = zones.filter((z) => !z.toLowerCase().startsWith(want) && z.toLowerCase().includes(want));
  return [...starts, ...contains].slice(0, LIMITS.choices).map((z) => ({ name: z, value: z }));
}
