// drizzle-kit, PostgreSQL: `npm run db:generate` writes a SQL migration for every change to src/db/pg/schema.ts
// into migrations/pg/ (committed); the bot applies them at start-up when DATABASE_URL is set (src/db/pg/open.ts).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/pg/schema.ts",
  out: "./migrations/pg",
});
