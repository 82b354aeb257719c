// `studybot lookup [--json] [--limit N] [--stdin] <query…>`: the notes search from the command line.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { CliIO } from "../cli.js";
import { loadConfig } from "../config.js";
import { loadNotes } from "../core/notes/load.js";
import { LookupService } from "../core/notes/lookup.js";
import type { LookupResult } from "../core/notes/types.js";

const USAGE = "usage: studybot lookup [--json] [--limit N] [--max-chars N] [--notes DIR] <query…>\n       studybot lookup --stdin [--limit N]   (one query per line → one JSON object per line)\n";

export async function run(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        stdin: { type: "boolean", default: false },
        limit: { type: "string", default: "5" },
        "max-chars": { type: "string", default: "600" },
        notes: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    io.stderr.write(`studybot lookup: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const limit = Number(values.limit);
  const maxChars = Number(values["max-chars"]);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    io.stderr.write(`studybot lookup: --limit must be a whole number from 1 to 50 (got "${values.limit}")\n`);
    return 2;
  }
  if (!Number.isInteger(maxChars) || maxChars < 40) {
    io.stderr.write(`studybot lookup: --max-chars must be a whole number of at least 40 (got "${values["max-chars"]}")\n`);
    return 2;
  }

  const config = loadConfig();
  const notesDir = values.notes ?? config.notesDir;
  const service = new LookupService(loadNotes(notesDir));

  if (values.stdin) {
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) io.stdout.write(JSON.stringify(toJson(service.lookup(line, { limit, maxChars }))) + "\n");
    return 0;
  }

  const query = positionals.join(" ");
  if (!query.trim()) {
    io.stderr.write(`studybot lookup: type what to look up, e.g. studybot lookup 람다 타임아웃\n${USAGE}`);
    return 2;
  }
  const result = service.lookup(query, { limit, maxChars });
  io.stdout.write(values.json ? JSON.stringify(toJson(result), null, 2) + "\n" : renderText(result));
  return 0;
}

function toJson(r: LookupResult) {
  return {
    query: r.query,
    results: r.hits.map((h) => ({
      file: h.section.file,
      line: h.section.line,
      heading: h.section.heading,
      path: h.section.path,
      score: h.score,
      snippet: h.snippet,
    })),
  };
}

function renderText(r: LookupResult): string {
  if (!r.hits.length) {
    const close = r.suggestions.length ? `\nclose headings:\n${r.suggestions.map((s) => `  - ${s.label}`).join("\n")}\n` : "";
    return `no section of the notes answers "${r.query}". Try other words (Korean or English), or a service name.\n${close}`;
  }
  return (
    r.hits
      .map((h, i) => {
        const head = `${i + 1}. ${h.section.path.join(" › ")}\n   ${h.section.file}:${h.section.line}  (score ${h.score.toFixed(2)})`;
        const body = h.snippet ? "\n" + h.snippet.split("\n").map((l) => "   │ " + l).join("\n") : "\n   │ (no text under this heading)";
        return head + body;
      })
      .join("\n\n") + "\n"
  );
}
