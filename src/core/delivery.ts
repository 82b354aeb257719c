// How posting a card or revealing it can fail, in words the core acts on. Each platform's port classifies its own
// errors into a DeliveryError (Discord's 50013 → "permission", Slack's channel_not_found → "channel_gone" …); the
// core retries what is transient and stops, pauses and tells the organisers about the rest.

export const DELIVERY_KINDS = ["transient", "permission", "channel_gone", "message_gone", "uninstalled"] as const;

/**
 * transient     a timeout, a 5xx, a 429 after the library's own waits, a network error: try again later
 * permission    the bot may not post (or edit) in the channel any more
 * channel_gone  the channel was deleted or archived, or the bot cannot see it
 * message_gone  the card's message was deleted (a reveal then posts a new message)
 * uninstalled   the bot was removed from the server or workspace, or its token revoked
 */
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export function isDeliveryKind(value: unknown): value is DeliveryKind {
  return (DELIVERY_KINDS as readonly unknown[]).includes(value);
}

export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryKind,
    /** what the platform named, shown to organisers with the kind (e.g. the missing permissions) */
    readonly detail: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(`delivery failed: ${kind}${detail ? ` (${detail})` : ""}`, options);
    this.name = "DeliveryError";
  }
}

/** The kind of any failure of a post or an edit: an unclassified error is taken as transient (and logged as a bug). */
export function deliveryKindOf(err: unknown): DeliveryKind {
  return err instanceof DeliveryError ? err.kind : "transient";
}

/** Tries of one step (a post or a reveal) before it is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 10;
/** How long a process may take over a step before another may try it (a claim whose post never finished). */
export const DELIVERY_LEASE_MS = 2 * 60_000;

const BASE_MS = 60_000;
const CAP_MS = 30 * 60_000;

/** When to try again after `attempts` failed tries: 1, 2, 4, 8, 16, then every 30 minutes. */
export function retryAt(now: Date, attempts: number): Date {
  const wait = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + wait);
}
