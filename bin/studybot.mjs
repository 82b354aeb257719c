#!/usr/bin/env node
// Runs the compiled build (dist/, made by `npm ci` through the prepare script) when it is at least as new as
// every source file, and the TypeScript sources through tsx otherwise — so an edit takes effect at once and an
// untouched checkout starts fast. tsx is a development dependency: without it (or without src/), the build runs.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const compiled = join(root, "dist", "bin.js");

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = join(root, "src");
const fresh = existsSync(compiled) && (!existsSync(sources) || statSync(compiled).mtimeMs >= newestSourceMtime(sources));
const tsx = fresh ? null : await import("tsx/esm/api").catch(() => null);
if (fresh || (!tsx && existsSync(compiled))) {
  await import(compiled);
} else if (!tsx) {
  process.stderr.write("studybot: neither the build (dist/) nor tsx is here: run `npm ci` (which builds it), or `npm run build`.\n");
  process.exitCode = 1;
} else {
  const { register } = tsx;
  register();
  const { runCli } = await import("../src/cli.ts");
  process.exitCode = await runCli(process.argv.slice(2));
}
