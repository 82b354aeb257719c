import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { draftsToYaml } from "../../src/core/questions/draft/index.js";
import { validateQuestionBank } from "../../src/core/questions/load.js";
import { DRAFT_REFUSED } from "../../src/core/questions/schema.js";
import { draftFixture, fixtureSections, ROOT } from "./support.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function bankWith(yaml: string): string {
  dir = mkdtempSync(path.join(tmpdir(), "studybot-drafts-"));
  writeFileSync(path.join(dir, "topics.yaml"), "queue: { ko: 메시지 큐, en: Message queues }\n");
  writeFileSync(path.join(dir, "queue-drafts.yaml"), yaml);
  return dir;
}

describe("draftsToYaml", () => {
  const { drafts } = draftFixture("queue.md");
  const yaml = draftsToYaml(drafts);

  it("writes the bank's fields with draft: true, the confidence and the rule, each item headed by its note line", () => {
    const items = parse(yaml) as Array<Record<string, unknown>>;
    expect(items).toHaveLength(drafts.length);
    expect(Object.keys(items[0]!)).toEqual(["id", "topic", "tags", "difficulty", "prompt", "choices", "answer", "explanation", "source", "draft", "confidence", "rule"]);
    expect(items.every((i) => i.draft === true)).toBe(true);
    expect(yaml).toContain(`# queue.md:${drafts[0]!.line} · ${drafts[0]!.rule} · confidence`);
  });

  it("is accepted by the bank's validator with drafts allowed, sources resolving in the notes", () => {
    const result = validateQuestionBank(bankWith(yaml), { sections: fixtureSections(), drafts: true, rootDir: ROOT });
    expect(result.problems).toEqual([]);
    expect(result.questions).toHaveLength(drafts.length);
  });

  it("is refused draft by draft where published questions are expected", () => {
    const result = validateQuestionBank(bankWith(yaml), { sections: fixtureSections(), rootDir: ROOT });
    expect(result.bank).toBeUndefined();
    expect(result.problems.map((p) => p.message)).toEqual(drafts.map(() => DRAFT_REFUSED));
  });

  it("publishes a draft once its draft lines are deleted", () => {
    const published = yaml.replace(/^ {2}(?:draft|confidence|rule): .*\n/gm, "");
    const result = validateQuestionBank(bankWith(published), { sections: fixtureSections(), rootDir: ROOT });
    expect(result.problems).toEqual([]);
  });

  it("rejects a confidence outside 0..1", () => {
    const bad = yaml.replace(/confidence: [\d.]+/, "confidence: 1.5");
    const result = validateQuestionBank(bankWith(bad), { sections: fixtureSections(), drafts: true, rootDir: ROOT });
    expect(result.problems.map((p) => p.message)).toEqual(['confidence must be a number from 0 to 1, found "1.5"']);
  });
});
