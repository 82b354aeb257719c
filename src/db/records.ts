// Rows as drizzle reads and writes them (the schemas' inferred types) and their mapping to the core's rows. Both
// dialects infer the same types: `inStep` below stops the build when a column is added, renamed or retyped in
// one schema only. A record whose columns are exactly the core row's fields is spread (a column renamed in the
// schema then leaves a field of the row missing: a type error); rows written to the database are always built
// field by field, so nothing but their columns reaches an INSERT.
import { DELIVERY_LEASE_MS, isDeliveryKind, type DeliveryKind } from "../core/delivery.js";
import { DEFAULT_SCORING, type ScoringSettings } from "../core/rounds/scoring.js";
import type { QuestionContent } from "../core/questions/types.js";
import {
  DEFAULT_SCHEDULE_EXTRAS,
  type CardState,
  type DeliveryState,
  type GroupQuestionRow,
  type GroupRow,
  type InstallationRow,
  type MemberRow,
  type NewGroupQuestion,
  type NewRound,
  type OrganiserRow,
  type PracticeRow,
  type RevealState,
  type ReviewCard,
  type RoundRow,
  type ScheduleFields,
  type ScheduleRow,
  type SeasonRow,
} from "../core/store/index.js";
import { PICK_MODES, type PickMode } from "../core/store/rows.js";
import type * as pg from "./pg/schema.js";
import type * as sqlite from "./sqlite/schema.js";

type Tables =
  | "groups" | "members" | "schedules" | "rounds" | "answers" | "scores" | "practiceRounds" | "digests" | "roundReminders" | "roundThreads"
  | "reviewCards" | "reviewLog" | "reviewReminders" | "reviewReminderSends" | "healthChecks"
  | "installations"
  | "groupQuestions" | "seasons" | "groupOrganisers" | "nextQuestions";
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type InStep = { [K in Tables]: [Same<(typeof sqlite)[K]["$inferSelect"], (typeof pg)[K]["$inferSelect"]>, Same<(typeof sqlite)[K]["$inferInsert"], (typeof pg)[K]["$inferInsert"]>] };
export const inStep: InStep = {
  groups: [true, true],
  members: [true, true],
  schedules: [true, true],
  rounds: [true, true],
  answers: [true, true],
  scores: [true, true],
  practiceRounds: [true, true],
  digests: [true, true],
  roundReminders: [true, true],
  roundThreads: [true, true],
  reviewCards: [true, true],
  reviewLog: [true, true],
  reviewReminders: [true, true],
  reviewReminderSends: [true, true],
  healthChecks: [true, true],
  groupQuestions: [true, true],
  seasons: [true, true],
  groupOrganisers: [true, true],
  nextQuestions: [true, true],
  installations: [true, true],
};

type Row<K extends Tables> = (typeof sqlite)[K]["$inferSelect"];
type Insert<K extends Tables> = (typeof sqlite)[K]["$inferInsert"];

export type GroupRecord = Row<"groups">;
export type NewGroupRecord = Insert<"groups">;
export type MemberRecord = Row<"members">;
export type NewMemberRecord = Insert<"members">;
export type ScheduleRecord = Row<"schedules">;
export type NewScheduleRecord = Insert<"schedules">;
export type RoundRecord = Row<"rounds">;
export type NewRoundRecord = Insert<"rounds">;
export type AnswerRecord = Row<"answers">;
export type NewAnswerRecord = Insert<"answers">;
export type PracticeRecord = Row<"practiceRounds">;
export type NewPracticeRecord = Insert<"practiceRounds">;
export type ReviewCardRecord = Row<"reviewCards">;
export type NewReviewLogRecord = Insert<"reviewLog">;
export type GroupQuestionRecord = Row<"groupQuestions">;
export type NewGroupQuestionRecord = Insert<"groupQuestions">;
export type SeasonRecord = Row<"seasons">;
export type OrganiserRecord = Row<"groupOrganisers">;
export type InstallationRecord = Row<"installations">;

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function toGroup(g: GroupRecord): GroupRow {
  let scoring: ScoringSettings = DEFAULT_SCORING;
  try {
    scoring = { ...DEFAULT_SCORING, ...(JSON.parse(g.scoring) as Partial<ScoringSettings>) };
  } catch {
    // a hand-edited row: fall back to the defaults rather than refuse every answer
  }
  return { id: g.id, platform: g.platform, externalId: g.externalId, locale: g.locale === "ko" || g.locale === "en" ? g.locale : null, timezone: g.timezone, scoring };
}

