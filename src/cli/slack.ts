// `studybot slack manifest [--http URL]`: prints the Slack app manifest generated from the command specs (paste it
// into "Create New App → From an app manifest"; slack/manifest.yml is the Socket Mode form).
import { parseArgs } from "node:util";
import type { CliIO } from "../cli.js";

const USAGE = `usage: studybot slack manifest [--http URL]
  manifest     print the Slack app manifest (YAML) for the commands this build answers
  --http URL   for HTTP mode instead of Socket Mode: the bot's public base URL (https://bot.example.com);
               Slack then sends everything to URL/slack/events
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "--help" || sub === "-h" || sub === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  if (sub !== "manifest") {
    io.stderr.write(sub ? `studybot slack: unknown subcommand "${sub}"\n${USAGE}` : USAGE);
    return 2;
  }
  let values: { http?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: rest, options: { http: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (err) {
    io.stderr.write(`studybot slack manifest: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.http !== undefined && !/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(values.http)) {
    io.stderr.write(`studybot slack manifest: --http must be the bot's public https URL, e.g. https://bot.example.com (got "${values.http}")\n`);
    return 2;
  }
  const { manifestYaml } = await import("../platforms/slack/manifest.js");
  const { SLACK_EVENTS_PATH, SLACK_REDIRECT_PATH } = await import("../platforms/slack/index.js");
  const base = values.http?.replace(/\/+$/, "");
  io.stdout.write(manifestYaml(base ? { requestUrl: base + SLACK_EVENTS_PATH, redirectUrl: base + SLACK_REDIRECT_PATH } : {}));
  return 0;
}
