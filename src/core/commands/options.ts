// Option kinds of the command specs, and how a value of each kind is read. Discord hands typed values (numbers,
// booleans, users, channels); Slack and the console hand words of text. Both end in the same converters here,
// so a value is checked the same way on every platform.
import { UserError } from "../errors.js";
import type { MessageKey } from "../messages/index.js";
import type { IncomingFile } from "../organiser/service.js";
import { parseOnOff, parseTime, parseTimeZone, parseWeekdays } from "../schedule/parse.js";

/** A member as the platform names them (a mention, a name typed in the console). */
export interface MemberRef {
  userId: string;
  displayName: string;
}

/** A role of the platform (Discord's server roles). */
export interface RoleRef {
  id: string;
  name: string;
}

export type { IncomingFile };

/** One allowed value of a `choice` option, with the words text forms accept for it (이번주, 전체 …). */
export interface ChoiceSpec<V extends string = string> {
  value: V;
  /** the choice's name as shown (Discord's choice list, help texts) */
  label: MessageKey;
  aliases?: readonly string[];
}

interface OptionBase {
  description: MessageKey;
  required?: boolean;
  /** text forms may give it without its name (in the order the options are listed); otherwise only as name=value */
  positional?: boolean;
  /** other names text forms accept before `=` (tz for timezone) */
  aliases?: readonly string[];
  /** text forms take it by position only once another option has this value (`/leaderboard season <name>`) */
  positionalAfter?: { option: string; value: string };
}

export type OptionSpec =
  /** free text, the rest of the line in text forms */
  | (OptionBase & { kind: "text"; maxLength: number; autocomplete?: "sections" })
  /** one word: letters, digits, - and _ */
  | (OptionBase & { kind: "word"; maxLength: number })
  | (OptionBase & { kind: "integer"; min: number; max: number })
  | (OptionBase & { kind: "boolean" })
  | (OptionBase & { kind: "choice"; choices: readonly ChoiceSpec[] })
  /** a topic of the question bank, by key or name in either language (autocomplete: the topics) */
  | (OptionBase & { kind: "topic" })
  /** several topics, comma-separated in text forms */
  | (OptionBase & { kind: "topics" })
  | (OptionBase & { kind: "member" })
  | (OptionBase & { kind: "channel" })
  /** a time of day ("09:00", "9am", "오전9시") */
  | (OptionBase & { kind: "time" })
  /** weekdays ("mon-fri", "월,수,금", "daily") */
  | (OptionBase & { kind: "weekdays" })
  /** an IANA time zone (autocomplete: the zones) */
  | (OptionBase & { kind: "timezone" })
  /** a note of the corpus, by file name (autocomplete: the notes) */
  | (OptionBase & { kind: "note" })
  /** a file the member sends: a Discord attachment, a Slack file link, a path in the console */
  | (OptionBase & { kind: "attachment" })
  /** a role of the platform (Discord); text forms refuse it where the platform has none */
  | (OptionBase & { kind: "role" });

export type OptionKind = OptionSpec["kind"];
export type Options = Readonly<Record<string, OptionSpec>>;

export type ValueOf<O extends OptionSpec> = O extends { kind: "integer" }
  ? number
  : O extends { kind: "boolean" }
    ? boolean
    : O extends { kind: "choice"; choices: readonly (infer C)[] }
      ? C extends { value: infer V }
        ? V
        : never
      : O extends { kind: "topics" | "weekdays" }
        ? O extends { kind: "topics" }
          ? string[]
          : number[]
        : O extends { kind: "member" }
          ? MemberRef
          : O extends { kind: "attachment" }
            ? IncomingFile
            : O extends { kind: "role" }
              ? RoleRef
              : string;

/** The arguments a command's behaviour receives: required options always present, the others maybe. */
export type ArgsOf<O extends Options> = { -readonly [K in keyof O]: O[K] extends { required: true } ? ValueOf<O[K]> : ValueOf<O[K]> | undefined };

/** Where an option's autocomplete suggestions come from (Discord offers them as the member types). */
export function autocompleteSource(o: OptionSpec): "sections" | "topics" | "timezones" | "notes" | null {
  if (o.kind === "text") return o.autocomplete ?? null;
  if (o.kind === "topic") return "topics";
  if (o.kind === "timezone") return "timezones";
  if (o.kind === "note") return "notes";
  return null;
}

/** What the converters need from the rest of the product. */
export interface ConvertContext {
  /** a topic key or name → its key; throws a UserError naming the closest topics */
  topic(input: string): string;
  /** a member as written in a text form (Slack mention, console name) */
  member(input: string): MemberRef;
  /** a channel as written in a text form (Slack channel link) → its id */
  channel(input: string): string;
  /** a note named by its file name → the note's file as the corpus names it; throws a UserError listing notes */
  note(input: string): string;
  /** a file as written in a text form (a Slack file link, a console path) */
  attachment(input: string): IncomingFile;
  /** a role as written in a text form; a platform with no roles refuses it */
  role(input: string): RoleRef;
}

const WORD = /^[\p{L}\p{N}_-]+$/u;

/** The user's own name for an option in messages: "fast-bonus", not an internal key. */
export function optionLabel(name: string): string {
  return name;
}

/** Reads a value given as text (Slack, console; Discord string options go through here too). */
export function convertText(name: string, o: OptionSpec, raw: string, ctx: ConvertContext): unknown {
  const value = raw.trim();
  switch (o.kind) {
    case "text":
      if (value.length > o.maxLength) throw new UserError("option.too_long", { name, length: value.length, max: o.maxLength });
      return value;
    case "word":
      if (!WORD.test(value) || value.length > o.maxLength) throw new UserError("option.bad_word", { name, value: value.slice(0, 60), max: o.maxLength });
      return value.toLowerCase();
    case "integer":
      return checkInteger(name, o, /^[+-]?\d+$/.test(value) ? Number(value) : NaN, value);
    case "boolean":
      return parseOnOff(value, name);
    case "choice": {
      const found = findChoice(o.choices, value);
      if (!found) throw new UserError("option.bad_choice", { name, value: value.slice(0, 60), choices: o.choices.map((c) => c.value).join(", ") });
      return found.value;
    }
    case "topic":
      return ctx.topic(value);
    case "topics":
      return [...new Set(value.split(/[\s,]+/).filter(Boolean).map((t) => ctx.topic(t)))];
    case "member":
      return ctx.member(value);
    case "channel":
      return ctx.channel(value);
    case "time":
      return parseTime(value);
    case "weekdays":
      return parseWeekdays(value);
    case "timezone":
      return parseTimeZone(value);
    case "note":
      return ctx.note(value);
    case "attachment":
      return ctx.attachment(value);
    case "role":
      return ctx.role(value);
  }
}

export function checkInteger(name: string, o: { min: number; max: number }, n: number, shown: string = String(n)): number {
  if (!Number.isInteger(n) || n < o.min || n > o.max) throw new UserError("option.bad_integer", { name, value: shown.slice(0, 30), min: o.min, max: o.max });
  return n;
}

export function findChoice<C extends ChoiceSpec>(choices: readonly C[], input: string): C | undefined {
  const v = input.trim().toLowerCase().replace(/\s+/g, "");
  return choices.find((c) => c.value === v || (c.aliases ?? []).some((a) => a.toLowerCase().replace(/\s+/g, "") === v));
}
