// Commands typed as text (Slack's slash-command text, the console's lines), read by the same specs Discord
// registers. Options come by name (`reveal=60`, `topic="데이터베이스 선택"`) or, when the spec allows it, by
// position in any order (`09:00 mon-fri Asia/Seoul`): each word goes to the first option still open that accepts
// it. A word no option accepts is refused with what each candidate accepts.
import { UserError } from "../errors.js";
import type { Locale } from "../locale.js";
import { t } from "../messages/index.js";
import { findSpec, groupSpecs, MEMBER_SPECS, ORGANISER_GROUP, ORGANISER_SPECS, subgroups } from "./index.js";
import type { TextContext } from "./context.js";
import { convertText, findChoice, type OptionSpec } from "./options.js";
import { commandPath, type AnyCommandSpec } from "./spec.js";

const HELP_WORDS = new Set(["help", "-h", "--help", "?", "도움말", "사용법"]);

export function isHelpWord(word: string): boolean {
  return HELP_WORDS.has(word.trim().toLowerCase());
}

/** What the text after a command name asks for. */
export type TextCommand =
  | { kind: "run"; spec: AnyCommandSpec; text: string }
  | { kind: "help"; spec: AnyCommandSpec }
  /** a group typed bare, with "help", or with a subcommand it does not have */
  | { kind: "usage"; group: string; unknown?: string }
  | { kind: "unknown"; name: string };

/** `name` is the command without "/" ("studybot"); `text` what follows it. */
export function readCommand(name: string, text: string): TextCommand {
  const command = name.toLowerCase();
  if (command === ORGANISER_GROUP) {
    let [head = "", ...rest] = text.trim().split(/\s+/);
    const word = (w: string) => w.toLowerCase().replace(/_/g, "-");
    // "/studybot questions draft …": a subcommand group, then its subcommand
    const subgroup = subgroups(command).has(word(head)) ? word(head) : null;
    if (subgroup) [head = "", ...rest] = rest;
    const sub = word(head);
    if (!sub || isHelpWord(sub)) return { kind: "usage", group: command };
    const spec = findSpec(command, sub, subgroup) ?? (subgroup ? null : findSpec(command, SUB_ALIASES[sub.replace(/-/g, "")] ?? ""));
    if (!spec) return { kind: "usage", group: command, unknown: [subgroup, head.slice(0, 40)].filter(Boolean).join(" ") };
    const restText = rest.join(" ");
    return isHelpWord(restText) ? { kind: "help", spec } : { kind: "run", spec, text: restText };
  }
  const spec = findSpec(command);
  if (!spec) return { kind: "unknown", name: command.slice(0, 40) };
  // A free-text option typed without its name takes "help" as text (a lookup of the word "help").
  const freeText = Object.values(spec.options).some((o) => o.kind === "text" && o.positional);
  return isHelpWord(text) && !freeText ? { kind: "help", spec } : { kind: "run", spec, text };
}

const SUB_ALIASES: Record<string, string> = { postnow: "post-now", post: "post-now", revealnow: "reveal-now", reveal: "reveal-now", settings: "config", stop: "unschedule" };

/** Words of a command line: `key="a b"`, `"a b"`, Slack entities `<@U1|name>` and plain words. */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[^\s=]+="[^"]*"|"[^"]*"|<[^>]*>|\S+/g)) out.push(m[0].replace(/^([^\s=]+=)?"(.*)"$/, "$1$2"));
  return out;
}

/** "오전 9시", "9 am", "3시 30분" are one time: join them before splitting into words. */
function joinTimeWords(text: string): string {
  return text
    .replace(/(오전|오후)\s+(?=\d)/g, "$1")
    .replace(/(\d)\s+(am|pm|a\.m\.|p\.m\.|시)(?=\s|$|\d)/gi, "$1$2")
    .replace(/(\d시)\s+(\d{1,2}분|반)/g, "$1$2");
}

function optionByName(spec: AnyCommandSpec, key: string): [string, OptionSpec] | undefined {
  const k = key.toLowerCase();
  return Object.entries(spec.options).find(([name, o]) => name === k || (o.aliases ?? []).includes(k));
}

/** What a word meant for an option of some kinds looks like, to explain a refusal by the right option. */
const SHAPES: Partial<Record<OptionSpec["kind"], RegExp>> = {
  time: /\d/,
  timezone: /\/|^(?:utc|gmt)$/i,
  weekdays: /^[\p{L},-]+$/u,
};

/** Kinds that may take several words when they are the last thing given (a lookup query, a topic name). */
const TAKES_REST = new Set<OptionSpec["kind"]>(["text", "topic", "member"]);

