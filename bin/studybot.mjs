#!/usr/bin/env node
// Runs the compiled build (dist/, made by `npm ci` through the prepare script) when it is at least as new as
// every source file, and the TypeScript sources through tsx otherwise — so an edit takes effect at once and an
// untouched checkout starts fast.
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

if (existsSync(compiled) && statSync(compiled).mtimeMs >= newestSourceMtime(join(root, "src"))) {
  await import(compiled);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { runCli } = await import("../src/cli.ts");
  process.exitCode = await runCli(process.argv.slice(2));
}