export function toMember(m: MemberRecord): MemberRow {
  return { id: m.id, groupId: m.groupId, userId: m.userId, displayName: m.displayName, locale: m.locale };
}

export function toSchedule(s: ScheduleRecord): ScheduleRow {
  return {
    id: s.id,
    groupId: s.groupId,
    channelId: s.channelId,
    name: s.name,
    time: s.time,
    weekdays: s.weekdays.split(",").filter(Boolean).map(Number),
    timezone: s.timezone,
    topics: JSON.parse(s.topics) as string[],
    revealAfterMinutes: s.revealAfterMinutes,
    instantFeedback: s.instantFeedback,
    pick: pickMode(s.pick),
    paused: s.paused,
    active: s.active,
    lastRunDate: s.lastRunDate,
    lastRunAt: date(s.lastRunAt),
    updatedAt: new Date(s.updatedAt),
    digest: s.digestWeekday === null ? null : { weekday: s.digestWeekday, time: s.digestTime },
    reminderMinutes: s.reminderMinutes,
    reminderMention: s.reminderMention,
    thread: s.thread,
    pause: isDeliveryKind(s.pauseReason) ? { kind: s.pauseReason, detail: s.pauseDetail, at: new Date(s.pausedAt ?? s.updatedAt) } : null,
  };
}

export function scheduleRecord(groupId: number, channelId: string, name: string, f: ScheduleFields, opts: { paused?: boolean; at: Date }): NewScheduleRecord {
  const digest = f.digest === undefined ? DEFAULT_SCHEDULE_EXTRAS.digest : f.digest;
  return {
    groupId,
    channelId,
    name,
    time: f.time,
    weekdays: f.weekdays.join(","),
    timezone: f.timezone,
    topics: JSON.stringify(f.topics),
    revealAfterMinutes: f.revealAfterMinutes,
    instantFeedback: f.instantFeedback,
    pick: f.pick ?? "adaptive",
    paused: opts.paused ?? false,
    active: true,
    updatedAt: opts.at.getTime(),
    digestWeekday: digest?.weekday ?? null,
    digestTime: digest?.time ?? DEFAULT_SCHEDULE_EXTRAS.digest!.time,
    reminderMinutes: f.reminderMinutes ?? DEFAULT_SCHEDULE_EXTRAS.reminderMinutes,
    reminderMention: f.reminderMention ?? DEFAULT_SCHEDULE_EXTRAS.reminderMention,
    thread: f.thread ?? DEFAULT_SCHEDULE_EXTRAS.thread,
    // an organiser's change (a new schedule, pause or resume) ends a pause the bot made
    pauseReason: null,
    pauseDetail: null,
    pausedAt: null,
    pauseNoticed: true,
  };
}

const lastError = (v: string | null): DeliveryKind | null => (isDeliveryKind(v) ? v : null);
const revealState = (v: string | null): RevealState | null => (v === "pending" || v === "done" || v === "failed" ? v : null);

export function toDelivery(r: RoundRecord): DeliveryState {
  const post = r.postState === "posted" || r.postState === "failed" ? r.postState : "pending";
  return { post, reveal: revealState(r.revealState), attempts: r.deliveryAttempts, nextAttemptAt: date(r.nextAttemptAt), lastError: lastError(r.lastError) };
}

