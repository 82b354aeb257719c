import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

describe("the core/platform boundary (eslint)", () => {
  const eslint = new ESLint({ cwd: root });
  const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: path.join(root, file) }))[0]!.messages.map((m) => m.message);

  it("refuses chat SDK imports under src/core", async () => {
    expect((await lint("src/core/probe.ts", 'import { Client } from "discord.js";\nexport const c = Client;\n')).join("\n")).toMatch(/must not depend on Discord/);
    expect((await lint("src/core/probe.ts", 'import { App } from "@slack/bolt";\nexport const a = App;\n')).join("\n")).toMatch(/must not depend on Slack/);
    expect((await lint("src/core/probe.ts", 'import { startDiscord } from "../platforms/discord/index.js";\nexport const s = startDiscord;\n')).join("\n")).toMatch(/must not import a platform adapter/);
  });

  it("refuses src/db and src/config imports under src/core", async () => {
    expect((await lint("src/core/probe.ts", 'import { openDatabase } from "../db/index.js";\nexport const o = openDatabase;\n')).join("\n")).toMatch(/must not import src\/db/);
    expect((await lint("src/core/rounds/probe.ts", 'import type { SqliteStore } from "../../db/sqlite-store.js";\nexport type S = SqliteStore;\n')).join("\n")).toMatch(/must not import src\/db/);
    expect((await lint("src/core/probe.ts", 'import { loadConfig } from "../config.js";\nexport const l = loadConfig;\n')).join("\n")).toMatch(/must not import src\/config/);
    expect(await lint("src/core/probe.ts", 'import type { Store } from "./store/index.js";\nexport type S = Store;\n')).toEqual([]);
  });

  it("allows them in the platforms", async () => {
    expect(await lint("src/platforms/discord/probe.ts", 'import { Client } from "discord.js";\nexport const c = Client;\n')).toEqual([]);
  });
});
