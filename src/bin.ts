// Entry point of the compiled build (dist/bin.js), as used by the container image.
import { runCli } from "./cli.js";

process.exitCode = await runCli(process.argv.slice(2));
