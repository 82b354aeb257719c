// Drafts multiple-choice questions from one note, for an organiser to review. Every draft is grounded by
// construction: it cites the note, the heading and the line, and its correct choice is stated on that line.
// Five rules make drafts; each one filters what would not stand as a question on its own.
import type { Section } from "../../notes/types.js";
import type { QuestionContent } from "../types.js";
import { LIMITS } from "../schema.js";
import { noteNames } from "../validate.js";
import { WORDING } from "./catalog.js";
import { lengthSpread, pickDistractors, random, seedOf, shuffle, type Candidate } from "./choices.js";
import { findFigures, formatLike, neighbours, quantity, type Figure } from "./figures.js";
import { PARTICLE_FORMS, particleFor, withParticle } from "./josa.js";
import { breadcrumb, headingName, type NoteLine } from "./lines.js";
import { entityName, listName, majorityScript, readStructure, termHeading, type NoteStructure, type SectionInfo } from "./structure.js";
import { contentWords, contextDependence, isUncertain, languageOf, looksLikeCode, mentions, norm, script, sentences, squash, width, type Lang } from "./text.js";

/** The rule that made a draft, so an organiser can sort and judge drafts by kind. */
export const DRAFT_RULES = ["figure", "definition-list", "definition-heading", "list-not-member", "cloze-term"] as const;
export type DraftRule = (typeof DRAFT_RULES)[number];

export interface Draft extends QuestionContent {
  /** a draft always names the note section it was drafted from */
  source: NonNullable<QuestionContent["source"]>;
  draft: true;
  /** 0..1: how likely the draft is publishable with light edits at most; ranks drafts, not a probability */
  confidence: number;
  rule: DraftRule;
  /** 1-based line of the note the correct choice is stated on */
  line: number;
}

export interface Skipped {
  /** why no draft was made from the line, e.g. `depends on context ("위와 같이")` */
  reason: string;
  line: number;
}

export interface DraftOptions {
  /** the note to draft from, as its sections name it (Section.file), e.g. "notes/os.md" */
  file: string;
  /** the note's text as read, for exact line numbers */
  content: string;
  /** at most this many drafts, the most confident first (default: all) */
  limit?: number;
  /** topic key for every draft (default: the note's file name in kebab-case) */
  topic?: string;
  /** seeds the order of choices and which distractors are drawn (default 1) */
  seed?: number;
}

export interface DraftResult {
  drafts: Draft[];
  skipped: Skipped[];
}

export class DraftError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = "DraftError";
  }
}

/** One question before its choices are ordered. */
interface Proposal {
  rule: DraftRule;
  node: NoteLine;
  lang: Lang;
  prompt: string;
  answer: string;
  distractors: string[];
  explanation: string;
  confidence: number;
  /** figures are listed smallest first; other choices are shuffled */
  sortNumeric?: (s: string) => number;
}

/**
 * Drafts questions from the note `options.file`. `sections` are the parsed notes: the note's own sections, and
 * any others of the corpus, which lend distractors (terms and values of the same kind).
 */
export function draftQuestions(sections: readonly Section[], options: DraftOptions): DraftResult {
  const own = sections.filter((s) => s.file === options.file);
  if (own.length === 0) {
    const files = [...new Set(sections.map((s) => s.file))];
    throw new DraftError(`no section of the notes comes from "${options.file}"${files.length ? ` (the notes read are ${files.slice(0, 8).join(", ")}${files.length > 8 ? ", …" : ""})` : ""}: give a .md or .txt note with at least one heading`);
  }
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) throw new DraftError(`limit must be a whole number of at least 1, found ${options.limit}`);
  const fileLines = new Map([[options.file, options.content.replace(/^\uFEFF/, "").split(/\r?\n/)]]);
  const structure = readStructure(sections, fileLines);
  const ctx = new Context(structure, options);

  for (const info of structure.sections) {
    if (info.section.file !== options.file) continue;
    figureDrafts(ctx, info);
    definitionListDrafts(ctx, info);
    definitionHeadingDrafts(ctx, info);
    listDrafts(ctx, info);
    clozeDrafts(ctx, info);
  }
  return ctx.result(options.limit);
}

class Context {
  readonly proposals: Proposal[] = [];
  readonly skipped = new Map<string, Skipped>();
  readonly note: string;
  readonly topic: string;
  readonly seed: number;
  /** the note's language: prompts follow it even on a line written only in English */
  readonly lang: Lang;
  readonly figuresByUnit = new Map<string, Array<{ figure: Figure; node: NoteLine }>>();
  readonly contradictions = new Map<NoteLine, { other: NoteLine; figure: Figure; otherFigure: Figure }>();

