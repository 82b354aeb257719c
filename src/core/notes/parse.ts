// Turns one note file into sections. The notes are user data written in three styles, and the parser adapts to
// them: Markdown (parsed by markdown-it, so `#` inside fenced code is never a heading), numbered lecture lines
// written without a space after `#` (`#65 SQS - Standard Queue`, which Markdown reads as a paragraph), and plain
// text with numbered headings (`2.1. API Call Limit (Quota)`, `11.1 Table, Primary Key, Item`) and `•` bullets.
import MarkdownIt from "markdown-it";
import type { Section } from "./types.js";

interface RawHeading {
  /** 0-based line index */
  index: number;
  level: number;
  heading: string;
  raw: string;
  /** a `#65 …` lecture line rather than a Markdown heading */
  lecture: boolean;
  /** the text before the first heading, headed by the note's title */
  intro?: boolean;
  /** the first line of the body, when not the line after the heading (an introduction has no heading line) */
  bodyStart?: number;
}

const md = new MarkdownIt("commonmark");

/** `#65 SQS - Standard Queue`, `#12` (a lecture number with no title yet). */
const LECTURE_HEADING = /^#(\d+)(?:\s+(.*?))?\s*$/;
/** `2.1. API Call Limit (Quota)`, `11.1 Table, Primary Key, Item`, `5. Elastic Beanstalk` — at column 0. A number
 * with no dot at all (`443 포트`, `200 OK`) starts a line of the body, and so does one of four parts or more, an
 * address (`255.255.255.0 = /24`, `10.0.0.0 ~ 10.255.255.255`). */
const NUMBERED_HEADING = /^(\d{1,3}(?:\.\d{1,3}){1,2}\.?|\d{1,3}\.)\s+(\S.*?)\s*$/;
/** A decimal starts a line of the body (`0.05 이하면 기각`, `1.05배`): no section is numbered 0.x or with a leading zero. */
const DECIMAL = /^0\.\d|\.0\d/;
/** What a heading's title does not start with: a bullet, or a sign that makes the line a formula or a range (a path
 * such as /etc/shadow may be one). */
const NOT_A_TITLE = /^[•\-*=~→|]/;

export function isPlainTextNote(file: string): boolean {
  return /\.txt$/i.test(file);
}

/** Parses one note. `file` is the path shown to users (e.g. "notes/dva-theory.txt"). */
export function parseNote(file: string, content: string, firstId = 0): Section[] {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  const { title, titleLine, headings } = isPlainTextNote(file) ? plainTextHeadings(lines) : markdownHeadings(lines);
  const name = title ?? titleFromFileName(file);
  // What is written before the first heading (a note with no heading at all, an introduction) is a section too,
  // under the note's title: otherwise no search could find it.
  const firstHeading = headings[0]?.index ?? lines.length;
  const introFrom = titleLine === null ? 0 : titleLine + 1;
  const intro = headings[0]?.level === 1 && headings[0].heading === title && !headings[0].lecture ? [] : lines.slice(introFrom, firstHeading);
  if (intro.some((l) => l.trim() !== "")) {
    const at = titleLine ?? introFrom + intro.findIndex((l) => l.trim() !== "");
    headings.unshift({ index: at, level: 1, heading: name, raw: name, lecture: false, intro: true, bodyStart: titleLine === null ? at : at + 1 });
  }
  return buildSections(file, lines, name, headings, firstId);
}

function titleFromFileName(file: string): string {
  const base = file.split("/").pop() ?? file;
  return base.replace(/\.[^.]+$/, "");
}

interface Outline {
  title: string | null;
  /** the line the title is written on, when it is a line of the text and no heading */
  titleLine: number | null;
  headings: RawHeading[];
}

function markdownHeadings(lines: string[]): Outline {
  const tokens = md.parse(lines.join("\n"), {});
  const headings: RawHeading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.type === "heading_open" && tok.map) {
      const inline = tokens[i + 1];
      const level = Number(tok.tag.slice(1));
      const raw = (lines[tok.map[0]] ?? "").replace(/^\s*#{1,6}\s+/, "").replace(/\s+#+\s*$/, "").trim();
      headings.push({ index: tok.map[0], level, heading: inlineText(inline), raw, lecture: false });
    } else if (tok.type === "paragraph_open" && tok.map) {
      // Lecture-number lines are paragraphs to Markdown; every line of the paragraph may be one.
      for (let li = tok.map[0]; li < tok.map[1]; li++) {
        const m = LECTURE_HEADING.exec(lines[li] ?? "");
        if (m) {
          const rest = m[2] ?? "";
          const raw = `#${m[1]}${rest ? " " + rest : ""}`;
          headings.push({ index: li, level: 1, heading: `#${m[1]}${rest ? " " + stripInlineMarkup(rest) : ""}`, raw, lecture: true });
        }
      }
    }
  }
  headings.sort((a, b) => a.index - b.index);

  // A file whose first heading is its only level-1 Markdown heading (and comes first) has a document title:
  // it heads the breadcrumb, and lecture lines under it sit one level below.
  const markdownH1 = headings.filter((h) => h.level === 1 && !h.lecture);
  const first = headings[0];
  const firstContentLine = lines.findIndex((l) => l.trim() !== "");
  let title: string | null = null;
  if (first && first.level === 1 && markdownH1.length === 1 && markdownH1[0] === first && first.index <= firstContentLine + 1) {
    title = first.heading;
    for (const h of headings) if (h.lecture) h.level = 2;
  }
  return { title, titleLine: null, headings };
}

