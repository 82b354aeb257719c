// Bank-wide checks (unique ids and prompts, known topics, sources that resolve to a real note section) and the
// grounding report (does the cited section contain the correct answer?). Pure: the loader feeds it parsed items.
import type { Section } from "../notes/types.js";
import { closest, describeValue, normalizeText, similarity, type QuestionInput } from "./schema.js";
import type { Exam, Question, QuestionProblem, Topic } from "./types.js";

/** One item of a question file after the per-question schema check. */
export interface CheckedItem {
  file: string;
  /** line of the `- id:` item */
  line: number;
  /** line of a field (or of an element inside it) of this item */
  lineOf(path: Array<string | number>): number;
  /** the fields that are valid on their own */
  partial: Partial<QuestionInput>;
  /** set when the item passed every per-question check */
  value?: QuestionInput;
}

export interface TopicsInfo {
  file: string;
  topics: Map<string, Topic>;
  /** keys present in topics.yaml but invalid there (already reported): not "unknown" to questions */
  invalidKeys: Set<string>;
  /** the `exams:` block, by code */
  exams: Map<string, Exam>;
  /** the topics cannot be changed by whoever wrote the questions (a group's own questions use the bank's) */
  fixed?: boolean;
}

/** `## 10.16.  Limitation` → `10.16. Limitation`; `#28 EBS` stays (a lecture number, not Markdown markup). */
export function normalizeHeading(heading: string): string {
  return heading
    .normalize("NFKC")
    .replace(/^\s*#{1,6}\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Section files (`notes/dva-theory.txt`) as the names questions cite (`dva-theory.txt`): the common folder is dropped. */
export function noteNames(sections: readonly Section[]): Map<string, string> {
  const files = [...new Set(sections.map((s) => s.file))];
  const dirs = files.map((f) => f.split("/").slice(0, -1));
  let common = dirs[0] ?? [];
  for (const d of dirs) {
    let i = 0;
    while (i < common.length && i < d.length && common[i] === d[i]) i++;
    common = common.slice(0, i);
  }
  const prefix = common.length ? common.join("/") + "/" : "";
  return new Map(files.map((f) => [f, f.startsWith(prefix) ? f.slice(prefix.length) : f]));
}

export type SourceResolution =
  | { kind: "ok"; sections: Section[] }
  | { kind: "unknown-note"; suggestions: string[]; available: string[] }
  | { kind: "ambiguous-note"; files: string[] }
  | { kind: "unknown-heading"; file: string; suggestions: Section[] };

/** Each section's heading and raw heading line, normalised: every question of a bank looks a note's up again. */
const formsBySection = new WeakMap<Section, readonly string[]>();

function headingForms(s: Section): readonly string[] {
  let forms = formsBySection.get(s);
  if (!forms) formsBySection.set(s, (forms = [normalizeHeading(s.heading), normalizeHeading(s.raw)]));
  return forms;
}

/**
 * Finds the sections a `source` names. The note is a file name under the notes folder (`dva-theory.txt`, or any
 * longer tail of the path such as `notes/dva-theory.txt`). The heading matches a section's heading (markup
 * removed) or its raw heading line, after stripping Markdown's leading `#`s and collapsing whitespace: exact case
 * first, then ignoring case. Several sections may share a heading; all of them are returned, in note order.
 */
export function resolveSource(note: string, heading: string, sections: readonly Section[]): SourceResolution {
  const wanted = note.trim().replace(/^\.\//, "");
  const files = [...new Set(sections.map((s) => s.file))];
  const matching = files.filter((f) => f === wanted || f.endsWith("/" + wanted));
  if (matching.length === 0) {
    const names = [...noteNames(sections).values()];
    return { kind: "unknown-note", suggestions: closest(wanted, names, 3, 0.4), available: names };
  }
  if (matching.length > 1) return { kind: "ambiguous-note", files: matching };
  const file = matching[0]!;
  const inNote = sections.filter((s) => s.file === file);
  const target = normalizeHeading(heading);
  let found = inNote.filter((s) => headingForms(s).includes(target));
  if (found.length === 0) {
    const lower = target.toLowerCase();
    found = inNote.filter((s) => headingForms(s).some((f) => f.toLowerCase() === lower));
  }
  if (found.length > 0) return { kind: "ok", sections: found };
  const ranked = inNote
    .map((s, i) => ({ s, i, score: Math.max(...headingForms(s).map((f) => similarity(target, f))) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, 3)
    .map((x) => x.s);
  return { kind: "unknown-heading", file, suggestions: ranked };
}

/** Text for the grounding check: NFKC, lowercase, without whitespace or emphasis/code markup. */
export function groundingText(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/[\s*`]+/g, "");
}

/** Whether the section (heading and body) contains `text`, ignoring case, spacing and emphasis markup. */
export function sectionSupports(section: Section, text: string): boolean {
  const needle = groundingText(text);
  return needle !== "" && groundingText(`${section.heading}\n${section.raw}\n${section.text}`).includes(needle);
}

export interface CrossCheckResult {
  problems: QuestionProblem[];
  /** resolved section id per item (only for items whose source resolved) */
  sectionIds: Map<CheckedItem, number>;
}

/**
 * Checks across the bank: ids unique (the later one is reported, with the first's location), prompts unique
 * (ignoring case and spacing), topics known, sources resolving to a section when `sections` is given, `related`
 * naming other questions of the bank.
 */
export function crossCheck(items: readonly CheckedItem[], topics: TopicsInfo | null, sections?: readonly Section[]): CrossCheckResult {
  const problems: QuestionProblem[] = [];
  const sectionIds = new Map<CheckedItem, number>();
  const ids = new Map<string, CheckedItem>();
  const prompts = new Map<string, CheckedItem>();
  const topicKeys = topics ? [...topics.topics.keys()] : [];

  for (const item of items) {
    const q = item.partial;
    const report = (path: Array<string | number>, message: string) => problems.push({ file: item.file, line: item.lineOf(path), message });

    if (q.id !== undefined) {
      const first = ids.get(q.id);
      if (first) report(["id"], `id "${q.id}" is already used at ${first.file}:${first.line}: ids must be unique across the bank, so rename one of them`);
      else ids.set(q.id, item);
    }

    if (q.prompt !== undefined) {
      const key = normalizeText(q.prompt);
      const first = prompts.get(key);
      if (first) {
        const other = first.partial.id ? ` ("${first.partial.id}")` : "";
        report(["prompt"], `prompt repeats the question at ${first.file}:${first.line}${other}: reword one of them or remove the duplicate`);
      } else prompts.set(key, item);
    }

    if (q.topic !== undefined && topics && !topics.topics.has(q.topic) && !topics.invalidKeys.has(q.topic)) {
      report(["topic"], unknownTopicMessage(q.topic, topics, topicKeys));
    }

    if (q.source !== undefined && sections) {
      const { note, heading } = q.source;
      const r = resolveSource(note, heading, sections);
      if (r.kind === "unknown-note") {
        const hint = r.suggestions.length ? `did you mean ${r.suggestions.map((s) => `"${s}"`).join(" or ")}?` : `the notes are ${r.available.map((s) => `"${s}"`).join(", ")}`;
        report(["source", "note"], `source.note "${note}" is not a note in the notes folder: ${hint}`);
      } else if (r.kind === "ambiguous-note") {
        report(["source", "note"], `source.note "${note}" matches several notes (${r.files.join(", ")}): write the longer path to pick one`);
      } else if (r.kind === "unknown-heading") {
        const hint = r.suggestions.length
          ? `closest headings there: ${r.suggestions.map((s) => `"${s.heading}" (line ${s.line})`).join(", ")}`
          : "that note has no headings";
        report(["source", "heading"], `source.heading "${heading}" is not a heading of ${r.file}: copy the heading line as written in the note; ${hint}`);
      } else {
        // Several sections may share a heading: prefer the one that states the correct answer.
        const correct = q.choices && q.answer !== undefined ? q.choices[q.answer] : undefined;
        const chosen = (correct !== undefined && r.sections.find((s) => sectionSupports(s, correct))) || r.sections[0]!;
        sectionIds.set(item, chosen.id);
      }
    }
  }

  // `related` names other questions of the bank (all ids are known only now).
  const allIds = [...ids.keys()];
  for (const item of items) {
    item.partial.related?.forEach((r, i) => {
      let message: string | null = null;
      if (r.id === item.partial.id) message = `related id "${r.id}" is this question itself: name the other question of the pair`;
      else if (!ids.has(r.id)) {
        const close = closest(r.id, allIds, 1, 0.6)[0];
        message = `related id "${r.id}" is not a question of the bank${close ? `: did you mean "${close}"?` : ": copy the other question's id"}`;
      }
      if (message) problems.push({ file: item.file, line: item.lineOf(["related", i, "id"]), message });
    });
  }
  return { problems, sectionIds };
}

function unknownTopicMessage(topic: string, topics: TopicsInfo, keys: string[]): string {
  // Close keys by spelling, then topics whose names mention it (e.g. "ecs" → containers: "Containers (ECS, EKS)").
  const bySpelling = closest(topic, keys, 3, 0.5);
  const needle = normalizeText(topic);
  const byName =
    needle.length >= 2
      ? [...topics.topics.values()].filter((t) => normalizeText(`${t.ko} ${t.en}`).includes(needle)).map((t) => t.key)
      : [];
  const suggestions = [...new Set([...bySpelling, ...byName])].slice(0, 4);
  const hint = suggestions.length
    ? `did you mean ${suggestions.map((k) => `"${k}" (${topics.topics.get(k)!.en})`).join(" or ")}?`
    : `use one of the ${keys.length} keys listed there`;
  if (topics.fixed) return `topic ${describeValue(topic)} is not a topic of the question bank: ${suggestions.length ? hint : `use one of ${keys.join(", ")}`}`;
  return `topic ${describeValue(topic)} is not in ${topics.file}: ${hint} To add a topic, add \`${topic}: { ko: …, en: … }\` to ${topics.file}.`;
}

export interface GroundingReport {
  /** questions whose cited section was checked */
  checked: number;
  /** of those, the ones whose correct choice appears in the cited section */
  supported: number;
  warnings: QuestionProblem[];
}

/**
 * The "section supports the answer" report: for each question with a resolved section, whether the correct
 * choice's text appears in that section's heading or body (ignoring case, spacing and emphasis markup).
 * A miss is a warning, not an error: a scenario question may paraphrase the note.
 */
export function checkGrounding(questions: readonly Question[], sections: readonly Section[]): GroundingReport {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const warnings: QuestionProblem[] = [];
  let checked = 0;
  let supported = 0;
  for (const q of questions) {
    const section = q.sectionId === null ? undefined : byId.get(q.sectionId);
    if (!section) continue;
    checked++;
    const correct = q.choices[q.answer]!;
    if (sectionSupports(section, correct)) {
      supported++;
      continue;
    }
    warnings.push({
      file: q.file,
      line: q.line,
      message: `warning: the correct choice ${describeValue(correct)} of "${q.id}" does not appear in the cited section "${section.heading}" (${section.file}:${section.line}): cite the section that states it, or word the choice as the note does`,
    });
  }
  return { checked, supported, warnings };
}
