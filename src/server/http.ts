// The process's one HTTP server. Everything that answers HTTP mounts on it — /healthz, /metrics, Slack's events
// endpoint (Bolt's receiver), later Slack's install routes — so nothing else binds a port. Adding a route is one
// call: `server.route("GET", "/slack/install", handler)`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.js";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A port that cannot be listened on, with what to do about it. */
export class ListenError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = "ListenError";
  }
}

export class AppServer {
  readonly server: Server;
  private readonly routes = new Map<string, RouteHandler>();
  private address: AddressInfo | null = null;

  constructor(private readonly logger: Logger) {
    this.server = createServer((req, res) => void this.dispatch(req, res));
    // A client that sends nothing must not hold a socket open through shutdown.
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
  }

  /** Answers `method` (or "*" for any) on `path`; returns a function that removes the route again. */
  route(method: string, path: string, handler: RouteHandler): () => void {
    const key = `${method.toUpperCase()} ${path}`;
    if (this.routes.has(key)) throw new Error(`${key} is already routed`);
    this.routes.set(key, handler);
    return () => {
      if (this.routes.get(key) === handler) this.routes.delete(key);
    };
  }

  async listen(port: number, host?: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      const failed = (err: NodeJS.ErrnoException) => {
        this.server.off("listening", listening);
        if (err.code === "EADDRINUSE") reject(new ListenError(`PORT ${port} is already in use: stop what listens there or set PORT to a free port.`));
        else if (err.code === "EACCES") reject(new ListenError(`not allowed to listen on PORT ${port}: use a port above 1023, or run behind a reverse proxy.`));
        else reject(err);
      };
      const listening = () => {
        this.server.off("error", failed);
        resolve();
      };
      this.server.once("error", failed);
      this.server.once("listening", listening);
      this.server.listen(port, host);
    });
    this.address = this.server.address() as AddressInfo;
    return this.address;
  }

  get listening(): boolean {
    return this.address !== null;
  }

  /** The URL of a path on this server as bound ("http://127.0.0.1:3000/healthz"). */
  url(path: string, host?: string): string {
    if (!this.address) throw new Error("the server is not listening");
    const h = host ?? (this.address.address === "::" || this.address.address === "0.0.0.0" ? "0.0.0.0" : this.address.address);
    return `http://${h.includes(":") ? `[${h}]` : h}:${this.address.port}${path}`;
  }

  /** Stops listening; requests in flight may finish for `graceMs`, then their connections are closed. */
  async close(graceMs = 2_000): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs).unref()))]);
    clearTimeout(timer);
    this.server.closeAllConnections();
    await closed;
    this.address = null;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    const handler = this.routes.get(`${(req.method ?? "GET").toUpperCase()} ${path}`) ?? this.routes.get(`* ${path}`);
    if (!handler) return json(res, 404, { error: "not found" });
    try {
      await handler(req, res);
    } catch (err) {
      this.logger.error({ err, method: req.method, path }, "http: a route failed");
      if (!res.headersSent) json(res, 500, { error: "internal error" });
      else res.end();
    }
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
