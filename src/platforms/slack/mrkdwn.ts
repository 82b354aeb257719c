// Text for Slack: escaping, the notes' Markdown turned into Slack mrkdwn, and trimming or splitting at line
// boundaries so every text object stays within Block Kit's limits after escaping (escaping lengthens text, so
// limits are applied to what is actually sent).

/** Escapes the three characters Slack treats as control sequences in mrkdwn and plain text. */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Plain text for a `plain_text` object: no escaping needed, only a length cap (with an ellipsis when cut). */
export function plain(s: string, max: number): string {
  const oneLine = s.replace(/\s+/g, " ").trim();
  if (oneLine.length <= max) return oneLine;
  return oneLine.slice(0, Math.max(0, max - 1)).trimEnd() + "…";
}

/** One line of escaped mrkdwn capped at `max` characters (an ellipsis when cut, never a broken entity). */
export function inline(s: string, max: number): string {
  const escaped = escapeText(s.replace(/\s+/g, " ").trim());
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, Math.max(0, max - 1));
  const amp = cut.lastIndexOf("&");
  if (amp >= 0 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  return cut.trimEnd() + "…";
}

const FENCE = /^\s*(```|~~~)/;

const ZWSP = "\u200b";

/**
 * Wraps `inner` in a mrkdwn emphasis marker. Slack only honours a marker next to a space or punctuation, so
 * where the text runs on (Korean particles: "**15분**까지") a zero-width space keeps the formatting working.
 */
function emphasis(marker: string) {
  return (match: string, inner: string, offset: number, whole: string): string => {
    const before = whole[offset - 1];
    const after = whole[offset + match.length];
    const pad = (c: string | undefined, ok: RegExp) => (c !== undefined && !ok.test(c) ? ZWSP : "");
    return `${pad(before, /[\s(["'“‘]/)}${marker}${inner}${marker}${pad(after, /[\s)\].,!?:;"'”’]/)}`;
  };
}

/** Converts one non-code line of note Markdown (already escaped) to mrkdwn. */
function convertLine(line: string): string {
  // A Markdown block quote survives escaping as "&gt; ": Slack wants a literal ">" at the start of the line.
  let out = line.replace(/^(\s*)&gt;(\s?)/, "$1>$2");
  out = out.replace(/^(\s*)[-*+]\s+(?=\S)/, "$1• ");
  // Inline code spans stay verbatim; formatting is converted only outside them.
  const parts = out.split(/(`[^`]*`)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, text: string, url: string) => `<${url.replace(/&amp;/g, "&")}|${text}>`)
        .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, emphasis("\u0001"))
        .replace(/__(?=\S)(.+?)(?<=\S)__/g, emphasis("\u0001"))
        .replace(/(?<![*\w])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![*\w])/g, emphasis("_"))
        .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, emphasis("~"))
        .replace(/\u0001/g, "*");
    })
    .join("");
}

/**
 * The notes' Markdown (or plain text) as Slack mrkdwn: escaped, bold/italic/strike/links converted, bullets as
 * "•", code fences kept (without the language tag, which Slack would print).
 */
export function markdownToMrkdwn(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let inCode = false;
  const out: string[] = [];
  for (const line of lines) {
    if (FENCE.test(line)) {
      inCode = !inCode;
      out.push("```");
      continue;
    }
    out.push(inCode ? escapeText(line) : convertLine(escapeText(line)));
  }
  if (inCode) out.push("```");
  // Blank runs collapse to one blank line: Slack shows them as-is and they waste the budget.
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

export interface Chunked {
  /** each at most `max` characters, fences balanced within each chunk */
  chunks: string[];
  /** true when text was left out (the caller says so) */
  truncated: boolean;
}

/**
 * Splits mrkdwn into at most `maxChunks` pieces of at most `max` characters each, only at line boundaries.
 * A code fence open at a split is closed at the end of one piece and reopened at the start of the next, so
 * each piece renders on its own. A single line longer than `max` is cut at a space (or hard) and the result
 * is marked truncated: text is never cut mid-line without saying so.
 */
export function splitMrkdwn(text: string, max: number, maxChunks: number): Chunked {
  const CLOSE = "\n```";
  const lines = text.split("\n");
  const chunks: string[] = [];
  let current = "";
  let currentOpensInCode = false;
  let inCode = false;
  let truncated = false;

  const budget = (opensInCode: boolean, codeAfter: boolean) => max - (opensInCode ? 4 : 0) - (codeAfter ? CLOSE.length : 0);
  const flush = () => {
    let body = current;
    if (inCode) body += CLOSE;
    chunks.push((currentOpensInCode ? "```\n" : "") + body);
    currentOpensInCode = inCode;
    current = "";
  };

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const isFence = line.trim() === "```";
    const codeAfter: boolean = isFence ? !inCode : inCode;
    const sep = current === "" ? "" : "\n";
    if (current.length + sep.length + line.length <= budget(currentOpensInCode, codeAfter)) {
      current += sep + line;
      inCode = codeAfter;
      continue;
    }
    if (current !== "") {
      if (chunks.length + 1 >= maxChunks) {
        truncated = true;
        break;
      }
      flush();
    }
    // The line starts a fresh chunk; if even that is too long, cut it and stop here.
    const room = budget(currentOpensInCode, codeAfter);
    if (line.length > room) {
      line = cutLine(line, room);
      truncated = true;
      current = line;
      inCode = codeAfter;
      break;
    }
    current = line;
    inCode = codeAfter;
  }
  if (current !== "" || chunks.length === 0) flush();
  return { chunks: chunks.filter((c) => c.trim() !== "" && c.trim() !== "```\n```"), truncated };
}

/** Cuts one over-long line to at most `max` characters at a space if there is one late enough, never inside an entity. */
function cutLine(line: string, max: number): string {
  let cut = line.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(" ");
  if (space > max * 0.6) cut = cut.slice(0, space);
  const amp = cut.lastIndexOf("&");
  if (amp >= 0 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  return cut.trimEnd() + "…";
}
