// Organiser commands: subcommands of /studybot, refused politely to members (each platform applies its own
// organiser rule before running them).
import { digestLines } from "../digest/text.js";
import { SCORING_OPTIONS, type ScoringSettings } from "../rounds/scoring.js";
import type { PickMode } from "../store/rows.js";
import { PERIOD_CHOICES, SEASON_CHOICE } from "./member.js";
import type { ChoiceSpec, OptionSpec, Options } from "./options.js";
import { defineCommand } from "./spec.js";

export const ORGANISER_GROUP = "studybot";

export const LANGUAGE_CHOICES = [
  { value: "ko", label: "choice.ko", aliases: ["korean", "한국어", "한글"] },
  { value: "en", label: "choice.en", aliases: ["english", "영어"] },
  { value: "auto", label: "choice.auto", aliases: ["member", "members", "각자", "멤버별"] },
] as const satisfies readonly ChoiceSpec[];

export const PICK_CHOICES = [
  { value: "adaptive", label: "choice.adaptive", aliases: ["adapt", "smart", "적응형", "적응"] },
  { value: "random", label: "choice.random", aliases: ["rand", "무작위", "랜덤"] },
] as const satisfies readonly ChoiceSpec<PickMode>[];

const channel = { kind: "channel", description: "opt.channel" } as const satisfies OptionSpec;
/** the weekly digest, reveal reminder and discussion thread (read by src/core/digest/settings.ts) */
const scheduleExtraOptions = {
  digest: { kind: "text", description: "opt.digest", maxLength: 40 },
  reminder: { kind: "word", description: "opt.reminder", maxLength: 8 },
  "reminder-mention": { kind: "text", description: "opt.reminder-mention", maxLength: 100, aliases: ["mention"] },
  thread: { kind: "boolean", description: "opt.thread", aliases: ["threads"] },
} as const satisfies Record<string, OptionSpec>;
const name = { kind: "word", description: "opt.name", maxLength: 32 } as const satisfies OptionSpec;

export const schedule = defineCommand({
  name: "schedule",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.schedule",
  organiser: true,
  reply: "private",
  example: "09:00 mon-fri Asia/Seoul topics=lambda,s3 reveal=60",
  options: {
    time: { kind: "time", description: "opt.time", required: true, positional: true },
    days: { kind: "weekdays", description: "opt.days", positional: true, aliases: ["weekdays"] },
    timezone: { kind: "timezone", description: "opt.timezone", positional: true, aliases: ["tz"] },
    topics: { kind: "topics", description: "opt.topics", aliases: ["topic"] },
    reveal: { kind: "integer", description: "opt.reveal", min: 1, max: 1440 },
    instant: { kind: "boolean", description: "opt.instant" },
    pick: { kind: "choice", description: "opt.pick", choices: PICK_CHOICES },
    name,
    channel,
    ...scheduleExtraOptions,
  },
  async run({ bot, actor, channelId }, a) {
    const view = await bot.schedule(actor, a.channel ?? channelId, a.name, {
      time: a.time,
      ...(a.days ? { weekdays: a.days } : {}),
      ...(a.timezone ? { timezone: a.timezone } : {}),
      ...(a.topics ? { topics: a.topics } : {}),
      ...(a.reveal !== undefined ? { revealAfterMinutes: a.reveal } : {}),
      ...(a.instant !== undefined ? { instantFeedback: a.instant } : {}),
      ...(a.digest !== undefined ? { digest: a.digest } : {}),
      ...(a.reminder !== undefined ? { reminder: a.reminder } : {}),
      ...(a["reminder-mention"] !== undefined ? { reminderMention: a["reminder-mention"] } : {}),
      ...(a.thread !== undefined ? { thread: a.thread } : {}),
      ...(a.pick !== undefined ? { pick: a.pick } : {}),
    });
    return { kind: "scheduled", view };
  },
});

export const unschedule = defineCommand({
  name: "unschedule",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.unschedule",
  organiser: true,
  reply: "private",
  options: { name, channel },
  async run({ bot, actor, channelId }, a) {
    const where = a.channel ?? channelId;
    const done = await bot.unschedule(actor, where, a.name);
    return { kind: "unscheduled", channelId: where, name: done.name, removed: done.removed };
  },
});

