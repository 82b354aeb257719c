// Drafting benchmark: questions drafted from a 1,000-line note (the first 1,000 lines of the shipped SAA notes,
// with the rest of the shipped notes as the corpus lending distractors), beside parsing the same note alone.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadNotes } from "../src/core/notes/load.js";
import { parseNote } from "../src/core/notes/parse.js";
import { draftQuestions } from "../src/core/questions/draft/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs: number): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export async function runDraftBench(): Promise<void> {
  const file = "notes/saa-c02-study.md";
  const content = readFileSync(path.join(root, file), "utf8").split("\n").slice(0, 1000).join("\n");
  const others = loadNotes(path.join(root, "notes"), root).filter((s) => s.file !== file);
  const corpus = () => [...parseNote(file, content, others.length), ...others];
  let drafts = 0;
  let skipped = 0;
  const draft = () => {
    const r = draftQuestions(corpus(), { file, content });
    drafts = r.drafts.length;
    skipped = r.skipped.length;
  };
  draft(); // warm-up: compiles the regular expressions and the code paths once
  const runs = 7;
  const parseMs = time(() => parseNote(file, content), runs);
  const draftMs = time(draft, runs);
  console.log("Drafting questions from a note (median of 7 runs)");
  console.log(`  note: ${file}, first 1,000 lines; corpus: ${others.length} sections of the other shipped notes`);
  console.log(`  baseline, parsing the note alone: ${parseMs.toFixed(1)} ms`);
  console.log(`  drafting (parse + draft):         ${draftMs.toFixed(1)} ms  (${(draftMs / parseMs).toFixed(1)}× parsing; target under 2,000 ms)`);
  console.log(`  ${drafts} drafts, ${skipped} lines skipped with a reason`);
}
