// A command, defined once: its name, options, who may run it and its behaviour as one core call returning a
// typed result. Discord's registration, Slack's parser and manifest, and the console's dispatch and help are
// all derived from these specs (src/core/commands/index.ts lists them).
import type { StudyBot } from "../app.js";
import type { Actor } from "../cards.js";
import type { MessageKey } from "../messages/index.js";
import type { ArgsOf, Options } from "./options.js";
import type { CommandResult } from "./results.js";

/** Who runs the command and where: the platform fills it from the chat event. */
export interface CommandContext {
  bot: StudyBot;
  actor: Actor;
  /** the channel the command was typed in (the console has one) */
  channelId: string;
}

export interface CommandSpec<O extends Options = Options, R extends CommandResult = CommandResult> {
  /** the command's name, or the subcommand's name under its group */
  name: string;
  /** set for subcommands: the top-level command they belong to ("studybot") */
  group?: string;
  /** set for subcommands inside a subcommand group ("/studybot questions draft": subgroup "questions") */
  subgroup?: string;
  description: MessageKey;
  /** organiser commands: the platform checks its organiser rule before running them */
  organiser: boolean;
  /** whether the reply is for the caller only (Discord's ephemeral reply) */
  reply: "public" | "private";
  /** in order: required ones first (Discord requires it), then the rest as text forms read them */
  options: O;
  /** shown in usage texts after the command (e.g. "/studybot schedule 09:00 mon-fri Asia/Seoul") */
  example?: string;
  run(ctx: CommandContext, args: ArgsOf<O>): Promise<R>;
}

/** Keeps the literal option types so `run` receives typed arguments. */
export function defineCommand<const O extends Options, R extends CommandResult>(spec: CommandSpec<O, R>): CommandSpec<O, R> {
  return spec;
}

/** A spec with its option types erased, as the platforms handle them in lists. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommandSpec = CommandSpec<Options, CommandResult> & { run(ctx: CommandContext, args: any): Promise<CommandResult> };

/** "/lookup", "/studybot schedule", "/studybot questions draft" */
export function commandPath(spec: Pick<CommandSpec, "name" | "group" | "subgroup">): string {
  return "/" + [spec.group, spec.subgroup, spec.name].filter(Boolean).join(" ");
}
