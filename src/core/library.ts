// The shipped notes and question bank, held in one place so they can be re-read while the bot runs. Everything
// that reads them (the facade, the round service, lookup, topic names) asks the library for its current view at
// the start of each piece of work, so a reload swaps them for all at once, never half. A reload validates first:
// a bad file keeps the view in force and says why.
import type { NotesIndex } from "./app.js";
import type { Section } from "./notes/types.js";
import { TopicIndex } from "./questions/topics.js";
import type { QuestionBank, QuestionProblem, Topic } from "./questions/types.js";

/** What the library holds: the bank, the notes' search, their sections and how to read a note's text. */
export interface LibraryContent {
  bank: QuestionBank;
  notes: NotesIndex;
  sections: readonly Section[];
  /** the text of a note file, as the sections name it */
  readNote(file: string): string;
}

/** One consistent view of the content, with what is derived from it. */
export class LibraryView implements LibraryContent {
  readonly bank: QuestionBank;
  readonly notes: NotesIndex;
  readonly sections: readonly Section[];
  readonly readNote: (file: string) => string;
  readonly sectionsById: ReadonlyMap<number, Section>;
  /** topics of the bank that have questions, in topics.yaml's order */
  readonly usedTopics: readonly Topic[];
  readonly topicIndex: TopicIndex;

  constructor(content: LibraryContent) {
    this.bank = content.bank;
    this.notes = content.notes;
    this.sections = content.sections;
    this.readNote = content.readNote;
    this.sectionsById = new Map(content.sections.map((s) => [s.id, s]));
    const used = new Set(content.bank.questions.map((q) => q.topic));
    this.usedTopics = [...content.bank.topics.values()].filter((t) => used.has(t.key));
    this.topicIndex = new TopicIndex(this.usedTopics);
  }
}

export type ReloadOutcome =
  | { ok: true; questions: number; sections: number; ms: number }
  /** the content in force stays; `problems` are the bank's `file:line: message` list, or the one error met */
  | { ok: false; problems: QuestionProblem[]; message: string };

export class Library {
  private view: LibraryView;

  constructor(content: LibraryContent) {
    this.view = new LibraryView(content);
  }

  /** The view in force; take it once per piece of work so the work sees one bank throughout. */
  get current(): LibraryView {
    return this.view;
  }

  /** Puts new content in force at once. */
  replace(content: LibraryContent): LibraryView {
    this.view = new LibraryView(content);
    return this.view;
  }

  /**
   * Reads the content again with `load` (which validates it and throws when it is bad) and puts it in force; on
   * any failure the view in force stays and the outcome says why.
   */
  reload(load: () => LibraryContent): ReloadOutcome {
    const started = performance.now();
    let content: LibraryContent;
    try {
      content = load();
    } catch (err) {
      const problems = (err as { problems?: QuestionProblem[] }).problems ?? [];
      return { ok: false, problems, message: (err as Error).message };
    }
    const view = this.replace(content);
    return { ok: true, questions: view.bank.questions.length, sections: view.sections.length, ms: Math.round(performance.now() - started) };
  }
}

/** A note source that has none (tests and tools that build the core without notes). */
export function noNoteText(file: string): string {
  throw new Error(`no note source to read ${file} from`);
}
