// `studybot start` (what `npm start` runs): the bot on Discord and/or Slack when their credentials are set,
// else the console platform on standard input.
import type { CliIO } from "../cli.js";
import { main } from "../main.js";

const USAGE = "usage: studybot start   (configuration comes from the environment or .env; see README)\n";

export async function run(args: string[], io: CliIO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.length > 0) {
    io.stderr.write(`studybot start: unexpected argument "${args[0]}"\n${USAGE}`);
    return 2;
  }
  const code = await main(io);
  // Whatever a library left running (a socket, a timer) must not keep a stopped bot alive.
  setTimeout(() => process.exit(code), 500).unref();
  return code;
}