/** Reads the arguments of `spec` from `text`; throws a UserError saying what is wrong and what to write. */
export function parseArgs(spec: AnyCommandSpec, rawText: string, ctx: TextContext): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const hasTime = Object.values(spec.options).some((o) => o.kind === "time");
  const words = tokens(hasTime ? joinTimeWords(rawText) : rawText);
  const textOption = Object.entries(spec.options).find(([, o]) => o.kind === "text" && o.positional);
  if (textOption) {
    // Everything typed is the text (a lookup query may contain "=" or words like "help").
    const text = rawText.trim();
    if (text) args[textOption[0]] = convertText(textOption[0], textOption[1], text, ctx);
    return finish(spec, args);
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // name=value, or name:value as Discord writes it ("remind:20:00") when the name is one of the options
    const colon = /^(\p{L}[\p{L}\p{N}_-]*):(.+)$/u.exec(word);
    const named = /^([\p{L}\p{N}_-]+)=(.*)$/u.exec(word) ?? (colon && optionByName(spec, colon[1]!) ? colon : null);
    if (named) {
      const found = optionByName(spec, named[1]!);
      if (!found) throw new UserError("option.unknown", { name: named[1]!.slice(0, 40), command: commandPath(spec), options: Object.keys(spec.options).join(", ") });
      const [name, option] = found;
      if (named[2] === "") throw new UserError("option.empty", { name });
      args[name] = convertText(name, option, named[2]!, ctx);
      continue;
    }
    const open = Object.entries(spec.options).filter(([name, o]) => o.positional && !(name in args) && (!o.positionalAfter || args[o.positionalAfter.option] === o.positionalAfter.value));
    if (open.length === 0) throw new UserError("option.extra", { value: word.slice(0, 60), command: commandPath(spec), usage: usageSyntax(spec) });
    const failures: Array<[string, OptionSpec, unknown]> = [];
    let placed = false;
    for (const [name, option] of open) {
      const rest = words.slice(i).join(" ");
      const attempts = option.kind === "boolean" ? [word] : TAKES_REST.has(option.kind) && i < words.length - 1 ? [word, rest] : [word];
      for (const attempt of attempts) {
        try {
          args[name] = option.kind === "boolean" ? readFlag(name, option, attempt) : convertText(name, option, attempt, ctx);
          if (attempt === rest && attempt !== word) i = words.length;
          placed = true;
          break;
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          failures.push([name, option, err]);
        }
      }
      if (placed) break;
    }
    if (placed) continue;
    // A required option still missing explains the word best ("9.30" for the schedule's time); else the one
    // option the word looks meant for ("Mars/Phobos" is a time zone, "someday" weekdays).
    const required = failures.find(([, o]) => o.required);
    if (required) throw required[2];
    const claimed = failures.filter(([, o]) => SHAPES[o.kind]?.test(word));
    if (claimed.length === 1) throw claimed[0]![2];
    if (failures.length === 1) throw failures[0]![2];
    const candidates = [...new Map(failures.map(([name, o]) => [name, o])).entries()];
    if (candidates.length === 1) throw failures[0]![2];
    throw new UserError("option.no_fit", { value: word.slice(0, 60), expected: candidates.map(([name, o]) => `${name}: ${accepted(o, ctx)}`).join(" · ") });
  }
  return finish(spec, args);
}

function readFlag(name: string, o: OptionSpec, word: string): boolean {
  const w = word.toLowerCase();
  if (w === name || (o.aliases ?? []).includes(w)) return true;
  const choice = findChoice([{ value: "true", label: "choice.all", aliases: ["on", "yes", "켜기", "켬"] }, { value: "false", label: "choice.all", aliases: ["off", "no", "끄기", "끔"] }], w);
  if (!choice) throw new UserError("option.bad_flag", { name, value: word.slice(0, 40) });
  return choice.value === "true";
}

function finish(spec: AnyCommandSpec, args: Record<string, unknown>): Record<string, unknown> {
  for (const [name, o] of Object.entries(spec.options)) {
    if (o.required && !(name in args)) throw new UserError("option.missing", { name, command: commandPath(spec), usage: usageSyntax(spec), example: spec.example ? `${commandPath(spec)} ${spec.example}` : usageSyntax(spec) });
  }
  return args;
}

/** What an option accepts, for the message that refuses a word. */
function accepted(o: OptionSpec, ctx: { topicNames(): string[] }): string {
  switch (o.kind) {
    case "choice":
      return o.choices.map((c) => c.value).join(", ");
    case "topic":
    case "topics":
      return ctx.topicNames().join(", ");
    case "integer":
      return `${o.min}–${o.max}`;
    case "time":
      return "HH:MM";
    case "weekdays":
      return "mon-fri, daily, 월-금 …";
    case "timezone":
      return "Asia/Seoul, UTC …";
    default:
      return o.kind;
  }
}

/** "/studybot schedule <time> [days] [timezone] [topics=…] [reveal=1–1440] [instant=on|off] [name=…] [channel=…]" */
export function usageSyntax(spec: AnyCommandSpec): string {
  const parts = Object.entries(spec.options).map(([name, o]) => {
    const shown = o.kind === "choice" ? o.choices.map((c) => c.value).join("|") : o.kind === "boolean" ? (o.positional ? name : "on|off") : o.kind === "integer" ? `${o.min}–${o.max}` : "…";
    const inner = o.positional ? (o.kind === "choice" || o.kind === "boolean" ? shown : name) : `${name}=${shown}`;
    return o.required ? `<${inner}>` : `[${inner}]`;
  });
  return [commandPath(spec), ...parts].join(" ");
}

/** One line per command: its syntax and what it does, in the locale. */
export function usageLines(specs: readonly AnyCommandSpec[], locale: Locale): string[] {
  return specs.map((s) => `${usageSyntax(s)} — ${t(locale, s.description)}`);
}

/** The member commands and the organiser group, for a help text. */
export function allUsage(locale: Locale): { member: string[]; organiser: string[] } {
  return { member: usageLines(MEMBER_SPECS, locale), organiser: usageLines(ORGANISER_SPECS, locale) };
}

export { groupSpecs };
