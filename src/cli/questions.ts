// `studybot questions validate [--dir DIR] [--notes DIR] [--strict] [--drafts]`,
// `studybot questions stats [--dir DIR] [--notes DIR] [--json]` and `studybot questions draft …` (src/cli/draft.ts).
import path from "node:path";
import { parseArgs } from "node:util";
import type { CliIO } from "../cli.js";
import { loadConfig } from "../config.js";
import { loadNotes } from "../core/notes/load.js";
import type { Section } from "../core/notes/types.js";
import { validateQuestionBank } from "../core/questions/load.js";
import { countFindings, reviewBank, type BankReview } from "../core/questions/review.js";
import { DRAFT_REFUSED } from "../core/questions/schema.js";
import { computeStats, formatStats } from "../core/questions/stats.js";
import type { Question, QuestionProblem } from "../core/questions/types.js";
import { checkGrounding, noteNames } from "../core/questions/validate.js";

const USAGE = `usage: studybot questions validate [--dir DIR] [--notes DIR] [--strict] [--drafts]
       studybot questions stats [--dir DIR] [--notes DIR] [--json]
       studybot questions draft <note file> [--limit N] [--topic KEY] [--out FILE] [--seed N]
       studybot questions import <file.yaml|file.csv> [--group PLATFORM:ID]

  validate   check every question file; prints file:line: message per problem, exits 1 on any
  stats      count questions per note, topic, difficulty, tag and exam domain, and the review's
             warnings and exceptions per check
  draft      draft candidate questions from a note, as YAML for an organiser to review
  import     add a group's own questions (checked like the bank; source optional) to the database

  --dir DIR    the question folder (default: QUESTIONS_DIR, ./questions)
  --notes DIR  the notes folder sources must resolve in (default: NOTES_DIR, ./notes)
  --strict     also review the bank (near-duplicates, choice length, a correct choice pasted from the
               note, difficulty-3 scenarios, tags of other exams than topics.yaml's), list every
               warning without a recorded reason and exit 1 on any; print how many correct choices
               appear in the cited section
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
  if (sub === "import") return (await import("./organiser.js")).runImport(rest, io);
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
  const configured = values.dir ?? config!.questionsDir;
  if (configured === null) {
    io.stderr.write(`studybot questions ${sub}: QUESTIONS_DIR is "none" (no question bank): pass --dir DIR, the folder holding topics.yaml and the question files\n`);
    return 2;
  }
  const dir = path.resolve(configured);
  const notesDir = path.resolve(values.notes ?? config!.notesDir);
  const sections: Section[] = loadNotes(notesDir);
  const result = validateQuestionBank(dir, { sections, drafts: values.drafts });
  const review = reviewBank(result.questions, { sections, exams: result.exams.keys() });

  if (sub === "stats") {
    // Count under the note each source resolved to, so "notes/x.md" and "x.md" are one row.
    const names = noteNames(sections);
    const fileOf = new Map(sections.map((s) => [s.id, s.file]));
    const noteOf = (q: Question) => names.get(fileOf.get(q.sectionId ?? -1) ?? "") ?? q.source?.note ?? "";
    const stats = computeStats(result.questions, result.topics, {
      files: result.files.length,
      notes: [...names.values()],
      noteOf,
      exams: result.exams,
      review: countFindings(review),
    });
    io.stdout.write(values.json ? JSON.stringify(stats, null, 2) + "\n" : formatStats(stats));
    // Counts of a bank with problems (a YAML syntax error drops a whole file) are not the bank's: say so, exit 1.
    if (result.problems.length > 0) {
      io.stderr.write(`the bank has ${plural(result.problems.length, "problem")}; these counts cover the ${plural(result.questions.length, "valid question")} only. Run \`studybot questions validate\` for the list.\n`);
      return 1;
    }
    return 0;
  }

  for (const p of result.problems) io.stderr.write(formatProblem(p) + "\n");

  if (values.strict) {
    for (const w of review.warnings) io.stderr.write(formatProblem({ file: w.file, line: w.line, message: `warning: ${w.message}` }) + "\n");
    // Questions paraphrase the note on purpose now, so a correct choice missing from its section is a figure, not a warning.
    const grounding = checkGrounding(result.questions, sections);
    const pct = grounding.checked ? ((100 * grounding.supported) / grounding.checked).toFixed(1) : "0.0";
    io.stdout.write(`grounding: ${grounding.supported}/${grounding.checked} questions (${pct}%) have their correct choice in the cited section\n`);
  }

  const drafts = result.problems.filter((p) => p.message === DRAFT_REFUSED).length;
  if (drafts > 0) io.stderr.write(`${plural(drafts, "draft")} listed above: review them and delete their draft lines to publish them, or run \`studybot questions validate --drafts\` to check them as drafts\n`);
  const failed = result.problems.length > 0 || (values.strict === true && review.warnings.length > 0);
  if (failed) {
    const parts = [];
    if (result.problems.length > 0) parts.push(`${plural(result.problems.length, "problem")} in ${plural(new Set(result.problems.map((p) => p.file)).size, "file")}`);
    if (values.strict && review.warnings.length > 0) parts.push(`${plural(review.warnings.length, "warning")} without a recorded reason (${describeCounts(review, "warnings")})`);
    io.stderr.write(`${parts.join(" and ")}: fix them and run \`studybot questions validate${values.strict ? " --strict" : ""}\` again\n`);
    return 1;
  }
  const excepted = review.exceptions.length ? `; ${plural(review.exceptions.length, "exception")} with a recorded reason (${describeCounts(review, "exceptions")})` : "";
  io.stdout.write(`ok: ${result.questions.length} questions in ${result.files.length} files${values.strict ? excepted : ""}\n`);
  if (!values.strict && review.warnings.length > 0) {
    io.stderr.write(`${plural(review.warnings.length, "review warning")} (${describeCounts(review, "warnings")}): \`studybot questions validate --strict\` lists them\n`);
  }
  return 0;
}

/** "near-duplicate 2, scenario 1": the non-zero counts per check. */
function describeCounts(review: BankReview, kind: "warnings" | "exceptions"): string {
  return countFindings(review)
    .filter((r) => r[kind] > 0)
    .map((r) => `${r.check} ${r[kind]}`)
    .join(", ");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
