// Every refusal the engine and the console can give has ko and en text.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { t } from "../../src/core/messages/index.js";
import { quiz } from "../../src/core/messages/quiz.js";
import { admin } from "../../src/core/messages/admin.js";
import { consoleMessages } from "../../src/core/messages/console.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("engine messages", () => {
  it("the quiz, admin and console catalogs have the same keys in ko and en", () => {
    for (const c of [quiz, admin, consoleMessages]) expect(Object.keys(c.ko).sort()).toEqual(Object.keys(c.en).sort());
  });

  it("every message key used by the engine and the console resolves in both languages", () => {
    const files = ["src/core/app.ts", ...["src/core/schedule", "src/core/rounds", "src/platforms/console"].flatMap((d) => readdirSync(path.join(root, d)).map((f) => `${d}/${f}`))];
    const keys = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(path.join(root, f), "utf8").matchAll(/(?:UserError\(|t\([\w.()]+, )"([a-z_]+\.[a-z_.]+)"/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(40);
    const missing = [...keys].flatMap((k) => (["ko", "en"] as const).filter((l) => t(l, k) === k).map((l) => `${l}:${k}`));
    expect(missing).toEqual([]);
  });
});