export function toRound(r: RoundRecord): RoundRow {
  return {
    id: r.id,
    groupId: r.groupId,
    scheduleId: r.scheduleId,
    channelId: r.channelId,
    questionId: r.questionId,
    questionHash: r.questionHash,
    topic: r.topic,
    correctIndex: r.correctIndex,
    choiceCount: r.choiceCount,
    localDate: r.localDate,
    openedAt: new Date(r.openedAt),
    revealAt: new Date(r.revealAt),
    revealedAt: date(r.revealedAt),
    instantFeedback: r.instantFeedback,
    seasonId: r.seasonId,
    message: r.messageId === null || r.messageChannelId === null ? null : { channelId: r.messageChannelId, messageId: r.messageId },
    delivery: toDelivery(r),
  };
}

export function roundRecord(r: NewRound): NewRoundRecord {
  return {
    groupId: r.groupId,
    scheduleId: r.scheduleId,
    channelId: r.channelId,
    questionId: r.questionId,
    questionHash: r.questionHash,
    topic: r.topic,
    correctIndex: r.correctIndex,
    choiceCount: r.choiceCount,
    localDate: r.localDate,
    openedAt: r.openedAt.getTime(),
    revealAt: r.revealAt.getTime(),
    instantFeedback: r.instantFeedback,
    seasonId: r.seasonId ?? null,
    postState: "pending",
    // the claiming process posts it; another may take over only once this has passed
    nextAttemptAt: (r.leaseUntil ?? new Date(r.openedAt.getTime() + DELIVERY_LEASE_MS)).getTime(),
  };
}

export function toPractice(p: PracticeRecord): PracticeRow {
  return { ...p, openedAt: new Date(p.openedAt), answeredAt: date(p.answeredAt) };
}

/** a hand-edited or unknown value reads as the default */
function pickMode(value: string): PickMode {
  return (PICK_MODES as readonly string[]).includes(value) ? (value as PickMode) : "adaptive";
}

export function toReviewCard(r: ReviewCardRecord): ReviewCard {
  return {
    memberId: r.memberId,
    questionId: r.questionId,
    due: new Date(r.dueAt),
    stability: r.stability,
    difficulty: r.difficulty,
    state: r.state,
    reps: r.reps,
    lapses: r.lapses,
    learningSteps: r.learningSteps,
    scheduledDays: r.scheduledDays,
    lastReview: date(r.lastReviewAt),
  };
}

export function reviewCardRecord(memberId: number, questionId: string, c: CardState): ReviewCardRecord {
  return {
    memberId,
    questionId,
    dueAt: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    state: c.state,
    reps: c.reps,
    lapses: c.lapses,
    learningSteps: c.learningSteps,
    scheduledDays: c.scheduledDays,
    lastReviewAt: c.lastReview ? c.lastReview.getTime() : null,
  };
}

export function toGroupQuestion(q: GroupQuestionRecord): GroupQuestionRow {
  return { groupId: q.groupId, questionId: q.questionId, content: JSON.parse(q.content) as QuestionContent, hash: q.hash, file: q.file, line: q.line, importedAt: new Date(q.importedAt) };
}

export function groupQuestionRecord(groupId: number, q: NewGroupQuestion, at: Date): NewGroupQuestionRecord {
  return { groupId, questionId: q.questionId, topic: q.content.topic, content: JSON.stringify(q.content), hash: q.hash, file: q.file, line: q.line, importedAt: at.getTime() };
}

export function toSeason(s: SeasonRecord): SeasonRow {
  return { id: s.id, groupId: s.groupId, name: s.name, startedAt: new Date(s.startedAt), endedAt: date(s.endedAt) };
}

export function toOrganiser(o: OrganiserRecord): OrganiserRow {
  return { groupId: o.groupId, kind: o.kind === "role" ? "role" : "member", ref: o.ref, addedAt: new Date(o.addedAt) };
}

export function toInstallation(i: InstallationRecord): InstallationRow {
  return { platform: i.platform, key: i.installKey, sealed: i.sealed, installedAt: new Date(i.installedAt) };
}

export function installationRecord(i: InstallationRow): InstallationRecord {
  return { platform: i.platform, installKey: i.key, sealed: i.sealed, installedAt: i.installedAt.getTime() };
}
