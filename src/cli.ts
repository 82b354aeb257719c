// `studybot <command> …`: one entry per command; each command lives in src/cli/<name>.ts and is loaded
// only when used, so `studybot lookup` does not pay for discord.js or the database.
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

type CommandModule = { run(args: string[], io: CliIO): Promise<number> };

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  start: { summary: "run the bot (Discord/Slack when credentials are set, else the local console)", load: () => import("./cli/start.js") },
  lookup: { summary: "search the notes: lookup [--json] [--limit N] [--stdin] <query…>", load: () => import("./cli/lookup.js") },
  questions: { summary: "question bank: questions validate [--dir DIR] [--notes DIR] [--strict] | questions stats [--dir DIR] [--json] | questions import <file> [--group PLATFORM:ID]", load: () => import("./cli/questions.js") },
  db: { summary: "database: db migrate | db backup <file>", load: () => import("./cli/db.js") },
  export: { summary: "a CSV file: export answers|leaderboard|questions [week|month|all|season] [--group PLATFORM:ID] [--out FILE]", load: () => import("./cli/organiser.js") },
  discord: { summary: "Discord: discord register [--guild ID | --global] [--print]", load: () => import("./cli/discord.js") },
  slack: { summary: "Slack: slack manifest (print the app manifest)", load: () => import("./cli/slack.js") },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return ["usage: studybot <command> [options]", "", ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)].join("\n") + "\n";
}

export async function runCli(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`studybot: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest, io);
  } catch (err) {
    // Expected failures (bad config, malformed question file) carry a message meant for the user.
    const e = err as Error & { userFacing?: boolean };
    if (e && (e.userFacing || e.name === "ConfigError" || e.name === "QuestionBankError" || e.name === "NotesError")) {
      io.stderr.write(`studybot ${name}: ${e.message}\n`);
      return 1;
    }
    throw err;
  }
}
