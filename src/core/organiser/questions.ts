// A group's own questions: read from a YAML or CSV file an organiser sends, checked by the bank's own validator
// (every problem with its file and line; drafts refused with their list; `source` optional, since a group cannot add
// notes from chat), stored per group, and used by the daily pick and practice beside the shipped bank. Rounds and
// reviews name them with the group's namespace (`g12:my-question`), which no shipped id (kebab-case) can be.
import { stringify as toYaml } from "yaml";
import type { Section } from "../notes/types.js";
import { checkQuestion, closest, DRAFT_REFUSED, type QuestionInput } from "../questions/schema.js";
import { questionHash, readYamlQuestions, toQuestion } from "../questions/load.js";
import type { Question, QuestionBank, QuestionProblem } from "../questions/types.js";
import { crossCheck, type CheckedItem } from "../questions/validate.js";
import type { GroupQuestionRow, NewGroupQuestion, OrganiserStore } from "../store/organiser.js";
import { CSV_MIME, CsvSyntaxError, readCsv, toCsv, type Cell } from "./csv.js";
import type { Library } from "../library.js";

/** Largest file accepted for an import: far more than a few hundred questions need. */
export const MAX_IMPORT_BYTES = 512 * 1024;

export type QuestionFormat = "yaml" | "csv";

/** The id rounds, practice and reviews use for a group's question. */
export function groupQuestionId(groupId: number, localId: string): string {
  return `g${groupId}:${localId}`;
}

/** The organiser's own id of a namespaced group question id, or null for a shipped question's id. */
export function parseGroupQuestionId(id: string): { groupId: number; localId: string } | null {
  const m = /^g(\d+):(.+)$/.exec(id);
  return m ? { groupId: Number(m[1]), localId: m[2]! } : null;
}

/** A stored group question as the rest of the core asks questions. */
export function groupQuestion(row: GroupQuestionRow): Question {
  return { ...toQuestion(row.content, row.file, row.line, null), id: groupQuestionId(row.groupId, row.questionId), hash: row.hash };
}

/** The shipped bank with the group's own questions beside it. */
export function withGroupQuestions(bank: QuestionBank, rows: readonly GroupQuestionRow[]): QuestionBank {
  if (rows.length === 0) return bank;
  const own = rows.map(groupQuestion);
  const questions = [...bank.questions, ...own];
  return { ...bank, questions, byId: new Map([...bank.byId, ...own.map((q) => [q.id, q] as const)]) };
}

/** The question bank a group sees: the library's shipped bank and the group's own questions, read afresh. */
export class QuestionCatalog {
  constructor(
    private readonly library: Library,
    private readonly store: Pick<OrganiserStore, "groupQuestions">,
  ) {}

  async bankFor(groupId: number): Promise<QuestionBank> {
    return withGroupQuestions(this.library.current.bank, await this.store.groupQuestions(groupId));
  }
}

// ------------------------------------------------------------------------------------------ the CSV format

/**
 * The CSV columns: the YAML fields, with each choice in its own column named as the validator names it
 * (`choices[0]` …) and the source's two parts in `source.note` and `source.heading`; tags comma-separated.
 * `related` and `allow` are YAML only.
 */
export const CSV_COLUMNS = ["id", "topic", "tags", "difficulty", "prompt", "choices[0]", "choices[1]", "choices[2]", "choices[3]", "choices[4]", "choices[5]", "answer", "explanation", "source.note", "source.heading"] as const;

/** A question as one CSV row, in CSV_COLUMNS order (an export that imports back as it was). */
export function csvRow(q: QuestionInput): Cell[] {
  const choices = Array.from({ length: 6 }, (_, i) => q.choices[i] ?? "");
  return [q.id, q.topic, q.tags.join(", "), q.difficulty, q.prompt, ...choices, q.answer, q.explanation, q.source?.note ?? "", q.source?.heading ?? ""];
}

export function questionsCsv(questions: readonly QuestionInput[]): Uint8Array {
  return toCsv(CSV_COLUMNS, questions.map(csvRow));
}

