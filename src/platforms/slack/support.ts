// Plumbing for the Slack adapter: Bolt's logger on pino, Events API de-duplication, in-flight work tracking,
// and Slack Web API errors turned into messages a user can act on.
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import { DeliveryError } from "../../core/delivery.js";
import { UserError } from "../../core/errors.js";
import type { SlackKey } from "./messages.js";
import type { Logger } from "../../logger.js";

/** Bolt and the WebClient log through this, into the app's pino logger (tokens are redacted there). */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "slack" });
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(" ");
  const level = (): LogLevel => {
    const l = log.level;
    if (l === "trace" || l === "debug") return LogLevel.DEBUG;
    if (l === "info") return LogLevel.INFO;
    if (l === "warn") return LogLevel.WARN;
    return LogLevel.ERROR;
  };
  return {
    debug: (...m: unknown[]) => log.debug(text(m)),
    info: (...m: unknown[]) => log.info(text(m)),
    warn: (...m: unknown[]) => log.warn(text(m)),
    error: (...m: unknown[]) => log.error(text(m)),
    // The level is pino's (LOG_LEVEL); Bolt may ask but not change it.
    setLevel: () => undefined,
    getLevel: level,
    setName: () => undefined,
  };
}

/**
 * Remembers Events API event ids for a while, so a redelivery (Slack retries after about 0 s, 1 min and 5 min
 * when it did not see our 200 in time) does no work twice. Nothing counted depends on this: answers are
 * made exactly-once by the database; this only saves repeated Web API calls.
 */
export class EventDedupe {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 15 * 60_000,
    private readonly max = 10_000,
  ) {}

  /** true when this event id was already handled (and remembers it otherwise). */
  repeat(eventId: string): boolean {
    const now = this.now();
    for (const [id, expires] of this.seen) {
      if (expires > now && this.seen.size <= this.max) break; // insertion order: the oldest come first
      this.seen.delete(id);
    }
    const expires = this.seen.get(eventId);
    if (expires !== undefined && expires > now) return true;
    this.seen.set(eventId, now + this.ttlMs);
    return false;
  }
}

/** Work started after an ack: tracked so shutdown (and tests) can wait for it to finish. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when nothing is running (including work started while waiting). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/** The `error` string of a Slack Web API platform error (`{ ok: false, error }`), else null. */
export function slackErrorCode(err: unknown): string | null {
  const e = err as { code?: string; data?: { error?: unknown } } | null;
  if (e && e.code === "slack_webapi_platform_error" && typeof e.data?.error === "string") return e.data.error;
  return null;
}

/** Slack refusals an organiser can fix (invite the bot, pick another channel) as UserErrors; others unchanged. */
export function channelErrorToUserError(err: unknown): unknown {
  // a post's failure reaches here as the core's DeliveryError around Slack's own
  const code = slackErrorCode(err instanceof DeliveryError ? err.cause : err);
  if (code === "not_in_channel") return new UserError<SlackKey>("slack.error.not_in_channel");
  if (code === "channel_not_found" || code === "is_archived" || code === "restricted_action" || code === "is_inactive") {
    return new UserError<SlackKey>("slack.error.channel_not_found", { error: code });
  }
  return err;
}
