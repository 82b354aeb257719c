// Reads questions/topics.yaml and every other questions/*.yaml|*.yml into a QuestionBank, reporting every problem
// at the line of the offending item or field. The bot refuses to start on a bad bank (QuestionBankError lists
// `file:line: message`, the same lines `studybot questions validate` prints).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Section } from "../notes/types.js";
import { checkQuestion, closest, describeValue, examKnownFields, EXAMS_KEY, examsSchema, TOPIC_FIELDS, topicKeySchema, topicSchema, toFieldIssues, type QuestionInput } from "./schema.js";
import { QuestionBankError, type DomainRef, type Exam, type Question, type QuestionBank, type QuestionProblem, type Topic } from "./types.js";
import { crossCheck, type CheckedItem, type TopicsInfo } from "./validate.js";

export const TOPICS_FILE = "topics.yaml";
const QUESTION_FILE = /\.ya?ml$/i;

export interface LoadOptions {
  /** the notes' sections: when given, every `source` must resolve to one of them and `sectionId` is set */
  sections?: Section[];
  /** problems and questions name files relative to this folder (default: the current directory) */
  rootDir?: string;
  /** accept drafted questions (`draft: true`); without it each draft is a problem */
  drafts?: boolean;
}

export interface ValidationResult {
  /** the bank, when there is no problem */
  bank?: QuestionBank;
  /** every problem, in file order then line order */
  problems: QuestionProblem[];
  /** the questions that passed every per-question check (for stats and grounding even when the bank has problems) */
  questions: Question[];
  /** the valid topics of topics.yaml, in file order */
  topics: Map<string, Topic>;
  /** the exams of topics.yaml's `exams:` block, in file order (empty when it has none or it is invalid) */
  exams: Map<string, Exam>;
  /** the question files read (not topics.yaml), as shown in problems */
  files: string[];
}

/** A bank with no questions and no topics: a group that has only its notes so far. */
export function emptyQuestionBank(): QuestionBank {
  return { questions: [], byId: new Map(), topics: new Map(), exams: new Map() };
}

/** Loads the bank or throws QuestionBankError listing every problem as `file:line: message`. */
export function loadQuestionBank(dir: string, opts: LoadOptions = {}): QuestionBank {
  const result = validateQuestionBank(dir, opts);
  if (!result.bank) throw new QuestionBankError(result.problems);
  return result.bank;
}

/** Checks the whole bank and returns every problem (never throws for content problems). */
export function validateQuestionBank(dir: string, opts: LoadOptions = {}): ValidationResult {
  const rootDir = opts.rootDir ?? process.cwd();
  const shown = (abs: string) => displayPath(abs, rootDir);
  const problems: QuestionProblem[] = [];
  const empty = (): ValidationResult => ({ problems, questions: [], topics: new Map(), exams: new Map(), files: [] });

  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a folder");
    names = readdirSync(dir)
      .filter((n) => !n.startsWith(".") && QUESTION_FILE.test(n))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (err) {
    problems.push({ file: shown(dir), line: 1, message: `cannot read the question folder (${(err as Error).message}): set QUESTIONS_DIR or --dir to the folder holding topics.yaml and the question files (QUESTIONS_DIR=none starts with no question bank)` });
    return empty();
  }

  const topicsPath = path.join(dir, TOPICS_FILE);
  let topics: TopicsInfo | null = null;
  if (!names.includes(TOPICS_FILE)) {
    problems.push({ file: shown(topicsPath), line: 1, message: `${TOPICS_FILE} is missing: create it with one line per topic, e.g. lambda: { ko: Lambda, en: Lambda }` });
  } else {
    topics = readTopics(topicsPath, shown(topicsPath), problems);
  }

  const questionFiles = names.filter((n) => n !== TOPICS_FILE);
  if (questionFiles.length === 0) {
    problems.push({ file: shown(dir), line: 1, message: `no question files: add YAML files (e.g. ${shown(path.join(dir, "lambda.yaml"))}) holding a list of questions` });
  }

  const items: CheckedItem[] = [];
  for (const name of questionFiles) {
    const abs = path.join(dir, name);
    items.push(...readQuestionFile(abs, shown(abs), problems, opts.drafts ?? false));
  }

  const cross = crossCheck(items, topics, opts.sections);
  problems.push(...cross.problems);

  const questions: Question[] = [];
  for (const item of items) {
    if (!item.value) continue;
    questions.push(toQuestion(item.value, item.file, item.line, cross.sectionIds.get(item) ?? null));
  }

  const order = new Map<string, number>([[shown(dir), -2], [shown(topicsPath), -1], ...questionFiles.map((n, i) => [shown(path.join(dir, n)), i] as [string, number])]);
  problems.sort((a, b) => (order.get(a.file) ?? -2) - (order.get(b.file) ?? -2) || a.line - b.line);

  const topicMap = topics?.topics ?? new Map<string, Topic>();
  const exams = topics?.exams ?? new Map<string, Exam>();
  const files = questionFiles.map((n) => shown(path.join(dir, n)));
  if (problems.length > 0) return { problems, questions, topics: topicMap, exams, files };
  const byId = new Map(questions.map((q) => [q.id, q]));
  return { bank: { questions, byId, topics: topicMap, exams }, problems, questions, topics: topicMap, exams, files };
}

