// The wording of drafted questions, in the language of the note they come from. Each template is a function of
// typed fields, so a missing or misspelt field is a compile error rather than a "{name}" left in a question.
import type { Lang } from "./text.js";

interface Wording {
  figurePrompt(p: { context: string; statement: string }): string;
  definitionPrompt(p: { context: string; description: string }): string;
  listPrompt(p: { context: string; list: string }): string;
  clozePrompt(p: { context: string; statement: string }): string;
  /** what the note says, quoted as the explanation */
  noteSays(p: { context: string; statement: string }): string;
  definitionExplanation(p: { term: string; description: string; context: string }): string;
  /** `outsider` comes with its topic particle in Korean ("S3는") */
  listExplanation(p: { list: string; members: string; outsider: string; context: string }): string;
  blank: string;
}

/** "[ECS › Component] " in front of a prompt, or nothing when there is no context to give. */
const tag = (context: string) => (context ? `[${context}] ` : "");

export const WORDING: Record<Lang, Wording> = {
  ko: {
    figurePrompt: ({ context, statement }) => `${tag(context)}빈칸에 들어갈 값으로 알맞은 것은? “${statement}”`,
    definitionPrompt: ({ context, description }) => `${tag(context)}다음 설명에 해당하는 것은? “${description}”`,
    listPrompt: ({ context, list }) => `${tag(context)}다음 중 노트의 “${list}” 항목에 들지 않는 것은?`,
    clozePrompt: ({ context, statement }) => `${tag(context)}빈칸에 들어갈 말로 알맞은 것은? “${statement}”`,
    noteSays: ({ context, statement }) => `노트(${context}): “${statement}”`,
    definitionExplanation: ({ term, description, context }) => `노트(${context}): ${term} — ${description}`,
    listExplanation: ({ list, members, outsider, context }) => `노트(${context})의 “${list}” 항목은 ${members}이다. ${outsider} 이 목록에 없다.`,
    blank: "＿＿＿",
  },
  en: {
    figurePrompt: ({ context, statement }) => `${tag(context)}Which value fills the blank? “${statement}”`,
    definitionPrompt: ({ context, description }) => `${tag(context)}Which term matches this description? “${description}”`,
    listPrompt: ({ context, list }) => `${tag(context)}Which of these is not listed under “${list}” in the notes?`,
    clozePrompt: ({ context, statement }) => `${tag(context)}Which term fills the blank? “${statement}”`,
    noteSays: ({ context, statement }) => `Notes (${context}): “${statement}”`,
    definitionExplanation: ({ term, description, context }) => `Notes (${context}): ${term} — ${description}`,
    listExplanation: ({ list, members, outsider, context }) => `Notes (${context}) list under “${list}”: ${members}. ${outsider} is not among them.`,
    blank: "＿＿＿",
  },
};
