import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // better-sqlite3 and the chat stand-ins are process-heavy; forks isolate native handles.
    pool: "forks",
    // one PostgreSQL server for the whole run (the store suite runs on it as well as on SQLite)
    globalSetup: ["test/support/postgres-server.ts"],
  },
});
