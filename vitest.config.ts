import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // better-sqlite3 and the chat stand-ins are process-heavy; forks isolate native handles.
    pool: "forks",
  },
});
