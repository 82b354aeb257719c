// Drafting questions from a group's own notes: `draftQuestions(sections, { file, content, … })` → drafts and the
// lines it passed over with the reason; `draftsToYaml(drafts)` → the bank's YAML with `draft: true`.
export { draftQuestions, DraftError, DRAFT_RULES, type Draft, type DraftOptions, type DraftResult, type DraftRule, type Skipped } from "./draft.js";
export { draftsToYaml } from "./yaml.js";
