// A local stand-in for the Discord API, for driving the real discord.js Client in tests.
//
// REST: an HTTP server on 127.0.0.1 answering under /api/v10/… (point `new Client({ rest: { api } })` at
// `standIn.apiUrl`). Every request is recorded (method, URL-decoded path without the /api/v10 prefix, query,
// JSON body, whether it carried the bot token, the status it got). Answers follow the real API where the
// client depends on it: 204 with no content type for interaction callbacks, the message object for message
// posts and edits, `GET /gateway/bot` naming the stand-in's own websocket, 429 with `retry-after` on demand,
// `POST /users/@me/channels` opening a direct-message channel (one per user) that messages can then be posted in.
//
// Gateway: a websocket at /gateway speaking JSON (discord.js without zlib-sync): HELLO, IDENTIFY → READY and one
// GUILD_CREATE per guild, heartbeat → ACK, RESUME → RESUMED, and `dispatch()` / the interaction helpers for
// INTERACTION_CREATE. Sharding as Discord does it: `/gateway/bot` recommends `shards` (and a `maxConcurrency`);
// IDENTIFY with a `shard: [id, count]` pair gets only the guilds of that shard (`(guild_id >> 22) % count`), an
// interaction goes to the connection of its guild's shard, an IDENTIFY without a pair when more than one shard is
// recommended is closed with 4011 (sharding required) and a pair out of range with 4010 (invalid shard).
// `closeShard()` closes a shard's connection with any close code.
//
// Channels are indexed by id, so a stand-in with 10,000 guilds or channels answers each post at once.
//
// Like Discord, it refuses an interaction callback after the 3-second window or for an interaction already
// answered, and a webhook edit of an interaction that was never answered, so a handler that gets this wrong
// fails a test instead of passing silently.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export const STANDIN_TOKEN = "standin-bot-token";
export const MANAGE_GUILD = 1n << 5n;
/** What @everyone may do in the stand-in's guilds: view channels, send messages, use application commands. */
export const EVERYONE_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 31n);
export const CREATE_PUBLIC_THREADS = 1n << 35n;
export const SEND_MESSAGES_IN_THREADS = 1n << 38n;
/** What the bot's own role grants unless a test says otherwise: embed links, attach files and keep threads. */
export const BOT_PERMISSIONS = EVERYONE_PERMISSIONS | (1n << 14n) | (1n << 15n) | CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS;
export const PERMISSION = { ViewChannel: 1n << 10n, SendMessages: 1n << 11n, EmbedLinks: 1n << 14n } as const;

export interface RecordedRequest {
  method: string;
  /** URL-decoded path under /api/v10, e.g. "/interactions/1001/tok/callback" or "/webhooks/app/tok/messages/@original" */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** true when the request carried `Authorization: Bot <token>` with the stand-in's token */
  authorized: boolean;
  status: number;
  /** ms since the stand-in started (wall clock, for rate-limit timing only) */
  at: number;
  /** files sent with a multipart request (discord.js sends attachments that way, the JSON in payload_json) */
  files: Array<{ field: string; name: string; type: string; data: Buffer }>;
}

export interface StandInUser {
  id: string;
  username: string;
  globalName?: string;
  /** the member's nickname in the guild, if any */
  nick?: string;
  /** permission bits the member has in the channel (as Discord computes them for interactions) */
  permissions?: bigint;
  /** role ids the member holds in the guild */
  roles?: string[];
  locale?: string;
}

export interface StandInGuild {
  id: string;
  name: string;
  preferredLocale?: string;
  /** `deny`: permission bits the channel takes from the bot's role (an overwrite, as a server admin sets one) */
  channels: Array<{ id: string; name: string; deny?: bigint }>;
}

export interface RateLimitRule {
  method: string;
  path: RegExp;
  retryAfterSeconds: number;
  remaining: number;
  global: boolean;
}

interface StoredMessage {
  id: string;
  channel_id: string;
  [key: string]: unknown;
}

interface PendingInteraction {
  id: string;
  token: string;
  channelId: string;
  dispatchedAt: number;
  acknowledged: boolean;
  original: StoredMessage | null;
  /** for a component interaction: the message the clicked component is on */
  componentMessage: StoredMessage | null;
}

type Json = Record<string, unknown>;