/** sha256 (hex, first 16) of what members are asked and told: prompt, choices, answer, explanation. */
export function questionHash(q: Pick<QuestionInput, "prompt" | "choices" | "answer" | "explanation">): string {
  const content = JSON.stringify([q.prompt, q.choices, q.answer, q.explanation]);
  return createHash("sha256").update(content, "utf8").digest("hex").slice(0, 16);
}

export function toQuestion(v: QuestionInput, file: string, line: number, sectionId: number | null): Question {
  return {
    id: v.id,
    topic: v.topic,
    tags: v.tags,
    difficulty: v.difficulty,
    prompt: v.prompt,
    choices: v.choices,
    answer: v.answer,
    explanation: v.explanation,
    ...(v.source ? { source: { note: v.source.note, heading: v.source.heading } } : {}),
    ...(v.related ? { related: v.related.map((r) => ({ id: r.id, reason: r.reason })) } : {}),
    ...(v.allow ? { allow: { ...v.allow } } : {}),
    file,
    line,
    hash: questionHash(v),
    sectionId,
  };
}

function displayPath(abs: string, rootDir: string): string {
  const rel = path.relative(rootDir, path.resolve(abs)).split(path.sep).join("/");
  return rel === "" ? "." : rel.startsWith("..") ? path.resolve(abs) : rel;
}

interface ParsedYaml {
  doc: Document.Parsed;
  lines: string[];
  lineAt(offset: number): number;
}

/** Reads and parses one YAML file; a file that cannot be read or parsed is reported and yields null. */
function parseYaml(abs: string, file: string, problems: QuestionProblem[]): ParsedYaml | null {
  let source: string;
  try {
    source = readFileSync(abs, "utf8");
  } catch (err) {
    problems.push({ file, line: 1, message: `cannot read the file (${(err as Error).message})` });
    return null;
  }
  return parseYamlText(source, file, problems);
}

