// `studybot discord register [--guild ID | --global] [--print]`: bulk-overwrites the slash commands, in one
// server (appears at once; for development) or globally (every server the bot is in).
import { parseArgs } from "node:util";
import { DiscordAPIError, REST, Routes } from "discord.js";
import type { CliIO } from "../cli.js";
import { ConfigError, loadConfig } from "../config.js";
import { commandDefinitions } from "../platforms/discord/commands.js";

const USAGE = `usage: studybot discord register [--guild ID | --global] [--print]
  --guild ID   register in one server only (default: DISCORD_GUILD_ID when set)
  --global     register in every server, even when DISCORD_GUILD_ID is set
  --print      print the command definitions as JSON and register nothing
Needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (DISCORD_API_URL optional).
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const [sub, ...options] = args;
  if (sub === "--help" || sub === "-h" || sub === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  if (sub !== "register") {
    io.stderr.write(sub ? `studybot discord: unknown subcommand "${sub}"\n${USAGE}` : USAGE);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: options,
      options: {
        guild: { type: "string" },
        global: { type: "boolean", default: false },
        print: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    io.stderr.write(`studybot discord register: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const commands = commandDefinitions();
  if (values.print) {
    io.stdout.write(JSON.stringify(commands, null, 2) + "\n");
    return 0;
  }
  if (values.guild !== undefined && values.global) {
    io.stderr.write("studybot discord register: give either --guild ID or --global, not both\n");
    return 2;
  }
  if (values.guild !== undefined && !/^\d{5,25}$/.test(values.guild)) {
    io.stderr.write(`studybot discord register: --guild must be a numeric server id (got "${values.guild}"); in Discord, right-click the server → Copy Server ID (Developer Mode on)\n`);
    return 2;
  }

  const config = loadConfig();
  if (!config.discord) throw new ConfigError("DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set: copy them from the Discord developer portal (Bot → Token, General Information → Application ID) into the environment or .env.");
  const { token, applicationId, apiUrl } = config.discord;
  const guild = values.global ? undefined : (values.guild ?? config.discord.guildId);
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const route = guild ? Routes.applicationGuildCommands(applicationId, guild) : Routes.applicationCommands(applicationId);
  try {
    const saved = (await rest.put(route, { body: commands })) as Array<{ name: string }>;
    const where = guild ? `in server ${guild}` : "globally (every server the bot is in)";
    io.stdout.write(`registered ${saved.length} commands ${where}: ${saved.map((c) => `/${c.name}`).join(", ")}\n`);
    return 0;
  } catch (err) {
    io.stderr.write(`studybot discord register: ${explain(err, guild)}\n`);
    return 1;
  }
}

function explain(err: unknown, guild: string | undefined): string {
  if (err instanceof DiscordAPIError) {
    if (err.status === 401) return "Discord refused the token (401). Check DISCORD_TOKEN: reset it under Bot → Token in the developer portal if needed.";
    if (err.status === 403 || err.code === 50001) {
      return guild
        ? `no access to server ${guild} (${err.status}: ${err.message}). Invite the bot there first (see README, "Discord"), and check that DISCORD_APPLICATION_ID belongs to this token.`
        : `Discord refused the registration (${err.status}: ${err.message}). Check that DISCORD_APPLICATION_ID belongs to this token.`;
    }
    return `Discord answered ${err.status} (${err.code}): ${err.message}`;
  }
  const e = err as Error;
  return `could not reach Discord: ${e.message}. Check the network, or DISCORD_API_URL if it is set.`;
}