  constructor(
    readonly structure: NoteStructure,
    readonly options: DraftOptions,
  ) {
    this.note = noteNames(structure.sections.map((s) => s.section)).get(options.file) ?? options.file;
    this.topic = options.topic ?? (kebab(this.note.replace(/\.[^.]+$/, "").split("/").pop() ?? "") || "notes");
    this.seed = options.seed ?? 1;
    this.lang = languageOf(structure.sections.filter((s) => s.section.file === options.file).map((s) => `${s.section.heading}\n${s.section.text}`).join("\n"));
    for (const info of structure.sections) {
      for (const node of info.lines) {
        if (node.code) continue;
        for (const figure of findFigures(node.text)) {
          const key = figure.unitText.toLowerCase();
          const list = this.figuresByUnit.get(key) ?? [];
          list.push({ figure, node });
          this.figuresByUnit.set(key, list);
        }
      }
    }
    this.findContradictions();
  }

  skip(node: NoteLine, reason: string): void {
    const key = `${node.line}\u0000${reason}`;
    if (node.section.file === this.options.file && !this.skipped.has(key)) this.skipped.set(key, { reason, line: node.line });
  }

  rnd(node: NoteLine, rule: DraftRule, extra = ""): () => number {
    return random(seedOf(this.seed, this.options.file, node.line, rule, extra));
  }

  /** Same dimension, same label, different quantity, in the same note: neither line can be trusted. */
  private findContradictions(): void {
    const mine = [...this.figuresByUnit.values()].flat().filter((x) => x.node.section.file === this.options.file);
    for (let i = 0; i < mine.length; i++) {
      for (let j = i + 1; j < mine.length; j++) {
        const a = mine[i]!;
        const b = mine[j]!;
        if (a.node === b.node || a.figure.unit.dimension !== b.figure.unit.dimension) continue;
        if (Math.abs(quantity(a.figure) - quantity(b.figure)) < 1e-9) continue;
        // The same words about the same subject: the lines sit under one top-level heading of the note.
        if (a.node.section.path.slice(0, 2).join("\u0000") !== b.node.section.path.slice(0, 2).join("\u0000") || !sameLabel(a, b)) continue;
        if (!this.contradictions.has(a.node)) this.contradictions.set(a.node, { other: b.node, figure: a.figure, otherFigure: b.figure });
        if (!this.contradictions.has(b.node)) this.contradictions.set(b.node, { other: a.node, figure: b.figure, otherFigure: a.figure });
      }
    }
  }

  propose(p: Proposal): void {
    // "LRU(Least Recently Used)" spells out what a description asks for: the choice shows the acronym alone.
    p.answer = acronymOnly(p.answer);
    p.distractors = p.distractors.map(acronymOnly);
    // The prompt must not give the answer away, and no distractor may be printed in it either.
    if (mentions(p.prompt, p.answer) && squash(p.answer).length >= 2) {
      this.skip(p.node, `the prompt would contain the answer "${p.answer}"`);
      return;
    }
    p.distractors = p.distractors.filter((d) => !(squash(d).length >= 2 && mentions(p.prompt, d)));
    if (p.distractors.length < 2) {
      this.skip(p.node, `fewer than 2 distinct wrong choices of the same kind for "${p.answer}"`);
      return;
    }
    const keys = new Set([p.answer, ...p.distractors].map(squash));
    if (keys.size !== p.distractors.length + 1) {
      this.skip(p.node, "choices repeat one another after normalisation");
      return;
    }
    if ([p.answer, ...p.distractors].some((c) => c.length > LIMITS.choice) || p.prompt.length > LIMITS.prompt) {
      this.skip(p.node, "the question would be longer than a chat card holds");
      return;
    }
    if (p.distractors.length < 3) p.confidence -= 0.08;
    const spread = lengthSpread([p.answer, ...p.distractors]);
    if (spread > 2.2) p.confidence -= 0.06;
    this.proposals.push(p);
  }

  result(limit: number | undefined): DraftResult {
    // One draft per line: the most confident rule wins.
    const best = new Map<number, Proposal>();
    for (const p of this.proposals) {
      const prev = best.get(p.node.line);
      if (!prev || p.confidence > prev.confidence) best.set(p.node.line, p);
    }
    let chosen = [...best.values()].sort((a, b) => b.confidence - a.confidence || a.node.line - b.node.line);
    if (limit !== undefined) chosen = chosen.slice(0, limit);
    chosen.sort((a, b) => a.node.line - b.node.line);
    const ids = new Map<string, number>();
    const drafts = chosen.map((p) => this.toDraft(p, ids));
    const lines = new Set(drafts.map((d) => d.line));
    const skipped = [...this.skipped.values()].filter((s) => !lines.has(s.line)).sort((a, b) => a.line - b.line);
    return { drafts, skipped };
  }

