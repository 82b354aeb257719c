import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "coverage/", "migrations/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The core speaks plain data; chat SDKs belong in src/platforms only.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          // "discord.js" as a path, not a pattern: a pattern would also match the core's own messages/discord.js catalog.
          paths: [{ name: "discord.js", message: "src/core must not depend on Discord: put this in src/platforms/discord." }],
          patterns: [
            { group: ["@discordjs/*", "discord-api-types", "discord-api-types/*"], message: "src/core must not depend on Discord: put this in src/platforms/discord." },
            { group: ["@slack/*"], message: "src/core must not depend on Slack: put this in src/platforms/slack." },
            { group: ["**/platforms/*", "**/platforms/**"], message: "src/core must not import a platform adapter." },
            // The core owns the interfaces it depends on (core/store, core/locale); storage and configuration
            // implement or feed them from outside.
            { group: ["../db/*", "../../db/*", "../../../db/*", "**/src/db/*"], message: "src/core must not import src/db: depend on the interfaces in src/core/store." },
            { group: ["../config.js", "../../config.js", "../../../config.js", "**/src/config.js"], message: "src/core must not import src/config: take the settings it needs as plain values." },
          ],
        },
      ],
    },
  },
);
