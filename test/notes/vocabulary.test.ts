import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Concepts } from "../../src/core/notes/analyze.js";
import { AWS_PACK } from "../../src/core/notes/glossary.js";
import { conceptsFor } from "../../src/core/notes/search.js";
import { parseNote } from "../../src/core/notes/parse.js";
import { QUERY_WORDS } from "../../src/core/notes/query-words.js";
import { STUDY_VOCABULARY } from "../../src/core/notes/vocabulary.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("study vocabulary and domain packs", () => {
  it("says in its header how many entries it has", () => {
    const source = readFileSync(path.join(root, "src/core/notes/vocabulary.ts"), "utf8");
    expect(source).toContain(`${STUDY_VOCABULARY.length} entries`);
  });

  it("says in the header of the query words how many entries there are, each an English word and Korean of two syllables or more", () => {
    const source = readFileSync(path.join(root, "src/core/notes/query-words.ts"), "utf8");
    expect(source).toContain(`${QUERY_WORDS.length} entries`);
    for (const [english, ...korean] of QUERY_WORDS) {
      expect(english, english).toMatch(/^[a-z]+$/);
      expect(korean.length, english).toBeGreaterThan(0);
      for (const k of korean) expect(k, english).toMatch(/^[\uac00-\ud7a3]{2,}$/);
    }
  });

  it("has a Korean and an English form in every entry, lowercase", () => {
    for (const forms of STUDY_VOCABULARY) {
      expect(forms.some((f) => /[a-z]/.test(f)), forms.join("|")).toBe(true);
      for (const f of forms) expect(f, f).toBe(f.toLowerCase());
    }
  });

  it("maps Korean and English forms of a concept to one term", () => {
    const c = new Concepts(STUDY_VOCABULARY);
    expect(c.termOf("문맥 교환")).toBe(c.termOf("context switching"));
    expect(c.termOf("교착상태")).toBe(c.termOf("deadlock"));
  });

  it("applies the AWS pack only to notes that name AWS services", () => {
    const aws = parseNote("notes/a.md", "# AWS\n\nLambda, S3, DynamoDB, SQS and Kinesis.\n\n## DNS\n\nRoute 53 is DNS.");
    const cs = parseNote("notes/b.md", "# 네트워크\n\n## DNS\n\nDNS는 도메인을 IP로 바꾼다. Redis, Docker도 씀.");
    expect(conceptsFor(aws).termOf("dns")).toBe(new Concepts(AWS_PACK.entries).termOf("route 53"));
    expect(conceptsFor(cs).termOf("dns")).toBeUndefined();
  });

  it("learns the pairs the notes write as aliases", () => {
    const notes = parseNote("notes/c.md", "# OS\n\n## 기아 현상(Starvationn)\n\n오래 기다림.\n\n## PCB (Process Control Block)\n\n커널 자료구조.");
    const c = conceptsFor(notes);
    expect(c.termOf("starvationn")).toBeDefined();
    expect(c.termOf("기아 현상")).toBe(c.termOf("starvationn"));
    expect(c.termOf("process control block")).toBe(c.termOf("pcb"));
  });
});
