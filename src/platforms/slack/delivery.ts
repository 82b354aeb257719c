// Slack's failures in the core's words (src/core/delivery.ts).
import { DeliveryError, type DeliveryKind } from "../../core/delivery.js";
import { slackErrorCode } from "./support.js";

/** Slack's `error` strings the core must tell apart. */
const ERRORS: Record<string, DeliveryKind> = {
  channel_not_found: "channel_gone",
  is_archived: "channel_gone",
  channel_is_archived: "channel_gone",
  is_inactive: "channel_gone",
  not_in_channel: "permission",
  restricted_action: "permission",
  cant_update_message: "permission",
  ekm_access_denied: "permission",
  message_not_found: "message_gone",
  invalid_auth: "uninstalled",
  not_authed: "uninstalled",
  account_inactive: "uninstalled",
  token_revoked: "uninstalled",
  token_expired: "uninstalled",
  team_access_not_granted: "uninstalled",
  ratelimited: "transient",
  fatal_error: "transient",
  internal_error: "transient",
  service_unavailable: "transient",
  request_timeout: "transient",
};

/** The Web API client's own codes for a call that never got Slack's answer (network, timeout, 5xx, 429). */
const TRANSIENT_CODES = new Set(["slack_webapi_request_error", "slack_webapi_http_error", "slack_webapi_rate_limited_error"]);

/** A failed Web API call as a DeliveryError; anything unknown (invalid_blocks, a bug) is passed on as it is. */
export function classifySlackError(err: unknown): unknown {
  const code = slackErrorCode(err);
  if (code !== null) return code in ERRORS ? new DeliveryError(ERRORS[code]!, code, { cause: err }) : err;
  const libraryCode = (err as { code?: unknown } | null)?.code;
  // p-retry passes a rate-limit wait on as a plain Error ("A rate limit was exceeded …") when no retry is left
  if ((typeof libraryCode === "string" && TRANSIENT_CODES.has(libraryCode)) || (err instanceof Error && /rate limit/i.test(err.message))) {
    return new DeliveryError("transient", null, { cause: err });
  }
  return err;
}