export function questionsYaml(questions: readonly QuestionInput[]): string {
  return toYaml(questions, { lineWidth: 0 });
}

/** One CSV record as the raw mapping the validator checks (every value text, as the YAML loader reads them). */
function csvItem(header: readonly string[], cells: readonly string[]): { raw: Record<string, unknown>; extra: string[] } {
  const raw: Record<string, unknown> = {};
  const choices: string[] = [];
  const source: Record<string, string> = {};
  const extra: string[] = [];
  header.forEach((column, i) => {
    const value = (cells[i] ?? "").trim();
    const choice = /^choices\[(\d)\]$/.exec(column);
    if (choice) {
      if (value !== "") choices[Number(choice[1])] = value;
    } else if (column === "source.note" || column === "source.heading") {
      if (value !== "") source[column.slice("source.".length)] = value;
    } else if (column === "tags") {
      raw.tags = value === "" ? [] : value.split(/\s*,\s*/).filter(Boolean);
    } else if (column === "draft") {
      if (value !== "") raw.draft = value;
    } else if (value !== "") raw[column] = value;
  });
  if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== "")) extra.push(`${cells.length - header.length}`);
  // Choices are the filled choice columns in order; a gap (choices[1] empty but choices[2] set) keeps its place so
  // the validator names the empty one.
  raw.tags ??= [];
  if (choices.length) raw.choices = Array.from(choices, (c) => c ?? "");
  if (Object.keys(source).length) raw.source = source;
  return { raw, extra };
}

const KNOWN_CSV_COLUMNS = new Set<string>([...CSV_COLUMNS, "draft"]);

function readCsvQuestions(text: string, file: string, problems: QuestionProblem[]): CheckedItem[] {
  let records;
  try {
    records = readCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    problems.push({ file, line: err.line, message: `CSV syntax: ${err.message}: quote a cell that contains a comma, a quote or a line break ("…", with quotes inside doubled "")` });
    return [];
  }
  const [head, ...rows] = records;
  if (!head || rows.length === 0) {
    problems.push({ file, line: 1, message: `the file has no questions: start with the header row ${CSV_COLUMNS.join(",")} and put one question on each row below it (\`/studybot questions template csv\` gives an example)` });
    return [];
  }
  const header = head.cells.map((c) => c.trim());
  for (const column of header) {
    if (KNOWN_CSV_COLUMNS.has(column)) continue;
    const close = closest(column, CSV_COLUMNS, 1)[0];
    problems.push({ file, line: head.line, message: `unknown column "${column}"${close ? `: did you mean "${close}"?` : ""} (columns: ${CSV_COLUMNS.join(", ")})` });
  }
  const missing = ["id", "topic", "prompt", "choices[0]", "answer", "explanation"].filter((c) => !header.includes(c));
  if (missing.length) {
    const names = missing.map((c) => `"${c}"`).join(", ");
    problems.push({ file, line: head.line, message: `the header has no ${names} column${missing.length > 1 ? "s" : ""}: the columns are ${CSV_COLUMNS.join(", ")}` });
  }
  if (problems.length) return [];
  const items: CheckedItem[] = [];
  for (const row of rows) {
    const { raw, extra } = csvItem(header, row.cells);
    if (extra.length) problems.push({ file, line: row.line, message: `the row has ${extra[0]} more cells than the header has columns: quote a cell that contains a comma` });
    const check = checkQuestion(raw, { sourceOptional: true });
    for (const issue of check.issues) problems.push({ file, line: row.line, message: `${issue.message}` });
    items.push({ file, line: row.line, lineOf: () => row.line, partial: check.partial, value: check.value });
  }
  return items;
}

/** "csv" for a .csv name or text that starts with the CSV header; YAML otherwise. */
export function formatOf(name: string, text: string): QuestionFormat {
  if (/\.csv$/i.test(name)) return "csv";
  if (/\.ya?ml$/i.test(name)) return "yaml";
  return /^\uFEFF?\s*id\s*,/.test(text) ? "csv" : "yaml";
}

