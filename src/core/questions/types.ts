/** A name shown to members, in both languages. */
export interface LocalizedName {
  ko: string;
  en: string;
}

/** One domain of an exam guide (questions/topics.yaml `exams:`), e.g. SAA-C03 "Design Secure Architectures". */
export interface ExamDomain extends LocalizedName {
  /** the key under `domains:`, e.g. "secure" */
  key: string;
  /** share of the scored content, in percent; an exam's weights add up to 100 */
  weight: number;
}

/** A current exam the bank prepares for, as declared in questions/topics.yaml under `exams:`. */
export interface Exam {
  /** exam code as on the exam guide, e.g. "SAA-C03" */
  code: string;
  name: LocalizedName;
  /** domains in file order, by key */
  domains: Map<string, ExamDomain>;
}

/** A topic's place in an exam: written `SAA-C03/performance` in topics.yaml. */
export interface DomainRef {
  /** an `exams:` code, e.g. "SAA-C03" */
  exam: string;
  /** a domain key of that exam, e.g. "performance" */
  domain: string;
}

export interface Topic extends LocalizedName {
  key: string;
  /**
   * The exam domains this topic belongs to (every ref names an exam and domain of `QuestionBank.exams`). The
   * loader always sets it, `[]` when topics.yaml gives none: such a topic is not part of exam readiness.
   * Optional only so banks built by hand (tests, benchmarks) need not spell it out.
   */
  domains?: DomainRef[];
}

/** What an organiser writes for one question in questions/*.yaml. */
export interface QuestionContent {
  id: string;
  topic: string;
  tags: string[];
  difficulty: 1 | 2 | 3;
  prompt: string;
  choices: string[];
  /** 0-based index into choices */
  answer: number;
  explanation: string;
  /** the note section it comes from; the shipped bank always names one, a group's own questions may not */
  source?: { note: string; heading: string };
  /** questions this one deliberately resembles, each with why both are wanted (silences the near-duplicate check) */
  related?: RelatedQuestion[];
  /** review warnings accepted for this question, each with the reason (see ReviewCheck) */
  allow?: Partial<Record<AllowableCheck, string>>;
}

/** An intended resemblance: `related: [{ id: other-id, reason: "…" }]`. */
export interface RelatedQuestion {
  id: string;
  reason: string;
}

/** The review checks a question's `allow:` can accept with a reason (near-duplicates are accepted through `related`). */
export const ALLOWABLE_CHECKS = ["choice-length", "verbatim-answer", "scenario", "exam-tag"] as const;
export type AllowableCheck = (typeof ALLOWABLE_CHECKS)[number];

/** One question of the bank, as loaded: its content plus where it stands and what it cites. */
export interface Question extends QuestionContent {
  /** where it is defined, for messages: "questions/lambda.yaml", 1-based line of the `- id:` item */
  file: string;
  line: number;
  /** sha256 (hex, first 16 chars) of the content fields, stored with rounds so later edits do not rewrite history */
  hash: string;
  /** the resolved note section id (Section.id), when the notes were given to the loader */
  sectionId: number | null;
}

export interface QuestionBank {
  questions: Question[];
  byId: Map<string, Question>;
  topics: Map<string, Topic>;
  /**
   * The exams of topics.yaml's `exams:` block, by code, in file order (empty when there is none). With
   * `Topic.domains` this is what exam readiness reads: a topic counts towards each domain it names, and a
   * domain's `weight` is its share of the exam. Always set by the loader; optional only for hand-built banks.
   */
  exams?: Map<string, Exam>;
}

export interface QuestionProblem {
  file: string;
  line: number;
  message: string;
}

export class QuestionBankError extends Error {
  readonly userFacing = true;
  constructor(readonly problems: QuestionProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n"));
    this.name = "QuestionBankError";
  }
}
