// drizzle-kit, SQLite: `npm run db:generate` writes a SQL migration for every change to src/db/sqlite/schema.ts
// into migrations/sqlite/ (committed); the bot applies them at start-up (src/db/sqlite/open.ts). The PostgreSQL
// twin is drizzle.pg.config.ts.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/sqlite/schema.ts",
  out: "./migrations/sqlite",
});
