// `studybot export …` and `studybot questions import …`: the organiser tools from the command line, on the configured
// database, for one group (the only one, or the one --group names), through the same core calls as the chat commands.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { CliIO } from "../cli.js";
import { loadConfig } from "../config.js";
import type { Actor, GroupRef } from "../core/cards.js";
import { systemClock } from "../core/clock.js";
import { createCore } from "../core/create.js";
import { classifyFailure } from "../core/errors.js";
import { t } from "../core/messages/index.js";
import { loadNotes, noteReader } from "../core/notes/load.js";
import { LookupService } from "../core/notes/lookup.js";
import type { ExportKind } from "../core/organiser/service.js";
import { emptyQuestionBank, loadQuestionBank } from "../core/questions/load.js";
import { openConfiguredDatabase } from "../db/index.js";
import { createLogger } from "../logger.js";

const EXPORT_USAGE = `usage: studybot export answers|leaderboard|questions [week|month|all|season] [--season NAME] [--group PLATFORM:ID] [--out FILE]

  answers       every answer of the window: when, who, which round and question, the choice, points
  leaderboard   the whole board of the window: rank, member, points, correct, answered, accuracy, streak
  questions     the group's own questions, in the format questions import reads

  the window    week, month or all (default), or season (the current one, or --season NAME)
  --group       the group, as platform:id (discord:<server id>, slack:<team id>, console:local); needed when the
                database holds several
  --out FILE    where to write the CSV (default: the file's own name in the current folder)
`;

export const IMPORT_USAGE = `usage: studybot questions import <file.yaml|file.csv> [--group PLATFORM:ID]
`;

/** Opens the configured database and the core on it, and finds the group named by --group (or the only one). */
async function openGroup(groupArg: string | undefined, io: CliIO): Promise<{ actor: Actor; core: ReturnType<typeof createCore>; close(): Promise<void> } | null> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  const sections = loadNotes(config.notesDir);
  const bank = config.questionsDir === null ? emptyQuestionBank() : loadQuestionBank(config.questionsDir, { sections });
  const logger = createLogger("warn");
  const core = createCore({ store: database.store, notes: new LookupService(sections), sections, readNote: noteReader(config.notesDir), bank, clock: systemClock, logger, settings: { defaultTimezone: config.defaultTimezone, defaultLocale: config.defaultLocale } });
  const close = async () => void (await database.close());
  const groups = await database.store.listGroups();
  let ref: GroupRef | undefined;
  if (groupArg !== undefined) {
    const m = /^([a-z]+):(.+)$/.exec(groupArg);
    ref = m ? groups.find((g) => g.platform === m[1] && g.externalId === m[2]) : undefined;
    if (!ref) {
      io.stderr.write(`studybot: no group ${groupArg} in ${database.label}; groups: ${groups.map((g) => `${g.platform}:${g.externalId}`).join(", ") || "none yet"}\n`);
      await close();
      return null;
    }
  } else if (groups.length === 1) ref = groups[0];
  else {
    io.stderr.write(
      groups.length === 0
        ? `studybot: ${database.label} has no group yet: start the bot and use it once\n`
        : `studybot: ${database.label} holds ${groups.length} groups: name one with --group (${groups.map((g) => `${g.platform}:${g.externalId}`).join(", ")})\n`,
    );
    await close();
    return null;
  }
  const actor: Actor = { group: { platform: ref!.platform, externalId: ref!.externalId }, userId: "studybot-cli", displayName: "studybot (command line)" };
  return { actor, core, close };
}

function failure(err: unknown, io: CliIO, locale: "ko" | "en"): number {
  const f = classifyFailure(err);
  if (f.kind === "bug") throw err;
  io.stderr.write(`studybot: ${t(locale, f.key as Parameters<typeof t>[1], f.params)}\n`);
  return 1;
}

export async function runExport(args: string[], io: CliIO): Promise<number> {
  let values: { season?: string; group?: string; out?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options: { season: { type: "string" }, group: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true }));
  } catch (err) {
    io.stderr.write(`studybot export: ${(err as Error).message}\n\n${EXPORT_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(EXPORT_USAGE);
    return 0;
  }
  const [kind, period = values.season ? "season" : "all", extra] = positionals;
  if (!kind || !["answers", "leaderboard", "questions"].includes(kind) || !["week", "month", "all", "season"].includes(period) || extra) {
    io.stderr.write(EXPORT_USAGE);
    return 2;
  }
  const opened = await openGroup(values.group, io);
  if (!opened) return 1;
  try {
    const locale = await opened.core.bot.locale(opened.actor);
    try {
      const { file, rows } = await opened.core.bot.exportFile(opened.actor, kind as ExportKind, period as "week" | "month" | "all" | "season", values.season);
      const target = path.resolve(values.out ?? file.name);
      writeFileSync(target, file.data);
      io.stdout.write(`${t(locale, "export.done", { rows, name: target })}\n`);
      return 0;
    } catch (err) {
      return failure(err, io, locale);
    }
  } finally {
    await opened.close();
  }
}

export async function runImport(args: string[], io: CliIO): Promise<number> {
  let values: { group?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options: { group: { type: "string" } }, allowPositionals: true, strict: true }));
  } catch (err) {
    io.stderr.write(`studybot questions import: ${(err as Error).message}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  if (positionals.length !== 1) {
    io.stderr.write(IMPORT_USAGE);
    return 2;
  }
  const file = path.resolve(positionals[0]!);
  let data: Uint8Array;
  try {
    data = new Uint8Array(readFileSync(file));
  } catch (err) {
    io.stderr.write(`studybot questions import: cannot read ${file} (${(err as Error).message})\n`);
    return 1;
  }
  const opened = await openGroup(values.group, io);
  if (!opened) return 1;
  try {
    const locale = await opened.core.bot.locale(opened.actor);
    try {
      const outcome = await opened.core.bot.importQuestions(opened.actor, { name: path.basename(file), size: data.length, read: async () => data });
      if (outcome.ok) {
        io.stdout.write(`${t(locale, "questions.imported", { file: outcome.file, added: outcome.added, replaced: outcome.replaced, total: outcome.total })}\n`);
        return 0;
      }
      io.stderr.write(`${t(locale, "questions.problems", { file: outcome.file, count: outcome.problems.length })}\n`);
      for (const p of outcome.problems) io.stderr.write(`${p.file}:${p.line}: ${p.message}\n`);
      return 1;
    } catch (err) {
      return failure(err, io, locale);
    }
  } finally {
    await opened.close();
  }
}

export const run = runExport;