export const pause = defineCommand({
  name: "pause",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.pause",
  organiser: true,
  reply: "private",
  options: { name, channel },
  async run({ bot, actor, channelId }, a) {
    return { kind: "paused", view: await bot.setPaused(actor, a.channel ?? channelId, a.name, true) };
  },
});

export const resume = defineCommand({
  name: "resume",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.resume",
  organiser: true,
  reply: "private",
  options: { name, channel },
  async run({ bot, actor, channelId }, a) {
    return { kind: "paused", view: await bot.setPaused(actor, a.channel ?? channelId, a.name, false) };
  },
});

export const status = defineCommand({
  name: "status",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.status",
  organiser: true,
  reply: "private",
  options: {},
  async run({ bot, actor }) {
    return { kind: "status", status: await bot.status(actor) };
  },
});

export const postNow = defineCommand({
  name: "post-now",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.post-now",
  organiser: true,
  reply: "private",
  options: {
    force: { kind: "boolean", description: "opt.force", positional: true },
    name,
    channel,
  },
  async run({ bot, actor, channelId }, a) {
    const where = a.channel ?? channelId;
    const { pending, ...card } = await bot.postNow(actor, where, { name: a.name, force: a.force ?? false });
    return { kind: "posted", channelId: where, card, ...(pending ? { pending } : {}) };
  },
});

export const revealNow = defineCommand({
  name: "reveal-now",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.reveal-now",
  organiser: true,
  reply: "private",
  options: { name, channel },
  async run({ bot, actor, channelId }, a) {
    const where = a.channel ?? channelId;
    return { kind: "revealed", channelId: where, card: await bot.revealNow(actor, where, a.name) };
  },
});

const scoring = {
  points: { kind: "integer", description: "opt.points", ...SCORING_OPTIONS.points },
  "fast-bonus": { kind: "integer", description: "opt.fast-bonus", ...SCORING_OPTIONS["fast-bonus"] },
  "fast-count": { kind: "integer", description: "opt.fast-count", ...SCORING_OPTIONS["fast-count"] },
  "streak-every": { kind: "integer", description: "opt.streak-every", ...SCORING_OPTIONS["streak-every"] },
  "streak-bonus": { kind: "integer", description: "opt.streak-bonus", ...SCORING_OPTIONS["streak-bonus"] },
} as const satisfies Record<keyof typeof SCORING_OPTIONS, OptionSpec>;

export const config = defineCommand({
  name: "config",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.config",
  organiser: true,
  reply: "private",
  example: "language=ko timezone=Asia/Seoul points=10",
  options: {
    language: { kind: "choice", description: "opt.language", choices: LANGUAGE_CHOICES, aliases: ["lang", "locale"] },
    timezone: { kind: "timezone", description: "opt.timezone", aliases: ["tz"] },
    ...scoring,
  },
  async run({ bot, actor }, a) {
    const points: Partial<ScoringSettings> = {};
    for (const [option, spec] of Object.entries(SCORING_OPTIONS) as Array<[keyof typeof SCORING_OPTIONS, (typeof SCORING_OPTIONS)[keyof typeof SCORING_OPTIONS]]>) {
      const v = a[option];
      if (v !== undefined) points[spec.key] = v;
    }
    const changed = a.language !== undefined || a.timezone !== undefined || Object.keys(points).length > 0;
    const settings = changed
      ? await bot.configure(actor, {
          ...(a.language !== undefined ? { locale: a.language === "auto" ? null : a.language } : {}),
          ...(a.timezone !== undefined ? { timezone: a.timezone } : {}),
          ...(Object.keys(points).length ? { scoring: points } : {}),
        })
      : (await bot.status(actor)).settings;
    return { kind: "settings", settings, changed };
  },
});