  private toDraft(p: Proposal, ids: Map<string, number>): Draft {
    const rnd = this.rnd(p.node, p.rule, "order");
    const all = [p.answer, ...p.distractors];
    const choices = p.sortNumeric ? [...all].sort((a, b) => p.sortNumeric!(a) - p.sortNumeric!(b)) : shuffle(all, rnd);
    const stem = kebab(this.note.replace(/\.[^.]+$/, "").split("/").pop() ?? "") || "note";
    let id = `${stem}-${p.rule === "list-not-member" ? "list" : p.rule.split("-")[0]}-${p.node.line}`.slice(0, LIMITS.id);
    const n = (ids.get(id) ?? 0) + 1;
    ids.set(id, n);
    if (n > 1) id = `${id}-${n}`;
    return {
      id,
      topic: this.topic,
      tags: [],
      difficulty: p.rule === "list-not-member" || p.rule === "cloze-term" ? 2 : 1,
      prompt: p.prompt,
      choices,
      answer: choices.indexOf(p.answer),
      explanation: p.explanation,
      source: { note: this.note, heading: p.node.section.raw || p.node.section.heading },
      draft: true,
      confidence: Math.round(Math.min(0.99, Math.max(0.01, p.confidence)) * 100) / 100,
      rule: p.rule,
      line: p.node.line,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Shared filters

/** "LRU(Least Recently Used)" → "LRU": an expansion whose initials spell the acronym before it. */
function acronymOnly(term: string): string {
  const m = /^([A-Z][A-Z0-9]{1,7})\s*\(([^()]+)\)$/.exec(term.trim());
  if (!m) return term;
  const initials = m[2]!.split(/[\s-]+/).filter((w) => /^[A-Za-z]/.test(w)).map((w) => w[0]!.toUpperCase()).join("");
  return initials === m[1] || initials.replace(/[^A-Z]/g, "") === m[1]!.replace(/\d/g, "") ? m[1]! : term;
}

/** Why a line cannot stand as a question on its own, or null. */
function unfit(node: NoteLine): string | null {
  if (node.code || looksLikeCode(node.text)) return "code";
  if (isUncertain(node.text)) return "the note marks the line as unsure or unfinished";
  const phrase = contextDependence(node.text);
  if (phrase) return `depends on context ("${phrase}")`;
  return null;
}

/** The context printed in front of a prompt: the heading path below the note title, numbers removed. */
function contextOf(section: Section): string {
  return breadcrumb(section, 2) || headingName(section.heading) || section.heading;
}

function kebab(s: string): string {
  return s
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const QUALIFIERS = /최대|최소|기본|기본값|default|max(?:imum)?|min(?:imum)?|limit|제한|까지|이상|이하|이내|초과|미만|up to|at most|at least|보관|유지|만료|retention|timeout|타임아웃/i;

function qualifiers(text: string): string[] {
  return [...text.matchAll(new RegExp(QUALIFIERS.source, "gi"))].map((m) => m[0].toLowerCase()).sort();
}

/** Two figures describe the same thing when their lines' words (figures and units aside) largely agree. */
function sameLabel(a: { figure: Figure; node: NoteLine }, b: { figure: Figure; node: NoteLine }): boolean {
  const words = (x: { figure: Figure; node: NoteLine }) => {
    const around = x.node.text.slice(Math.max(0, x.figure.start - 40), x.figure.start) + " " + x.node.text.slice(x.figure.end, x.figure.end + 12);
    return new Set(contentWords(around).filter((w) => !/\d/.test(w)));
  };
  // Other figures on the lines tell the subjects apart ("1분 데이터 포인트 … 15일" vs "5분 데이터 포인트 … 63일").
  // Under different parent bullets ("Standard" › "초당 2000번", "Express" › "초당 100000번") they are different subjects.
  if (a.node.parent?.text !== b.node.parent?.text) return false;
  const others = (x: { figure: Figure; node: NoteLine }) => findFigures(x.node.text).filter((f) => f.start !== x.figure.start).map((f) => f.text).sort().join("|");
  if (others(a) !== others(b)) return false;
  const wa = words(a);
  const wb = words(b);
  if (wa.size < 2 || wb.size < 2) return false;
  // Lines in different sections must say the same thing in nearly the same words.
  if (a.node.section.id !== b.node.section.id && [...wa].some((w) => !wb.has(w))) return false;
  if (qualifiers(a.node.text).join() !== qualifiers(b.node.text).join()) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.min(wa.size, wb.size) >= 0.75 && shared >= 2;
}

/**
 * The statement with `span` blanked. A variable particle right after the blank ("20GB가", "CloudFormation을") is
 * rewritten to fit every choice, or to its paired form ("(을)를") when the choices differ.
 */
function blankOut(text: string, start: number, end: number, choices: readonly string[], blank: string): string {
  const after = text.slice(end);
  const found = PARTICLE_FORMS.find(({ form }) => after.startsWith(form) && !/^[\uAC00-\uD7A3]/.test(after.slice(form.length)));
  if (!found) return text.slice(0, start) + blank + after;
  let particle = particleFor(choices, found.particle);
  // The copula's 이 may follow any word ("3초이며", "Lambda이며"): keep the author's form when it fits every choice.
  if (COPULA.has(found.particle)) {
    const full = found.particle.split("/")[0]!;
    particle = found.form === full || particleFor(choices, found.particle) === found.form ? found.form : full;
  }
  return text.slice(0, start) + blank + particle + after.slice(found.form.length);
}

const COPULA = new Set<string>(["이며/며", "이고/고", "이다/다", "이라/라", "이면/면"]);

/** Distinct, non-generic content words of a term, to tell whether a description gives it away. */
function telltaleWords(term: string, others: readonly string[]): string[] {
  const shared = new Set(others.flatMap((o) => contentWords(o)));
  return contentWords(term).filter((w) => !shared.has(w) && w.length >= 3);
}

// ---------------------------------------------------------------------------------------------------------------
// figure: "최대 15분", "256 KB", "7일" → the question asks for the figure

function figureDrafts(ctx: Context, info: SectionInfo): void {
  const sectionText = `${info.section.heading}\n${info.section.text}`;
  const sectionFigures = findFigures(sectionText);
  for (const node of info.lines) {
    const figures = node.code ? [] : findFigures(node.text);
    if (figures.length === 0) continue;
    // A quoted block holds a worked example or a remark, not a fact to recall.
    const why = /^\s*>/.test(node.raw) ? "a quoted example or remark" : unfit(node);
    if (why) {
      ctx.skip(node, why);
      continue;
    }
    const contradiction = ctx.contradictions.get(node);
    if (contradiction) {
      ctx.skip(node, `figure ${contradiction.figure.text} is contradicted by line ${contradiction.other.line} (${contradiction.otherFigure.text}: “${contradiction.other.text}”)`);
      continue;
    }
    const lang = ctx.lang;
    const wording = WORDING[lang];
    const allFigures = figures;
    allFigures.forEach((lineFigure, index) => {
      // The sentence holding the figure is the statement; a paragraph line may hold several sentences.
      const sentence = sentences(node.text).find((x) => lineFigure.start >= x.start && lineFigure.start < x.start + x.text.length)!;
      const stated = { ...node, text: sentence.text };
      const figure = { ...lineFigure, start: lineFigure.start - sentence.start, end: lineFigure.end - sentence.start };
      const figures = findFigures(sentence.text);
      if (figures.filter((f) => f.text === figure.text).length > 1) return;
      if (sentence.start > 0 && unfit(stated)) {
        ctx.skip(node, unfit(stated)!);
        return;
      }
      // A line that is only a label and a figure needs its parent bullet to say what is measured.
      const own = contentWords(stated.text.slice(0, figure.start) + " " + stated.text.slice(figure.end)).filter((w) => !/^\d/.test(w));
      let prefix = "";
      // A bullet under a short name ("Standard" › "초당 2000번 수행 지원") is about that name: say it.
      if (sentence.start === 0 && node.parent && !unfit(node.parent) && entityName(node.parent.text) && !mentions(node.text, node.parent.text)) {
        prefix = node.parent.text + " — ";
      } else if (own.length < 2) {
        const parent = node.parent;
        if (sentence.start > 0 || !parent || unfit(parent) || contentWords(parent.text).length < 2) {
          ctx.skip(node, `too little said around ${figure.text} to ask for it`);
          return;
        }
        prefix = parent.text.replace(/[:：]\s*$/, "") + " — ";
      }
      const exclude = new Set(sectionFigures.filter((f) => f.unitText.toLowerCase() === figure.unitText.toLowerCase()).map((f) => f.value));
      const sameUnit = (ctx.figuresByUnit.get(figure.unitText.toLowerCase()) ?? [])
        .filter((x) => x.node.section.id !== info.section.id && !sameLabel(x, { figure: lineFigure, node }))
        .map((x) => x.figure.value);
      const pool = neighbours(figure, sameUnit, exclude);
      const rnd = ctx.rnd(node, "figure", String(index));
      const below = pool.filter((x) => x.value < figure.value);
      const above = pool.filter((x) => x.value > figure.value);
      // Where the answer falls among the sorted choices is drawn, so its position tells nothing.
      let wantBelow = Math.floor(rnd() * 4);
      wantBelow = Math.min(wantBelow, below.length);
      if (above.length < 3 - wantBelow) wantBelow = Math.min(below.length, 3 - above.length);
      const picked = [...below.slice(0, wantBelow), ...above.slice(0, 3 - wantBelow)];
      if (picked.length < 3) {
        ctx.skip(node, `no plausible other values of ${figure.unitText} for ${figure.text}`);
        return;
      }
      const answer = figure.text;
      const distractors = picked.map((x) => formatLike(x.value, figure));
      const statement = prefix + blankOut(stated.text, figure.start, figure.end, [answer, ...distractors], wording.blank);
      const words = contentWords(statement).filter((w) => !/^\d/.test(w));
      let confidence = 0.62;
      if (QUALIFIERS.test(stated.text) || /[:：]\s*$/.test(stated.text.slice(0, figure.start).trim())) confidence += 0.08;
      if (figure.unit.dimension === "time" || figure.unit.dimension === "size") confidence += 0.06;
      if (figure.unit.dimension === "money" || figure.unit.dimension === "ratio") confidence -= 0.1;
      if (figure.unit.dimension === "count") confidence -= 0.06;
      if (words.length < 4) confidence -= 0.08;
      if (width(statement) > 160) confidence -= 0.12;
      if (figures.length > 2) confidence -= 0.08;
      confidence += 0.03 * picked.filter((x) => x.fromNotes).length;
      if (prefix) confidence -= 0.04;
      const context = contextOf(info.section);
      ctx.propose({
        rule: "figure",
        node,
        lang,
        prompt: wording.figurePrompt({ context, statement }),
        answer,
        distractors,
        explanation: wording.noteSays({ context, statement: prefix + stated.text }),
        confidence,
        sortNumeric: (s) => Number(s.replace(/[^\d.]/g, "")),
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// definition-list: items "Term : explanation" of one list → the explanation asks for the term

function definitionListDrafts(ctx: Context, info: SectionInfo): void {
  for (const list of info.lists) {
    const defs = list.items.filter((i) => i.term && i.description);
    if (defs.length < 2) continue;
    for (const item of defs) {
      const node = item.node;
      const description = item.description!;
      const why = unfit({ ...node, text: description });
      if (why) {
        ctx.skip(node, why);
        continue;
      }
      if (width(description) < 12 || description.split(/\s+/).length < 2 || wordsBesideFigures(description) < 2) {
        ctx.skip(node, `the explanation of "${item.term}" is too short to ask from`);
        continue;
      }
      const term = item.term!;
      if (width(description) > 200) {
        ctx.skip(node, `the explanation of "${term}" is too long to quote in a question`);
        continue;
      }
      if (mentions(description, term)) {
        ctx.skip(node, `the explanation names the term "${term}" itself`);
        continue;
      }
      const siblings: Candidate[] = defs.filter((d) => d !== item && norm(d.description!) !== norm(description)).map((d) => ({ text: d.term!, kinship: 2 }));
      const fill = sameKindTerms(ctx, info, term, 1);
      const rnd = ctx.rnd(node, "definition-list");
      const forbidden = (t: string) => mentions(description, t);
      const distractors = pickDistractors(term, [...siblings, ...fill], 3, rnd, forbidden);
      const kin = distractors.filter((d) => d.kinship === 2).length;
      if (kin < 2) {
        ctx.skip(node, `fewer than 2 other terms in the same list as "${term}"`);
        continue;
      }
      const lang = ctx.lang;
      const context = [contextOf(info.section), list.parent ? listName(list) : undefined].filter(Boolean).join(" › ");
      let confidence = 0.72 + 0.04 * Math.min(kin, 3);
      const telltale = telltaleWords(term, distractors.map((d) => d.text));
      if (telltale.some((w) => mentions(description, w))) confidence -= 0.18;
      if (distractors.some((d) => mentions(description, d.text))) confidence -= 0.1;
      if (width(description) > 150) confidence -= 0.1;
      if (width(description) < 20) confidence -= 0.06;
      if (GENERIC_TERM.test(term)) confidence -= 0.15;
      ctx.propose({
        rule: "definition-list",
        node,
        lang,
        prompt: WORDING[lang].definitionPrompt({ context, description }),
        answer: term,
        distractors: distractors.map((d) => d.text),
        explanation: WORDING[lang].definitionExplanation({ term, description, context }),
        confidence,
      });
    }
  }
}

/** Words of a text that are neither figures nor units: "128MB ~ 10GB" has none. */
function wordsBesideFigures(text: string): number {
  return contentWords(text.replace(/\d[\d,.]*\s*[A-Za-z%]*/g, " ")).filter((w) => /\p{L}{2,}/u.test(w)).length;
}

/** Terms that are too plain to be the point of a question ("Env", "Service", "Task"). */
const GENERIC_TERM = /^(?:env|service|task|data|type|option|config|setting|기본|일반|기타)$/i;

/** Terms of the same kind as `term` elsewhere: list terms and list items sharing its last word ("… Tier", "… Scaling"). */
function sameKindTerms(ctx: Context, info: SectionInfo, term: string, kinship: number): Candidate[] {
  const head = contentWords(term).at(-1);
  if (!head) return [];
  const out: Candidate[] = [];
  for (const other of ctx.structure.sections) {
    for (const list of other.lists) {
      for (const item of list.items) {
        const t = item.term ?? item.entity;
        if (!t || other === info) continue;
        if (other.section.file !== info.section.file) continue;
        if (contentWords(t).at(-1) === head && squash(t) !== squash(term)) out.push({ text: t, kinship });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// definition-heading: a heading and the sentence that opens its section → the sentence asks for the heading

const DEFINITIONAL = /(?:서비스|기능|방식|도구|단위|구조|기법|프로토콜|모델|저장소|시스템|알고리즘|형태|개념|상태|자료구조|기술|방법|과정|명령어?|리소스|프로그램|장치|언어|패턴|원칙|의미|의미함|말한다|뜻한다|이다)\.?$|^(?:a|an|the)\s|\b(?:is|are|refers to|means|describes)\b/i;

function definitionHeadingDrafts(ctx: Context, info: SectionInfo): void {
  const term = termHeading(info.section);
  if (!term) return;
  const first = info.lines.find((l) => !l.code);
  if (!first || first.indent > (info.lines[0]?.indent ?? 0)) return;
  const why = unfit(first);
  if (why) {
    ctx.skip(first, why);
    return;
  }
  let description = sentences(first.text)[0]!.text.replace(/[.。]\s*$/, "");
  // "X는 …", "X is …": the predicate is the description.
  const lead = new RegExp(`^${escapeRegExp(term)}\\s*(?:\\([^)]*\\))?\\s*(?:은|는|이란|란|:|is an?|is the|refers to|means)\\s+`, "i").exec(description);
  if (lead) description = description.slice(lead[0].length);
  if (/[:：]\s*$/.test(description) || first.children.length > 0 && width(description) < 24) return;
  if (width(description) < 14 || description.split(/\s+/).length < 3 || width(description) > 220) return;
  if (/^[^:：]{1,40}[:：]\s/.test(description)) return;
  const parentPath = info.section.path.slice(0, -1).join("\u0000");
  const siblings: Candidate[] = [];
  for (const other of ctx.structure.sections) {
    if (other === info || other.section.file !== info.section.file || other.section.level !== info.section.level) continue;
    if (other.section.path.slice(0, -1).join("\u0000") !== parentPath) continue;
    const name = termHeading(other.section);
    if (name) siblings.push({ text: name, kinship: 2 });
  }
  // The words that set the heading apart from its siblings ("스트림" of "스트림 서비스") must not be in its definition.
  if (mentions(description, term) || telltaleWords(term, siblings.map((c) => c.text)).some((w) => mentions(description, stem(w)))) {
    ctx.skip(first, `the opening sentence names the heading "${term}" itself`);
    return;
  }
  const rnd = ctx.rnd(first, "definition-heading");
  const distractors = pickDistractors(term, siblings, 3, rnd, (t) => mentions(description, t) || mentions(info.section.text, t));
  if (distractors.length < 2) {
    ctx.skip(first, `fewer than 2 sibling headings to set beside "${term}"`);
    return;
  }
  const lang = ctx.lang;
  const parentContext = info.section.path.length > 2 ? headingName(info.section.path[info.section.path.length - 2]!) : "";
  // "X is a …" defines X; "X는 … 만든다" only says something about it.
  if (!DEFINITIONAL.test(description) && !(lead && /is an?|is the|refers to|means|이란|란/i.test(lead[0]))) {
    ctx.skip(first, `the opening line of "${term}" does not read as a definition`);
    return;
  }
  let confidence = 0.62;
  if (lead) confidence += 0.05;
  if (width(description) > 150) confidence -= 0.1;
  if (majorityScript(distractors.map((d) => d.text)) !== script(term)) confidence -= 0.08;
  ctx.propose({
    rule: "definition-heading",
    node: first,
    lang,
    prompt: WORDING[lang].definitionPrompt({ context: parentContext, description }),
    answer: term,
    distractors: distractors.map((d) => d.text),
    explanation: WORDING[lang].definitionExplanation({ term, description: first.text, context: contextOf(info.section) }),
    confidence,
  });
}

/** The start of a word that its other forms share (Clone, Cloning → "clon"; 배포하다, 배포 → "배포"). */
function stem(word: string): string {
  return /[a-z]/i.test(word) ? word.slice(0, Math.max(4, word.length - 3)) : word.slice(0, Math.max(2, word.length - 1));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---------------------------------------------------------------------------------------------------------------
// list-not-member: three items of a list and one name from another list → which is not listed?

const CLOSED_SET = /종류|유형|타입|패밀리|구성\s*요소|구성|컴포넌트|모드|계층|등급|클래스|옵션|단계|방식|알고리즘|\b(?:types?|kinds?|family|components?|modes?|class(?:es)?|tiers?|options?|levels?|stages?|algorithms?|methods?)\b/i;

function listDrafts(ctx: Context, info: SectionInfo): void {
  for (const list of info.lists) {
    // Items with items of their own are sub-topics, not members of a set.
    if (list.items.length < 3 || list.ordered || list.items.some((i) => i.node.children.length > 0 && !i.term)) continue;
    const names = list.items.map((i) => i.term ?? i.entity);
    if (names.some((n) => n === undefined)) continue;
    const members = names as string[];
    const anchor = list.parent ?? list.items[0]!.node;
    const name = listName(list);
    if (!name || (list.parent && !entityName(name))) {
      ctx.skip(anchor, "the list has no name a question can use");
      continue;
    }
    const shapes = new Map<string, number>();
    for (const m of members) shapes.set(shape(m), (shapes.get(shape(m)) ?? 0) + 1);
    const [memberShape, sameShape] = [...shapes.entries()].sort((a, b) => b[1] - a[1])[0]!;
    if (sameShape < Math.max(3, Math.ceil(members.length * 0.75))) {
      ctx.skip(anchor, `the items of "${name}" are not names of one form`);
      continue;
    }
    // The kind's own last word ("… Scaling") is welcome in an outsider; any other shared word ("Kinesis …") makes
    // it a possible member.
    const headCounts = new Map<string, number>();
    for (const m of members) {
      const h = contentWords(m).at(-1);
      if (h) headCounts.set(h, (headCounts.get(h) ?? 0) + 1);
    }
    const heads = new Set([...headCounts].filter(([, n]) => n >= 2).map(([h]) => h));
    const words = new Set([...members, name].flatMap((m) => contentWords(m)).filter((w) => (w.length >= 3 || /[\uAC00-\uD7A3]{2}/.test(w)) && !heads.has(w)));
    const outsiders: Candidate[] = [];
    for (const other of ctx.structure.sections) {
      for (const otherList of other.lists) {
        if (otherList === list) continue;
        for (const item of otherList.items) {
          const t = item.term ?? item.entity;
          if (!t || shape(t) !== memberShape) continue;
          if (mentions(info.section.text, t) || mentions(info.section.heading, t)) continue;
          if (contentWords(t).some((w) => words.has(w))) continue;
          outsiders.push({ text: t, kinship: (other.section.file === info.section.file ? 1 : 0) + (heads.has(contentWords(t).at(-1) ?? "") ? 2 : 0) });
        }
      }
    }
    const rnd = ctx.rnd(anchor, "list-not-member");
    const shown = shuffle(members.filter((m) => shape(m) === memberShape), rnd).slice(0, 3);
    const medianWidth = [...shown].map(width).sort((a, b) => a - b)[1]!;
    const scored = outsiders
      .filter((o) => width(o.text) / medianWidth >= 0.5 && width(o.text) / medianWidth <= 2)
      .map((o) => ({ o, score: o.kinship - Math.abs(Math.log(width(o.text) / medianWidth)) + rnd() * 0.3 }))
      .sort((a, b) => b.score - a.score);
    // A name from anywhere is an easy giveaway; one of the same kind ("… Scaling" beside Scaling policies), or a
    // multi-word name from the same note, makes a real question.
    const outsider = scored.find(({ o }) => o.kinship >= 2 || (o.kinship === 1 && o.text.trim().split(/\s+/).length >= 2))?.o;
    if (!outsider) {
      ctx.skip(anchor, `no name of the same form from another list to set beside the items of "${name}"`);
      continue;
    }
    const lang = ctx.lang;
    const context = contextOf(info.section);
    let confidence = 0.5;
    if (CLOSED_SET.test(name) || CLOSED_SET.test(info.section.heading)) confidence += 0.1;
    if (outsider.kinship >= 2) confidence += 0.08;
    if (members.length > 8) confidence -= 0.1;
    ctx.propose({
      rule: "list-not-member",
      node: anchor,
      lang,
      prompt: WORDING[lang].listPrompt({ context, list: name }),
      answer: outsider.text,
      distractors: shown,
      explanation: WORDING[lang].listExplanation({ list: name, members: members.join(", "), outsider: lang === "ko" ? withParticle(outsider.text, "은/는") : outsider.text, context }),
      confidence,
    });
  }
}

/** The written form of a name: script, capitalisation, number of words ("Title:2", "lower:1", "hangul:2"). */
function shape(name: string): string {
  const words = name.split(/\s+/);
  const sc = script(name);
  if (sc !== "latin") return `${sc}:${Math.min(words.length, 3)}`;
  const caps = /^[A-Z0-9&/+-]+$/.test(name.replace(/\s+/g, "")) ? "upper" : words.every((w) => /^[A-Z0-9]/.test(w)) ? "title" : words.every((w) => /^[a-z0-9]/.test(w)) ? "lower" : "mixed";
  return `${caps}:${Math.min(words.length, 3)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// cloze-term: a sentence naming one term of a set of same-kind terms (sibling headings, one list) → blank it

function clozeDrafts(ctx: Context, info: SectionInfo): void {
  const sets = termSets(ctx, info.section.file);
  if (sets.length === 0) return;
  const context = contextOf(info.section);
  for (const node of info.lines) {
    if (node.code || width(node.text) < 24 || width(node.text) > 180) continue;
    if (node.text.split(/\s+/).length < 4) continue;
    if (/^[^:：]{1,48}[:：]\s/.test(node.text)) continue; // a term line is a definition's business
    for (const set of sets) {
      if (set.origin.has(node)) continue;
      // The section's own subject may be named too ("Beanstalk는 … CloudFormation을 …"): it is not the blank.
      const named = set.terms.filter((t) => wordMention(node.text, t) && !mentions(context, t) && !mentions(info.section.heading, t));
      if (named.length !== 1) continue;
      const term = named[0]!;
      const at0 = indexOfMention(node.text, term);
      // A term inside an enumeration ("A, B, C") could be any of its kind: no single answer.
      if (/,\s*$/.test(node.text.slice(0, at0)) || /^\s*,/.test(node.text.slice(at0 + term.length)) || /^[^(]*\(([^)]*,){1,}[^)]*$/.test(node.text.slice(0, at0))) continue;
      const why = unfit(node);
      if (why) {
        ctx.skip(node, why);
        break;
      }
      const rnd = ctx.rnd(node, "cloze-term", term);
      // The rest of the sentence must say something ("3. Kinesis Data Firehose" alone is no question).
      const rest = node.text.slice(0, at0) + " " + node.text.slice(at0 + term.length);
      if (contentWords(rest).filter((w) => /\p{L}{2,}/u.test(w)).length < 3) continue;
      // Only names written like the answer ("Lambda" beside "Docker", not beside "DynamoDB Features").
      const candidates: Candidate[] = set.terms.filter((t) => t !== term && shape(t) === shape(term)).map((t) => ({ text: t, kinship: 2 }));
      const distractors = pickDistractors(term, candidates, 3, rnd, (t) => mentions(info.section.text, t));
      if (distractors.length < 3) continue;
      const at = indexOfMention(node.text, term);
      if (at < 0) continue;
      const lang = ctx.lang;
      const choices = [term, ...distractors.map((d) => d.text)];
      const statement = blankOut(node.text, at, at + term.length, choices, WORDING[lang].blank);
      let confidence = 0.46;
      if (contentWords(node.text).length >= 6) confidence += 0.04;
      if (width(term) <= 3) confidence -= 0.1;
      ctx.propose({
        rule: "cloze-term",
        node,
        lang,
        prompt: WORDING[lang].clozePrompt({ context, statement }),
        answer: term,
        distractors: distractors.map((d) => d.text),
        explanation: WORDING[lang].noteSays({ context, statement: node.text }),
        confidence,
      });
      break;
    }
  }
}

interface TermSet {
  kind: "headings" | "list";
  terms: string[];
  /** the lines that define the set: a sentence there is the set itself, not a use of a term */
  origin: Set<NoteLine>;
}

const termSetCache = new WeakMap<Context, Map<string, TermSet[]>>();

/** Sets of at least four same-kind terms in the note: term-like sibling headings, and lists of names. */
function termSets(ctx: Context, file: string): TermSet[] {
  const cached = termSetCache.get(ctx)?.get(file);
  if (cached) return cached;
  const sets: TermSet[] = [];
  const byParent = new Map<string, { terms: string[]; origin: Set<NoteLine> }>();
  for (const info of ctx.structure.sections) {
    if (info.section.file !== file || info.section.path.length < 2) continue;
    const name = termHeading(info.section);
    if (!name) continue;
    const key = `${info.section.level}\u0000${info.section.path.slice(0, -1).join("\u0000")}`;
    const entry = byParent.get(key) ?? { terms: [], origin: new Set<NoteLine>() };
    entry.terms.push(name);
    byParent.set(key, entry);
  }
  // The note's main headings name things of one kind (services, chapters' subjects); deeper headings mix aspects
  // ("Throttling", "With S3", "TTL") and make blanks any of them could fill.
  const top = Math.min(...[...byParent].filter(([, e]) => e.terms.length >= 4).map(([k]) => Number(k.split("\u0000")[0])));
  for (const [key, e] of byParent) if (Number(key.split("\u0000")[0]) === top && e.terms.length >= 4) sets.push({ kind: "headings", terms: dedupe(e.terms), origin: e.origin });
  const perFile = termSetCache.get(ctx) ?? new Map<string, TermSet[]>();
  perFile.set(file, sets);
  termSetCache.set(ctx, perFile);
  return sets;
}

function dedupe(terms: string[]): string[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const k = squash(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `term` occurs in `text` as a whole word (a Korean particle may follow; no letter or digit glued before or after in Latin). */
function wordMention(text: string, term: string): boolean {
  return indexOfMention(text, term) >= 0;
}

const mentionPatterns = new Map<string, RegExp>();

function indexOfMention(text: string, term: string): number {
  if (!squash(text).includes(squash(term))) return -1;
  let re = mentionPatterns.get(term);
  if (!re) {
    if (mentionPatterns.size > 5000) mentionPatterns.clear();
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![A-Za-z0-9])`, "iu");
    mentionPatterns.set(term, re);
  }
  const m = re.exec(text);
  if (!m) return -1;
  // A Hangul term must be followed by a particle or nothing, not by more of a longer word.
  const after = text.slice(m.index + term.length);
  if (/[\uAC00-\uD7A3]$/.test(term) && /^[\uAC00-\uD7A3]/.test(after) && !PARTICLE_FORMS.some(({ form }) => after.startsWith(form)) && !/^(?:의|에|도|만|에서|까지|부터)/.test(after)) return -1;
  return m.index;
}
