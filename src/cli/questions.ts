// `studybot questions validate [--dir DIR] [--notes DIR] [--strict] [--drafts]`,
// `studybot questions stats [--dir DIR] [--notes DIR] [--json]` and `studybot questions draft …` (src/cli/draft.ts).
import path from "node:path";
import { parseArgs } from "node:util";
import type { CliIO } from "../cli.js";
import { loadConfig } from "../config.js";
import { loadNotes } from "../core/notes/load.js";
import type { Section } from "../core/notes/types.js";
import { validateQuestionBank } from "../core/questions/load.js";
import { DRAFT_REFUSED } from "../core/questions/schema.js";
import { computeStats, formatStats } from "../core/questions/stats.js";
import type { Question, QuestionProblem } from "../core/questions/types.js";
import { checkGrounding, noteNames } from "../core/questions/validate.js";

const USAGE = `usage: studybot questions validate [--dir DIR] [--notes DIR] [--strict] [--drafts]
       studybot questions stats [--dir DIR] [--notes DIR] [--json]
       studybot questions draft <note file> [--limit N] [--topic KEY] [--out FILE] [--seed N]

  validate   check every question file; prints file:line: message per problem, exits 1 on any
  stats      count questions per note, topic, difficulty and tag
  draft      draft candidate questions from a note, as YAML for an organiser to review

  --dir DIR    the question folder (default: QUESTIONS_DIR, ./questions)
  --notes DIR  the notes folder sources must resolve in (default: NOTES_DIR, ./notes)
  --strict     also warn when the correct choice does not appear in the cited section
  --drafts     accept drafted questions (draft: true); without it each draft is reported
  --json       stats as JSON
`;

export function formatProblem(p: QuestionProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === "help" || sub === "--help" || sub === "-h") {
    io.stdout.write(USAGE);
    return sub ? 0 : 2;
  }
  if (sub === "draft") return (await import("./draft.js")).run(rest, io);
  if (sub !== "validate" && sub !== "stats") {
    io.stderr.write(`studybot questions: unknown subcommand "${sub}"\n\n${USAGE}`);
    return 2;
  }
  let values: { dir?: string; notes?: string; strict?: boolean; json?: boolean; drafts?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { dir: { type: "string" }, notes: { type: "string" }, strict: { type: "boolean" }, json: { type: "boolean" }, drafts: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    }));
    const misplaced = sub === "validate" ? (values.json ? "--json" : null) : values.strict ? "--strict" : values.drafts ? "--drafts" : null;
    if (misplaced) throw new Error(`${misplaced} is not an option of "questions ${sub}"`);
  } catch (err) {
    io.stderr.write(`studybot questions ${sub}: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }

  // The configuration is read only for what the options leave open.
  const config = values.dir === undefined || values.notes === undefined ? loadConfig() : undefined;
  const dir = path.resolve(values.dir ?? config!.questionsDir);
  const notesDir = path.resolve(values.notes ?? config!.notesDir);
  const sections: Section[] = loadNotes(notesDir);
  const result = validateQuestionBank(dir, { sections, drafts: values.drafts });

  if (sub === "stats") {
    // Count under the note each source resolved to, so "notes/x.md" and "x.md" are one row.
    const names = noteNames(sections);
    const fileOf = new Map(sections.map((s) => [s.id, s.file]));
    const noteOf = (q: Question) => names.get(fileOf.get(q.sectionId ?? -1) ?? "") ?? q.source.note;
    const stats = computeStats(result.questions, result.topics, { files: result.files.length, notes: [...names.values()], noteOf });
    io.stdout.write(values.json ? JSON.stringify(stats, null, 2) + "\n" : formatStats(stats));
    if (result.problems.length > 0) {
      io.stderr.write(`warning: the bank has ${plural(result.problems.length, "problem")}; these counts cover the ${plural(result.questions.length, "valid question")} only. Run \`studybot questions validate\` for the list.\n`);
    }
    return 0;
  }

  for (const p of result.problems) io.stderr.write(formatProblem(p) + "\n");

  if (values.strict) {
    const grounding = checkGrounding(result.questions, sections);
    for (const w of grounding.warnings) io.stderr.write(formatProblem(w) + "\n");
    const pct = grounding.checked ? ((100 * grounding.supported) / grounding.checked).toFixed(1) : "0.0";
    io.stdout.write(`grounding: ${grounding.supported}/${grounding.checked} questions (${pct}%) have their correct choice in the cited section\n`);
  }

  const drafts = result.problems.filter((p) => p.message === DRAFT_REFUSED).length;
  if (drafts > 0) io.stderr.write(`${plural(drafts, "draft")} listed above: review them and delete their draft lines to publish them, or run \`studybot questions validate --drafts\` to check them as drafts\n`);
  if (result.problems.length > 0) {
    const files = new Set(result.problems.map((p) => p.file)).size;
    io.stderr.write(`${plural(result.problems.length, "problem")} in ${plural(files, "file")}: fix them and run \`studybot questions validate\` again\n`);
    return 1;
  }
  io.stdout.write(`ok: ${result.questions.length} questions in ${result.files.length} files\n`);
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
