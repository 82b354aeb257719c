/** One section of a note: a heading and the text under it up to the next heading of any level. */
export interface Section {
  /** index in the corpus, stable for one load */
  id: number;
  /** path relative to the project root, e.g. "notes/dva-theory.txt" */
  file: string;
  /** 1-based line of the heading */
  line: number;
  /** 1 = top level */
  level: number;
  /** heading as the author meant it, markup removed, e.g. "#28 EBS Volume Type", "10.16. Limitation", "JWT" */
  heading: string;
  /** the heading line as written, without Markdown's leading `#`s (inline markup such as `**` kept) */
  raw: string;
  /** breadcrumb from the note title down to this heading (inclusive) */
  path: string[];
  /** body text under the heading (markup kept readable: bullets, code, quotes), without the heading line */
  text: string;
}

export interface LookupHit {
  section: Section;
  /** 0..1, relative to the best possible match */
  score: number;
  /** section text trimmed at a line boundary to the requested length */
  snippet: string;
  /** true when `snippet` is shorter than the section text (a "more" marker was appended) */
  truncated: boolean;
}

export interface LookupResult {
  query: string;
  /** the query after normalisation (what was searched) */
  normalized: string;
  hits: LookupHit[];
  /** when there is no hit: close headings the user may have meant */
  suggestions: Suggestion[];
}

export interface Suggestion {
  /** at most 100 characters: "note › heading" */
  label: string;
  /** a value `lookup` resolves directly to this section ("section:<file>#<line>") */
  value: string;
}
