export interface Topic {
  key: string;
  ko: string;
  en: string;
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
  source: { note: string; heading: string };
}

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
