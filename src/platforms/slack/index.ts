// Slack platform: a Bolt App receiving over HTTP (`POST /slack/events`, signed with SLACK_SIGNING_SECRET, mounted on
// the process's one HTTP server) or over Socket Mode (when SLACK_APP_TOKEN is set), the WebClient pointed at
// SLACK_API_URL when given, the handlers, and the PlatformPort the scheduler posts and reveals cards through.
// One workspace runs on SLACK_BOT_TOKEN; many install the app through OAuth (SLACK_CLIENT_ID …): Bolt's install
// pages at /slack/install and /slack/oauth_redirect on the same server, each installation kept encrypted in the
// database (./installations.ts), and each request and post made with its workspace's token.
import { App, HTTPReceiver, SocketModeReceiver, webApi } from "@slack/bolt";
import type { StudyBot } from "../../core/app.js";
import type { Clock } from "../../core/clock.js";
import { ConfigError, type Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { AppServer } from "../../server/http.js";
import { ConnectionTracker, type ConnectionState, type FatalHandler } from "../connection.js";
import type { InstallationStore } from "../../core/store/index.js";
import { registerHandlers } from "./handlers.js";
import { InstalledWorkspaces, SealedInstallationStore, installationKey } from "./installations.js";
import { BOT_SCOPES } from "./manifest.js";
import { SLACK_PLATFORM, SlackPort, singleWorkspace } from "./port.js";
import { keepReconnecting } from "./socket.js";
import { boltLogger, InFlight, slackErrorCode } from "./support.js";
import { SlackUsers } from "./users.js";

export { SLACK_PLATFORM, SlackPort } from "./port.js";

export const SLACK_EVENTS_PATH = "/slack/events";
/** the OAuth install flow's pages (installs in many workspaces) */
export const SLACK_INSTALL_PATH = "/slack/install";
export const SLACK_REDIRECT_PATH = "/slack/oauth_redirect";

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
  /** OAuth installs in many workspaces: where the installations are kept (the database) */
  installations?: InstallationStore;
  /** OAuth: where the install page sends the browser to approve (default: Slack's own page) */
  authorizationUrl?: string;
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
  /** the workspace the bot token belongs to; null with OAuth installs (many workspaces) */
  teamId: string | null;
  app: App;
  /** Socket Mode's connection, for /healthz; null in HTTP mode (Slack calls in, nothing to keep up) */
  connection(): ConnectionState | null;
}

/** The Web API base with the trailing slash the WebClient needs ("https://slack.com/api/" by default). */
export function apiBase(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith("/") ? url : `${url}/`;
}

/** The HTTP server Slack's requests arrive on: the process's own when given, else one started here (and owned). */
async function serverFor(options: SlackStartOptions, port: number, log: Logger, unregister: () => void): Promise<{ server: AppServer; own: AppServer | null }> {
  if (options.server) return { server: options.server, own: null };
  const server = new AppServer(log);
  try {
    await server.listen(options.httpPort ?? port, options.host);
  } catch (err) {
    unregister();
    throw err;
  }
  return { server, own: server };
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

  if (cfg.oauth) return startInstalled(bot, config, cfg.oauth, log, clientOptions, options);
  if (!cfg.botToken) throw new ConfigError("Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID with the other OAuth settings (many workspaces).");

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
  const users = new SlackUsers(() => clock.now().getTime());
  const teamId = auth.team_id;
  registerHandlers(app, { bot, logger: log, clock, organizers: cfg.organizers, inflight, users, team: () => teamId });
  // Cards are posted and edited through a client that calls once and gives up after a timeout: the core retries
  // them from its sweep, and a post tried again must first look for the card an earlier try may have left.
  const delivery = new webApi.WebClient(cfg.botToken, { ...clientOptions, retryConfig: { retries: 0 }, timeout: options.requestTimeoutMs ?? 10_000 });
  const port = new SlackPort(singleWorkspace(delivery, teamId), log);
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
    const { server, own } = await serverFor(options, cfg.port, log, unregister);
    ownServer = own;
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

/**
 * Many workspaces: Bolt's HTTP receiver with @slack/oauth's install flow, the installations in the database (sealed
 * under SLACK_TOKEN_KEY), Bolt authorising each request with its workspace's installation, and the port posting with
 * each workspace's own client. Uninstalled or revoked, a workspace's installation is deleted.
 */
async function startInstalled(
  bot: StudyBot,
  config: Config,
  oauth: NonNullable<NonNullable<Config["slack"]>["oauth"]>,
  log: Logger,
  clientOptions: webApi.WebClientOptions,
  options: SlackStartOptions,
): Promise<SlackPlatform> {
  const cfg = config.slack!;
  if (!options.installations) throw new Error("Slack installs in many workspaces need the database's installation store");
  const clock = options.clock ?? bot.clock;
  const deliveryOptions: webApi.WebClientOptions = { ...clientOptions, retryConfig: { retries: 0 }, timeout: options.requestTimeoutMs ?? 10_000 };
  const clients = new InstalledWorkspaces(() => installations, (token) => new webApi.WebClient(token, deliveryOptions));
  const installations = new SealedInstallationStore(options.installations, oauth.tokenKey, () => clock.now());
  const http = new HTTPReceiver({
    signingSecret: cfg.signingSecret!,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logger: boltLogger(log),
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: Object.keys(BOT_SCOPES),
    installationStore: installations,
    installerOptions: {
      installPath: SLACK_INSTALL_PATH,
      redirectUriPath: SLACK_REDIRECT_PATH,
      // the install page goes straight to Slack's approval page (no page of its own in between)
      directInstall: true,
      ...(options.authorizationUrl ? { authorizationUrl: options.authorizationUrl } : {}),
      ...(clientOptions.slackApiUrl ? { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } } : {}),
    },
  });
  const app = new App({ receiver: http, clientOptions, logger: boltLogger(log), convoStore: false });

  const inflight = new InFlight();
  const users = new SlackUsers(() => clock.now().getTime());
  const team = (context: { teamId?: string; enterpriseId?: string }) => {
    if (!context.teamId) throw new Error("a Slack request without its workspace");
    return context.teamId;
  };
  registerHandlers(app, {
    bot,
    logger: log,
    clock,
    organizers: cfg.organizers,
    inflight,
    users,
    team,
    removed: async (context) => {
      await installations.deleteInstallation({ teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall ?? false });
      log.info({ installation: installationKey({ teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall }) }, "slack: installation deleted");
    },
  });
  const port = new SlackPort(clients, log);
  const unregister = bot.registerPort(SLACK_PLATFORM, port);

  const { server, own: ownServer } = await serverFor(options, cfg.port, log, unregister);
  const unmount = [server.route("POST", SLACK_EVENTS_PATH, http.requestListener), server.route("GET", SLACK_INSTALL_PATH, http.requestListener), server.route("GET", SLACK_REDIRECT_PATH, http.requestListener)];
  const url = server.listening ? server.url(SLACK_EVENTS_PATH, options.host) : null;
  log.info({ url, install: server.listening ? server.url(SLACK_INSTALL_PATH, options.host) : null }, "slack: listening for events, commands, actions and installs");

  let stopped = false;
  return {
    port,
    mode: "http",
    url,
    teamId: null,
    app,
    connection: () => null,
    idle: () => inflight.idle(),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const f of unmount) f();
      await ownServer?.close();
      await inflight.idle();
      unregister();
      log.info("slack: stopped");
    },
  };
}
