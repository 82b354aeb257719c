// Drafting benchmark: questions drafted from a 1,000-line note (the first 1,000 lines of the shipped SAA notes,
// with the rest of the shipped notes as the corpus lending distractors), beside parsing the same note alone.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { loadNotes } from "../src/core/notes/load.js";
import { parseNote } from "../src/core/notes/parse.js";
import { random } from "../src/core/questions/draft/choices.js";
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

/**
 * The evaluation sample: every draft of the shipped notes and of the computer-science corpus, 50 of them drawn
 * with a fixed seed, written for a reviewer to give each a verdict. `node --import tsx bench/draft.ts --sample FILE`.
 */
export function drawSample(count = 50, seed = 2026): Array<Record<string, unknown>> {
  const all: Array<Record<string, unknown>> = [];
  for (const dir of ["notes", "test/fixtures/notes-cs"]) {
    const sections = loadNotes(path.join(root, dir), root);
    for (const file of [...new Set(sections.map((s) => s.file))]) {
      const { drafts } = draftQuestions(sections, { file, content: readFileSync(path.join(root, file), "utf8") });
      for (const d of drafts) all.push({ note: `${file}:${d.line}`, rule: d.rule, confidence: d.confidence, prompt: d.prompt, choices: d.choices, answer: d.choices[d.answer] });
    }
  }
  const rnd = random(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  console.error(`${all.length} drafts in all; ${count} drawn with seed ${seed}`);
  return all.slice(0, count);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === "--sample") {
  writeFileSync(process.argv[3] ?? "sample.yaml", stringify(drawSample(), { lineWidth: 0 }));
}
