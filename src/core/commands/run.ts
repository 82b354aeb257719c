// Running a command spec, the same way on every platform: its one core call, then — for organiser commands — the
// schedules the bot paused since the group's organisers last heard of it, which the platform shows above the
// reply as one warning line each (told once).
import type { PauseNotice } from "../app.js";
import type { CommandResult } from "./results.js";
import type { AnyCommandSpec, CommandContext } from "./spec.js";

export interface CommandOutcome {
  result: CommandResult;
  notices: PauseNotice[];
}

export async function runCommand(spec: AnyCommandSpec, ctx: CommandContext, args: Record<string, unknown>): Promise<CommandOutcome> {
  const result = await spec.run(ctx, args);
  const notices = spec.organiser ? await ctx.bot.takePauseNotices(ctx.actor) : [];
  return { result, notices };
}
