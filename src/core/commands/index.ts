// Every command studybot answers, in one list. Platforms derive their surface from it: Discord registers them,
// Slack parses their text and lists them in its manifest, the console dispatches them and prints them in /help.
import { MEMBER_COMMANDS } from "./member.js";
import { ORGANISER_COMMANDS, ORGANISER_GROUP } from "./organiser.js";
import type { AnyCommandSpec } from "./spec.js";

export { ORGANISER_GROUP } from "./organiser.js";
export { commandPath, defineCommand, type AnyCommandSpec, type CommandContext, type CommandSpec } from "./spec.js";
export type { CommandResult, Renderers, ResultKind, ResultOf } from "./results.js";
export { renderResult } from "./results.js";
export { runCommand, type CommandOutcome } from "./run.js";

export const MEMBER_SPECS: readonly AnyCommandSpec[] = MEMBER_COMMANDS;
export const ORGANISER_SPECS: readonly AnyCommandSpec[] = ORGANISER_COMMANDS;
export const ALL_SPECS: readonly AnyCommandSpec[] = [...MEMBER_SPECS, ...ORGANISER_SPECS];

/** The top-level commands as chat platforms register them: each member command, then the organiser group. */
export const TOP_LEVEL = [...MEMBER_SPECS.map((s) => s.name), ORGANISER_GROUP] as const;

/** The spec of `/name`, `/group sub` or `/group subgroup sub`; null when there is none. */
export function findSpec(name: string, sub?: string | null, subgroup?: string | null): AnyCommandSpec | null {
  if (name === ORGANISER_GROUP) return (sub && ORGANISER_SPECS.find((s) => s.name === sub && (s.subgroup ?? null) === (subgroup ?? null))) || null;
  return MEMBER_SPECS.find((s) => s.name === name) ?? null;
}

/** The subcommand groups of a group, each with its subcommands ("questions" → draft, …). */
export function subgroups(group: string): Map<string, AnyCommandSpec[]> {
  const out = new Map<string, AnyCommandSpec[]>();
  for (const s of groupSpecs(group)) if (s.subgroup) out.set(s.subgroup, [...(out.get(s.subgroup) ?? []), s]);
  return out;
}

/** Subcommands of a group ("studybot"). */
export function groupSpecs(group: string): readonly AnyCommandSpec[] {
  return group === ORGANISER_GROUP ? ORGANISER_SPECS : [];
}
