// CSV as a spreadsheet opens it safely: UTF-8 with a byte-order mark (so Excel reads Korean names as Korean), a
// header row, RFC 4180 quoting and CRLF line ends, and a cell that starts with =, +, - or @ (or a tab or carriage
// return) prefixed with ' so it is never run as a formula. csv-stringify does the writing, csv-parse the reading.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

export const CSV_MIME = "text/csv";

export type Cell = string | number | boolean | null | undefined;

/** The header and the rows as CSV bytes. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): Uint8Array {
  const text = stringify([header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : typeof c === "boolean" ? (c ? "true" : "false") : c)))], {
    bom: true,
    record_delimiter: "windows",
    escape_formulas: true,
  });
  return new TextEncoder().encode(text);
}

/** A formula escape undone: what the exporter prefixed with ' reads back as written. */
export function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export interface CsvRecord {
  /** the line the record starts on (1-based) */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/**
 * The cell separator: a comma, or the semicolon or tab a spreadsheet writes in some locales (or a copy from a sheet),
 * when the header row has that and no comma.
 */
export function csvDelimiter(text: string): string {
  const header = /^\uFEFF?[^\r\n]*/.exec(text.replace(/^(\uFEFF?)(\s*\r?\n)+/, "$1"))![0];
  if (header.includes(",")) return ",";
  return header.includes("\t") ? "\t" : header.includes(";") ? ";" : ",";
}

/** The line the record after the first `records` records starts on (blank lines skipped). */
function lineAfter(text: string, delimiter: string, records: number): number {
  let next = 0; // 0-based index of the line after the last whole record
  if (records > 0) {
    const done = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, delimiter, to: records }) as unknown as Array<{ info: { lines: number } }>;
    next = done.at(-1)?.info.lines ?? 0;
  }
  const lines = text.split("\n");
  while (next < lines.length - 1 && lines[next]!.trim() === "") next++;
  return next + 1;
}

/** The records of a CSV text (the first is the header), each with the line it starts on; blank lines are skipped. */
export function readCsv(text: string): CsvRecord[] {
  let parsed: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  const delimiter = csvDelimiter(text);
  try {
    parsed = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, delimiter }) as unknown as typeof parsed;
  } catch (err) {
    // the line the failing record starts on (an unclosed quote is noticed only at the end of the file)
    const e = err as Error & { lines?: number; records?: number };
    throw new CsvSyntaxError(e.records !== undefined ? lineAfter(text, delimiter, e.records) : (e.lines ?? 1), e.message.replace(/ at line \d+/, ""));
  }
  const out: CsvRecord[] = [];
  let end = 0;
  let empty = 0;
  for (const { record, info } of parsed) {
    out.push({ line: end + 1 + (info.empty_lines - empty), cells: record.map(unescapeFormula) });
    end = info.lines;
    empty = info.empty_lines;
  }
  return out;
}