/** Parses YAML text; syntax errors are reported (at the line the parser gives) and yield null. */
function parseYamlText(text: string, file: string, problems: QuestionProblem[]): ParsedYaml | null {
  const source = text.replace(/^\uFEFF/, "");
  const counter = new LineCounter();
  // failsafe: every scalar is text as written; numbers are converted by the schema where a number is expected.
  const doc = parseDocument(source, { lineCounter: counter, schema: "failsafe", prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => counter.linePos(offset).line;
  const lines = source.split(/\r?\n/);
  const errors = [...doc.errors, ...doc.warnings];
  if (errors.length === 0) return { doc, lines, lineAt };

  const reported = new Set<number>();
  for (const err of errors) {
    const line = lineAt(err.pos[0]);
    const what = err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    const hint =
      err.code === "DUPLICATE_KEY"
        ? ": each field may appear once per question"
        : ': check the indentation and quote values that contain ": " or start with #, [, {, *, & or !';
    problems.push({ file, line, message: `YAML syntax: ${what}${hint}` });
    reported.add(line);
  }
  // `heading: #28 EBS` makes the rest of the line a comment, which breaks flow mappings: point at those lines too.
  lines.forEach((text, i) => {
    if (/^\s*#/.test(text) || reported.has(i + 1)) return;
    const m = /(?:^|[\s{,])([A-Za-z_]+):\s+(#\S.*)$/.exec(text);
    if (!m) return;
    const value = m[2]!.replace(/[\s,}\]]+$/, "");
    problems.push({ file, line: i + 1, message: `${m[1]}: the value starts with "#", which YAML reads as a comment: put it in quotes, e.g. ${m[1]}: "${value}"` });
  });
  return null;
}

/** The line of the node at `path` below `node`: a field's key line, a list element's own line. */
function lineOfPath(node: Node, keyPath: Array<string | number>, lineAt: (offset: number) => number): number {
  let current: unknown = node;
  let line = lineAt(node.range?.[0] ?? 0);
  for (const seg of keyPath) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const key = pair.key as Node;
      if (key.range) line = lineAt(key.range[0]);
      current = pair.value;
    } else if (isSeq(current) && typeof seg === "number") {
      const el = current.items[seg] as Node | undefined;
      if (!el) break;
      if (el.range) line = lineAt(el.range[0]);
      current = el;
    } else break;
  }
  return line;
}

/**
 * `{ ko: …, en: EBS, EFS & instance store }` splits at the comma: "EFS & instance store" becomes a key with no
 * value. For an unknown, empty key inside `{ … }`, show how to quote the value it was cut from.
 */
function flowCommaHint(item: Node, keyPath: Array<string | number>): string {
  const parent = keyPath.length > 1 ? lineNode(item, keyPath.slice(0, -1)) : item;
  if (!isMap(parent) || !parent.flow) return "";
  const items = parent.items;
  const keyText = (i: number) => String((items[i]?.key as { value?: unknown } | null)?.value ?? "");
  const valueless = (i: number) => {
    const v = items[i]?.value;
    return v === null || v === undefined || (isScalar(v) && (v.value === "" || v.value === null));
  };
  const index = items.findIndex((_, i) => keyText(i) === String(keyPath[keyPath.length - 1]));
  if (index < 0 || !valueless(index)) return "";
  let start = index;
  while (start > 0 && valueless(start - 1)) start--;
  const owner = items[start - 1];
  if (!owner || !isScalar(owner.key) || !isScalar(owner.value)) return "";
  const name = String(owner.key.value);
  if (index !== start) return ` (part of ${name}'s value, cut at a comma: see the previous message)`;
  let end = index;
  while (end + 1 < items.length && valueless(end + 1)) end++;
  const joined = [String(owner.value.value), ...items.slice(start, end + 1).map((_, i) => keyText(start + i))].join(", ");
  return `. Inside { … } a comma ends a value: if this is the rest of ${name}, quote it: ${name}: "${joined}"`;
}

function lineNode(node: Node, keyPath: Array<string | number>): unknown {
  let current: unknown = node;
  for (const seg of keyPath) {
    if (isMap(current)) current = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
    else if (isSeq(current) && typeof seg === "number") current = current.items[seg];
    else return undefined;
  }
  return current;
}

/** When a field's value came out empty because `key: #…` made it a comment, say so. */
function commentHint(lines: string[], line: number, value: unknown): string {
  if (value !== "" && value !== undefined) return "";
  const m = /^\s*(?:-\s+)?([A-Za-z_]+):\s+(#.*?)\s*$/.exec(lines[line - 1] ?? "");
  return m ? ` (YAML reads "${m[2]}" as a comment: write ${m[1]}: "${m[2]}")` : "";
}

function valueAt(root: unknown, keyPath: Array<string | number>): unknown {
  let v = root;
  for (const seg of keyPath) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function readQuestionFile(abs: string, file: string, problems: QuestionProblem[], drafts: boolean): CheckedItem[] {
  return readQuestionItems(parseYaml(abs, file, problems), file, problems, { drafts });
}

/**
 * The questions of one YAML text (a file an organiser sends from chat), each checked on its own: the items, and
 * every problem at its line. `sourceOptional` accepts questions that name no note section.
 */
export function readYamlQuestions(text: string, file: string, problems: QuestionProblem[], opts: { sourceOptional?: boolean } = {}): CheckedItem[] {
  return readQuestionItems(parseYamlText(text, file, problems), file, problems, { drafts: false, sourceOptional: opts.sourceOptional });
}

function readQuestionItems(parsed: ParsedYaml | null, file: string, problems: QuestionProblem[], opts: { drafts: boolean; sourceOptional?: boolean }): CheckedItem[] {
  if (!parsed) return [];
  const { doc, lines, lineAt } = parsed;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === "" || root.value === null))) {
    problems.push({ file, line: 1, message: "the file has no questions: add a list of questions (each item starting with `- id:`), or delete the file" });
    return [];
  }
  if (!isSeq(root)) {
    const found = isMap(root) ? "a mapping" : "a single value";
    problems.push({ file, line: lineAt(root.range?.[0] ?? 0), message: `a question file must be a list of questions (each item starting with \`- id:\`), found ${found}` });
    return [];
  }

  const items: CheckedItem[] = [];
  root.items.forEach((node, index) => {
    const itemNode = node as Node | null;
    const line = lineAt(itemNode?.range?.[0] ?? root.range?.[0] ?? 0);
    if (!itemNode || !isMap(itemNode)) {
      const raw: unknown = itemNode ? itemNode.toJSON() : null;
      problems.push({ file, line, message: `item ${index + 1} must be a question (id, topic, tags, difficulty, prompt, choices, answer, explanation, source), found ${describeValue(raw)}` });
      return;
    }
    const raw: unknown = itemNode.toJSON();
    const check = checkQuestion(raw, opts);
    const lineOf = (p: Array<string | number>) => lineOfPath(itemNode, p, lineAt);
    for (const issue of check.issues) {
      const at = lineOf(issue.path);
      const hint = issue.unknownKey ? flowCommaHint(itemNode, issue.path) : commentHint(lines, at, valueAt(raw, issue.path));
      problems.push({ file, line: at, message: issue.message + hint });
    }
    items.push({ file, line, lineOf, partial: check.partial, value: check.value });
  });
  return items;
}

