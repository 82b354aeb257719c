// Lookup benchmark: latency (p50/p99) and ranking quality (hit@1/hit@3) of studybot's search beside two
// baselines indexing the same sections in the same process — MiniSearch with its default options and SQLite
// FTS5 with the trigram tokenizer — on the notes as shipped and on a corpus 100× larger.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import MiniSearch from "minisearch";
import { loadNotes } from "../src/core/notes/load.js";
import { LookupService } from "../src/core/notes/lookup.js";
import type { Section } from "../src/core/notes/types.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface EvalQuery {
  id: string;
  query: string;
  targets: Array<{ file: string; line: number }>;
}

/** A search under test: returns, best first, the ids of the ORIGINAL sections its results stand for. */
interface Engine {
  name: string;
  search(query: string): number[];
}

function loadQueries(file: string): EvalQuery[] {
  return readFileSync(path.join(root, "test/fixtures", file), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as EvalQuery);
}

/** Deterministic PRNG so the 100× corpus is the same every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The shipped sections plus `factor - 1` perturbed copies of each: body lines shuffled, one word in ten
 * replaced by a random word of the corpus, heading suffixed. `origin[i]` is the original a section copies.
 */
function scaleCorpus(sections: Section[], factor: number): { sections: Section[]; origin: number[] } {
  const random = rng(42);
  const vocabulary = sections.flatMap((s) => s.text.split(/\s+/).filter((w) => w.length > 1));
  const out: Section[] = [...sections];
  const origin = sections.map((s) => s.id);
  for (let copy = 1; copy < factor; copy++) {
    for (const s of sections) {
      const lines = s.text.split("\n");
      for (let i = lines.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      const text = lines
        .map((l) => l.replace(/\S+/g, (w) => (random() < 0.1 ? vocabulary[Math.floor(random() * vocabulary.length)]! : w)))
        .join("\n");
      out.push({ ...s, id: out.length, heading: `${s.heading} (${copy})`, path: [...s.path.slice(0, -1), `${s.heading} (${copy})`], text, line: s.line + copy * 100_000 });
      origin.push(s.id);
    }
  }
  return { sections: out, origin };
}

function studybotEngine(sections: Section[], origin: number[]): Engine {
  const service = new LookupService(sections);
  return { name: "studybot", search: (q) => service.lookup(q, { limit: 5, maxChars: 600 }).hits.map((h) => origin[h.section.id]!) };
}

function miniSearchEngine(sections: Section[], origin: number[]): Engine {
  const mini = new MiniSearch<Section>({ fields: ["heading", "text"], storeFields: [] });
  mini.addAll(sections);
  return { name: "MiniSearch (defaults)", search: (q) => mini.search(q).slice(0, 5).map((r) => origin[r.id as number]!) };
}

function fts5TrigramEngine(sections: Section[], origin: number[]): Engine & { close(): void } {
  const db = new Database(":memory:");
  db.exec("CREATE VIRTUAL TABLE s USING fts5(heading, text, tokenize = 'trigram')");
  const insert = db.prepare("INSERT INTO s(rowid, heading, text) VALUES (?, ?, ?)");
  db.transaction(() => {
    for (const s of sections) insert.run(s.id, s.heading, s.text);
  })();
  const select = db.prepare("SELECT rowid FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT 5");
  return {
    name: "SQLite FTS5 trigram",
    search: (q) => {
      // Each word as a quoted phrase, OR-ed: the usual way to feed user text to FTS5 without syntax errors.
      const terms = q.split(/\s+/).filter(Boolean).map((w) => `"${w.replace(/"/g, '""')}"`);
      if (!terms.length) return [];
      return (select.all(terms.join(" OR ")) as Array<{ rowid: number }>).map((r) => origin[r.rowid]!);
    },
    close: () => db.close(),
  };
}

interface Figures {
  p50: number;
  p99: number;
  hit1: number;
  hit3: number;
  emptyOk: string;
}

function measure(engine: Engine, queries: EvalQuery[], sections: Section[], repeats: number): Figures {
  const key = (s: Section) => `${s.file}#${s.line}`;
  const idOf = new Map(sections.map((s) => [key(s), s.id]));
  let hit1 = 0, hit3 = 0, answerable = 0, empty = 0, unanswerable = 0;
  for (const q of queries) {
    const results = engine.search(q.query);
    if (!q.targets.length) {
      unanswerable++;
      if (results.length === 0) empty++;
      continue;
    }
    answerable++;
    const targets = new Set(q.targets.map((t) => idOf.get(`${t.file}#${t.line}`)));
    const rank = results.findIndex((id) => targets.has(id));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
  }
  for (const q of queries) engine.search(q.query); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const q of queries) {
      const t0 = process.hrtime.bigint();
      engine.search(q.query);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { p50: pct(0.5), p99: pct(0.99), hit1: hit1 / answerable, hit3: hit3 / answerable, emptyOk: `${empty}/${unanswerable}` };
}

function row(name: string, f: Figures, base?: Figures): string {
  const ratio = base ? `${(f.p99 / base.p99).toFixed(2)}×` : "";
  return `  ${name.padEnd(24)} p50 ${f.p50.toFixed(3).padStart(8)} ms  p99 ${f.p99.toFixed(3).padStart(8)} ms ${ratio.padStart(7)}  hit@1 ${f.hit1.toFixed(2)}  hit@3 ${f.hit3.toFixed(2)}  none-empty ${f.emptyOk}`;
}

export async function runLookupBench(): Promise<void> {
  const shipped = loadNotes(path.join(root, "notes"), root);
  const queries = [...loadQueries("lookup-dev.jsonl")];
  console.log(`lookup: ${queries.length} queries of test/fixtures/lookup-dev.jsonl (copied from the public dev set)`);
  for (const [label, factor, repeats] of [["shipped notes", 1, 200], ["100× corpus", 100, 5]] as const) {
    const { sections, origin } = scaleCorpus(shipped, factor);
    const t0 = performance.now();
    const ours = studybotEngine(sections, origin);
    const buildMs = performance.now() - t0;
    const mini = miniSearchEngine(sections, origin);
    const fts = fts5TrigramEngine(sections, origin);
    console.log(`\n${label}: ${sections.length} sections (studybot index built in ${buildMs.toFixed(0)} ms); p99 ratio is studybot ÷ baseline`);
    const fMini = measure(mini, queries, sections, repeats);
    const fFts = measure(fts, queries, sections, repeats);
    const fOurs = measure(ours, queries, sections, repeats);
    console.log(row(mini.name, fMini));
    console.log(row(fts.name, fFts));
    console.log(row(`${ours.name} vs MiniSearch`, fOurs, fMini));
    console.log(row(`${ours.name} vs FTS5`, fOurs, fFts));
    const target = factor === 1 ? 1 : 20;
    console.log(`  target: studybot p99 < ${target} ms → ${fOurs.p99 < target ? "met" : "NOT met"}; hit@1 above both baselines → ${fOurs.hit1 > fMini.hit1 && fOurs.hit1 > fFts.hit1 ? "met" : "NOT met"}`);
    if (factor === 100) console.log(`  index build at 100×: ${buildMs.toFixed(0)} ms (target < 2000 ms → ${buildMs < 2000 ? "met" : "NOT met"})`);
    const service = new LookupService(sections);
    service.suggest("a"); // builds the prefix index
    const prefixes = queries.flatMap((q) => [...q.query].map((_, i) => q.query.slice(0, i + 1))).concat(["키네", "람ㄷ", "ㄹㄷ", "ㅋㄴㅅ"]);
    const times: number[] = [];
    for (let r = 0; r < (factor === 1 ? 20 : 3); r++) for (const p of prefixes) {
      const t = process.hrtime.bigint();
      service.suggest(p);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    const p99 = times[Math.floor(0.99 * (times.length - 1))]!;
    console.log(`  autocomplete: ${prefixes.length} prefixes typed letter by letter, p50 ${times[Math.floor(times.length / 2)]!.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (target < 5 ms → ${p99 < 5 ? "met" : "NOT met"})`);
    fts.close();
  }

  // The second evaluation set: Korean computer-science notes in another author's style.
  const cs = loadNotes(path.join(root, "test/fixtures/notes-cs"), root);
  const csQueries = loadQueries("lookup-cs.jsonl");
  const csOrigin = cs.map((s) => s.id);
  console.log(`\ncomputer-science notes (test/fixtures/notes-cs, ${cs.length} sections): ${csQueries.length} queries of test/fixtures/lookup-cs.jsonl`);
  const csFts = fts5TrigramEngine(cs, csOrigin);
  const csMini = measure(miniSearchEngine(cs, csOrigin), csQueries, cs, 50);
  const csFtsF = measure(csFts, csQueries, cs, 50);
  const csOurs = measure(studybotEngine(cs, csOrigin), csQueries, cs, 50);
  console.log(row("MiniSearch (defaults)", csMini));
  console.log(row("SQLite FTS5 trigram", csFtsF));
  console.log(row("studybot vs MiniSearch", csOurs, csMini));
  console.log(row("studybot vs FTS5", csOurs, csFtsF));
  csFts.close();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await runLookupBench();
}