/**
 * Plain text is read as lecture memos when it has `#N` lecture lines (their numbered lines are then lists of the
 * lecture), else as a numbered outline. The first line before any heading is the note's title.
 */
function plainTextHeadings(lines: string[]): Outline {
  const lectures = lines.some((line) => LECTURE_HEADING.test(line));
  const headings: RawHeading[] = [];
  let title: string | null = null;
  let titleLine: number | null = null;
  lines.forEach((line, index) => {
    const heading = lectures ? lectureHeading(line, index) : numberedHeading(line, index);
    if (heading) headings.push(heading);
    else if (title === null && headings.length === 0 && line.trim() !== "") {
      title = line.trim();
      titleLine = index;
    }
  });
  return { title, titleLine, headings };
}

function lectureHeading(line: string, index: number): RawHeading | null {
  const m = LECTURE_HEADING.exec(line);
  if (!m) return null;
  const raw = line.trim();
  return { index, level: 1, heading: m[2] ? `#${m[1]} ${stripInlineMarkup(m[2])}` : `#${m[1]}`, raw, lecture: true };
}

function numberedHeading(line: string, index: number): RawHeading | null {
  const m = NUMBERED_HEADING.exec(line);
  if (!m || NOT_A_TITLE.test(m[2]!) || DECIMAL.test(m[1]!)) return null;
  const level = m[1]!.replace(/\.$/, "").split(".").length;
  const raw = line.trim();
  return { index, level, heading: raw, raw, lecture: false };
}

function buildSections(file: string, lines: string[], title: string, headings: RawHeading[], firstId: number): Section[] {
  const sections: Section[] = [];
  const stack: RawHeading[] = [];
  headings.forEach((h, i) => {
    const end = i + 1 < headings.length ? headings[i + 1]!.index : lines.length;
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    const ancestors = stack.map((a) => a.heading).filter((a) => a !== title);
    stack.push(h);
    const isTitle = h.intro === true || (h.heading === title && ancestors.length === 0 && h.level === 1);
    sections.push({
      id: firstId + sections.length,
      file,
      line: h.index + 1,
      level: h.level,
      heading: h.heading,
      raw: h.raw,
      path: isTitle ? [title] : [title, ...ancestors, h.heading],
      text: bodyText(lines.slice(h.bodyStart ?? h.index + 1, end)),
    });
  });
  return sections;
}

/** The section body as written (Markdown stays readable in chat), without surrounding blank lines. */
function bodyText(body: string[]): string {
  const trimmed = body.map((l) => l.replace(/\s+$/, ""));
  // Setext underline of the heading itself belongs to the heading, not the body.
  if (trimmed.length && /^(=+|-+)$/.test(trimmed[0]!.trim())) trimmed.shift();
  while (trimmed.length && trimmed[0]!.trim() === "") trimmed.shift();
  while (trimmed.length && trimmed[trimmed.length - 1]!.trim() === "") trimmed.pop();
  return trimmed.join("\n");
}

type Token = ReturnType<typeof md.parse>[number];

function inlineText(inline: Token | undefined): string {
  if (!inline) return "";
  if (!inline.children) return inline.content.trim();
  let out = "";
  for (const child of inline.children) {
    // Inline HTML in a heading is almost always a type's parameters (Box<T>, Vec<u8>): it is kept as written.
    if (child.type === "text" || child.type === "code_inline" || child.type === "html_inline") out += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") out += " ";
    else if (child.type === "image") out += child.content;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** `**NAT** + [docs](url)` → `NAT + docs`, for heading lines Markdown did not parse as headings. */
export function stripInlineMarkup(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(\S(?:.*?\S)?)\1/g, "$2")
    // As in Markdown, emphasis closes only after a letter, not a space (*const T, *mut T stays), and _ never inside
    // a word (max_idle_time stays).
    .replace(/\*(\S(?:.*?\S)?)\*/g, "$1")
    .replace(/(^|[^\p{L}\p{N}])_(\S(?:.*?\S)?)_(?![\p{L}\p{N}])/gu, "$1$2")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