export const questionsDraft = defineCommand({
  name: "draft",
  group: ORGANISER_GROUP,
  subgroup: "questions",
  description: "cmd.studybot.questions.draft",
  organiser: true,
  reply: "private",
  example: "os.md limit=20",
  options: {
    note: { kind: "note", description: "opt.note", required: true, positional: true },
    limit: { kind: "integer", description: "opt.limit", min: 1, max: 200 },
    topic: { kind: "word", description: "opt.draft_topic", maxLength: 64 },
  },
  async run({ bot }, a) {
    const d = bot.draftQuestions(a.note, { limit: a.limit, topic: a.topic });
    const name = `drafts-${d.file.split("/").at(-1)!.replace(/\.(md|markdown|txt)$/i, "")}.yaml`;
    return {
      kind: "file",
      file: { name, mime: "application/yaml", data: new TextEncoder().encode(d.yaml) },
      message: { key: "drafts.done", params: { count: d.drafted, note: d.file, skipped: d.skipped, name } },
      audience: "caller",
      category: "drafts",
    };
  },
});

// ---------------------------------------------------------------- organiser tools

export const FORMAT_CHOICES = [
  { value: "yaml", label: "choice.yaml", aliases: ["yml"] },
  { value: "csv", label: "choice.csv" },
] as const satisfies readonly ChoiceSpec[];

export const EXPORT_CHOICES = [
  { value: "answers", label: "choice.answers", aliases: ["답변", "answer"] },
  { value: "leaderboard", label: "choice.leaderboard", aliases: ["board", "순위", "ranking"] },
  { value: "questions", label: "choice.questions", aliases: ["문제", "question"] },
] as const satisfies readonly ChoiceSpec[];

const season = { kind: "word", description: "opt.season_name", maxLength: 32 } as const satisfies OptionSpec;

export const questionsImport = defineCommand({
  name: "import",
  group: ORGANISER_GROUP,
  subgroup: "questions",
  description: "cmd.studybot.questions.import",
  organiser: true,
  reply: "private",
  example: "questions.csv",
  options: { file: { kind: "attachment", description: "opt.file", required: true, positional: true } },
  async run({ bot, actor }, a) {
    return { kind: "imported", outcome: await bot.importQuestions(actor, a.file) };
  },
});

export const questionsList = defineCommand({
  name: "list",
  group: ORGANISER_GROUP,
  subgroup: "questions",
  description: "cmd.studybot.questions.list",
  organiser: true,
  reply: "private",
  options: {},
  async run({ bot, actor }) {
    return { kind: "groupQuestions", list: await bot.listQuestions(actor) };
  },
});

export const questionsRemove = defineCommand({
  name: "remove",
  group: ORGANISER_GROUP,
  subgroup: "questions",
  description: "cmd.studybot.questions.remove",
  organiser: true,
  reply: "private",
  example: "our-first-question",
  options: { id: { kind: "word", description: "opt.question_id", required: true, positional: true, maxLength: 80 } },
  async run({ bot, actor }, a) {
    const done = await bot.removeQuestion(actor, a.id);
    return { kind: "questionRemoved", id: done.id };
  },
});

export const questionsTemplate = defineCommand({
  name: "template",
  group: ORGANISER_GROUP,
  subgroup: "questions",
  description: "cmd.studybot.questions.template",
  organiser: true,
  reply: "private",
  example: "csv",
  options: { format: { kind: "choice", description: "opt.format", positional: true, choices: FORMAT_CHOICES } },
  async run({ bot }, a) {
    const format = a.format ?? "yaml";
    return {
      kind: "file",
      file: bot.questionsTemplate(format),
      message: { key: "questions.template", params: { other: format === "csv" ? "yaml" : "csv" } },
      audience: "caller",
      category: "exports",
    };
  },
});

export const digestNow = defineCommand({
  name: "digest-now",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.digest-now",
  organiser: true,
  reply: "private",
  options: { channel },
  async run({ bot, actor, channelId }, a) {
    const where = a.channel ?? channelId;
    const { digest, chart } = await bot.digestNow(actor, where);
    return {
      kind: "file",
      file: chart,
      message: { key: "digest.preview", params: { summary: digestLines(digest, { title: "digest.preview_title" }).join("\n") } },
      audience: "caller",
      category: "digests",
    };
  },
});

