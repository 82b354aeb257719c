// drizzle-kit: `npm run db:generate` writes a SQL migration for every change to src/db/schema.ts into
// migrations/ (committed); the bot applies them at start-up (src/db/index.ts).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
