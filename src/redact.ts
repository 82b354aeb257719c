// What an error may say in the logs. Errors from the chat SDKs carry what must never be written: the Web API
// client's request config (the bot token in its Authorization header), the interaction or webhook URL (its last
// segment is a token), a response_url, request bodies. An error is logged as these fields only, and every text in
// them passes `scrubText`, which cuts token segments out of URLs and blanks anything shaped like a token.

/** The fields of a logged error; nothing else of it is written. */
export interface LoggedError {
  type: string;
  message: string;
  /** the library's code (Node's ECONNREFUSED, Slack's slack_webapi_platform_error, Discord's numeric code) */
  code?: string | number;
  /** HTTP status of a failed API call */
  status?: number;
  /** HTTP method of a failed API call */
  method?: string;
  /** the platform's own error code: Slack's `error` ("channel_not_found"), Discord's JSON code (10008) */
  platformCode?: string | number;
  cause?: LoggedError;
}

const HIDDEN = "***";

// A path segment that is a secret: a long run of token characters (interaction and webhook tokens, response_url
// tokens, UUIDs). Snowflakes are digits only and stay, so a logged route still says which channel or message.
const SECRET_SEGMENT = /^(?=.*[A-Za-z_-])[A-Za-z0-9._~-]{20,}$/;
// Segments that always follow an id with a token: Discord's /webhooks/<id>/<token> and /interactions/<id>/<token>.
const TOKEN_AFTER = new Set(["webhooks", "interactions"]);

/** A URL with its query, fragment, credentials and every token segment removed. */
export function scrubUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return HIDDEN;
  }
  const parts = url.pathname.split("/");
  const out = parts.map((segment, i) => {
    if (i >= 2 && TOKEN_AFTER.has(parts[i - 2]!)) return HIDDEN;
    return SECRET_SEGMENT.test(decodeURIComponent(segment)) ? HIDDEN : segment;
  });
  // Slack's response_url (hooks.slack.com/commands|actions/<team>/<id>/<token>) names nothing worth keeping.
  const path = url.hostname === "hooks.slack.com" ? `/${parts[1] ?? ""}/${HIDDEN}` : out.join("/");
  return `${url.protocol}//${url.host}${path}`;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>)\]}]+/g;
// Slack tokens (xoxb-, xoxp-, xoxa-, xoxe-, xapp-), and whatever follows an Authorization scheme.
const SLACK_TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;
const AUTH_VALUE = /\b(Bot|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** Text as it may be logged: URLs scrubbed, tokens blanked. */
export function scrubText(text: string): string {
  return text.replace(URL_IN_TEXT, (u) => scrubUrl(u)).replace(SLACK_TOKEN, HIDDEN).replace(AUTH_VALUE, `$1 ${HIDDEN}`);
}

type Loose = Record<string, unknown> & {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
  statusCode?: unknown;
  method?: unknown;
  cause?: unknown;
  data?: { error?: unknown };
  response?: { status?: unknown };
  config?: { method?: unknown };
  original?: unknown;
  rawError?: { code?: unknown };
};

const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isCode = (v: unknown): v is string | number => (typeof v === "string" && v.length > 0 && v.length <= 80) || (typeof v === "number" && Number.isFinite(v));

/** Does this value look like an error (an Error, or an SDK's error-shaped object)? */
export function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || (typeof value === "object" && value !== null && typeof (value as Loose).message === "string" && typeof (value as Loose).stack === "string");
}

/** What serializeError made: pino passes an `err` through it a second time. */
const serialized = new WeakSet<object>();

/** An error (or anything thrown) reduced to the fields that may be logged. */
export function serializeError(value: unknown, depth = 0): LoggedError {
  if (!value || typeof value !== "object") return { type: typeof value, message: scrubText(String(value)) };
  if (serialized.has(value)) return value as LoggedError;
  const out = reduce(value, depth);
  serialized.add(out);
  return out;
}

function reduce(value: object, depth: number): LoggedError {
  const e = value as Loose;
  const type = isText(e.name) ? e.name : (value.constructor?.name ?? "Object");
  const out: LoggedError = { type, message: scrubText(isText(e.message) ? e.message : "") };
  // Discord: DiscordAPIError { code: 10062, status, method }; Slack: { code: "slack_webapi_…", data: { error } };
  // axios (Bolt's respond()): { code, response.status, config.method }; Node: { code: "ECONNREFUSED" }.
  if (isCode(e.code)) out.code = e.code;
  const status = e.status ?? e.statusCode ?? e.response?.status;
  if (typeof status === "number") out.status = status;
  const method = e.method ?? e.config?.method;
  if (isText(method)) out.method = method.toUpperCase();
  const platformCode = isCode(e.data?.error) ? e.data.error : typeof e.code === "number" ? e.code : isCode(e.rawError?.code) ? e.rawError.code : undefined;
  if (platformCode !== undefined) out.platformCode = platformCode;
  // The cause of a network failure says what failed (ECONNREFUSED, a timeout); Slack's request error keeps it in
  // `original`. Two levels are enough to name it.
  const cause = e.cause ?? e.original;
  if (cause !== undefined && depth < 2) out.cause = serializeError(cause, depth + 1);
  return out;
}

/** Every error in a log call's object, serialized; everything else as it was. */
export function serializeErrorsIn(obj: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (isErrorLike(v)) (out ??= { ...obj })[key] = serializeError(v);
  }
  return out ?? obj;
}
