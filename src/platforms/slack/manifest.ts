// The Slack app manifest, generated: slash commands from the command specs (descriptions and usage hints in both
// languages), plus what the Slack adapter itself needs (scopes, events, App Home). `studybot slack manifest`
// prints it; slack/manifest.yml is this output, and a test keeps the two equal.
import { stringify } from "yaml";
import { MEMBER_SPECS, ORGANISER_SPECS, TOP_LEVEL, type AnyCommandSpec } from "../../core/commands/index.js";
import { usageSyntax } from "../../core/commands/text.js";
import type { MessageKey } from "../../core/messages/index.js";
import { ts } from "./messages.js";

/** Bot token scopes, each with why it is needed. */
export const BOT_SCOPES: Record<string, string> = {
  commands: "the slash commands",
  "chat:write": "post the daily card, edit it at reveal, reply privately",
  "chat:write.public": "post in a public channel without being invited first",
  "users:read": "workspace admins and owners may use /studybot; names and language for the Home tab",
  "files:write": "hand files to organisers (drafted questions, exports) in their direct messages with the app, and upload the weekly digest's chart",
  "files:read": "read a questions file an organiser shares with the app or links in /studybot questions import",
  "channels:join": "join a public channel to upload its weekly digest chart there",
  "im:write": "open that direct message, and send members the review reminders they ask for (/review remind=20:00)",
  "im:history": "receive the files organisers send the app in a direct message",
  "channels:read": "check a public channel before scheduling or posting in it (archived?)",
  "groups:read": "check that the bot is in a private channel before scheduling or posting in it",
  "channels:history": "after a post that timed out, find the card an earlier try left in the channel (never post twice)",
  "groups:history": "the same in private channels",
};

/** Events the app subscribes to, each with why. */
export const BOT_EVENTS: Record<string, string> = {
  app_home_opened: "draw the member's Home tab (stats and leaderboards)",
  "message.im": "a questions file an organiser sends the app in a direct message is imported",
  app_uninstalled: "pause the workspace's schedules when the app is removed (its data is kept)",
  tokens_revoked: "the same when its token is revoked",
};

/** The Messages tab is open so organisers can send the app a questions file (and shows the review reminders). */
export const APP_HOME = { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false } as const;

const both = (key: MessageKey) => `${ts("ko", key)} · ${ts("en", key)}`;

/** The text after the command name in a usage hint ("[week|month|all] [topic]"). */
function usageHint(spec: AnyCommandSpec | null, subcommands: readonly AnyCommandSpec[] = []): string {
  if (spec) return usageSyntax(spec).split(" ").slice(1).join(" ");
  return subcommands.map((s) => usageSyntax(s).split(" ").slice(1, 3).join(" ")).join(" | ");
}

function slashCommand(name: string, requestUrl: string | undefined): Record<string, unknown> {
  const spec = MEMBER_SPECS.find((s) => s.name === name) ?? null;
  const specs = spec ? [spec] : ORGANISER_SPECS;
  // Escaped mentions and channel links (<@U123|name>, <#C123|name>) say exactly who or where is meant.
  const escape = specs.some((s) => Object.values(s.options).some((o) => o.kind === "member" || o.kind === "channel"));
  return {
    command: `/${name}`,
    description: spec ? both(spec.description) : both("cmd.studybot"),
    usage_hint: usageHint(spec, spec ? [] : ORGANISER_SPECS).slice(0, 1000),
    should_escape: escape,
    ...(requestUrl ? { url: requestUrl } : {}),
  };
}

export interface ManifestOptions {
  /** HTTP mode: the public URL Slack sends events, commands and clicks to (…/slack/events); Socket Mode without */
  requestUrl?: string;
  /** HTTP mode: where Slack sends the browser back after an install in another workspace (…/slack/oauth_redirect) */
  redirectUrl?: string;
}

export function manifest(opts: ManifestOptions = {}): Record<string, unknown> {
  const url = opts.requestUrl;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: "studybot",
      description: "스터디 노트로 만드는 오늘의 문제, 순위, 노트 검색 · Daily quiz, leaderboard and lookup from your study notes",
      long_description:
        "studybot turns a study group's own notes into a daily question posted in a channel at a set time. Members answer with one click (privately), the card is revealed with the explanation and the source note, and the leaderboard tracks points, accuracy and streaks. /lookup finds the right note section in Korean or English, /quiz gives a private practice question, /review brings back what you missed when it is due (spaced repetition, with an optional daily reminder) and shows your exam readiness in /stats, /history shows the last questions, and the App Home tab shows your stats, your reviews due and the group's ranking.",
      background_color: "#2f4858",
    },
    features: {
      app_home: APP_HOME,
      bot_user: { display_name: "studybot", always_online: true },
      slash_commands: TOP_LEVEL.map((name) => slashCommand(name, url)),
    },
    oauth_config: { ...(opts.redirectUrl ? { redirect_urls: [opts.redirectUrl] } : {}), scopes: { bot: Object.keys(BOT_SCOPES) } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: Object.keys(BOT_EVENTS) },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  };
}

const HEADER = `# studybot — Slack app manifest. Generated by \`npx studybot slack manifest\` from the command specs: edit those, not
# this file (a test keeps the two equal).
#
# Create the app: https://api.slack.com/apps → "Create New App" → "From an app manifest" → pick the workspace →
# paste this file. Then install it to the workspace and copy the tokens into the bot's environment (README,
# section "Slack").
#
# As written, the app runs in Socket Mode: no public URL needed (set SLACK_BOT_TOKEN and SLACK_APP_TOKEN).
# For HTTP instead (a public https URL reaching the bot's PORT; set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET),
# paste the output of \`npx studybot slack manifest --http https://<your host>\`: every request goes to
# https://<your host>/slack/events.
#
# Bot scopes:
${Object.entries(BOT_SCOPES)
  .map(([scope, why]) => `#   ${scope}: ${why}`)
  .join("\n")}
# Events:
${Object.entries(BOT_EVENTS)
  .map(([event, why]) => `#   ${event}: ${why}`)
  .join("\n")}
`;

export function manifestYaml(opts: ManifestOptions = {}): string {
  return `${HEADER}${stringify(manifest(opts), { lineWidth: 0 })}`;
}