export interface ImportCheck {
  /** the questions to store, when there is no problem */
  questions: NewGroupQuestion[];
  problems: QuestionProblem[];
  /** the ids of the questions refused as drafts (draft: true) */
  drafts: string[];
  format: QuestionFormat;
}

/**
 * Checks a file of questions as the bank's validator does, against the bank's topics and the notes' sections (a
 * `source`, when given, must name a real section). Nothing is stored by this.
 */
export function checkImport(name: string, data: Uint8Array, bank: QuestionBank, sections: readonly Section[]): ImportCheck {
  const file = name.split(/[\\/]/).at(-1) || "questions";
  const problems: QuestionProblem[] = [];
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    problems.push({ file, line: 1, message: "the file is not UTF-8 text: save it as UTF-8 (in Excel: CSV UTF-8) and send it again" });
    return { questions: [], problems, drafts: [], format: formatOf(file, "") };
  }
  const format = formatOf(file, text);
  const items = format === "csv" ? readCsvQuestions(text, file, problems) : readYamlQuestions(text, file, problems, { sourceOptional: true });
  const cross = crossCheck(items, { file: "topics", topics: bank.topics, invalidKeys: new Set(), exams: bank.exams ?? new Map(), fixed: true }, sections);
  problems.push(...cross.problems);
  problems.sort((a, b) => a.line - b.line);
  const drafts = items.filter((i) => problems.some((p) => p.message === DRAFT_REFUSED && p.line === i.lineOf(["draft"]))).map((i) => i.partial.id ?? `line ${i.line}`);
  if (problems.length) return { questions: [], problems, drafts, format };
  const questions = items.map((i) => ({ questionId: i.value!.id, content: i.value!, hash: questionHash(i.value!), file, line: i.line }));
  if (questions.length === 0) problems.push({ file, line: 1, message: "the file has no questions: add a list of questions (each item starting with `- id:`)" });
  return { questions, problems, drafts, format };
}

/** An example file an organiser can fill in: two questions, one naming its note section and one without. */
export function templateQuestions(bank: QuestionBank, sections: readonly Section[]): QuestionInput[] {
  // The example asks about Lambda: its topic and a note section about Lambda when the bank and notes have them.
  const topic = bank.topics.has("lambda") ? "lambda" : ([...bank.topics.keys()][0] ?? "lambda");
  const section = sections.find((s) => /lambda/i.test(s.heading)) ?? sections.find((s) => s.heading.trim() !== "");
  const note = section?.file.split("/").at(-1);
  return [
    {
      id: "our-first-question",
      topic,
      tags: [],
      difficulty: 1,
      prompt: "Lambda 함수에 설정할 수 있는 최대 실행 시간(Timeout)은?",
      choices: ["3초", "5분", "15분", "1시간"],
      answer: 2,
      explanation: "기본값은 3초이고 최대 15분(900초)까지 늘릴 수 있다.",
      ...(section && note ? { source: { note, heading: section.heading } } : {}),
    },
    {
      id: "our-second-question",
      topic,
      tags: [],
      difficulty: 2,
      prompt: "우리 스터디에서 정한 규칙: 문제 보기는 몇 개까지 쓸 수 있을까?",
      choices: ["2개", "6개", "10개"],
      answer: 1,
      explanation: "보기는 2개에서 6개까지 쓸 수 있다. source는 적지 않아도 된다.",
    },
  ];
}

/** The template in one format, as a file. */
export function templateFile(format: QuestionFormat, bank: QuestionBank, sections: readonly Section[]): { name: string; mime: string; data: Uint8Array } {
  const questions = templateQuestions(bank, sections);
  if (format === "csv") return { name: "questions-template.csv", mime: CSV_MIME, data: questionsCsv(questions) };
  const comment = `# studybot: your group's own questions. Fields as in the shipped bank; source is optional.\n# Send this file back with /studybot questions import.\n`;
  return { name: "questions-template.yaml", mime: "application/yaml", data: new TextEncoder().encode(comment + questionsYaml(questions)) };
}
