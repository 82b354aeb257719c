// What a note offers to draft from, read once: every section's lines, its lists (items of one parent at one
// depth), the term–description pairs in them, and the term-like headings. Built over the whole corpus so that
// distractors can come from other notes too.
import type { Section } from "../../notes/types.js";
import { cleanInline, headingName, sectionLines, type NoteLine } from "./lines.js";
import { contextDependence, isUncertain, looksLikeCode, script, width, squash } from "./text.js";

export interface ListItem {
  node: NoteLine;
  /** `Term : description`, `Term - description` */
  term?: string;
  description?: string;
  /** the item as a short name (a service, a type, a class), when it reads as one */
  entity?: string;
}

export interface NoteList {
  section: Section;
  /** the bullet the list hangs under, or null for a list directly under the heading */
  parent: NoteLine | null;
  items: ListItem[];
  ordered: boolean;
}

export interface SectionInfo {
  section: Section;
  lines: NoteLine[];
  lists: NoteList[];
}

export interface NoteStructure {
  sections: SectionInfo[];
  bySection: Map<number, SectionInfo>;
}

const TERM_DESC = /^(?<term>[^:：]{1,48}?)\s*(?:[:：]|\s[-–—]\s|\s=>\s|\s->\s)\s*(?<desc>\S.*)$/;
/** Labels that head a line without naming a term ("예: …", "장점: …", "Note: …"). */
const GENERIC_LABELS = new Set(
  [
    "예", "예시", "ex", "eg", "e.g", "참고", "주의", "note", "notes", "tip", "todo", "정책", "장점", "단점", "특징", "결론", "요약", "비용",
    "방법", "이유", "목적", "설명", "정의", "용도", "기능", "단계", "결과", "원인", "해결", "문제", "답", "정답", "question", "answer", "q", "a",
    "pros", "cons", "advantages", "disadvantages", "summary", "example", "examples", "usage", "why", "how", "what", "when", "result",
    "link", "url", "source", "ref", "reference", "see", "cf", "비고", "메모", "출처", "질문", "핵심", "포인트", "point", "정리",
  ].map((s) => squash(s)),
);
/** Headings that name a part of the notes rather than a term. */
const GENERIC_HEADING = /^(?:개요|정리|요약|소개|참고|기타|실습|예제|예시|정의|특징|장점|단점|차이점?|비교|결론|목차|overview|summary|introduction|intro|notes?|misc|examples?|references?|appendix|todo|q&a|faq|base|quiz)$|^(?:모듈|chapter|part|section|lecture|lab|week|day)\s*\d|^\d+\s*(?:장|주차|강)|\s(?:vs\.?|VS)\s|\?|정리$|요약$|^[^\p{L}]*$/iu;
const SENTENCE_END_KO = /(?:다|요|함|음|임|됨|있음|없음|가능|불가|필요|지원|제공|수행|사용|발생|권장|의미|뜻|말함|해야\s*함|한다|된다|있다|없다)[.!]?$|[을를이가은는에서로]\s/;
const SENTENCE_EN = /\b(?:is|are|was|were|be|can|cannot|will|must|should|has|have|does|do|allows?|lets?|makes?|gives?|uses?|means?)\b/i;

/** A short name rather than a sentence: a service, a type, a class, a step name. */
export function entityName(text: string): string | undefined {
  const t = text.replace(/[.,;]+$/, "").trim();
  if (t === "" || width(t) > 44 || t.split(/\s+/).length > 6) return undefined;
  if (/[:：?!,]|https?:|\s[-–—]\s|=>|->/.test(t) || (t.match(/\(/g) ?? []).length !== (t.match(/\)/g) ?? []).length || SENTENCE_END_KO.test(t) || SENTENCE_EN.test(t)) return undefined;
  if (!/\p{L}{2,}/u.test(t) || /^\d/.test(t) || looksLikeCode(t) || contextDependence(t) || isUncertain(t)) return undefined;
  if (GENERIC_LABELS.has(squash(t)) || /^(?:with|and|or|of|for|in|on|to|the|a|an|how|why|what|vs)\b/i.test(t)) return undefined;
  return t;
}