function readTopics(abs: string, file: string, problems: QuestionProblem[]): TopicsInfo | null {
  const parsed = parseYaml(abs, file, problems);
  if (!parsed) return null;
  const { doc, lines, lineAt } = parsed;
  const root = doc.contents;
  if (!isMap(root)) {
    const line = root ? lineAt(root.range?.[0] ?? 0) : 1;
    problems.push({ file, line, message: `${TOPICS_FILE} must map topic keys to names, e.g. lambda: { ko: Lambda, en: Lambda }, found ${root ? describeValue(root.toJSON()) : "nothing"}` });
    return null;
  }
  const info: TopicsInfo = { file, topics: new Map(), invalidKeys: new Set(), exams: new Map() };
  const report = (node: unknown, keyPath: Array<string | number>, fallbackLine: number, prefix: string, issue: { message: string; unknownKey?: boolean }, value: unknown) => {
    const at = node ? lineOfPath(node as Node, keyPath, lineAt) : fallbackLine;
    const hint = issue.unknownKey ? flowCommaHint(node as Node, keyPath) : commentHint(lines, at, valueAt(value, keyPath));
    problems.push({ file, line: at, message: `${prefix}${issue.message}${hint}` });
  };
  const jsonOf = (node: unknown): unknown => (node && typeof (node as { toJSON?: unknown }).toJSON === "function" ? (node as Node).toJSON() : undefined);

  // The exams first, wherever the block stands, so every topic's domains can be checked against them.
  let examsDeclared = false;
  let examsValid = true;
  for (const pair of root.items) {
    if (!isScalar(pair.key) || String(pair.key.value) !== EXAMS_KEY) continue;
    examsDeclared = true;
    const keyLine = lineAt((pair.key as Node).range?.[0] ?? 0);
    const value = jsonOf(pair.value);
    const e = examsSchema.safeParse(value);
    if (!e.success) {
      examsValid = false;
      for (const issue of toFieldIssues(e.error, examKnownFields)) report(pair.value, issue.path, keyLine, `${EXAMS_KEY}: `, issue, value);
      continue;
    }
    for (const [code, x] of Object.entries(e.data)) {
      const domains = new Map(Object.entries(x.domains).map(([key, d]) => [key, { key, ko: d.ko, en: d.en, weight: d.weight }]));
      info.exams.set(code, { code, name: { ko: x.name.ko, en: x.name.en }, domains });
    }
  }

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (key === EXAMS_KEY) continue;
    const keyLine = lineAt((pair.key as Node | null)?.range?.[0] ?? 0);
    const value = jsonOf(pair.value);
    let ok = true;
    const k = topicKeySchema.safeParse(key);
    if (!k.success) {
      ok = false;
      for (const issue of k.error.issues) problems.push({ file, line: keyLine, message: issue.message });
    }
    const v = topicSchema.safeParse(value);
    if (!v.success) {
      ok = false;
      for (const issue of toFieldIssues(v.error, () => TOPIC_FIELDS)) report(pair.value, issue.path, keyLine, `${key}: `, issue, value);
    } else if (examsValid) {
      (v.data.domains ?? []).forEach((ref, i) => {
        const message = domainRefProblem(ref, info.exams, examsDeclared);
        if (message) report(pair.value, ["domains", i], keyLine, `${key}: `, { message: `domains[${i}] ${message}` }, value);
      });
    }
    if (ok && v.success) info.topics.set(key, { key, ko: v.data.ko, en: v.data.en, domains: v.data.domains ?? [] });
    else info.invalidKeys.add(key);
  }
  return info;
}

/** Why a topic's `EXAM/domain` does not name a declared exam domain, or null when it does. */
function domainRefProblem(ref: DomainRef, exams: ReadonlyMap<string, Exam>, declared: boolean): string | null {
  const id = `${ref.exam}/${ref.domain}`;
  if (!declared) return `${id} names an exam, but ${TOPICS_FILE} has no ${EXAMS_KEY}: block: declare the exams and their domains (see questions/README.md)`;
  const exam = exams.get(ref.exam);
  if (!exam) {
    const codes = [...exams.keys()];
    const close = closest(ref.exam, codes, 1, 0.5)[0];
    return `${id}: ${ref.exam} is not an exam of the ${EXAMS_KEY}: block${close ? `: did you mean ${close}?` : ""} (exams: ${codes.join(", ")})`;
  }
  if (!exam.domains.has(ref.domain)) {
    const keys = [...exam.domains.keys()];
    const close = closest(ref.domain, keys, 1, 0.5)[0];
    return `${id}: ${ref.domain} is not a domain of ${ref.exam}${close ? `: did you mean ${ref.exam}/${close}?` : ""} (domains: ${keys.join(", ")})`;
  }
  return null;
}
