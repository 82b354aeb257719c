// What Slack sends that the command specs cannot know: its text escaping, its mention and channel syntax, and
// button values. Slack sends the text after a command as one string; with escaping on (see the manifest) a
// mention arrives as "<@U123|name>" and a channel as "<#C123|name>".
import type { MemberRef } from "../../core/commands/options.js";
import { UserError } from "../../core/errors.js";
import type { SlackKey } from "./messages.js";

/** Longest text accepted after a command; Slack allows more, nothing here needs it. */
export const MAX_COMMAND_TEXT = 500;

/** Slack sends &, < and > in command text as entities (its own <@U…> and <#C…> syntax stays literal). */
export function unescapeText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The command text as typed (entities decoded, trimmed), refused politely when over `max` characters. */
export function checkLength(text: string, max = MAX_COMMAND_TEXT): string {
  const s = unescapeText(text).trim();
  if (s.length > max) throw new UserError("option.too_long", { name: "text", length: s.length, max });
  return s;
}

export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;
export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,20}$/;

/** "<@U123|name>" or "<@U123>" → the member; anything else is refused with how to pick one. */
export function parseMention(text: string): MemberRef {
  const m = /^<@([UW][A-Z0-9]{2,20})(?:\|([^>]{0,80}))?>$/.exec(text.trim());
  if (!m) throw new UserError<SlackKey>("slack.error.bad_member", { value: text.slice(0, 80) });
  return { userId: m[1]!, displayName: m[2] || m[1]! };
}

/** "<#C123|name>" or "<#C123>" → the channel id. */
export function parseChannelLink(text: string): string {
  const m = /^<#([CG][A-Z0-9]{2,20})(?:\|[^>]{0,80})?>$/.exec(text.trim());
  if (!m) throw new UserError<SlackKey>("slack.error.bad_channel", { value: text.slice(0, 80) });
  return m[1]!;
}

/**
 * A Slack file named in command text: its id ("F0123ABC"), or a link to it as Slack writes one
 * (".../files/U123/F0123ABC/name.csv", ".../files-pri/T123-F0123ABC/name.csv", possibly inside <…|…>).
 */
export function parseFileLink(text: string): string {
  const t = text.trim().replace(/^<([^|>]+)(?:\|[^>]*)?>$/, "$1");
  const m = /^(F[A-Z0-9]{6,20})$/.exec(t) ?? /\/files\/[UW][A-Z0-9]+\/(F[A-Z0-9]{6,20})(?:\/|$)/.exec(t) ?? /\/files-pri\/T[A-Z0-9]+-(F[A-Z0-9]{6,20})(?:\/|$)/.exec(t);
  if (!m) throw new UserError<SlackKey>("slack.error.bad_file", { value: text.slice(0, 120) });
  return m[1]!;
}

/** Parses "<roundId>:<choice>" from a button value; null when it is not exactly that. */
export function parseChoiceValue(value: unknown): { id: number; choice: number } | null {
  if (typeof value !== "string") return null;
  const m = /^(\d{1,12}):(\d{1,2})$/.exec(value);
  if (!m) return null;
  return { id: Number(m[1]), choice: Number(m[2]) };
}

/** A section value from a lookup button: "section:<file>#<line>", bounded. */
export function parseSectionValue(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 600) return null;
  return /^section:[^\n\r]+#\d{1,7}$/.test(value) ? value : null;
}
