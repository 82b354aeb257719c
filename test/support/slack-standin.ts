// A local stand-in for Slack, for driving the real Bolt App in tests.
//
// Web API: an HTTP server on 127.0.0.1 answering `POST /api/<method>` (point the WebClient at `standIn.apiUrl`
// with `clientOptions.slackApiUrl`). Every call is recorded: the method, its arguments (form or JSON body;
// form values that hold JSON, such as `blocks` or `view`, are decoded), the token it carried and the answer
// it got. Answers follow the real API where a client depends on it: `chat.postMessage` → `ts`/`channel`,
// `chat.update`, `chat.postEphemeral` → `message_ts`, `views.publish` → `view`, `users.info` with
// `is_admin`/`is_owner` (and `locale` with `include_locale`), `auth.test`, `apps.connections.open`.
//
// Like Slack, it refuses what Slack refuses, so a handler that gets it wrong fails a test instead of passing
// silently: a wrong token (`invalid_auth`), an unknown channel or a private channel the bot is not in,
// `chat.update` of a message that does not exist, and Block Kit over Slack's limits (`invalid_blocks`: 50 blocks
// in a message, 100 in a Home tab, 3000 characters in a section or text object, 150 in a header, 75 in a
// button label, 2000 in a button value, 25 elements in an actions block, 10 in a context block, unique block and
// action ids). A response_url takes at most 5 posts, as on Slack.
//
// response_url: `responseUrl()` mints a URL on the stand-in; what Bolt's `respond()` posts there is recorded.
//
// Socket Mode: `apps.connections.open` (with an `xapp-` token) hands out a websocket on the stand-in that says
// hello; `socketSend()` delivers an envelope and resolves with the app's acknowledgement.
//
// OAuth installs in many workspaces: `approveInstall()` is a member approving the app on Slack's page for another
// workspace: it mints a one-time code for the redirect. `oauth.v2.access` exchanges it, given the app's client id
// and secret (form fields or HTTP Basic, as Slack takes them), for that workspace's own bot token; the Web API then
// answers that token as the workspace's (auth.test names it) until `revokeToken()`. A code is refused once used
// (`invalid_code`), and a wrong client secret with `bad_client_secret`, as Slack does.
//
// Requests to the app: `signedPost()` and the body builders send what Slack sends to a Request URL, signed with
// `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>` under the signing secret.
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export const STANDIN_BOT_TOKEN = "xoxb-standin-bot-token";
export const STANDIN_APP_TOKEN = "xapp-1-standin-app-token";
export const STANDIN_SIGNING_SECRET = "standin-signing-secret-0123456789abcdef";
/** the admin who approves an install (oauth.v2.access's authed_user) */
export const STANDIN_INSTALLER = "U0INSTALLR";
export const STANDIN_CLIENT_ID = "1111111111.2222222222";
export const STANDIN_CLIENT_SECRET = "standin-client-secret";

type Json = Record<string, unknown>;

export interface SlackUser {
  id: string;
  /** the legacy username (what slash commands send as `user_name`) */
  name: string;
  realName?: string;
  displayName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  /** e.g. "ko-KR", "en-US"; returned only with `include_locale` */
  locale?: string;
  isBot?: boolean;
}

export interface SlackChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** whether the bot is a member (public channels accept posts anyway, with chat:write.public) */
  botIsMember?: boolean;
  /** archived: nothing can be posted */
  isArchived?: boolean;
}

export interface ApiCall {
  /** Web API method, e.g. "chat.postMessage" */
  method: string;
  /** arguments as the client sent them; JSON-valued form fields decoded */
  args: Json;
  /** the token the call carried (Authorization header or `token` argument), or null */
  token: string | null;
  /** what the stand-in answered */
  response: Json;
  /** order of arrival among all recorded traffic (API calls and response_url posts) */
  seq: number;
}

export interface ResponseUrlPost {
  /** the response_url id (the last path segment) */
  id: string;
  body: Json;
  status: number;
  seq: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Json[];
  /** how many times chat.update changed it */
  edits: number;
  /** message metadata as posted ({ event_type, event_payload }) */
  metadata?: Json;
}

export interface StandInOptions {
  teamId?: string;
  teamName?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  users?: SlackUser[];
  channels?: SlackChannel[];
}

interface Hold {
  method: string;
  released: Promise<void>;
  release: () => void;
  reached: Promise<void>;
  markReached: () => void;
}

// ------------------------------------------------------------------------------------------ Block Kit limits

const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  textObject: 3000,
  fallbackText: 40_000,
};