/** `Term : description` with a term-like term and a description of some words, else undefined. */
export function termDescription(text: string): { term: string; description: string } | undefined {
  const m = TERM_DESC.exec(text);
  if (!m?.groups) return undefined;
  const term = cleanInline(m.groups.term!).replace(/^["“'‘]|["”'’]$/g, "").trim();
  const description = m.groups.desc!.replace(/[\s/|,;]+$/, "").trim();
  if (!entityName(term) || /^(?:ex\)|예\)|e\.g)/i.test(term) || /^\d+$/.test(term)) return undefined;
  // "Secure storage for configuration and secrets" describes a feature; it is not a term to ask for.
  if (term.split(/\s+/).length >= 3 && /\s(?:for|with|and|of|to|in|on|the|a|an|from|by)\s/.test(term)) return undefined;
  return { term, description };
}

/** A heading that names a term: short, no question, not "개요" or "모듈 3". */
export function termHeading(section: Section): string | undefined {
  const name = headingName(section.heading);
  if (name === "" || GENERIC_HEADING.test(name)) return undefined;
  return entityName(name);
}

/** Builds the structure of the given sections. `fileLines` gives exact line numbers for the files it covers. */
export function readStructure(sections: readonly Section[], fileLines: ReadonlyMap<string, readonly string[]>): NoteStructure {
  const infos: SectionInfo[] = [];
  for (const section of sections) {
    const lines = sectionLines(section, fileLines.get(section.file) ?? estimatedLines(section));
    infos.push({ section, lines, lists: listsOf(section, lines) });
  }
  return { sections: infos, bySection: new Map(infos.map((i) => [i.section.id, i])) };
}

/** Without the file, the body is taken to start on the line after the heading (used for other notes, whose lines are never cited). */
function estimatedLines(section: Section): string[] {
  const lines: string[] = new Array<string>(section.line).fill("");
  return lines.concat(section.text.split("\n"));
}

function listsOf(section: Section, lines: readonly NoteLine[]): NoteList[] {
  const groups = new Map<NoteLine | null, Map<number, NoteLine[]>>();
  for (const node of lines) {
    if (!node.bullet || node.code) continue;
    const byIndent = groups.get(node.parent) ?? new Map<number, NoteLine[]>();
    groups.set(node.parent, byIndent);
    const list = byIndent.get(node.indent) ?? [];
    list.push(node);
    byIndent.set(node.indent, list);
  }
  const lists: NoteList[] = [];
  for (const [parent, byIndent] of groups) {
    for (const nodes of byIndent.values()) {
      if (nodes.length < 2) continue;
      const items = nodes.map((node): ListItem => {
        const td = termDescription(node.text);
        return td ? { node, term: td.term, description: td.description } : { node, entity: entityName(node.text) };
      });
      lists.push({ section, parent, items, ordered: nodes.every((n) => n.ordered) });
    }
  }
  return lists;
}

/** The list's name as a prompt can say it: the parent bullet (without "다음의"), or the heading. */
export function listName(list: NoteList): string | undefined {
  const raw = list.parent ? list.parent.text : headingName(list.section.heading);
  const name = raw
    .replace(/^(?:다음(?:의|과\s*같은)?|아래(?:의|와\s*같은)?|the following|following)\s+/i, "")
    .replace(/\s*(?:[:：]|은|는|이|가)?\s*$/, "")
    .replace(/\s*[:：]\s*$/, "")
    .trim();
  if (name === "" || width(name) > 50 || isUncertain(name) || contextDependence(name)) return undefined;
  return name;
}

/** The script most of `terms` are written in. */
export function majorityScript(terms: readonly string[]): ReturnType<typeof script> {
  const counts = new Map<ReturnType<typeof script>, number>();
  for (const t of terms) counts.set(script(t), (counts.get(script(t)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "latin";
}
