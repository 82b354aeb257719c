// Interactions → one core call each → a rendered reply. The rules every path follows:
// - Discord wants the first response within 3 s. Organiser commands (which may post to Discord themselves)
//   defer at once; everything else answers directly and defers only if the core has not answered within
//   `slowAfterMs`. Autocomplete cannot be deferred and always answers, with an empty list on failure.
// - Every failure answers the caller with a short ephemeral message in their locale (a UserError's own text,
//   else error.internal) and is logged with the interaction's context. No stack or token reaches the chat.
// - Custom ids are validated (customId.ts); a stale or forged one gets a clear answer, never a crash.
import {
  AttachmentBuilder,
  DiscordAPIError,
  MessageFlags,
  PermissionFlagsBits,
  type APIApplicationCommandOptionChoice,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type RepliableInteraction,
  type User,
} from "discord.js";
import type { StudyBot } from "../../core/app.js";
import type { Actor } from "../../core/cards.js";
import { findSpec, renderResult, runCommand, type AnyCommandSpec, type CommandResult } from "../../core/commands/index.js";
import { DeliveryError } from "../../core/delivery.js";
import { convertContext } from "../../core/commands/context.js";
import { autocompleteSource, checkInteger, convertText, type IncomingFile } from "../../core/commands/options.js";
import { classifyFailure, UserError } from "../../core/errors.js";
import { resolveLocale, type Locale } from "../../core/locale.js";
import { choiceLabel } from "../../core/rounds/service.js";
import type { Logger } from "../../logger.js";
import { POSTABLE_CHANNELS } from "./commands.js";
import { parseCustomId } from "./customId.js";
import { clip, LIMITS } from "./limits.js";
import { td, type DiscordKey } from "./messages.js";
import { discordRenderers, channelMention, withWarnings, type MessageBody } from "./render.js";

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

/** Work that renders a reply; `private` overrides the reply's visibility when it was not yet deferred. */
type Reply = MessageBody & { private?: boolean };

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
  const files = (b.files ?? []).map((f) => new AttachmentBuilder(Buffer.from(f.data), { name: f.name }));
  return { content: b.content ?? "", embeds: b.embeds, components: b.components, ...(files.length ? { files } : {}) };
}

