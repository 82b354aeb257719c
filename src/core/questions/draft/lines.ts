// A note section as a tree of lines: each body line with its line number in the file, its bullet depth, its
// parent bullet and its children, and whether it sits inside code. Drafting reads statements and lists from it.
import type { Section } from "../../notes/types.js";

export interface NoteLine {
  section: Section;
  /** 1-based line in the note file */
  line: number;
  /** indentation in columns (tabs count 4); bullets nest by it */
  indent: number;
  /** a list item (`-`, `*`, `+`, `•`, `1.`, `1)`) */
  bullet: boolean;
  /** a numbered item (`1.`, `1)`): the list is a sequence */
  ordered: boolean;
  /** the text with the bullet and emphasis markup removed */
  text: string;
  /** the line as written */
  raw: string;
  /** inside fenced or indented code, or a table row */
  code: boolean;
  /** the nearest line above with a smaller indentation (a bullet's parent bullet), if any */
  parent: NoteLine | null;
  children: NoteLine[];
}

const BULLET = /^(\s*)([-*+•▪◦·]|\d{1,2}[.)])\s+(.*)$/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Body lines of a section, numbered as in the file. `fileLines` is the note as read; the body is found below the
 * heading line (the parser trims blank lines around it).
 */
export function sectionLines(section: Section, fileLines: readonly string[]): NoteLine[] {
  const body = section.text === "" ? [] : section.text.split("\n");
  if (body.length === 0) return [];
  // From the heading's line (0-based: section.line - 1): an introduction's body starts on it, as it has no heading.
  let start = Math.max(0, section.line - 1);
  while (start < fileLines.length && fileLines[start]!.replace(/\s+$/, "") !== body[0]) start++;
  if (start >= fileLines.length) return [];

  const out: NoteLine[] = [];
  const stack: NoteLine[] = [];
  let fenced = false;
  body.forEach((raw, i) => {
    const line = start + i + 1;
    if (FENCE.test(raw)) {
      fenced = !fenced;
      return;
    }
    if (raw.trim() === "") return;
    const expanded = raw.replace(/\t/g, "    ");
    const m = BULLET.exec(expanded);
    const indent = m ? m[1]!.length : expanded.length - expanded.trimStart().length;
    const indentedCode = !m && indent >= 4 && !section.file.endsWith(".txt") && !stack.some((s) => s.bullet);
    const table = /^\s*\|.*\|\s*$/.test(raw);
    const content = m ? m[3]! : expanded.trim();
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const node: NoteLine = {
      section,
      line,
      indent,
      bullet: !!m,
      ordered: !!m && /\d/.test(m[2]!),
      text: cleanInline(content),
      raw,
      code: fenced || indentedCode || table,
      parent,
      children: [],
    };
    parent?.children.push(node);
    out.push(node);
    stack.push(node);
  });
  return out;
}

/** Emphasis, links, images, inline code and quote markers removed; curly quotes kept as written. */
export function cleanInline(text: string): string {
  return text
    .replace(/^>\s?/, "")
    .replace(/^\[[ xX]\]\s+/, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[\s(])\*(\S[^*]*?)\*(?=$|[\s).,:;])/g, "$1$2")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** The heading as members read it: lecture and section numbers removed (`#28 EBS Volume Type` → `EBS Volume Type`). */
export function headingName(heading: string): string {
  return heading
    .replace(/^#\d+\s*/, "")
    .replace(/^\d{1,3}(?:\.\d{1,3})*\.?\s+/, "")
    .replace(/\(\s*\d+\s*강\s*\)\s*$/, "")
    .trim();
}

/** The breadcrumb shown in a prompt: the section's headings below the note title, numbers removed. */
export function breadcrumb(section: Section, depth = 2): string {
  // A heading that carries a remark ("S3 Storage Classes : One Zone IA를 제외한 …") is named by its title part.
  const short = (h: string) => (h.length > 30 && /\s[:：]\s/.test(h) ? h.split(/\s[:：]\s/)[0]!.trim() : h);
  const parts = section.path.slice(section.path.length > 1 ? 1 : 0).map((h) => short(headingName(h))).filter((p) => p !== "");
  return parts.slice(-depth).join(" › ");
}
