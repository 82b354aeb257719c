// The catalogs: both languages with the same keys, every key the code names resolves, Korean particles fit the
// word before them, and descriptions fit Discord's limits.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_SPECS } from "../../src/core/commands/index.js";
import { particleAfter } from "../../src/core/messages/josa.js";
import { coreCatalog, fill, t } from "../../src/core/messages/index.js";
import { tc } from "../../src/platforms/console/messages.js";
import { td } from "../../src/platforms/discord/messages.js";
import { ts } from "../../src/platforms/slack/messages.js";

const root = path.resolve(import.meta.dirname, "../..");
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : f.endsWith(".ts") ? [path.join(dir, f)] : []));

describe("message catalogs", () => {
  it("have the same keys in ko and en, and no empty string", () => {
    for (const tr of [t, tc, td, ts]) expect(tr).toBeTypeOf("function");
    expect(Object.keys(coreCatalog.ko).sort()).toEqual(Object.keys(coreCatalog.en).sort());
    for (const l of ["ko", "en"] as const) for (const [k, v] of Object.entries(coreCatalog[l])) expect(v.trim(), `${l}:${k}`).not.toBe("");
  });

  it("resolve every key a refusal in src names, in the translator of the place that throws it", () => {
    const translators = { console: tc, discord: td, slack: ts } as const;
    const missing: string[] = [];
    let seen = 0;
    for (const file of files(path.join(root, "src"))) {
      const platform = (Object.keys(translators) as Array<keyof typeof translators>).find((p) => file.includes(`/platforms/${p}/`));
      const tr = platform ? translators[platform] : t;
      for (const m of readFileSync(file, "utf8").matchAll(/(?:UserError|OperatorError)(?:<\w+>)?\("([a-z_]+\.[a-z_.-]+)"/g)) {
        seen++;
        if (!tr.has(m[1]!)) missing.push(`${path.relative(root, file)}: ${m[1]}`);
      }
    }
    expect(seen).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it("put no space before a Korean particle and fit it to the word before", () => {
    for (const [k, v] of Object.entries(coreCatalog.ko)) expect(v, k).not.toMatch(/[}'"] (?:은|는|이|가|을|를|으로|로)(?=[\s.,]|$)/);
    expect(fill("{value}{은/는} 보기에 없어요", { value: "1" })).toBe("1은 보기에 없어요");
    expect(fill("{label}{으로/로} 답했어요", { label: "C" })).toBe("C로 답했어요");
    expect(fill("{label}{으로/로} 답했어요", { label: "람다" })).toBe("람다로 답했어요");
    expect(fill("'{value}'{이라는/라는} 주제", { value: "서버" })).toBe("'서버'라는 주제");
    expect(fill("'{value}'{이라는/라는} 주제", { value: "네트워크 설계" })).toBe("'네트워크 설계'라는 주제");
    expect(fill("'{value}'{이라는/라는} 주제", { value: "람다 함수" })).toBe("'람다 함수'라는 주제");
    expect(fill("'{value}'{이라는/라는} 주제", { value: "보안" })).toBe("'보안'이라는 주제");
    expect(t("ko", "quiz.duplicate", { label: "B" })).toBe("이미 B로 답했어요. 처음 답만 인정돼요.");
    expect(t("ko", "quiz.bad_choice", { value: "1", labels: "A, B" })).toBe("1은 보기에 없어요. A, B 중에서 골라 주세요.");
    expect(t("ko", "card.seconds", { seconds: 3.2 })).toBe("3.2초");
    const after = (word: string, pair: Parameters<typeof particleAfter>[1]) => word + particleAfter(word, pair);
    expect([after("S3", "이/가"), after("EC2", "은/는"), after("IAM", "은/는"), after("SQS", "을/를"), after("10", "은/는"), after("7", "으로/로"), after("3", "으로/로")]).toEqual([
      "S3가",
      "EC2는",
      "IAM은",
      "SQS를",
      "10은",
      "7로",
      "3으로",
    ]);
  });

  it("give every command and option a description Discord accepts (1–100 characters) in both languages", () => {
    for (const spec of ALL_SPECS) {
      const keys = [spec.description, ...Object.values(spec.options).map((o) => o.description)];
      for (const l of ["ko", "en"] as const) {
        for (const k of keys) {
          expect(t(l, k).length, `${l}:${k}`).toBeGreaterThan(0);
          expect(t(l, k).length, `${l}:${k}`).toBeLessThanOrEqual(100);
        }
      }
    }
  });
});