export class DiscordHandlers {
  private readonly slowAfterMs: number;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly bot: StudyBot,
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
        ctx.command = [i.commandName, i.options.getSubcommandGroup(false), i.options.getSubcommand(false)].filter(Boolean).join(" ");
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
    if (!i.guildId) throw new UserError<DiscordKey>("discord.error.guild_only");
    return { group: { platform: PLATFORM, externalId: i.guildId }, userId: i.user.id, displayName: nameOf(i.member, i.user), locale: i.locale };
  }

  private fallbackLocale(i: BaseInteraction): Locale {
    return resolveLocale(this.opts.defaultLocale, i.locale, i.guildLocale);
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
  private async respond(i: RepliableInteraction, ctx: Ctx, opts: Respond, work: (l: Locale) => Promise<Reply> | Reply): Promise<void> {
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
    let result: Reply;
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
      const hidden = result.private ?? opts.ephemeral;
      await i.reply({ ...toReply(result), ...(hidden ? { flags: MessageFlags.Ephemeral } : {}) });
    }
  }

  /** Tells the caller, privately and in their language, what went wrong; logs it with context. */
  private async fail(i: RepliableInteraction, ctx: Ctx & { update?: boolean }, err: unknown, locale: Locale | undefined): Promise<void> {
    let l = locale;
    if (!l) l = await this.localeOf(i).catch(() => this.fallbackLocale(i));
    const f = classifyFailure(err);
    const text = td.has(f.key) ? td(l, f.key, f.params) : td(l, "error.internal");
    if (f.kind === "user") this.opts.logger.info({ ...ctx, key: f.key }, "discord: refused");
    else if (f.kind === "operator") this.opts.logger.warn({ ...ctx, key: f.key }, "discord: refused until an organiser fixes something");
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
      const option = findSpec(i.commandName, i.options.getSubcommand(false), i.options.getSubcommandGroup(false))?.options[focused.name];
      switch (option ? autocompleteSource(option) : null) {
        case "sections":
          choices = this.bot
            .suggest(typed)
            .filter((s) => s.value.length <= LIMITS.choiceValue)
            .map((s) => ({ name: clip(s.label, LIMITS.choiceName), value: s.value }));
          break;
        case "topics":
          choices = this.bot
            .topicChoices(typed.split(",").at(-1) ?? "", await this.localeOf(i), LIMITS.choices)
            .map((x) => ({ name: clip(x.name.toLowerCase() === x.key ? x.name : `${x.name} (${x.key})`, LIMITS.choiceName), value: x.key }));
          break;
        case "timezones":
          choices = timeZoneChoices(typed);
          break;
        case "notes":
          choices = this.bot.noteChoices(typed, LIMITS.choices).map((f) => ({ name: clip(f, LIMITS.choiceName), value: clip(f, LIMITS.choiceValue) }));
          break;
      }
    } catch (err) {
      this.opts.logger.error({ ...ctx, option: focused.name, err }, "discord: autocomplete failed");
    }
    await i.respond(choices.slice(0, LIMITS.choices));
  }

  // ------------------------------------------------------------------------------------------ commands

  private async command(i: ChatInputCommandInteraction, ctx: Ctx): Promise<void> {
    const spec = findSpec(i.commandName, i.options.getSubcommand(false), i.options.getSubcommandGroup(false));
    if (!spec) throw new UserError<DiscordKey>("discord.error.unknown_command");
    const actor = this.actor(i);
    if (spec.organiser && !(await this.isOrganiser(i, actor))) {
      this.opts.logger.warn({ ...ctx }, "discord: organiser command refused (no Manage Server)");
      throw new UserError<DiscordKey>("discord.error.not_organizer", { sub: spec.name });
    }
    // Organiser commands may post to Discord themselves: defer at once. The rest answer directly when fast.
    const respond: Respond = { ephemeral: spec.reply === "private", defer: spec.organiser ? "always" : "when-slow" };
    return this.respond(i, ctx, respond, async (locale) => {
      const args = this.args(i, spec);
      const channelId = (args.channel as string | undefined) ?? i.channelId;
      const { result, notices } = await this.posting(channelId, () => runCommand(spec, { bot: this.bot, actor, channelId }, args));
      // After `config language=…` the reply speaks the language just chosen.
      const shown = result.kind === "settings" ? await this.bot.locale(actor) : locale;
      return { ...withWarnings(renderResult(discordRenderers, result, { locale: shown }), shown, notices), ...visibility(result) };
    });
  }

  /**
   * The one organiser rule on Discord: Manage Server, or made an organiser here (the member, or a role they hold,
   * with /studybot organisers add). /studybot is registered without a default permission so delegated organisers
   * see it; this check is what keeps everyone else out.
   */
  private async isOrganiser(i: ChatInputCommandInteraction, actor: Actor): Promise<boolean> {
    if (i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
    return this.bot.isDelegatedOrganiser(actor, rolesOf(i.member));
  }

  /** The spec's options read from the interaction, through the same converters as text commands. */
  private args(i: ChatInputCommandInteraction, spec: AnyCommandSpec): Record<string, unknown> {
    const ctx = convertContext(this.bot, this.bot.defaultLocale, {
      member: () => {
        throw new Error("Discord passes members as users");
      },
      channel: () => {
        throw new Error("Discord passes channels as channels");
      },
      attachment: () => {
        throw new Error("Discord passes files as attachments");
      },
      role: () => {
        throw new Error("Discord passes roles as roles");
      },
    });
    const args: Record<string, unknown> = {};
    for (const [name, o] of Object.entries(spec.options)) {
      let value: unknown = null;
      switch (o.kind) {
        case "integer": {
          const n = i.options.getInteger(name);
          value = n === null ? null : checkInteger(name, o, n);
          break;
        }
        case "boolean":
          value = i.options.getBoolean(name);
          break;
        case "member": {
          const user = i.options.getUser(name);
          value = user ? { userId: user.id, displayName: nameOf(i.options.getMember(name), user) } : null;
          break;
        }
        case "attachment": {
          const a = i.options.getAttachment(name);
          value = a ? attachmentFile(a.name, a.size, a.url) : null;
          break;
        }
        case "role": {
          const r = i.options.getRole(name);
          value = r ? { id: r.id, name: r.name } : null;
          break;
        }
        case "channel": {
          const c = i.options.getChannel(name);
          if (c && !(POSTABLE_CHANNELS as readonly number[]).includes(c.type)) throw new UserError<DiscordKey>("discord.error.channel_not_text");
          value = c?.id ?? null;
          break;
        }
        default: {
          const raw = i.options.getString(name);
          value = raw === null ? null : convertText(name, o, raw, ctx);
        }
      }
      if (value !== null) args[name] = value;
    }
    return args;
  }

  /** Posting to a channel the bot may not write in is an organiser's fix, not an internal error. */
  private async posting<T>(channelId: string | null, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      // a post-now whose card could not be posted for good: the core passes the port's DeliveryError on
      if (err instanceof DeliveryError && (err.kind === "permission" || err.kind === "channel_gone")) {
        throw new UserError<DiscordKey>("discord.error.cannot_post", { channel: channelId ? channelMention(channelId) : "#?" });
      }
      if (err instanceof DiscordAPIError && [50001, 50013, 10003].includes(Number(err.code))) {
        throw new UserError<DiscordKey>("discord.error.cannot_post", { channel: channelId ? channelMention(channelId) : "#?" });
      }
      throw err;
    }
  }

  // ------------------------------------------------------------------------------------------ buttons

  private async button(i: ButtonInteraction, ctx: Ctx): Promise<void> {
    const parsed = parseCustomId(i.customId);
    if (!parsed.ok) {
      this.opts.logger.warn({ ...ctx, reason: parsed.reason }, "discord: button with an unusable custom id");
      throw new UserError<DiscordKey>(parsed.reason === "stale" ? "discord.error.button_stale" : "discord.error.button_invalid");
    }
    const actor = this.actor(i);
    const bot = this.bot;
    const action = parsed.action;
    const render = (result: CommandResult, locale: Locale) => renderResult(discordRenderers, result, { locale });
    switch (action.kind) {
      case "answer":
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow" }, async (l) => {
          const outcome = await bot.answer(actor, action.roundId, action.choice);
          if (outcome.kind === "unknown_round") this.opts.logger.warn({ ...ctx, roundId: action.roundId }, "discord: answer to an unknown round");
          return render({ kind: "answer", outcome, chosen: choiceLabel(action.choice), roundId: action.roundId }, l);
        });
      case "practice":
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow", update: true }, async (l) => render({ kind: "practiceAnswer", result: await bot.answerPractice(actor, action.roundId, action.choice) }, l));
      case "section":
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow" }, (l) => render({ kind: "section", section: bot.sectionOrFail(action.value) }, l));
      case "forget":
        // The confirmation is the caller's own private message; a click by anyone else is refused all the same.
        if (action.userId !== actor.userId) throw new UserError("forget.not_yours");
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow", update: true }, async (l) => render({ kind: "forgotten", outcome: await bot.forget(actor) }, l));
      case "review":
        return this.respond(i, ctx, { ephemeral: true, defer: "when-slow", update: true }, async (l) => render({ kind: "review", review: await bot.review(actor) }, l));
    }
  }
}

