// Fails when src/db/schema.ts changed without its migration: runs `drizzle-kit generate` against a
// temporary copy of migrations/ and reports any file it would add or change. `npm test` runs this
// (test/db/migrations.test.ts); run it alone with `npm run db:check`.
//   node --import tsx scripts/check-migrations.ts [--schema FILE] [--migrations DIR]
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function listFiles(dir: string, base = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) for (const [k, v] of listFiles(abs, base)) out.set(k, v);
    else out.set(path.relative(base, abs), readFileSync(abs, "utf8"));
  }
  return out;
}

export function checkMigrations(opts: { schema?: string; migrations?: string } = {}): { ok: boolean; changed: string[]; output: string } {
  const schema = path.resolve(opts.schema ?? path.join(root, "src/db/schema.ts"));
  const migrations = path.resolve(opts.migrations ?? path.join(root, "migrations"));
  const tmp = mkdtempSync(path.join(tmpdir(), "studybot-migrations-"));
  try {
    const out = path.join(tmp, "migrations");
    cpSync(migrations, out, { recursive: true });
    const before = listFiles(out);
    const bin = path.join(root, "node_modules", "drizzle-kit", "bin.cjs");
    // drizzle-kit reads --out relative to its working directory
    const run = spawnSync(process.execPath, [bin, "generate", "--dialect", "sqlite", "--schema", schema, "--out", "migrations"], { cwd: tmp, encoding: "utf8" });
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
    // drizzle-kit can print an error and still exit 0: an error in its output is a failure too
    if (run.status !== 0 || /\bError\b/.test(output)) return { ok: false, changed: [], output: `drizzle-kit generate failed (exit ${run.status}):\n${output}` };
    const after = listFiles(out);
    const changed = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    return { ok: changed.length === 0, changed, output };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { schema: { type: "string" }, migrations: { type: "string" } } });
  const result = checkMigrations(values);
  if (result.ok) {
    process.stdout.write("migrations: up to date with src/db/schema.ts\n");
  } else if (result.changed.length) {
    process.stderr.write(
      `migrations: src/db/schema.ts changed without its migration (drizzle-kit would write ${result.changed.join(", ")}).\n` +
        "Run `npm run db:generate` and commit the new files in migrations/.\n",
    );
    process.exitCode = 1;
  } else {
    process.stderr.write(result.output + "\n");
    process.exitCode = 1;
  }
}