/** Returns the problems Slack would report for these blocks (empty when Slack would accept them). */
export function blockKitProblems(blocks: unknown, surface: "message" | "home" = "message"): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ["blocks must be an array"];
  const max = surface === "home" ? LIMITS.homeBlocks : LIMITS.messageBlocks;
  if (blocks.length > max) problems.push(`${blocks.length} blocks, more than ${max}`);
  const blockIds = new Set<string>();
  const text = (where: string, t: unknown, limit: number, kinds: string[]) => {
    const o = t as Json | undefined;
    if (!o || typeof o !== "object") return void problems.push(`${where}: missing text object`);
    if (!kinds.includes(String(o.type))) problems.push(`${where}: text type ${String(o.type)} not one of ${kinds.join(", ")}`);
    const s = o.text;
    if (typeof s !== "string" || s.length === 0) problems.push(`${where}: empty text`);
    else if (s.length > limit) problems.push(`${where}: text of ${s.length} characters, more than ${limit}`);
  };
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const at = `blocks[${i}] (${String(b?.type)})`;
    if (typeof b.block_id === "string") {
      if (b.block_id.length > LIMITS.blockId) problems.push(`${at}: block_id longer than ${LIMITS.blockId}`);
      if (blockIds.has(b.block_id)) problems.push(`${at}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case "section": {
        if (b.text === undefined && b.fields === undefined) problems.push(`${at}: needs text or fields`);
        if (b.text !== undefined) text(`${at}.text`, b.text, LIMITS.sectionText, ["mrkdwn", "plain_text"]);
        if (b.fields !== undefined) {
          const fields = b.fields as unknown[];
          if (!Array.isArray(fields) || fields.length > LIMITS.sectionFields) problems.push(`${at}: more than ${LIMITS.sectionFields} fields`);
          else fields.forEach((f, j) => text(`${at}.fields[${j}]`, f, LIMITS.fieldText, ["mrkdwn", "plain_text"]));
        }
        if (b.accessory !== undefined) element(`${at}.accessory`, b.accessory as Json, new Set());
        break;
      }
      case "header":
        text(`${at}.text`, b.text, LIMITS.headerText, ["plain_text"]);
        break;
      case "context": {
        const els = b.elements as unknown[];
        if (!Array.isArray(els) || els.length === 0 || els.length > LIMITS.contextElements) problems.push(`${at}: needs 1 to ${LIMITS.contextElements} elements`);
        else els.forEach((e, j) => text(`${at}.elements[${j}]`, e, LIMITS.textObject, ["mrkdwn", "plain_text"]));
        break;
      }
      case "actions": {
        const els = b.elements as unknown[];
        if (!Array.isArray(els) || els.length === 0 || els.length > LIMITS.actionsElements) problems.push(`${at}: needs 1 to ${LIMITS.actionsElements} elements`);
        else {
          const ids = new Set<string>();
          els.forEach((e, j) => element(`${at}.elements[${j}]`, e as Json, ids));
        }
        break;
      }
      case "divider":
        break;
      default:
        problems.push(`${at}: block type not supported by the stand-in`);
    }
  });
  function element(where: string, e: Json, actionIds: Set<string>) {
    if (e.type !== "button") return void problems.push(`${where}: element type ${String(e.type)} not supported by the stand-in`);
    text(`${where}.text`, e.text, LIMITS.buttonText, ["plain_text"]);
    if (typeof e.action_id !== "string" || e.action_id.length === 0 || e.action_id.length > LIMITS.actionId) problems.push(`${where}: action_id must be 1 to ${LIMITS.actionId} characters`);
    else if (actionIds.has(e.action_id)) problems.push(`${where}: duplicate action_id ${e.action_id}`);
    else actionIds.add(e.action_id);
    if (e.value !== undefined && (typeof e.value !== "string" || e.value.length > LIMITS.buttonValue)) problems.push(`${where}: value longer than ${LIMITS.buttonValue}`);
    if (e.style !== undefined && e.style !== "primary" && e.style !== "danger") problems.push(`${where}: style must be primary or danger`);
  }
  return problems;
}

// ------------------------------------------------------------------------------------------ the stand-in

export class SlackStandIn {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly messages = new Map<string, StoredMessage>();
  /** views.publish: the last Home view published for each user */
  readonly homeViews = new Map<string, Json>();
  /** files uploaded with files.uploadV2 and shared, in order: where, and what */
  readonly files: Array<{ id: string; channel: string; filename: string; title: string; comment: string; data: Buffer }> = [];
  private readonly pendingUploads = new Map<string, { filename: string; length: number; data: Buffer | null }>();
  /** files members shared in the workspace (files.info describes them; their private URL needs the bot token) */
  private readonly shared = new Map<string, { name: string; user: string; data: Buffer }>();
  readonly teamId: string;
  readonly teamName: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly users = new Map<string, SlackUser>();
  readonly channels = new Map<string, SlackChannel>();
  /** downloads of shared files' private URLs, and whether they carried the bot token */
  readonly downloads: Array<{ path: string; authorized: boolean }> = [];
  /** direct messages the app opened with conversations.open (id "D…"), which it may then post in */
  readonly directMessages = new Map<string, SlackChannel>();
  /** Socket Mode: envelopes acknowledged by the app, by envelope id */
  readonly socketAcks = new Map<string, Json>();

  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private port = 0;
  private seq = 0;
  private tsCounter = 0;
  private readonly responseUrls = new Map<string, number>();
  private readonly failures: Array<{ method: string; error: string }> = [];
  private readonly httpFailures: Array<{ method: string; status: number }> = [];
  private readonly drops: string[] = [];
  private readonly holds: Hold[] = [];
  private readonly waiters: Array<{ match: () => boolean; resolve: () => void }> = [];
  private readonly ackWaiters = new Map<string, (payload: Json) => void>();
  private connectionWaiters: Array<() => void> = [];
  /** OAuth: codes not yet exchanged, and the bot tokens installs handed out, each with its workspace */
  private readonly codes = new Map<string, { teamId: string; teamName: string; scopes: string }>();
  private readonly installTokens = new Map<string, { teamId: string; teamName: string }>();

  private constructor(options: StandInOptions) {
    this.teamId = options.teamId ?? "T0STUDY01";
    this.teamName = options.teamName ?? "Study Group";
    this.botUserId = options.botUserId ?? "U0STUDYBOT";
    this.botId = options.botId ?? "B0STUDYBOT";
    this.appId = options.appId ?? "A0STUDYBOT";
    for (const u of options.users ?? []) this.users.set(u.id, u);
    for (const c of options.channels ?? [{ id: "C0DAILY001", name: "daily-quiz", botIsMember: true }]) this.channels.set(c.id, c);
  }

  static async start(options: StandInOptions = {}): Promise<SlackStandIn> {
    const s = new SlackStandIn(options);
    s.server = createServer((req, res) => void s.onHttp(req, res));
    s.wss = new WebSocketServer({ noServer: true });
    s.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket")) return socket.destroy();
      s.wss.handleUpgrade(req, socket, head, (ws) => s.onSocket(ws));
    });
    await new Promise<void>((resolve) => s.server.listen(0, "127.0.0.1", resolve));
    s.port = (s.server.address() as AddressInfo).port;
    return s;
  }

  /** The Web API base to give the WebClient (`clientOptions.slackApiUrl`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * A member approved the app for the workspace on Slack's page (with these bot scopes): the code Slack puts in the
   * redirect to the app.
   */
  approveInstall(team: { id: string; name: string }, scopes: string[]): string {
    const code = `code-${team.id}-${++this.seq}`;
    this.codes.set(code, { teamId: team.id, teamName: team.name, scopes: scopes.join(",") });
    return code;
  }

  /** The bot tokens installs handed out, by workspace. */
  installedTokens(teamId: string): string[] {
    return [...this.installTokens].filter(([, t]) => t.teamId === teamId).map(([token]) => token);
  }

  /** The token stops working (an uninstall): calls with it get `invalid_auth`. */
  revokeToken(token: string): void {
    this.installTokens.delete(token);
  }

  /** A fresh response_url on the stand-in, as Slack puts in each slash command and action payload. */
  responseUrl(): string {
    const id = randomUUID();
    this.responseUrls.set(id, 0);
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** A file a member shared in the workspace; returns its id and the link Slack gives for it. */
  shareFile(user: string, name: string, data: Buffer | string): { id: string; permalink: string } {
    const id = `F0SHARED${String(this.shared.size + 1).padStart(3, "0")}`;
    this.shared.set(id, { name, user, data: typeof data === "string" ? Buffer.from(data, "utf8") : data });
    return { id, permalink: `https://studygroup.slack.com/files/${user}/${id}/${encodeURIComponent(name)}` };
  }

  /** The next call of `method` answers `{ ok: false, error }`. */
  failNext(method: string, error: string): void {
    this.failures.push({ method, error });
  }

  /** The next `times` calls of `method` answer with this HTTP status (e.g. 500, 503) and no Web API body. */
  failHttp(method: string, status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.httpFailures.push({ method, status });
  }

  /** The next call of `method` is cut off without an answer (the client sees a network error). */
  dropNext(method: string): void {
    this.drops.push(method);
  }

  /** Deletes a message, as a member (or an admin) would. */
  deleteMessage(channel: string, ts: string): void {
    this.messages.delete(`${channel}/${ts}`);
  }

  /** The channel's messages, oldest first. */
  messagesIn(channel: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channel === channel);
  }

  /**
   * Holds the next call of `method` unanswered until `release()`; `reached` resolves when the call has arrived.
   * Lets a test observe what the app does while a Slack call is in flight.
   */
  hold(method: string): { release: () => void; reached: Promise<void> } {
    let release!: () => void;
    let markReached!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const reached = new Promise<void>((r) => (markReached = r));
    this.holds.push({ method, released, release, reached, markReached });
    return { release, reached };
  }

  /** Forgets everything recorded so far (users, channels and posted messages stay). */
  clear(): void {
    this.calls.length = 0;
    this.responses.length = 0;
  }

  /** Calls other than the client's own start-up `auth.test`. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves when `match()` holds (checked on every recorded call or post); rejects after `timeoutMs`. */
  until(match: () => boolean, what = "condition", timeoutMs = 5_000): Promise<void> {
    if (match()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`slack stand-in: ${what} not met within ${timeoutMs} ms; saw:\n${this.describe()}`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** One line per recorded call and post, for failure messages. */
  describe(): string {
    const lines = [
      ...this.calls.map((c) => ({ seq: c.seq, line: `${c.method} ${JSON.stringify(c.args).slice(0, 300)} → ${JSON.stringify(c.response).slice(0, 120)}` })),
      ...this.responses.map((r) => ({ seq: r.seq, line: `response_url ${r.status} ${JSON.stringify(r.body).slice(0, 300)}` })),
    ];
    return lines.sort((a, b) => a.seq - b.seq).map((l) => `  ${l.line}`).join("\n") || "  (nothing)";
  }

  // ---------------------------------------------------------------- Socket Mode

  /** Socket Mode connections opened so far (a reconnect opens another). */
  socketConnections = 0;

  /** Asks the connected apps to reconnect, as Slack does routinely ("refresh_requested") or before maintenance. */
  socketDisconnect(reason = "refresh_requested"): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "standin" } }));
  }

  /** Resolves once an app has connected over Socket Mode. */
  socketConnected(): Promise<void> {
    if (this.sockets.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.connectionWaiters.push(resolve));
  }

  /** Delivers an envelope over Socket Mode; resolves with the payload of the app's acknowledgement. */
  socketSend(type: "slash_commands" | "interactive" | "events_api", payload: Json, extra: Json = {}): Promise<Json> {
    const ws = [...this.sockets][0];
    if (!ws) return Promise.reject(new Error("slack stand-in: no Socket Mode connection"));
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`slack stand-in: envelope ${type} not acknowledged within 3000 ms`)), 3_000);
      this.ackWaiters.set(envelopeId, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
      ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== "events_api", ...extra }));
    });
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    this.socketConnections += 1;
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("message", (data) => {
      let msg: Json;
      try {
        msg = JSON.parse(String(data)) as Json;
      } catch {
        return;
      }
      const id = String(msg.envelope_id ?? "");
      const payload = (msg.payload as Json | undefined) ?? {};
      this.socketAcks.set(id, payload);
      this.ackWaiters.get(id)?.(payload);
      this.ackWaiters.delete(id);
    });
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "standin" }, connection_info: { app_id: this.appId } }));
    for (const w of this.connectionWaiters.splice(0)) w();
  }

  // ---------------------------------------------------------------- HTTP

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const reply = (status: number, body: Json) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    // files.uploadV2, step 2: the file's bytes go to the URL files.getUploadURLExternal gave (a form, or raw)
    if (req.method === "POST" && url.pathname.startsWith("/upload/")) {
      const pending = this.pendingUploads.get(url.pathname.slice("/upload/".length));
      if (!pending) return reply(404, { ok: false, error: "invalid_upload_url" });
      const contentType = String(req.headers["content-type"] ?? "");
      let data = bytes;
      if (contentType.startsWith("multipart/form-data")) {
        const form = await new Request("http://standin/", { method: "POST", headers: { "content-type": contentType }, body: bytes }).formData();
        for (const value of form.values()) if (typeof value !== "string") data = Buffer.from(await value.arrayBuffer());
      }
      pending.data = data;
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`OK - ${data.length}`);
      return;
    }
    // a shared file's private download URL: Slack wants the bot token on it
    if (req.method === "GET" && url.pathname.startsWith("/files-pri/")) {
      const file = this.shared.get(url.pathname.split("/")[2]?.split("-").at(-1) ?? "");
      const authorized = req.headers.authorization === `Bearer ${STANDIN_BOT_TOKEN}`;
      res.writeHead(file && authorized ? 200 : authorized ? 404 : 403, { "content-type": "application/octet-stream" });
      res.end(file && authorized ? file.data : "");
      this.downloads.push({ path: url.pathname, authorized });
      return;
    }
    if (req.method === "POST" && url.pathname.startsWith("/response/")) {
      const id = url.pathname.slice("/response/".length);
      const body = safeJson(raw);
      let status = 200;
      let answer: Json = { ok: true };
      const uses = this.responseUrls.get(id);
      if (uses === undefined) [status, answer] = [404, { ok: false, error: "expired_url" }];
      else if (uses >= 5) [status, answer] = [404, { ok: false, error: "used_url" }];
      else {
        this.responseUrls.set(id, uses + 1);
        const problems = Array.isArray(body.blocks) ? blockKitProblems(body.blocks) : [];
        if (problems.length > 0) [status, answer] = [400, { ok: false, error: "invalid_blocks", problems }];
        else if (body.text === undefined && body.blocks === undefined && body.delete_original !== true) [status, answer] = [400, { ok: false, error: "no_text" }];
      }
      this.responses.push({ id, body, status, seq: this.seq++ });
      reply(status, answer);
      return this.notify();
    }
    if (req.method === "POST" && url.pathname.startsWith("/api/")) {
      const method = url.pathname.slice("/api/".length);
      const args = parseArgs(raw, String(req.headers["content-type"] ?? ""));
      const auth = String(req.headers.authorization ?? "");
      const token = auth.startsWith("Bearer ") ? auth.slice(7) : typeof args.token === "string" ? args.token : null;
      const drop = this.drops.indexOf(method);
      if (drop >= 0) {
        this.drops.splice(drop, 1);
        this.calls.push({ method, args, token, response: { dropped: true }, seq: this.seq++ });
        req.socket.destroy();
        return this.notify();
      }
      const httpFailure = this.httpFailures.findIndex((f) => f.method === method);
      if (httpFailure >= 0) {
        const { status } = this.httpFailures.splice(httpFailure, 1)[0]!;
        this.calls.push({ method, args, token, response: { status }, seq: this.seq++ });
        res.writeHead(status, { "content-type": "text/plain" });
        res.end("upstream unavailable");
        return this.notify();
      }
      const hold = this.holds.find((h) => h.method === method);
      if (hold) {
        this.holds.splice(this.holds.indexOf(hold), 1);
        hold.markReached();
        await hold.released;
      }
      const basic = auth.startsWith("Basic ") ? (Buffer.from(auth.slice(6), "base64").toString("utf8").split(":") as [string, string]) : null;
      const response = this.answer(method, args, token, basic);
      this.calls.push({ method, args, token, response, seq: this.seq++ });
      reply(200, response);
      return this.notify();
    }
    reply(404, { ok: false, error: "not_found" });
  }

  private notify(): void {
    for (const w of [...this.waiters]) {
      if (w.match()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  private answer(method: string, args: Json, token: string | null, basic: [string, string] | null): Json {
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) return { ok: false, error: this.failures.splice(failure, 1)[0]!.error };
    if (method === "oauth.v2.access") return this.exchangeCode(args, basic);
    const installed = token === null ? undefined : this.installTokens.get(token);
    if (installed && method === "auth.test") {
      return { ok: true, url: `https://${installed.teamId.toLowerCase()}.slack.com/`, team: installed.teamName, user: "studybot", team_id: installed.teamId, user_id: this.botUserId, bot_id: this.botId, is_enterprise_install: false };
    }
    if (installed) token = STANDIN_BOT_TOKEN;
    if (method === "apps.connections.open") {
      if (token !== STANDIN_APP_TOKEN) return { ok: false, error: "invalid_auth" };
      return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
    }
    if (token !== STANDIN_BOT_TOKEN) return { ok: false, error: token ? "invalid_auth" : "not_authed" };
    switch (method) {
      case "auth.test":
        return { ok: true, url: `https://${this.teamName.toLowerCase().replace(/\W+/g, "")}.slack.com/`, team: this.teamName, user: "studybot", team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId, is_enterprise_install: false };
      case "chat.postMessage": {
        // a direct message with the app (D…) is always open to it
        const dm = String(args.channel ?? "");
        const channel: SlackChannel | { ok: false; error: string } = dm.startsWith("D") ? (this.directMessages.get(dm) ?? { id: dm, name: dm, botIsMember: true }) : this.channel(args.channel);
        if ("error" in channel) return channel;
        const invalid = this.invalidMessage(args, "message");
        if (invalid) return invalid;
        if (channel.isArchived) return { ok: false, error: "is_archived" };
        const ts = this.nextTs();
        const metadata = typeof args.metadata === "string" ? (JSON.parse(args.metadata) as Json) : (args.metadata as Json | undefined);
        const message: StoredMessage = { channel: channel.id, ts, text: String(args.text ?? ""), blocks: (args.blocks as Json[] | undefined) ?? [], edits: 0, ...(metadata ? { metadata } : {}) };
        this.messages.set(`${channel.id}/${ts}`, message);
        return { ok: true, channel: channel.id, ts, message: { type: "message", user: this.botUserId, bot_id: this.botId, ts, text: message.text, blocks: message.blocks } };
      }
      case "chat.update": {
        const stored = this.messages.get(`${String(args.channel)}/${String(args.ts)}`);
        if (!stored) return { ok: false, error: "message_not_found" };
        const invalid = this.invalidMessage(args, "message");
        if (invalid) return invalid;
        if (args.text !== undefined) stored.text = String(args.text);
        if (args.blocks !== undefined) stored.blocks = args.blocks as Json[];
        stored.edits += 1;
        return { ok: true, channel: stored.channel, ts: stored.ts, text: stored.text, message: { text: stored.text, blocks: stored.blocks } };
      }
      case "chat.postEphemeral": {
        const channel = this.channel(args.channel);
        if ("error" in channel) return channel;
        if (!this.users.has(String(args.user))) return { ok: false, error: "user_not_found" };
        const invalid = this.invalidMessage(args, "message");
        if (invalid) return invalid;
        return { ok: true, message_ts: this.nextTs() };
      }
      case "conversations.join": {
        // a public channel takes the bot in; a private one must invite it
        const channel = this.channels.get(String(args.channel ?? ""));
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (channel.isPrivate) return { ok: false, error: "method_not_supported_for_channel_type" };
        const already = channel.botIsMember === true;
        channel.botIsMember = true;
        return { ok: true, channel: { id: channel.id, name: channel.name, is_member: true }, ...(already ? { warning: "already_in_channel" } : {}) };
      }
      case "conversations.info": {
        const channel = this.channels.get(String(args.channel ?? ""));
        // a private channel the bot is not in does not exist, as far as Slack tells it
        if (!channel || (channel.isPrivate && !channel.botIsMember)) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: { id: channel.id, name: channel.name, is_channel: !channel.isPrivate, is_private: channel.isPrivate ?? false, is_archived: channel.isArchived ?? false, is_member: channel.botIsMember ?? false } };
      }
      case "conversations.history": {
        const channel = this.channel(args.channel);
        if ("error" in channel) return channel;
        if (!channel.botIsMember) return { ok: false, error: "not_in_channel" };
        const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
        const limit = Math.min(1000, Number(args.limit ?? 100) || 100);
        const messages = this.messagesIn(channel.id)
          .reverse()
          .slice(0, limit)
          .map((m) => ({ type: "message", user: this.botUserId, bot_id: this.botId, ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case "conversations.open": {
        const userId = String(args.users ?? "");
        if (!this.users.has(userId)) return { ok: false, error: "user_not_found" };
        const id = `D${userId.slice(1)}`;
        // the app's direct message with the member: the bot may post in it from now on
        this.directMessages.set(id, { id, name: userId, botIsMember: true });
        return { ok: true, channel: { id } };
      }
      case "files.getUploadURLExternal": {
        const length = Number(args.length);
        if (!args.filename || !Number.isInteger(length) || length < 1) return { ok: false, error: "invalid_arguments" };
        const id = `F${String(this.pendingUploads.size + this.files.length + 1).padStart(9, "0")}`;
        this.pendingUploads.set(id, { filename: String(args.filename), length, data: null });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const list = (typeof args.files === "string" ? JSON.parse(args.files) : args.files) as Array<{ id: string; title?: string }>;
        const channelId = String(args.channel_id ?? "");
        // a direct message with the app is always open to it; other channels need the bot in them
        if (!channelId.startsWith("D")) {
          const channel = this.channel(channelId);
          if ("error" in channel) return channel;
          if (!channel.botIsMember) return { ok: false, error: "not_in_channel" };
        }
        const done = [];
        for (const f of list) {
          const pending = this.pendingUploads.get(f.id);
          if (!pending || !pending.data) return { ok: false, error: "file_not_found" };
          if (pending.data.length !== pending.length) return { ok: false, error: "file_size_mismatch" };
          this.pendingUploads.delete(f.id);
          this.files.push({ id: f.id, channel: channelId, filename: pending.filename, title: f.title ?? pending.filename, comment: String(args.initial_comment ?? ""), data: pending.data });
          done.push({ id: f.id, title: f.title ?? pending.filename });
        }
        return { ok: true, files: done };
      }
      case "files.info": {
        const file = this.shared.get(String(args.file ?? ""));
        if (!file) return { ok: false, error: "file_not_found" };
        const url = `http://127.0.0.1:${this.port}/files-pri/${this.teamId}-${String(args.file)}/${encodeURIComponent(file.name)}`;
        return { ok: true, file: { id: args.file, name: file.name, user: file.user, size: file.data.length, url_private: url, url_private_download: `${url}?download=1` } };
      }
      case "views.publish": {
        const userId = String(args.user_id ?? "");
        if (!this.users.has(userId)) return { ok: false, error: "user_not_found" };
        const view = args.view as Json | undefined;
        if (!view || view.type !== "home") return { ok: false, error: "invalid_arguments" };
        const problems = blockKitProblems(view.blocks, "home");
        if (problems.length > 0) return { ok: false, error: "invalid_blocks", response_metadata: { messages: problems } };
        this.homeViews.set(userId, view);
        return { ok: true, view: { id: `V${userId}`, team_id: this.teamId, type: "home", blocks: view.blocks } };
      }
      case "users.info": {
        const user = this.users.get(String(args.user ?? ""));
        if (!user) return { ok: false, error: "user_not_found" };
        const withLocale = args.include_locale === true || args.include_locale === "true";
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: this.teamId,
            name: user.name,
            real_name: user.realName ?? user.name,
            is_admin: user.isAdmin ?? false,
            is_owner: user.isOwner ?? false,
            is_primary_owner: user.isPrimaryOwner ?? false,
            is_bot: user.isBot ?? false,
            deleted: false,
            profile: { display_name: user.displayName ?? "", real_name: user.realName ?? user.name },
            ...(withLocale ? { locale: user.locale ?? "en-US" } : {}),
          },
        };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  /** oauth.v2.access: the app's credentials and a fresh code → the workspace's bot token (the code is spent). */
  private exchangeCode(args: Json, basic: [string, string] | null): Json {
    const [clientId, clientSecret] = basic ?? [String(args.client_id ?? ""), String(args.client_secret ?? "")];
    if (clientId !== STANDIN_CLIENT_ID) return { ok: false, error: "invalid_client_id" };
    if (clientSecret !== STANDIN_CLIENT_SECRET) return { ok: false, error: "bad_client_secret" };
    const grant = this.codes.get(String(args.code ?? ""));
    if (!grant) return { ok: false, error: "invalid_code" };
    this.codes.delete(String(args.code));
    const token = `xoxb-${grant.teamId}-${++this.seq}`;
    this.installTokens.set(token, { teamId: grant.teamId, teamName: grant.teamName });
    return {
      ok: true,
      access_token: token,
      token_type: "bot",
      scope: grant.scopes,
      bot_user_id: this.botUserId,
      app_id: this.appId,
      team: { id: grant.teamId, name: grant.teamName },
      enterprise: null,
      authed_user: { id: STANDIN_INSTALLER },
      is_enterprise_install: false,
    };
  }

  private channel(id: unknown): SlackChannel | { ok: false; error: string } {
    const channel = this.channels.get(String(id ?? "")) ?? this.directMessages.get(String(id ?? ""));
    if (!channel) return { ok: false, error: "channel_not_found" };
    if (channel.isPrivate && !channel.botIsMember) return { ok: false, error: "not_in_channel" };
    return channel;
  }

  private invalidMessage(args: Json, surface: "message" | "home"): Json | null {
    if (args.blocks === undefined && (typeof args.text !== "string" || args.text === "")) return { ok: false, error: "no_text" };
    if (typeof args.text === "string" && args.text.length > LIMITS.fallbackText) return { ok: false, error: "msg_too_long" };
    if (args.blocks === undefined) return null;
    const problems = blockKitProblems(args.blocks, surface);
    return problems.length > 0 ? { ok: false, error: "invalid_blocks", response_metadata: { messages: problems } } : null;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, "0")}`;
  }
}

function safeJson(raw: string): Json {
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === "object" ? (v as Json) : { value: v };
  } catch {
    return { unparsed: raw };
  }
}

/** Form bodies carry objects as JSON strings (that is how the WebClient flattens them); decode those. */
function parseArgs(raw: string, contentType: string): Json {
  if (contentType.includes("application/json")) return safeJson(raw);
  const out: Json = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if ((v.startsWith("[") || v.startsWith("{")) && (k === "blocks" || k === "view" || k === "attachments" || k === "metadata")) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    out[k] = v;
  }
  return out;
}

// ------------------------------------------------------------------------------------------ requests to the app

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedPostOptions {
  secret?: string;
  /** seconds since the epoch; Bolt refuses anything more than 5 minutes old */
  timestamp?: number;
  /** send this signature instead of the correct one */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface PostResult {
  status: number;
  body: string;
  /** wall-clock ms until the app answered (the ack) */
  ms: number;
}

/** POSTs `body` to the app's Request URL the way Slack does: signed, with Slack's headers. */
export async function signedPost(url: string, body: string, contentType: "application/json" | "application/x-www-form-urlencoded", options: SignedPostOptions = {}): Promise<PostResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? slackSignature(options.secret ?? STANDIN_SIGNING_SECRET, timestamp, body),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
  }
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers, body });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

export interface Member {
  id: string;
  name: string;
}

/** The form body Slack sends for a slash command. */
export function slashCommandBody(p: { command: string; text: string; user: Member; teamId: string; channelId: string; channelName?: string; responseUrl: string; triggerId?: string }): string {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: p.teamId,
    team_domain: "studygroup",
    channel_id: p.channelId,
    channel_name: p.channelName ?? "daily-quiz",
    user_id: p.user.id,
    user_name: p.user.name,
    command: p.command,
    text: p.text,
    api_app_id: "A0STUDYBOT",
    is_enterprise_install: "false",
    response_url: p.responseUrl,
    trigger_id: p.triggerId ?? `${Date.now()}.${Math.floor(Math.random() * 1e6)}`,
  }).toString();
}

/** The `block_actions` payload Slack sends when a member clicks a button in a message. */
export function blockActionsPayload(p: {
  user: Member;
  teamId: string;
  channelId: string;
  messageTs: string;
  responseUrl: string;
  action: { action_id: string; block_id: string; value: string; text?: string };
  ephemeral?: boolean;
  triggerId?: string;
  actionTs?: string;
}): Json {
  return {
    type: "block_actions",
    user: { id: p.user.id, username: p.user.name, name: p.user.name, team_id: p.teamId },
    api_app_id: "A0STUDYBOT",
    token: "deprecated-verification-token",
    container: { type: "message", message_ts: p.messageTs, channel_id: p.channelId, is_ephemeral: p.ephemeral ?? false },
    trigger_id: p.triggerId ?? "13345224609.738474920.8088930838d88f008e0",
    team: { id: p.teamId, domain: "studygroup" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: p.channelId, name: "daily-quiz" },
    ...(p.ephemeral ? {} : { message: { type: "message", ts: p.messageTs, bot_id: "B0STUDYBOT" } }),
    response_url: p.responseUrl,
    actions: [
      {
        type: "button",
        action_id: p.action.action_id,
        block_id: p.action.block_id,
        value: p.action.value,
        text: { type: "plain_text", text: p.action.text ?? p.action.value, emoji: true },
        action_ts: p.actionTs ?? "1700000123.456789",
      },
    ],
  };
}

export function blockActionsBody(payload: Json): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The Events API envelope for `app_home_opened`. */
export function appHomeOpenedBody(p: { user: Member; teamId: string; eventId?: string; tab?: "home" | "messages" }): string {
  const eventTs = `${Math.floor(Date.now() / 1000)}.000100`;
  return JSON.stringify({
    token: "deprecated-verification-token",
    team_id: p.teamId,
    api_app_id: "A0STUDYBOT",
    event: { type: "app_home_opened", user: p.user.id, channel: "D0HOME0001", tab: p.tab ?? "home", event_ts: eventTs },
    type: "event_callback",
    event_id: p.eventId ?? `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: p.teamId, user_id: "U0STUDYBOT", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

/** The Events API envelope for a file a member sends the app in their direct messages with it (message.im). */
export function fileShareBody(p: { user: Member; teamId: string; channel: string; files: Array<{ id: string; name: string }>; eventId?: string }): string {
  return JSON.stringify({
    token: "deprecated-verification-token",
    team_id: p.teamId,
    api_app_id: "A0STUDYBOT",
    event: {
      type: "message",
      subtype: "file_share",
      channel_type: "im",
      channel: p.channel,
      user: p.user.id,
      text: "",
      ts: "1700000200.000100",
      // as Slack sends them: partial file objects, files.info has the rest
      files: p.files.map((f) => ({ id: f.id, name: f.name, file_access: "check_file_info" })),
    },
    type: "event_callback",
    event_id: p.eventId ?? `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: p.teamId, user_id: "U0STUDYBOT", is_bot: true, is_enterprise_install: false }],
  });
}