/** The role ids a member holds: a cached GuildMember has a role manager, the raw API member a list. */
function rolesOf(member: unknown): string[] {
  const m = member as { roles?: string[] | { cache?: Map<string, unknown> } } | null;
  if (!m?.roles) return [];
  if (Array.isArray(m.roles)) return m.roles;
  return [...(m.roles.cache?.keys() ?? [])];
}

/** An attachment of a command, read from Discord's CDN when the command needs its bytes. */
function attachmentFile(name: string, size: number, url: string): IncomingFile {
  return {
    name,
    size,
    async read() {
      const res = await fetch(url);
      if (!res.ok) throw new UserError<DiscordKey>("discord.error.attachment", { name });
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}

/** A lookup that found nothing concerns the caller only; a match is shown to the conversation it was asked in. */
function visibility(result: CommandResult): { private?: boolean } {
  return result.kind === "lookup" && result.result.hits.length === 0 ? { private: true } : {};
}

let zones: string[] | null = null;
function timeZoneChoices(typed: string): APIApplicationCommandOptionChoice<string>[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone")];
  const want = typed.trim().toLowerCase().replace(/\s+/g, "_");
  const starts = zones.filter((z) => z.toLowerCase().startsWith(want));
  const contains = zones.filter((z) => !z.toLowerCase().startsWith(want) && z.toLowerCase().includes(want));
  return [...starts, ...contains].slice(0, LIMITS.choices).map((z) => ({ name: z, value: z }));
}