export const exportData = defineCommand({
  name: "export",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.export",
  organiser: true,
  reply: "private",
  example: "leaderboard month",
  options: {
    what: { kind: "choice", description: "opt.export_what", required: true, positional: true, choices: EXPORT_CHOICES },
    period: { kind: "choice", description: "opt.export_period", positional: true, choices: [...PERIOD_CHOICES, SEASON_CHOICE] },
    season: { ...season, positional: true, positionalAfter: { option: "period", value: "season" } },
  },
  async run({ bot, actor }, a) {
    const { file, rows } = await bot.exportFile(actor, a.what, a.period ?? (a.season !== undefined ? "season" : "all"), a.season);
    return { kind: "file", file, message: { key: "export.done", params: { rows, name: file.name } }, audience: "caller", category: "exports" };
  },
});

export const seasonStart = defineCommand({
  name: "start",
  group: ORGANISER_GROUP,
  subgroup: "season",
  description: "cmd.studybot.season.start",
  organiser: true,
  reply: "private",
  example: "2026-spring",
  options: { name: { ...season, required: true, positional: true } },
  async run({ bot, actor }, a) {
    return { kind: "seasonStarted", change: await bot.startSeason(actor, a.name) };
  },
});

const organiserTarget = {
  member: { kind: "member", description: "opt.organiser_member", positional: true },
  role: { kind: "role", description: "opt.organiser_role" },
} as const satisfies Options;

export const organisersAdd = defineCommand({
  name: "add",
  group: ORGANISER_GROUP,
  subgroup: "organisers",
  description: "cmd.studybot.organisers.add",
  organiser: true,
  reply: "private",
  example: "@member",
  options: organiserTarget,
  async run({ bot, actor }, a) {
    return { kind: "organisers", list: await bot.organisers(actor, "add", { member: a.member, role: a.role }) };
  },
});

export const organisersRemove = defineCommand({
  name: "remove",
  group: ORGANISER_GROUP,
  subgroup: "organisers",
  description: "cmd.studybot.organisers.remove",
  organiser: true,
  reply: "private",
  example: "@member",
  options: organiserTarget,
  async run({ bot, actor }, a) {
    return { kind: "organisers", list: await bot.organisers(actor, "remove", { member: a.member, role: a.role }) };
  },
});

export const organisersList = defineCommand({
  name: "list",
  group: ORGANISER_GROUP,
  subgroup: "organisers",
  description: "cmd.studybot.organisers.list",
  organiser: true,
  reply: "private",
  options: {},
  async run({ bot, actor }) {
    return { kind: "organisers", list: await bot.organisers(actor, "list") };
  },
});

export const next = defineCommand({
  name: "next",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.next",
  organiser: true,
  reply: "private",
  options: { name, channel },
  async run({ bot, actor, channelId }, a) {
    return { kind: "nextQuestion", preview: await bot.nextQuestion(actor, a.channel ?? channelId, a.name, false) };
  },
});

export const skip = defineCommand({
  name: "skip",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.skip",
  organiser: true,
  reply: "private",
  options: { name, channel },
  async run({ bot, actor, channelId }, a) {
    return { kind: "nextQuestion", preview: await bot.nextQuestion(actor, a.channel ?? channelId, a.name, true) };
  },
});

export const forget = defineCommand({
  name: "forget",
  group: ORGANISER_GROUP,
  description: "cmd.studybot.forget",
  organiser: true,
  reply: "private",
  example: "@member",
  options: { member: { kind: "member", description: "opt.forget_member", required: true, positional: true } },
  async run({ bot, actor }, a) {
    return { kind: "forgotten", outcome: await bot.forget(actor, a.member) };
  },
});

export const ORGANISER_COMMANDS = [
  schedule,
  unschedule,
  pause,
  resume,
  status,
  postNow,
  revealNow,
  config,
  questionsDraft,
  questionsImport,
  questionsList,
  questionsRemove,
  questionsTemplate,
  digestNow,
  exportData,
  seasonStart,
  organisersAdd,
  organisersRemove,
  organisersList,
  next,
  skip,
  forget,
] as const;
