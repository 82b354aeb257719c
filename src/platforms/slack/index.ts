// Slack platform: a Bolt App receiving over HTTP (`POST /slack/events` on PORT, signed with
// SLACK_SIGNING_SECRET) or over Socket Mode (when SLACK_APP_TOKEN is set), the WebClient pointed at
// SLACK_API_URL when given, the handlers, and the PlatformPort the scheduler posts and reveals cards through.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, webApi } from "@slack/bolt";
import type { StudyBot } from "../../core/app.js";
import type { Clock } from "../../core/clock.js";
import { ConfigError, type Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { registerHandlers } from "./handlers.js";
import { SLACK_PLATFORM, SlackPort } from "./port.js";
import { boltLogger, InFlight, slackErrorCode } from "./support.js";
import { SlackUsers } from "./users.js";

export { SLACK_PLATFORM, SlackPort } from "./port.js";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackStartOptions {
  /** listen address of the HTTP receiver (default: every interface) */
  host?: string;
  /** listen port, overriding PORT; 0 picks a free one */
  httpPort?: number;
  /** time for de-duplication windows and "as of" stamps (default: the bot's clock) */
  clock?: Clock;
}

export interface SlackPlatform {
  port: SlackPort;
  /** stops receiving, then waits for work already started (replies, posts) to finish */
  stop(): Promise<void>;
  /** resolves when every piece of work started by a request so far has finished */
  idle(): Promise<void>;
  mode: "http" | "socket";
  /** HTTP mode: the Request URL the receiver answers on (as bound), else null */
  url: string | null;
  /** the workspace the bot token belongs to */
  teamId: string;
  app: App;
}

/** The Web API base with the trailing slash the WebClient needs ("https://slack.com/api/" by default). */
export function apiBase(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith("/") ? url : `${url}/`;
}

export async function startSlack(bot: StudyBot, config: Config, logger: Logger, options: SlackStartOptions = {}): Promise<SlackPlatform> {
  const cfg = config.slack;
  if (!cfg) throw new ConfigError("Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode).");
  const log = logger.child({ platform: SLACK_PLATFORM });
  const blog = boltLogger(log);
  const slackApiUrl = apiBase(cfg.apiUrl);
  const clientOptions: webApi.WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger: blog,
    // A reply retried for half an hour helps nobody; a few quick retries ride out a blip.
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
  };

  // Who are we? One auth.test: the workspace id for the port, the bot's ids for Bolt, and a clear error
  // for a wrong token before anything listens.
  const probe = new webApi.WebClient(cfg.botToken, { ...clientOptions, retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 } });
  let auth: webApi.AuthTestResponse;
  try {
    auth = await probe.auth.test();
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === "invalid_auth" || code === "not_authed" || code === "account_inactive" || code === "token_revoked") {
      throw new ConfigError(`Slack refused SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) from your app's "OAuth & Permissions" page.`);
    }
    throw new ConfigError(`could not reach the Slack Web API${slackApiUrl ? ` at ${slackApiUrl}` : ""} (${code ?? (err as Error).message}): check the network or SLACK_API_URL.`);
  }
  if (!auth.team_id || !auth.user_id) throw new ConfigError("Slack auth.test did not name the workspace and bot user: is SLACK_BOT_TOKEN a bot token (xoxb-…)?");

  const notIds = cfg.organizers.filter((id) => !/^[UW][A-Z0-9]{2,20}$/.test(id));
  if (notIds.length > 0) {
    log.warn({ entries: notIds }, "slack: SLACK_ORGANIZERS entries that are not member ids (U…) match nobody: copy each organiser's member ID from their Slack profile (⋮ → Copy member ID)");
  }

  const socketMode = Boolean(cfg.appToken);
  if (!socketMode && !cfg.signingSecret) throw new ConfigError("SLACK_SIGNING_SECRET is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).");
  const app = new App({
    token: cfg.botToken,
    botId: auth.bot_id,
    botUserId: auth.user_id,
    // auth.test was just called; Bolt need not call it again.
    tokenVerificationEnabled: false,
    ...(socketMode
      ? { socketMode: true, appToken: cfg.appToken }
      : { signingSecret: cfg.signingSecret, endpoints: SLACK_EVENTS_PATH, processBeforeResponse: false }),
    clientOptions,
    logger: blog,
    convoStore: false,
  });

  const inflight = new InFlight();
  const clock = options.clock ?? bot.clock;
  const users = new SlackUsers(app.client, () => clock.now().getTime());
  registerHandlers(app, { bot, logger: log, clock, organizers: cfg.organizers, inflight, users });
  const port = new SlackPort(app.client, auth.team_id, log);
  const unregister = bot.registerPort(SLACK_PLATFORM, port);

  let url: string | null = null;
  if (socketMode) {
    try {
      await app.start();
    } catch (err) {
      unregister();
      const code = slackErrorCode(err);
      if (code === "invalid_auth" || code === "not_authed" || code === "account_inactive") {
        throw new ConfigError(`Slack refused SLACK_APP_TOKEN (${code}): generate an app-level token with the connections:write scope under "Basic Information → App-Level Tokens".`);
      }
      throw new ConfigError(`could not open the Socket Mode connection to Slack (${code ?? (err as Error).message}): check the network, or that Socket Mode is enabled for the app.`);
    }
    log.info({ team: auth.team_id, bot: auth.user_id }, "slack: connected over Socket Mode");
  } else {
    const listen = { port: options.httpPort ?? cfg.port, ...(options.host ? { host: options.host } : {}) };
    let server: Server;
    try {
      server = (await app.start(listen)) as Server;
    } catch (err) {
      unregister();
      const e = err as NodeJS.ErrnoException;
      if (e.code === "EADDRINUSE") throw new ConfigError(`PORT ${listen.port} is already in use: stop what listens there or set PORT to a free port (Slack's Request URL must reach it).`);
      if (e.code === "EACCES") throw new ConfigError(`not allowed to listen on PORT ${listen.port}: use a port above 1023, or run behind a reverse proxy.`);
      throw err;
    }
    const address = server.address() as AddressInfo;
    const host = options.host ?? "0.0.0.0";
    url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}${SLACK_EVENTS_PATH}`;
    log.info({ team: auth.team_id, bot: auth.user_id, url }, "slack: listening for events, commands and actions");
  }

  let stopped = false;
  return {
    port,
    mode: socketMode ? "socket" : "http",
    url,
    teamId: auth.team_id,
    app,
    idle: () => inflight.idle(),
    async stop() {
      if (stopped) return;
      stopped = true;
      // Stop receiving, let started work finish (it may still post a card), then leave the port registry.
      await app.stop();
      await inflight.idle();
      unregister();
      log.info("slack: stopped");
    },
  };
}
