// slack/manifest.yml is what an organiser pastes into Slack: it must declare exactly the commands the app
// answers, the scopes of the Web API methods it calls, the events it handles, and it must stay valid in both
// of its forms (Socket Mode as shipped; HTTP with the commented Request URLs switched on).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLASH_COMMANDS } from "../../src/platforms/slack/handlers.js";
import { PassThrough } from "node:stream";
import { run as slackCli } from "../../src/cli/slack.js";
import { SLACK_EVENTS_PATH } from "../../src/platforms/slack/index.js";
import { manifestYaml } from "../../src/platforms/slack/manifest.js";
import { ROOT } from "./harness.js";

interface Manifest {
  display_information: { name: string; description: string; long_description: string; background_color: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: Array<{ command: string; description: string; usage_hint?: string; should_escape: boolean; url?: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
    org_deploy_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

const raw = readFileSync(path.join(ROOT, "slack/manifest.yml"), "utf8");


describe("slack/manifest.yml", () => {
  const m = parse(raw) as Manifest;

  it("is the manifest generated from the command specs (run `npx studybot slack manifest > slack/manifest.yml` after a change)", () => {
    expect(raw).toBe(manifestYaml());
  });

  it("declares exactly the slash commands the app answers; mentions and channel links escaped where an option takes them", () => {
    expect(m.features.slash_commands.map((c) => c.command)).toEqual([...SLASH_COMMANDS]);
    for (const c of m.features.slash_commands) {
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.should_escape).toBe(c.command === "/stats" || c.command === "/studybot");
    }
  });

  it("asks for the scopes of the Web API methods the app calls, and nothing more", () => {
    // chat.postMessage / chat.update / chat.postEphemeral → chat:write (+ .public for channels it was not invited to);
    // users.info → users:read; files.uploadV2 → files:write; conversations.open for a direct message → im:write;
    // conversations.join (the digest's chart is uploaded into a public channel) → channels:join;
    // conversations.info (the channel checked before it is used) → channels:read, groups:read; conversations.history
    // (a timed-out post looked for before posting again) → channels:history, groups:history; files.info and the
    // download of a file an organiser shares → files:read; the direct messages they send it (message.im) →
    // im:history; views.publish and auth.test need none; the commands need `commands`.
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([
      "channels:history",
      "channels:join",
      "channels:read",
      "chat:write",
      "chat:write.public",
      "commands",
      "files:read",
      "files:write",
      "groups:history",
      "groups:read",
      "im:history",
      "im:write",
      "users:read",
    ]);
  });

  it("subscribes to app_home_opened, direct messages and the app's removal, enables the Home tab, the Messages tab (files are sent there) and interactivity", () => {
    expect(m.settings.event_subscriptions.bot_events).toEqual(["app_home_opened", "message.im", "app_uninstalled", "tokens_revoked"]);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
    expect(m.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(m.display_information.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("as shipped runs in Socket Mode with no Request URL", () => {
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.event_subscriptions.request_url).toBeUndefined();
    expect(m.settings.interactivity.request_url).toBeUndefined();
    expect(m.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });

  it("in its HTTP form from the command line, names the install flow's redirect URL for installs in many workspaces", async () => {
    const stdout = new PassThrough();
    let text = "";
    stdout.on("data", (c) => (text += String(c)));
    expect(await slackCli(["manifest", "--http", "https://bot.example.org/"], { stdout, stderr: new PassThrough(), stdin: new PassThrough() })).toBe(0);
    const http = parse(text) as { oauth_config: { redirect_urls: string[] }; settings: { event_subscriptions: { request_url: string } } };
    expect(http.oauth_config.redirect_urls).toEqual(["https://bot.example.org/slack/oauth_redirect"]);
    expect(http.settings.event_subscriptions.request_url).toBe("https://bot.example.org/slack/events");
  });

  it("in its HTTP form (`slack manifest --http`), sends everything to the receiver's one path", () => {
    const http = parse(manifestYaml({ requestUrl: `https://bot.example.org${SLACK_EVENTS_PATH}` })) as Manifest;
    const url = `https://bot.example.org${SLACK_EVENTS_PATH}`;
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.event_subscriptions.request_url).toBe(url);
    expect(http.settings.interactivity.request_url).toBe(url);
    expect(http.features.slash_commands.map((c) => c.url)).toEqual(SLASH_COMMANDS.map(() => url));
  });
});
