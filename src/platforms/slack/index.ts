// Slack platform: a Bolt App receiving over HTTP (`POST /slack/events`, signed with SLACK_SIGNING_SECRET, mounted on
// the process's one HTTP server) or over Socket Mode (when SLACK_APP_TOKEN is set), the WebClient pointed at
// SLACK_API_URL when given, the handlers, and the PlatformPort the scheduler posts and reveals cards through.
import { App, HTTPReceiver, SocketModeReceiver, webApi } from "@slack/bolt";
import type { StudyBot } from "../../core/app.js";
import type { Clock } from "../../core/clock.js";
import { ConfigError, type Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { AppServer } from "../../server/http.js";
import { ConnectionTracker, type ConnectionState, type FatalHandler } from "../connection.js";
import { registerHandlers } from "./handlers.js";
import { SLACK_PLATFORM, SlackPort } from "./port.js";
import { keepReconnecting } from "./socket.js";
import { boltLogger, InFlight, slackErrorCode } from "./support.js";
import { SlackUsers } from "./users.js";

export { SLACK_PLATFORM, SlackPort } from "./port.js";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackStartOptions {
  /**
   * the process's HTTP server, which HTTP mode mounts its events endpoint on; without one (a test, an embedding)
   * HTTP mode listens on a server of its own at `host`/`httpPort`
   */
  server?: AppServer;
  /** listen address of an own server (default: every interface) */
  host?: string;
  /** listen port of an own server, overriding PORT; 0 picks a free one */
  httpPort?: number;
  /** time for de-duplication windows and "as of" stamps (default: the bot's clock) */
  clock?: Clock;
  /** how long a card's post or edit may take before it counts as a (transient) failure, ms (default 10 s) */
  requestTimeoutMs?: number;
  /** Socket Mode: first wait before reconnecting after a failed reconnect, ms (doubling, at most a minute) */
  reconnectBackoffMs?: number;
  /** Socket Mode: the ping timeout, which is also Slack's client's first wait before reconnecting (default 5 s) */
  clientPingTimeoutMs?: number;
  /** Socket Mode: Slack refused the app for good at a reconnect (its token revoked): the process should end */
  onFatal?: FatalHandler;
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
  /** Socket Mode's connection, for /healthz; null in HTTP mode (Slack calls in, nothing to keep up) */
  connection(): ConnectionState | null;
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
  const socket = socketMode
    ? new SocketModeReceiver({
        appToken: cfg.appToken!,
        logger: blog,
        ...(options.clientPingTimeoutMs ? { clientPingTimeout: options.clientPingTimeoutMs } : {}),
        // Its own retries for apps.connections.open: the Web API client's would end reconnecting for good when they
        // run out (keepReconnecting below goes on for as long as the failure is transient).
        installerOptions: { clientOptions: { ...(slackApiUrl ? { slackApiUrl } : {}), retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 } } },
      })
    : null;
  const http = socketMode ? null : new HTTPReceiver({ signingSecret: cfg.signingSecret!, endpoints: SLACK_EVENTS_PATH, processBeforeResponse: false, logger: blog });
  const app = new App({
    token: cfg.botToken,
    botId: auth.bot_id,
    botUserId: auth.user_id,
    // auth.test was just called; Bolt need not call it again.
    tokenVerificationEnabled: false,
    receiver: (socket ?? http)!,
    clientOptions,
    logger: blog,
    convoStore: false,
  });

  const inflight = new InFlight();
  const clock = options.clock ?? bot.clock;
  const users = new SlackUsers(app.client, () => clock.now().getTime());
  const teamId = auth.team_id;
  registerHandlers(app, { bot, logger: log, clock, organizers: cfg.organizers, inflight, users, teamId });
  // Cards are posted and edited through a client that calls once and gives up after a timeout: the core retries
  // them from its sweep, and a post tried again must first look for the card an earlier try may have left.
  const delivery = new webApi.WebClient(cfg.botToken, { ...clientOptions, retryConfig: { retries: 0 }, timeout: options.requestTimeoutMs ?? 10_000 });
  const port = new SlackPort(delivery, teamId, log);
  const unregister = bot.registerPort(SLACK_PLATFORM, port);

  let url: string | null = null;
  let unmount: (() => void) | null = null;
  let ownServer: AppServer | null = null;
  const link = new ConnectionTracker(() => clock.now());
  if (socket) {
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
    link.up();
    keepReconnecting(socket.client, { logger: log, link, backoffMs: options.reconnectBackoffMs, onFatal: options.onFatal });
    log.info({ team: teamId, bot: auth.user_id }, "slack: connected over Socket Mode");
  } else {
    let server = options.server;
    if (!server) {
      ownServer = server = new AppServer(log);
      try {
        await server.listen(options.httpPort ?? cfg.port, options.host);
      } catch (err) {
        unregister();
        throw err;
      }
    }
    unmount = server.route("POST", SLACK_EVENTS_PATH, http!.requestListener);
    url = server.listening ? server.url(SLACK_EVENTS_PATH, options.host) : null;
    log.info({ team: teamId, bot: auth.user_id, url }, "slack: listening for events, commands and actions");
  }

  let stopped = false;
  return {
    port,
    mode: socketMode ? "socket" : "http",
    url,
    teamId,
    app,
    connection: () => (socket ? link.current : null),
    idle: () => inflight.idle(),
    async stop() {
      if (stopped) return;
      stopped = true;
      // Stop receiving, let started work finish (it may still post a card), then leave the port registry.
      if (socket) await app.stop();
      unmount?.();
      await ownServer?.close();
      await inflight.idle();
      unregister();
      log.info("slack: stopped");
    },
  };
}
