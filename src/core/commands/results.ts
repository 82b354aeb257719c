// What commands and clicks return: plain data, one kind each. Every platform renders them through a
// `Renderers` record, so a kind without a renderer on some platform does not compile.
import type { GroupSettings, GroupStatus, PracticeResult, ScheduleView } from "../app.js";
import type { AnswerOutcome, FileAttachment, History, Leaderboard, MemberStats, QuestionCard, RevealedCard } from "../cards.js";
import type { Locale } from "../locale.js";
import type { MessageKey } from "../messages/index.js";
import type { Params } from "../messages/translate.js";
import type { LookupResult, Section } from "../notes/types.js";
import type { ForgetOutcome, GroupQuestionList, ImportOutcome, NextPreview, OrganiserList, SeasonChange } from "../organiser/service.js";
import type { Readiness, ReminderView, ReviewPrompt } from "../review/types.js";
import type { AnyCommandSpec } from "./spec.js";

export type CommandResult =
  | { kind: "lookup"; result: LookupResult }
  /** one note section on its own (a lookup's "more" button, a card's source button) */
  | { kind: "section"; section: Section }
  | { kind: "practice"; card: QuestionCard }
  | { kind: "practiceAnswer"; result: PracticeResult }
  /** the reply to an answer on a group card; `chosen` is the choice as the member named it ("B") */
  | { kind: "answer"; outcome: AnswerOutcome; chosen: string; roundId: number }
  | { kind: "leaderboard"; board: Leaderboard }
  | { kind: "stats"; stats: MemberStats }
  | { kind: "history"; history: History }
  /** /review: the next review question (a practice card), or what is due when nothing is */
  | { kind: "review"; review: ReviewPrompt }
  | { kind: "reminder"; reminder: ReminderView }
  /** /stats view:readiness */
  | { kind: "readiness"; readiness: Readiness }
  | { kind: "scheduled"; view: ScheduleView }
  | { kind: "unscheduled"; channelId: string; name: string; removed: boolean }
  | { kind: "paused"; view: ScheduleView }
  | { kind: "status"; status: GroupStatus }
  /** `pending`: the platform has not confirmed the card yet (it is tried again by itself) */
  | { kind: "posted"; card: QuestionCard; channelId: string; pending?: boolean }
  /** `card` is null when no question was open in the channel */
  | { kind: "revealed"; card: RevealedCard | null; channelId: string }
  /** the group settings in force, after a change or, with no option given, as they are (shown with the usage) */
  | { kind: "settings"; settings: GroupSettings; changed: boolean }
  /**
   * A file for the caller (drafted questions, an export) or for the channel (a chart), with a line saying what it
   * is. `category` names the kind of file (the console keeps each kind in its own folder).
   */
  | { kind: "file"; file: FileAttachment; message: { key: MessageKey; params: Params }; audience: "caller" | "channel"; category: "drafts" | "exports" | "digests" }
  /** a file of questions checked and stored, or refused with every problem at its line */
  | { kind: "imported"; outcome: ImportOutcome }
  | { kind: "groupQuestions"; list: GroupQuestionList }
  | { kind: "questionRemoved"; id: string }
  | { kind: "seasonStarted"; change: SeasonChange }
  | { kind: "organisers"; list: OrganiserList }
  /** the question a schedule posts next (organisers only: it shows the answer) */
  | { kind: "nextQuestion"; preview: NextPreview }
  /** /forget-me before it is confirmed: what it deletes, and a button to go ahead */
  | { kind: "forgetConfirm"; userId: string }
  | { kind: "forgotten"; outcome: ForgetOutcome }
  /** a command group typed bare or with a subcommand it does not have: what it offers */
  | { kind: "usage"; group: string; commands: readonly AnyCommandSpec[]; unknown?: string };

export type ResultKind = CommandResult["kind"];
export type ResultOf<K extends ResultKind> = Extract<CommandResult, { kind: K }>;

/** One renderer per result kind. */
export type Renderers<Out, Ctx = { locale: Locale }> = { [K in ResultKind]: (result: ResultOf<K>, ctx: Ctx) => Out };

/** Renders `result` with the renderer of its kind. */
export function renderResult<Out, Ctx>(renderers: Renderers<Out, Ctx>, result: CommandResult, ctx: Ctx): Out {
  const render = renderers[result.kind] as (r: CommandResult, c: Ctx) => Out;
  return render(result, ctx);
}
