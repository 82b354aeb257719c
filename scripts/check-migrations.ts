// Fails when a schema changed without its migration, for each dialect: runs `drizzle-kit generate` against a
// temporary copy of that dialect's migrations and reports any file it would add or change. `npm test` runs this
// (test/db/migrations.test.ts); run it alone with `npm run db:check`.
//   node --import tsx scripts/check-migrations.ts [--dialect sqlite|pg] [--schema FILE] [--migrations DIR]
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const DIALECTS = {
  sqlite: { kit: "sqlite", schema: "src/db/sqlite/schema.ts", migrations: "migrations/sqlite" },
  pg: { kit: "postgresql", schema: "src/db/pg/schema.ts", migrations: "migrations/pg" },
} as const;
export type Dialect = keyof typeof DIALECTS;

function listFiles(dir: string, base = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) for (const [k, v] of listFiles(abs, base)) out.set(k, v);
    else out.set(path.relative(base, abs), readFileSync(abs, "utf8"));
  }
  return out;
}

export function checkMigrations(dialect: Dialect, opts: { schema?: string; migrations?: string } = {}): { ok: boolean; changed: string[]; output: string } {
  const d = DIALECTS[dialect];
  const schema = path.resolve(opts.schema ?? path.join(root, d.schema));
  const migrations = path.resolve(opts.migrations ?? path.join(root, d.migrations));
  const tmp = mkdtempSync(path.join(tmpdir(), "studybot-migrations-"));
  try {
    const out = path.join(tmp, "migrations");
    cpSync(migrations, out, { recursive: true });
    const before = listFiles(out);
    const bin = path.join(root, "node_modules", "drizzle-kit", "bin.cjs");
    // drizzle-kit reads --out relative to its working directory
    const run = spawnSync(process.execPath, [bin, "generate", "--dialect", d.kit, "--schema", schema, "--out", "migrations"], { cwd: tmp, encoding: "utf8" });
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
  const { values } = parseArgs({ options: { dialect: { type: "string" }, schema: { type: "string" }, migrations: { type: "string" } } });
  if (values.dialect !== undefined && !(values.dialect in DIALECTS)) {
    process.stderr.write(`--dialect must be one of ${Object.keys(DIALECTS).join(", ")}\n`);
    process.exit(2);
  }
  const dialects = values.dialect ? [values.dialect as Dialect] : (Object.keys(DIALECTS) as Dialect[]);
  for (const dialect of dialects) {
    const d = DIALECTS[dialect];
    const result = checkMigrations(dialect, values);
    if (result.ok) {
      process.stdout.write(`migrations/${dialect}: up to date with ${d.schema}\n`);
    } else if (result.changed.length) {
      process.stderr.write(
        `${d.migrations}: ${d.schema} changed without its migration (drizzle-kit would write ${result.changed.join(", ")}).\n` +
          `Run \`npm run db:generate\` and commit the new files in ${d.migrations}/.\n`,
      );
      process.exitCode = 1;
    } else {
      process.stderr.write(result.output + "\n");
      process.exitCode = 1;
    }
  }
}
