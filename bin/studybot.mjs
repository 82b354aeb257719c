#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx studybot` works right after `npm ci`.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2));
