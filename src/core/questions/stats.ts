// Counts of the bank per note, topic, difficulty, tag and exam domain, and the review's warnings and exceptions
// per check, as data (for --json) and as aligned text tables.
import type { ReviewCheck } from "./review.js";
import { DIFFICULTY_NAMES } from "./schema.js";
import type { Exam, Question, Topic } from "./types.js";

export interface CountRow {
  key: string;
  count: number;
}

export interface TopicCountRow extends CountRow {
  ko: string;
  en: string;
}

export interface BankStats {
  questions: number;
  files: number;
  /** per cited note (source.note), most first; notes given in `notes` with no question are listed with 0 */
  byNote: CountRow[];
  /** every topic of topics.yaml (0 when unused), most first, then in topics.yaml order; unknown keys last */
  byTopic: TopicCountRow[];
  byDifficulty: Array<{ difficulty: 1 | 2 | 3; name: string; count: number }>;
  /** per tag, most first; questions without tags count under "(none)" */
  byTag: CountRow[];
  /** per exam domain, in topics.yaml order: the questions whose topic names that domain (a question may count in several) */
  byDomain: DomainCountRow[];
  /** topics that name no exam domain (not part of exam readiness) */
  topicsWithoutDomain: string[];
  /** the review's findings per check: warnings (no recorded reason) and exceptions (accepted with a reason) */
  review?: ReviewCountRow[];
}

export interface DomainCountRow {
  /** `SAA-C03/secure` */
  key: string;
  ko: string;
  en: string;
  /** the domain's share of its exam, in percent */
  weight: number;
  count: number;
}

export interface ReviewCountRow {
  check: ReviewCheck;
  warnings: number;
  exceptions: number;
}

export const NO_TAG = "(none)";

export interface StatsOptions {
  /** number of question files (default: the files the questions come from) */
  files?: number;
  /** every note's name, so notes without questions show as 0 */
  notes?: readonly string[];
  /** the note a question counts under (default: source.note as written); e.g. the resolved section's note */
  noteOf?: (q: Question) => string;
  /** topics.yaml's exams, for the per-domain counts */
  exams?: ReadonlyMap<string, Exam>;
  /** the review's counts per check (see countFindings) */
  review?: ReviewCountRow[];
}

export function computeStats(questions: readonly Question[], topics: ReadonlyMap<string, Topic>, opts: StatsOptions = {}): BankStats {
  const count = (keys: Iterable<string>, seed: readonly string[] = []) => {
    const m = new Map<string, number>(seed.map((k) => [k, 0]));
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const byCountThenOrder = <T extends { count: number }>(rows: T[]) =>
    rows
      .map((r, i) => ({ r, i }))
      .sort((a, b) => b.r.count - a.r.count || a.i - b.i)
      .map((x) => x.r);

  const noteOf = opts.noteOf ?? ((q: Question) => q.source?.note ?? "");
  const notes = count(
    questions.map(noteOf),
    opts.notes ?? [],
  );
  const topicCounts = count(
    questions.map((q) => q.topic),
    [...topics.keys()],
  );
  const tagCounts = count(questions.flatMap((q) => (q.tags.length ? q.tags : [NO_TAG])));

  return {
    questions: questions.length,
    files: opts.files ?? new Set(questions.map((q) => q.file)).size,
    byNote: byCountThenOrder([...notes].map(([key, n]) => ({ key, count: n }))),
    byTopic: byCountThenOrder(
      [...topicCounts].map(([key, n]) => {
        const t = topics.get(key);
        return { key, ko: t?.ko ?? "?", en: t?.en ?? "?", count: n };
      }),
    ),
    byDifficulty: ([1, 2, 3] as const).map((d) => ({ difficulty: d, name: DIFFICULTY_NAMES[d], count: questions.filter((q) => q.difficulty === d).length })),
    byTag: byCountThenOrder([...tagCounts].map(([key, n]) => ({ key, count: n }))),
    byDomain: [...(opts.exams?.values() ?? [])].flatMap((exam) =>
      [...exam.domains.values()].map((d) => {
        const key = `${exam.code}/${d.key}`;
        const inDomain = new Set([...topics.values()].filter((t) => t.domains?.some((r) => r.exam === exam.code && r.domain === d.key)).map((t) => t.key));
        return { key, ko: d.ko, en: d.en, weight: d.weight, count: questions.filter((q) => inDomain.has(q.topic)).length };
      }),
    ),
    topicsWithoutDomain: [...topics.values()].filter((t) => !t.domains?.length).map((t) => t.key),
    ...(opts.review ? { review: opts.review } : {}),
  };
}

/** Terminal columns a string takes: Hangul, CJK and full-width forms take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x300 && c <= 0x36f) || c === 0x200b) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0x303e) ||
      (c >= 0x3041 && c <= 0x33ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xa960 && c <= 0xa97f) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Columns aligned by display width; numeric columns (align "right") are right-aligned. */
export function formatTable(header: string[], rows: string[][], align: Array<"left" | "right"> = []): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => displayWidth(r[c] ?? ""))));
  const pad = (s: string, c: number) => {
    const fill = " ".repeat(widths[c]! - displayWidth(s));
    return align[c] === "right" ? fill + s : s + fill;
  };
  return all.map((r) => r.map((cell, c) => pad(cell, c)).join("  ").trimEnd()).join("\n");
}

function share(n: number, total: number): string {
  return total === 0 ? "-" : `${((100 * n) / total).toFixed(1)}%`;
}

export function formatStats(stats: BankStats): string {
  const total = stats.questions;
  const R = "right" as const;
  const L = "left" as const;
  const sections = [
    `${total} questions in ${stats.files} files`,
    formatTable(
      ["note", "questions", "share"],
      stats.byNote.map((r) => [r.key, String(r.count), share(r.count, total)]),
      [L, R, R],
    ),
    formatTable(
      ["topic", "name", "questions", "share"],
      stats.byTopic.map((r) => [r.key, r.ko, String(r.count), share(r.count, total)]),
      [L, L, R, R],
    ),
    formatTable(
      ["difficulty", "questions", "share"],
      stats.byDifficulty.map((r) => [`${r.difficulty} ${r.name}`, String(r.count), share(r.count, total)]),
      [L, R, R],
    ),
    formatTable(
      ["tag", "questions", "share"],
      stats.byTag.map((r) => [r.key, String(r.count), share(r.count, total)]),
      [L, R, R],
    ),
  ];
  if (stats.byDomain.length > 0) {
    const table = formatTable(
      ["exam domain", "name", "weight", "questions", "share"],
      stats.byDomain.map((r) => [r.key, r.ko, `${r.weight}%`, String(r.count), share(r.count, total)]),
      [L, L, R, R, R],
    );
    const unmapped = stats.topicsWithoutDomain.length ? `\ntopics in no exam domain: ${stats.topicsWithoutDomain.join(", ")}` : "";
    sections.push(table + unmapped);
  }
  if (stats.review) {
    const sum = (k: "warnings" | "exceptions") => stats.review!.reduce((n, r) => n + r[k], 0);
    sections.push(
      formatTable(
        ["check", "warnings", "exceptions"],
        [...stats.review.map((r) => [r.check, String(r.warnings), String(r.exceptions)]), ["total", String(sum("warnings")), String(sum("exceptions"))]],
        [L, R, R],
      ),
    );
  }
  return sections.join("\n\n") + "\n";
}
