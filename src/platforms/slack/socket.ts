// Socket Mode that keeps reconnecting. Slack's Socket Mode client reconnects after a close by calling its own
// start(), and gives up for good when apps.connections.open fails in a way it calls unrecoverable — a network
// error once its retries ran out, any HTTP 5xx — leaving a rejected promise nobody handles, which ends the
// process. Here start() is wrapped: a transient failure waits (with backoff) and tries again, for as long as it
// takes; a refusal that no retry can fix (the app token revoked) is reported once as fatal.
import type { SocketModeReceiver } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import type { ConnectionTracker, FatalHandler } from "../connection.js";
import { slackErrorCode } from "./support.js";

/** Slack's refusals of apps.connections.open that no retry changes. */
const FATAL = new Set(["invalid_auth", "not_authed", "account_inactive", "user_removed_from_team", "team_disabled", "token_revoked"]);
const MAX_WAIT_MS = 60_000;

export interface ReconnectOptions {
  logger: Logger;
  link: ConnectionTracker;
  /** first wait after a failed reconnect (doubling up to a minute); default 1 s */
  backoffMs?: number;
  onFatal?: FatalHandler;
}

export function keepReconnecting(client: SocketModeReceiver["client"], opts: ReconnectOptions): void {
  const { logger, link } = opts;
  const base = opts.backoffMs ?? 1_000;
  const start = client.start.bind(client);
  const state = client as unknown as { shuttingDown?: boolean };
  client.on("connected", () => {
    link.up();
    logger.info("slack: Socket Mode connected");
  });
  client.on("reconnecting", () => {
    link.down();
    logger.warn("slack: Socket Mode reconnecting");
  });
  client.on("disconnected", () => link.down());
  // The client reconnects through this.start, read when the socket closes: an own property shadows it.
  client.start = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await start();
      } catch (err) {
        if (state.shuttingDown) return undefined as never;
        const code = slackErrorCode(err);
        if (code !== null && FATAL.has(code)) {
          link.down();
          opts.onFatal?.(`Slack refused SLACK_APP_TOKEN at a reconnect (${code}): generate a new app-level token with the connections:write scope`, err);
          return undefined as never;
        }
        const wait = Math.min(MAX_WAIT_MS, base * 2 ** (attempt - 1));
        logger.warn({ err, attempt, waitMs: wait }, "slack: Socket Mode could not reconnect; trying again");
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
        if (state.shuttingDown) return undefined as never;
      }
    }
  };
}
