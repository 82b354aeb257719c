// Drafts as YAML in the bank's format, so an organiser edits them in place and moves them into questions/.
import { Document, isMap, isSeq, type YAMLMap } from "yaml";
import type { Draft } from "./draft.js";

/** The drafts as one YAML list, each item headed by a comment naming its note line and rule. */
export function draftsToYaml(drafts: readonly Draft[]): string {
  if (drafts.length === 0) return "[]\n";
  const items = drafts.map((d) => ({
    id: d.id,
    topic: d.topic,
    tags: d.tags,
    difficulty: d.difficulty,
    prompt: d.prompt,
    choices: d.choices,
    answer: d.answer,
    explanation: d.explanation,
    source: { note: d.source.note, heading: d.source.heading },
    draft: true,
    confidence: d.confidence,
    rule: d.rule,
  }));
  const doc = new Document(items);
  if (isSeq(doc.contents)) {
    doc.contents.items.forEach((node, i) => {
      const d = drafts[i]!;
      if (!isMap(node)) return;
      node.commentBefore = ` ${d.source.note}:${d.line} · ${d.rule} · confidence ${d.confidence.toFixed(2)}`;
      if (i > 0) node.spaceBefore = true;
      flow(node, "tags");
      flow(node, "source");
      if (d.choices.every((c) => c.length <= 30 && !/[,:#[\]{}]/.test(c))) flow(node, "choices");
    });
  }
  return doc.toString({ lineWidth: 0 });
}

function flow(map: YAMLMap, key: string): void {
  const value = map.get(key, true);
  if (value && (isMap(value) || isSeq(value))) value.flow = true;
}
