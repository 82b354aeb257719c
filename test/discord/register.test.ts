// `studybot discord register` against the stand-in: one bulk overwrite (PUT), in a server or globally.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PassThrough } from "node:stream";
import { run } from "../../src/cli/discord.js";
import { commandDefinitions } from "../../src/platforms/discord/commands.js";
import { DiscordStandIn } from "../support/discord-standin.js";

let standIn: DiscordStandIn;

function io() {
  const out = { stdout: "", stderr: "" };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (c) => (out.stdout += String(c)));
  stderr.on("data", (c) => (out.stderr += String(c)));
  return { out, io: { stdout, stderr, stdin: new PassThrough() } };
}

beforeEach(async () => {
  standIn = await DiscordStandIn.start();
  vi.stubEnv("DISCORD_TOKEN", standIn.token);
  vi.stubEnv("DISCORD_APPLICATION_ID", standIn.applicationId);
  vi.stubEnv("DISCORD_API_URL", standIn.apiUrl);
  vi.stubEnv("DISCORD_GUILD_ID", "");
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await standIn.stop();
});

describe("studybot discord register", () => {
  it("prints its usage for --help like the other commands, naming --guild, --global and --print", async () => {
    for (const args of [["--help"], ["-h"], ["register", "--help"]]) {
      const { out, io: cliIo } = io();
      expect(await run(args, cliIo)).toBe(0);
      expect(out.stdout).toMatch(/^usage: studybot discord register \[--guild ID \| --global\] \[--print\]/);
      for (const flag of ["--guild ID", "--global", "--print"]) expect(out.stdout).toContain(flag);
      expect(standIn.calls()).toEqual([]);
    }
  });

  it("overwrites the commands of one server with --guild", async () => {
    const { out, io: cliIo } = io();
    const code = await run(["register", "--guild", standIn.guild.id], cliIo);
    expect(out.stderr).toBe("");
    expect(code).toBe(0);
    expect(standIn.calls().map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /applications/${standIn.applicationId}/guilds/${standIn.guild.id}/commands`]);
    const [put] = standIn.calls();
    expect(put!.authorized).toBe(true);
    expect(put!.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions())));
    expect(out.stdout).toBe(`registered 8 commands in server ${standIn.guild.id}: /lookup, /quiz, /review, /leaderboard, /stats, /history, /forget-me, /studybot\n`);
  });

  it("overwrites the global commands without --guild, and with --global even when DISCORD_GUILD_ID is set", async () => {
    const first = io();
    expect(await run(["register"], first.io)).toBe(0);
    vi.stubEnv("DISCORD_GUILD_ID", standIn.guild.id);
    const second = io();
    expect(await run(["register", "--global"], second.io)).toBe(0);
    const third = io();
    expect(await run(["register"], third.io)).toBe(0);
    expect(standIn.calls().map((r) => r.path)).toEqual([
      `/applications/${standIn.applicationId}/commands`,
      `/applications/${standIn.applicationId}/commands`,
      `/applications/${standIn.applicationId}/guilds/${standIn.guild.id}/commands`,
    ]);
    expect(first.out.stdout).toContain("globally");
  });

  it("explains a refused token and exits 1", async () => {
    vi.stubEnv("DISCORD_TOKEN", "wrong-token");
    const { out, io: cliIo } = io();
    expect(await run(["register", "--guild", standIn.guild.id], cliIo)).toBe(1);
    expect(out.stderr).toContain("Discord refused the token (401). Check DISCORD_TOKEN");
    expect(standIn.calls().map((r) => r.status)).toEqual([401]);
  });

  it("refuses a malformed server id before calling Discord", async () => {
    const { out, io: cliIo } = io();
    expect(await run(["register", "--guild", "my-server"], cliIo)).toBe(2);
    expect(out.stderr).toContain("--guild must be a numeric server id");
    expect(standIn.requests).toEqual([]);
  });
});
