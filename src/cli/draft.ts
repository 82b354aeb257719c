// `studybot questions draft <note file> [--limit N] [--topic KEY] [--out FILE] [--seed N]`: candidate questions
// drafted from one note, as the bank's YAML with `draft: true` (stdout, or --out FILE). The other notes of the
// note's folder lend distractors. Lines passed over are listed on stderr with the reason.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { CliIO } from "../cli.js";
import { loadNotes } from "../core/notes/load.js";
import { draftQuestions, draftsToYaml } from "../core/questions/draft/index.js";
import { KEBAB_CASE } from "../core/questions/schema.js";

const USAGE = `usage: studybot questions draft <note file> [--limit N] [--topic KEY] [--out FILE] [--seed N]

  Drafts multiple-choice questions from a note (.md, .markdown or .txt) for an organiser to review:
  each draft cites its note line, carries draft: true, a confidence score and the rule that made it.

  --limit N    at most N drafts, the most confident first (default: all)
  --topic KEY  topic key of every draft, a key of questions/topics.yaml (default: the note's name)
  --out FILE   write the YAML to FILE instead of stdout
  --seed N     seed for the order of choices and the distractors drawn (default 1)
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { limit: { type: "string" }, topic: { type: "string" }, out: { type: "string" }, seed: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    return usageError(io, (err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? "name the note to draft from, e.g. studybot questions draft notes/os.md" : `draft one note at a time (got ${positionals.length}: ${positionals.join(" ")})`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) return usageError(io, `--limit must be a whole number of at least 1 (got "${values.limit}")`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) return usageError(io, `--seed must be a whole number of at least 0 (got "${values.seed}")`);
  if (values.topic !== undefined && !KEBAB_CASE.test(values.topic)) return usageError(io, `--topic must be a topic key in kebab-case such as lambda or os-memory (got "${values.topic}")`);

  const note = path.resolve(positionals[0]!);
  if (!/\.(md|markdown|txt)$/i.test(note)) return usageError(io, `${positionals[0]} is not a note: give a .md, .markdown or .txt file`);
  let content: string;
  try {
    content = readFileSync(note, "utf8");
  } catch (err) {
    io.stderr.write(`studybot questions draft: cannot read ${positionals[0]} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): give the path of a note file\n`);
    return 1;
  }
  // The note's folder is its corpus: the same names loadNotes gives, so the note is found among them.
  const sections = loadNotes(path.dirname(note));
  const file = path.relative(process.cwd(), note).split(path.sep).join("/");
  const own = file.startsWith("..") ? note : file;
  const result = draftQuestions(sections, { file: own, content, limit, topic: values.topic, seed });

  const yaml = draftsToYaml(result.drafts);
  if (values.out) writeFileSync(values.out, yaml);
  else io.stdout.write(yaml);
  for (const s of result.skipped) io.stderr.write(`${own}:${s.line}: skipped: ${s.reason}\n`);
  const byRule = new Map<string, number>();
  for (const d of result.drafts) byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
  const rules = [...byRule].map(([r, n]) => `${n} ${r}`).join(", ");
  io.stderr.write(
    `drafted ${result.drafts.length} question${result.drafts.length === 1 ? "" : "s"} from ${own}${rules ? ` (${rules})` : ""}${values.out ? ` into ${values.out}` : ""}; ${result.skipped.length} line${result.skipped.length === 1 ? "" : "s"} skipped. Review them, set topic and tags, and delete each draft line to publish.\n`,
  );
  return 0;
}

function usageError(io: CliIO, message: string): number {
  io.stderr.write(`studybot questions draft: ${message}\n\n${USAGE}`);
  return 2;
}