export interface StandInOptions {
  token?: string;
  applicationId?: string;
  botUserId?: string;
  guilds?: StandInGuild[];
  /** heartbeat interval sent in HELLO, ms (Discord: ~41 s) */
  heartbeatIntervalMs?: number;
  /** Discord's window for the initial interaction response */
  interactionWindowMs?: number;
  /** the shard count `/gateway/bot` recommends (default 1) */
  shards?: number;
  /** how many shards may identify at once (`session_start_limit.max_concurrency`, default 1) */
  maxConcurrency?: number;
  /** the permissions of the bot's role in every channel (sent with its member in GUILD_CREATE, enforced for threads) */
  botPermissions?: bigint;
}

/** The shard a guild belongs to, as Discord computes it. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

export class DiscordStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guilds: StandInGuild[];
  /** IDENTIFY payloads received on the gateway */
  readonly identifies: Json[] = [];
  heartbeatsAcked = 0;
  /** while true, gateway connections are refused (an outage); REST still answers */
  refuseGateway = false;
  /** commands as last overwritten: key "global" or the guild id */
  readonly commands = new Map<string, Json[]>();

  readonly shards: number;
  readonly maxConcurrency: number;

  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  /** each connection's [shard id, shard count] once it identified with one */
  private readonly shardOfSocket = new Map<WebSocket, [number, number]>();
  /** channel id → its guild */
  private readonly channelGuild = new Map<string, StandInGuild>();
  private seq = 0;
  private nextId = 1_300_000_000_000_000_000n;
  private readonly started = Date.now();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly interactions = new Map<string, PendingInteraction>();
  private readonly rateLimits: RateLimitRule[] = [];
  private readonly denied = new Set<string>();
  /** files members attached to commands, served at their CDN URL on the stand-in */
  private readonly attachments = new Map<string, { name: string; data: Buffer }>();
  /** direct-message channels opened with POST /users/@me/channels: channel id → the user it reaches */
  readonly dmChannels = new Map<string, string>();
  private readonly waiters: Array<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  private readonly failures: Array<{ method: string; path: RegExp; status: number; code: number; message: string }> = [];
  private readonly heldPosts: Array<{ method: string; path: RegExp; release?: () => void }> = [];
  /** nonces of posted messages, per channel: a post repeating one gets the message the first created */
  private readonly nonces = new Map<string, string>();
  private readonly gatewayWaiters: Array<{ op: number; resolve: (payload: Json) => void }> = [];
  private readonly heartbeatMs: number;
  private readonly windowMs: number;
  readonly botPermissions: bigint;
  /** threads started on messages: the thread's id (the message's) → its parent channel and name */
  readonly threads = new Map<string, { parentId: string; name: string }>();
  private port = 0;

  private constructor(options: StandInOptions) {
    this.token = options.token ?? STANDIN_TOKEN;
    this.applicationId = options.applicationId ?? "1100000000000000001";
    this.botUserId = options.botUserId ?? this.applicationId;
    this.guilds = options.guilds ?? [
      {
        id: "1200000000000000001",
        name: "Study Group",
        channels: [
          { id: "1210000000000000001", name: "daily-quiz" },
          { id: "1210000000000000002", name: "announcements" },
        ],
      },
    ];
    this.heartbeatMs = options.heartbeatIntervalMs ?? 41_250;
    this.windowMs = options.interactionWindowMs ?? 3_000;
    this.shards = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    for (const g of this.guilds) for (const c of g.channels) this.channelGuild.set(c.id, g);
    this.botPermissions = options.botPermissions ?? BOT_PERMISSIONS;
  }

  static async start(options: StandInOptions = {}): Promise<DiscordStandIn> {
    const s = new DiscordStandIn(options);
    s.server = createServer((req, res) => void s.onHttp(req, res));
    s.wss = new WebSocketServer({ noServer: true });
    s.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/gateway") || s.refuseGateway) return socket.destroy();
      s.wss.handleUpgrade(req, socket, head, (ws) => s.onSocket(ws));
    });
    await new Promise<void>((resolve) => s.server.listen(0, "127.0.0.1", resolve));
    s.port = (s.server.address() as AddressInfo).port;
    return s;
  }

  /** The REST base to give discord.js (`rest: { api }`); it appends /v10 itself. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get guild(): StandInGuild {
    return this.guilds[0]!;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  snowflake(): string {
    return String(this.nextId++);
  }

  // ---------------------------------------------------------------- assertions helpers

  /** Requests other than the client's own gateway discovery. */
  calls(): RecordedRequest[] {
    return this.requests.filter((r) => r.path !== "/gateway/bot");
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return this.waitForNextRequest(match, timeoutMs);
  }

  /** Resolves with the next request recorded from now on that matches. */
  waitForNextRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`stand-in: no matching request within ${timeoutMs} ms; saw:\n${this.describe()}`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: (r: RecordedRequest) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The interaction callback for an interaction id (waits for it). */
  callbackFor(interactionId: string, timeoutMs?: number): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === "POST" && r.path.startsWith(`/interactions/${interactionId}/`) && r.status < 300, timeoutMs);
  }

  /** The edit of an interaction's original response (after a deferral), waits for it. */
  originalEditFor(interactionId: string, timeoutMs?: number): Promise<RecordedRequest> {
    const pending = this.interactions.get(interactionId);
    if (!pending) throw new Error(`stand-in: unknown interaction ${interactionId}`);
    return this.waitForRequest((r) => r.method === "PATCH" && r.path === `/webhooks/${this.applicationId}/${pending.token}/messages/@original` && r.status < 300, timeoutMs);
  }

  /** The callback, and if it was a deferral, the edit that followed; returns the message body the user saw. */
  async responseFor(interactionId: string, timeoutMs?: number): Promise<{ callback: RecordedRequest; message: Json; deferred: boolean }> {
    const callback = await this.callbackFor(interactionId, timeoutMs);
    const body = callback.body as { type: number; data?: Json };
    if (body.type === 5 || body.type === 6) {
      const edit = await this.originalEditFor(interactionId, timeoutMs);
      return { callback, message: edit.body as Json, deferred: true };
    }
    return { callback, message: body.data ?? {}, deferred: false };
  }

  describe(): string {
    return this.requests.map((r) => `  ${r.status} ${r.method} ${r.path}`).join("\n") || "  (nothing)";
  }

  /** Answer the next `times` requests matching method and path with 429 and `retry-after`. */
  rateLimit(method: string, path: RegExp, retryAfterSeconds: number, times = 1, global = false): void {
    this.rateLimits.push({ method: method.toUpperCase(), path, retryAfterSeconds, remaining: times, global });
  }

  /** The bot loses Send Messages in a channel: posts there get 403 Missing Permissions (50013). */
  denyPosting(channelId: string): void {
    this.denied.add(channelId);
  }

  /**
   * A server admin takes permissions from the bot in a channel (an overwrite on its role): the gateway tells the
   * client (CHANNEL_UPDATE) and REST refuses what they were needed for.
   */
  denyInChannel(channelId: string, bits: bigint): void {
    const guild = this.guilds.find((g) => g.channels.some((c) => c.id === channelId))!;
    const channel = guild.channels.find((c) => c.id === channelId)!;
    channel.deny = (channel.deny ?? 0n) | bits;
    if (bits & PERMISSION.SendMessages) this.denied.add(channelId);
    this.dispatch("CHANNEL_UPDATE", this.channelPayload(guild, channel, guild.channels.indexOf(channel)));
  }

  /** The next `times` requests matching method and path fail with this status and Discord error code. */
  failNext(method: string, path: RegExp, status: number, code = 0, times = 1, message = status >= 500 ? "Internal Server Error" : "Error"): void {
    for (let i = 0; i < times; i++) this.failures.push({ method: method.toUpperCase(), path, status, code, message });
  }

  /**
   * The next request matching method and path is carried out (a message is posted) but its answer is held until
   * `release()`: the client times out waiting, as it would on a slow network. Resolves `reached` on arrival.
   */
  holdAnswer(method: string, path: RegExp): { reached: Promise<void>; release: () => void } {
    let markReached!: () => void;
    const reached = new Promise<void>((r) => (markReached = r));
    const hold: { method: string; path: RegExp; release?: () => void; reached?: () => void } = { method: method.toUpperCase(), path, reached: markReached };
    this.heldPosts.push(hold);
    return { reached, release: () => hold.release?.() };
  }

  /** A message deleted in the channel (by a member or a moderator). */
  deleteMessage(id: string): void {
    this.messages.delete(id);
  }

  /** Messages posted in a channel, oldest first. */
  messagesIn(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId);
  }

  /** Closes every gateway connection with a close code (4004 authentication failed, 4000 unknown error …). */
  closeGateway(code: number, reason = ""): void {
    for (const ws of this.sockets) ws.close(code, reason);
  }

  message(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  /** The message an interaction's response created (its "original"), e.g. an ephemeral reply with buttons. */
  originalOf(interactionId: string): StoredMessage | null {
    return this.interactions.get(interactionId)?.original ?? null;
  }

  // ---------------------------------------------------------------- gateway

  /** Sends a dispatch (op 0) to every connected client, or only to the connections of that guild's shard. */
  dispatch(event: string, data: unknown, guildId?: string): void {
    const payload = JSON.stringify({ op: 0, t: event, s: ++this.seq, d: data });
    for (const ws of this.sockets) if (guildId === undefined || this.serves(ws, guildId)) ws.send(payload);
  }

  /** Whether a connection receives the guild's events: an unsharded one gets every guild. */
  private serves(ws: WebSocket, guildId: string): boolean {
    const shard = this.shardOfSocket.get(ws);
    return !shard || shardOf(guildId, shard[1]) === shard[0];
  }

  /** The [id, count] pairs of the connections that identified with one, in order of connection. */
  get connectedShards(): Array<[number, number]> {
    return [...this.sockets].flatMap((ws) => {
      const s = this.shardOfSocket.get(ws);
      return s ? [s] : [];
    });
  }

  /** Closes the connection(s) of shard `id` with a gateway close code (e.g. 4004, which no client may resume). */
  closeShard(id: number, code: number, reason = "closed by the stand-in"): void {
    for (const ws of this.sockets) if (this.shardOfSocket.get(ws)?.[0] === id) ws.close(code, reason);
  }

  /** Resolves when a client sends a payload with this opcode (2 identify, 1 heartbeat, 6 resume). */
  waitForGateway(op: number): Promise<Json> {
    return new Promise((resolve) => this.gatewayWaiters.push({ op, resolve }));
  }

  /** Asks connected clients for an immediate heartbeat (op 1), as Discord may; resolves after the ACK was sent. */
  async requestHeartbeat(): Promise<Json> {
    const got = this.waitForGateway(1);
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 1, d: this.seq }));
    return got;
  }

  get connectedClients(): number {
    return this.sockets.size;
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => {
      this.sockets.delete(ws);
      this.shardOfSocket.delete(ws);
    });
    ws.on("message", (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(String(raw)) as Json;
      } catch {
        ws.close(4002, "Decode error");
        return;
      }
      this.onGatewayPayload(ws, payload);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatMs } }));
  }

  private onGatewayPayload(ws: WebSocket, payload: Json): void {
    const op = payload.op as number;
    if (op === 1) {
      ws.send(JSON.stringify({ op: 11 }));
      this.heartbeatsAcked++;
    } else if (op === 2) {
      const d = payload.d as Json;
      if (d.token !== this.token) {
        ws.close(4004, "Authentication failed.");
        return;
      }
      const shard = d.shard as [number, number] | undefined;
      if (shard !== undefined && !(Array.isArray(shard) && Number.isInteger(shard[0]) && Number.isInteger(shard[1]) && shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
        ws.close(4010, "Invalid shard.");
        return;
      }
      if ((shard === undefined || shard[1] === 1) && this.shards > 1) {
        ws.close(4011, "Sharding required.");
        return;
      }
      if (shard) this.shardOfSocket.set(ws, [shard[0], shard[1]]);
      this.identifies.push(d);
      this.sendReady(ws);
    } else if (op === 6) {
      ws.send(JSON.stringify({ op: 0, t: "RESUMED", s: ++this.seq, d: {} }));
    }
    const waiting = this.gatewayWaiters.filter((w) => w.op === op);
    for (const w of waiting) {
      this.gatewayWaiters.splice(this.gatewayWaiters.indexOf(w), 1);
      w.resolve(payload);
    }
  }

  private sendReady(ws: WebSocket): void {
    const shard = this.shardOfSocket.get(ws) ?? [0, 1];
    const guilds = this.guilds.filter((g) => this.serves(ws, g.id));
    const ready = {
      v: 10,
      user: { id: this.botUserId, username: "studybot", discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: `session-${this.seq}`,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ["standin"],
    };
    ws.send(JSON.stringify({ op: 0, t: "READY", s: ++this.seq, d: ready }));
    for (const g of guilds) ws.send(JSON.stringify({ op: 0, t: "GUILD_CREATE", s: ++this.seq, d: this.guildPayload(g) }));
  }

  private guildPayload(g: StandInGuild): Json {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: "1000000000000000001",
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        { id: g.id, name: "@everyone", color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: String(EVERYONE_PERMISSIONS), managed: false, mentionable: false, flags: 0 },
        { id: this.botRoleId(g), name: "studybot", color: 0, hoist: false, icon: null, unicode_emoji: null, position: 1, permissions: String(this.botPermissions), managed: true, mentionable: false, flags: 0 },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: g.preferredLocale ?? "ko",
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date(this.started).toISOString(),
      large: false,
      unavailable: false,
      member_count: 4,
      voice_states: [],
      // the bot's own member comes with the guild, as on Discord
      members: [this.botMember(g)],
      channels: g.channels.map((c, i) => this.channelPayload(g, c, i)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private botRoleId(g: StandInGuild): string {
    return String(BigInt(g.id) + 1n);
  }

  private botMember(g: StandInGuild): Json {
    return {
      user: { id: this.botUserId, username: "studybot", global_name: null, discriminator: "0", avatar: null, bot: true },
      nick: null,
      roles: [this.botRoleId(g)],
      joined_at: new Date(this.started).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    };
  }

  private channelPayload(g: StandInGuild, c: StandInGuild["channels"][number], position: number): Json {
    const overwrites = c.deny ? [{ id: this.botRoleId(g), type: 0, allow: "0", deny: String(c.deny) }] : [];
    return { id: c.id, type: 0, guild_id: g.id, name: c.name, position, permission_overwrites: overwrites, parent_id: null, topic: null, nsfw: false, rate_limit_per_user: 0, last_message_id: null };
  }

  // ---------------------------------------------------------------- interactions

  private member(user: StandInUser, guildId: string): Json {
    return {
      user: { id: user.id, username: user.username, global_name: user.globalName ?? null, discriminator: "0", avatar: null },
      nick: user.nick ?? null,
      roles: user.roles ?? [],
      joined_at: new Date(this.started).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      permissions: String(user.permissions ?? EVERYONE_PERMISSIONS),
      guild_id: guildId,
    };
  }

  private interactionBase(type: number, user: StandInUser, channelId: string | undefined, guildId?: string): Json & { id: string; token: string } {
    const guild = this.guilds.find((g) => g.id === guildId) ?? (channelId ? this.channelGuild.get(channelId) : undefined) ?? this.guild;
    const channel = channelId ?? guild.channels[0]!.id;
    const id = this.snowflake();
    const token = `itok-${id}`;
    this.interactions.set(id, { id, token, channelId: channel, dispatchedAt: Date.now(), acknowledged: false, original: null, componentMessage: null });
    return {
      id,
      token,
      type,
      application_id: this.applicationId,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.preferredLocale ?? "ko", features: [] },
      guild_locale: guild.preferredLocale ?? "ko",
      channel_id: channel,
      channel: { id: channel, type: 0, guild_id: guild.id, name: guild.channels.find((c) => c.id === channel)?.name ?? "channel", permissions: String(user.permissions ?? EVERYONE_PERMISSIONS) },
      member: this.member(user, guild.id),
      locale: user.locale ?? "ko",
      version: 1,
      app_permissions: String(EVERYONE_PERMISSIONS | (1n << 14n) | (1n << 16n)),
      entitlements: [],
      authorizing_integration_owners: { "0": guild.id },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
  }

  /**
   * Dispatches a slash command; returns the interaction id. Options as Discord sends them ({ name, type, value });
   * `resolved` carries the users and channels that user and channel options name (see resolveUser/resolveChannel).
   */
  slashCommand(input: { name: string; user: StandInUser; options?: Json[]; channelId?: string; guildId?: string; resolved?: Json }): string {
    const i = this.interactionBase(2, input.user, input.channelId, input.guildId);
    i.data = { id: this.snowflake(), name: input.name, type: 1, options: input.options ?? [], guild_id: i.guild_id, ...(input.resolved ? { resolved: input.resolved } : {}) };
    this.dispatch("INTERACTION_CREATE", i, i.guild_id as string);
    return i.id;
  }

  /** `resolved` data for a user option naming `user`, as Discord sends it. */
  resolveUser(user: StandInUser): Json {
    const { user: u, ...member } = this.member(user, this.guild.id);
    delete member.guild_id;
    return { users: { [user.id]: u }, members: { [user.id]: member } };
  }

  /** `resolved` data for a channel option naming one of the stand-in's channels (type 0: text). */
  resolveChannel(channelId: string, type = 0): Json {
    const name = this.guilds.flatMap((g) => g.channels).find((c) => c.id === channelId)?.name ?? "voice";
    return { channels: { [channelId]: { id: channelId, name, type, permissions: String(EVERYONE_PERMISSIONS) } } };
  }

  /**
   * A file a member attaches to a command: `resolved` data for an attachment option naming it (its value is the
   * returned `id`), served like Discord's CDN at its `url` on the stand-in.
   */
  attachment(name: string, data: Buffer | string, contentType = "text/plain"): { id: string; resolved: Json } {
    const id = this.snowflake();
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    this.attachments.set(id, { name, data: bytes });
    const url = `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(name)}`;
    return { id, resolved: { attachments: { [id]: { id, filename: name, size: bytes.length, url, proxy_url: url, content_type: contentType } } } };
  }

  /** `resolved` data for a role option naming a role of the guild. */
  resolveRole(id: string, name: string): Json {
    return { roles: { [id]: { id, name, color: 0, hoist: false, icon: null, unicode_emoji: null, position: 1, permissions: "0", managed: false, mentionable: true, flags: 0 } } };
  }

  /** Dispatches an autocomplete request; the focused option carries `focused: true`. */
  autocomplete(input: { name: string; user: StandInUser; options: Json[]; channelId?: string }): string {
    const i = this.interactionBase(4, input.user, input.channelId);
    i.data = { id: this.snowflake(), name: input.name, type: 1, options: input.options, guild_id: i.guild_id };
    this.dispatch("INTERACTION_CREATE", i, i.guild_id as string);
    return i.id;
  }

  /** Dispatches a button click on a message the bot posted (or any message object). */
  button(input: { customId: string; user: StandInUser; messageId: string }): string {
    const message = this.messages.get(input.messageId);
    if (!message) throw new Error(`stand-in: no message ${input.messageId} was posted`);
    const i = this.interactionBase(3, input.user, message.channel_id, this.channelGuild.get(message.channel_id)?.id);
    i.message = message;
    this.interactions.get(i.id)!.componentMessage = message;
    i.data = { custom_id: input.customId, component_type: 2 };
    this.dispatch("INTERACTION_CREATE", i, i.guild_id as string);
    return i.id;
  }

  // ---------------------------------------------------------------- REST

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    // Discord's CDN: attachments need no token
    const cdn = /^\/attachments\/(\d+)\//.exec(url.pathname);
    if (req.method === "GET" && cdn) {
      const file = this.attachments.get(cdn[1]!);
      res.writeHead(file ? 200 : 404, { "content-type": "application/octet-stream" });
      res.end(file?.data ?? "");
      return;
    }
    const prefix = "/api/v10";
    const rawPath = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const path = decodeURIComponent(rawPath);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const contentType = String(req.headers["content-type"] ?? "");
    const files: RecordedRequest["files"] = [];
    let text = raw.toString("utf8");
    if (contentType.startsWith("multipart/form-data")) {
      // Attachments: the message JSON in payload_json, each file in its own part (files[0], files[1] …).
      const form = await new Request("http://standin/", { method: "POST", headers: { "content-type": contentType }, body: raw }).formData();
      text = String(form.get("payload_json") ?? "");
      for (const [field, value] of form.entries()) {
        if (typeof value !== "string") files.push({ field, name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      authorized: req.headers.authorization === `Bot ${this.token}`,
      status: 0,
      at: Date.now() - this.started,
      files,
    };

    const limited = this.rateLimits.find((r) => r.remaining > 0 && r.method === record.method && r.path.test(path));
    const failure = this.failures.findIndex((f) => f.method === record.method && f.path.test(path));
    let status: number;
    let payload: unknown;
    if (!limited && failure >= 0) {
      const f = this.failures.splice(failure, 1)[0]!;
      status = f.status;
      payload = { message: f.message, code: f.code };
    } else if (limited) {
      limited.remaining--;
      status = 429;
      payload = { message: "You are being rate limited.", retry_after: limited.retryAfterSeconds, global: limited.global, code: 0 };
      res.setHeader("retry-after", String(limited.retryAfterSeconds));
      res.setHeader("x-ratelimit-scope", limited.global ? "global" : "user");
      if (limited.global) res.setHeader("x-ratelimit-global", "true");
      else {
        res.setHeader("x-ratelimit-limit", "5");
        res.setHeader("x-ratelimit-remaining", "0");
        res.setHeader("x-ratelimit-reset-after", String(limited.retryAfterSeconds));
        res.setHeader("x-ratelimit-bucket", "standin-bucket");
      }
    } else {
      [status, payload] = this.route(record);
    }
    record.status = status;
    this.requests.push(record);
    const held = this.heldPosts.findIndex((h) => h.method === record.method && h.path.test(path) && !h.release);
    if (held >= 0) {
      const hold = this.heldPosts[held] as { release?: () => void; reached?: () => void };
      await new Promise<void>((resolve) => {
        hold.release = resolve;
        hold.reached?.();
      });
      this.heldPosts.splice(this.heldPosts.indexOf(hold as never), 1);
    }

    if (status === 204) {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    }
    for (const w of [...this.waiters]) {
      if (w.match(record)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(record);
      }
    }
  }

  private route(r: RecordedRequest): [number, unknown] {
    const m = (re: RegExp) => re.exec(r.path);
    let match: RegExpExecArray | null;
    const needsAuth = !r.path.startsWith("/interactions/") && !r.path.startsWith("/webhooks/");
    if (needsAuth && !r.authorized) return [401, { message: "401: Unauthorized", code: 0 }];

    if (r.method === "GET" && r.path === "/gateway/bot") {
      return [200, { url: this.gatewayUrl, shards: this.shards, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: this.maxConcurrency } }];
    }
    if (r.method === "GET" && r.path === "/users/@me") {
      return [200, { id: this.botUserId, username: "studybot", discriminator: "0", global_name: null, avatar: null, bot: true }];
    }
    if ((match = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && r.method === "POST") {
      const pending = this.interactions.get(match[1]!);
      if (!pending || pending.token !== match[2]) return [404, { message: "Unknown interaction", code: 10062 }];
      if (pending.acknowledged) return [400, { message: "Interaction has already been acknowledged.", code: 40060 }];
      if (Date.now() - pending.dispatchedAt > this.windowMs) return [404, { message: "Unknown interaction", code: 10062 }];
      pending.acknowledged = true;
      const body = r.body as { type: number; data?: Json };
      // 4 = reply, 5 = deferred reply: both create the interaction's original response message.
      if (body.type === 4) pending.original = this.storeMessage(pending.channelId, body.data ?? {});
      if (body.type === 5) pending.original = this.storeMessage(pending.channelId, { flags: body.data?.flags ?? 0 });
      // 6 = deferred update, 7 = update: the message the component is on becomes the one to edit.
      if ((body.type === 6 || body.type === 7) && pending.componentMessage) {
        if (body.type === 7) Object.assign(pending.componentMessage, body.data ?? {}, { edited_timestamp: new Date().toISOString() });
        pending.original = pending.componentMessage;
      }
      if (r.query.with_response === "true") {
        return [200, { interaction: { id: pending.id, type: 2 }, resource: { type: body.type, message: pending.original } }];
      }
      return [204, null];
    }
    if ((match = m(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/))) {
      const pending = [...this.interactions.values()].find((p) => p.token === match![2]);
      if (match[1] !== this.applicationId || !pending || !pending.acknowledged) return [404, { message: "Unknown Webhook", code: 10015 }];
      const target = match[3] === "@original" ? pending.original : this.messages.get(match[3]!) ?? null;
      if (!target) return [404, { message: "Unknown Message", code: 10008 }];
      if (r.method === "PATCH") {
        Object.assign(target, r.body as Json, { edited_timestamp: new Date().toISOString() });
        return [200, target];
      }
      if (r.method === "GET") return [200, target];
      if (r.method === "DELETE") return [204, null];
    }
    if ((match = m(/^\/webhooks\/(\d+)\/([^/]+)$/)) && r.method === "POST") {
      const pending = [...this.interactions.values()].find((p) => p.token === match![2]);
      if (match[1] !== this.applicationId || !pending || !pending.acknowledged) return [404, { message: "Unknown Webhook", code: 10015 }];
      return [200, this.storeMessage(pending.channelId, r.body as Json)];
    }
    if ((match = m(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/)) && r.method === "POST") {
      const msg = this.messages.get(match[2]!);
      if (!msg || msg.channel_id !== match[1]) return [404, { message: "Unknown Message", code: 10008 }];
      if ((this.botPermissions & CREATE_PUBLIC_THREADS) === 0n) return [403, { message: "Missing Permissions", code: 50013 }];
      if (this.threads.has(match[2]!)) return [400, { message: "A thread has already been created for this message", code: 160004 }];
      const name = String((r.body as Json | null)?.name ?? "");
      if (!name || name.length > 100) return [400, { message: "Invalid Form Body", code: 50035 }];
      const guild = this.guilds.find((g) => g.channels.some((c) => c.id === match![1]))!;
      this.threads.set(match[2]!, { parentId: match[1]!, name });
      return [201, { id: match[2], type: 11, guild_id: guild.id, parent_id: match[1], name, owner_id: this.botUserId, thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false }, message_count: 0, member_count: 1 }];
    }
    if ((match = m(/^\/channels\/(\d+)\/messages$/)) && r.method === "POST" && this.threads.has(match[1]!)) {
      if ((this.botPermissions & SEND_MESSAGES_IN_THREADS) === 0n) return [403, { message: "Missing Permissions", code: 50013 }];
      return [200, this.storeMessage(match[1]!, r.body as Json)];
    }
    if (r.method === "POST" && r.path === "/users/@me/channels") {
      // opening a DM needs no gateway intent; the same user always gets the same channel
      const recipient = String((r.body as Json | null)?.recipient_id ?? "");
      if (!/^\d{5,25}$/.test(recipient)) return [400, { message: "Invalid Form Body", code: 50035 }];
      const open = [...this.dmChannels].find(([, user]) => user === recipient)?.[0] ?? this.snowflake();
      this.dmChannels.set(open, recipient);
      return [200, { id: open, type: 1, last_message_id: null, flags: 0, recipients: [{ id: recipient, username: "member", discriminator: "0", global_name: null, avatar: null }] }];
    }
    if ((match = m(/^\/channels\/(\d+)\/messages$/)) && r.method === "POST") {
      if (!this.dmChannels.has(match[1]!) && !this.channelGuild.has(match[1]!)) return [404, { message: "Unknown Channel", code: 10003 }];
      if (this.denied.has(match[1]!)) return [403, { message: "Missing Permissions", code: 50013 }];
      const body = r.body as Json;
      // enforce_nonce: a post repeating a recent nonce gets the message the first one created
      const nonce = body.enforce_nonce === true && body.nonce !== undefined ? `${match[1]}/${String(body.nonce)}` : null;
      const earlier = nonce ? this.messages.get(this.nonces.get(nonce) ?? "") : undefined;
      if (earlier) return [200, earlier];
      const { enforce_nonce: _e, ...content } = body;
      const msg = this.storeMessage(match[1]!, content);
      if (nonce) this.nonces.set(nonce, msg.id);
      return [200, msg];
    }
    if ((match = m(/^\/guilds\/(\d+)\/members\/(\d+)$/)) && r.method === "GET") {
      const g = this.guilds.find((x) => x.id === match![1]);
      if (!g) return [404, { message: "Unknown Guild", code: 10004 }];
      if (match[2] !== this.botUserId) return [404, { message: "Unknown Member", code: 10007 }];
      return [200, this.botMember(g)];
    }
    if ((match = m(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      const msg = this.messages.get(match[2]!);
      if (!msg || msg.channel_id !== match[1]) return [404, { message: "Unknown Message", code: 10008 }];
      if (r.method === "PATCH") {
        Object.assign(msg, r.body as Json, { edited_timestamp: new Date().toISOString() });
        return [200, msg];
      }
      if (r.method === "GET") return [200, msg];
    }
    if ((match = m(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/)) && r.method === "PUT") {
      if (match[1] !== this.applicationId) return [403, { message: "Missing Access", code: 50001 }];
      if (!Array.isArray(r.body)) return [400, { message: "Invalid Form Body", code: 50035 }];
      const saved = (r.body as Json[]).map((c) => ({ ...c, id: this.snowflake(), application_id: this.applicationId, version: this.snowflake(), ...(match![2] ? { guild_id: match![2] } : {}) }));
      this.commands.set(match[2] ?? "global", saved);
      return [200, saved];
    }
    return [404, { message: "404: Not Found", code: 0 }];
  }

  private storeMessage(channelId: string, body: Json): StoredMessage {
    const id = this.snowflake();
    const msg: StoredMessage = {
      id,
      channel_id: channelId,
      type: 0,
      content: "",
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      author: { id: this.botUserId, username: "studybot", discriminator: "0", global_name: null, avatar: null, bot: true },
      ...body,
    };
    this.messages.set(id, msg);
    return msg;
  }
}
