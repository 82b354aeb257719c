import { describe, expect, it } from "vitest";
import { CharTrie, NONE, ROOT } from "../../src/core/notes/trie.js";

/** The node `key` leads to from the root, or NONE. */
function walk(trie: CharTrie, key: string): number {
  let node = ROOT;
  for (let i = 0; i < key.length && node !== NONE; i++) node = trie.step(node, key.charCodeAt(i));
  return node;
}

describe("character trie", () => {
  it("finds each key's value, shares prefixes, and knows where keys go on", () => {
    const trie = new CharTrie();
    trie.setValue(trie.insert("lambda"), 1);
    trie.setValue(trie.insert("lambdaedge"), 2);
    trie.setValue(trie.insert("람다"), 3);
    expect(trie.value(walk(trie, "lambda"))).toBe(1);
    expect(trie.value(walk(trie, "lambdaedge"))).toBe(2);
    expect(trie.value(walk(trie, "람다"))).toBe(3);
    expect(trie.value(walk(trie, "lamb"))).toBe(-1);
    expect(walk(trie, "lambdx")).toBe(NONE);
    expect(trie.goesOn(walk(trie, "lambda"))).toBe(true);
    expect(trie.goesOn(walk(trie, "lambdaedge"))).toBe(false);
    // A key added again keeps its first value.
    trie.setValue(trie.insert("lambda"), 9);
    expect(trie.value(walk(trie, "lambda"))).toBe(1);
  });

  it("keeps every key through many insertions, units sharing bits included", () => {
    const trie = new CharTrie();
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i.toString(36)}${String.fromCharCode(0xac00 + (i % 300))}`);
    keys.forEach((k, i) => trie.setValue(trie.insert(k), i));
    keys.forEach((k, i) => expect(trie.value(walk(trie, k))).toBe(i));
    // "a" (0x61) and "A" (0x41) set the same low bit; the table still tells them apart.
    expect(walk(trie, "kA")).toBe(NONE);
  });
});
