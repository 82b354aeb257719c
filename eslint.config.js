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
          ],
        },
      ],
    },
  },
);
