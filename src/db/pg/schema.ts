// The PostgreSQL schema (drizzle pg-core): the same tables, columns, keys and indexes as ../sqlite/schema.ts,
// which explains each of them; test/db/schema.test.ts compares the two, and the store's code only compiles while
// both infer the same row types. Only the column types differ, where PostgreSQL's own types keep those rows:
// - times are milliseconds since the epoch as in SQLite, in bigint (they overflow a 4-byte integer), read back as
//   numbers (`mode: "number"` is exact up to 2^53 ms, far beyond any date the bot stores);
// - flags are boolean (SQLite stores 0/1 and drizzle reads them as booleans there);
// - generated ids are identity columns (SQLite's integer primary keys), "by default" so a restore can keep ids.
import { sql } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";

const ms = (name: string) => bigint(name, { mode: "number" });
const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

export const groups = pgTable(
  "groups",
  {
    id: id(),
    platform: text("platform").notNull(),
    externalId: text("external_id").notNull(),
    locale: text("locale"),
    timezone: text("timezone").notNull(),
    scoring: text("scoring").notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [uniqueIndex("groups_platform_external_uq").on(t.platform, t.externalId)],
);

export const members = pgTable(
  "members",
  {
    id: id(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    displayName: text("display_name").notNull(),
    locale: text("locale"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [uniqueIndex("members_group_user_uq").on(t.groupId, t.userId)],
);

export const schedules = pgTable(
  "schedules",
  {
    id: id(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull(),
    name: text("name").notNull().default("daily"),
    time: text("time").notNull(),
    weekdays: text("weekdays").notNull(),
    timezone: text("timezone").notNull(),
    topics: text("topics").notNull().default("[]"),
    revealAfterMinutes: integer("reveal_after_minutes").notNull(),
    instantFeedback: boolean("instant_feedback").notNull().default(false),
    pick: text("pick").notNull().default("adaptive"),
    paused: boolean("paused").notNull().default(false),
    active: boolean("active").notNull().default(true),
    lastRunDate: text("last_run_date"),
    lastRunAt: ms("last_run_at"),
    updatedAt: ms("updated_at").notNull(),
    digestWeekday: integer("digest_weekday").default(0),
    digestTime: text("digest_time").notNull().default("20:00"),
    reminderMinutes: integer("reminder_minutes"),
    reminderMention: text("reminder_mention"),
    thread: boolean("thread").notNull().default(false),
    pauseReason: text("pause_reason"),
    pauseDetail: text("pause_detail"),
    pausedAt: ms("paused_at"),
    pauseNoticed: boolean("pause_noticed").notNull().default(true),
  },
  (t) => [uniqueIndex("schedules_group_channel_name_uq").on(t.groupId, t.channelId, t.name)],
);

export const rounds = pgTable(
  "rounds",
  {
    id: id(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    scheduleId: integer("schedule_id").references(() => schedules.id),
    channelId: text("channel_id").notNull(),
    questionId: text("question_id").notNull(),
    questionHash: text("question_hash").notNull(),
    topic: text("topic").notNull(),
    correctIndex: integer("correct_index").notNull(),
    choiceCount: integer("choice_count").notNull(),
    localDate: text("local_date"),
    openedAt: ms("opened_at").notNull(),
    revealAt: ms("reveal_at").notNull(),
    revealedAt: ms("revealed_at"),
    instantFeedback: boolean("instant_feedback").notNull().default(false),
    fastAwarded: integer("fast_awarded").notNull().default(0),
    messageChannelId: text("message_channel_id"),
    messageId: text("message_id"),
    seasonId: integer("season_id").references(() => seasons.id),
    postState: text("post_state").notNull().default("pending"),
    revealState: text("reveal_state"),
    deliveryAttempts: integer("delivery_attempts").notNull().default(0),
    nextAttemptAt: ms("next_attempt_at"),
    lastError: text("last_error"),
  },
  (t) => [
    // PostgreSQL, like SQLite, treats NULLs as distinct here: rounds posted on demand never collide.
    uniqueIndex("rounds_schedule_day_uq").on(t.scheduleId, t.localDate),
    index("rounds_due_idx").on(t.revealedAt, t.revealAt),
    index("rounds_group_open_idx").on(t.groupId, t.revealedAt, t.channelId),
    index("rounds_channel_idx").on(t.groupId, t.channelId, t.id),
    index("rounds_delivery_idx").on(t.nextAttemptAt),
  ],
);

export const answers = pgTable(
  "answers",
  {
    id: id(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    memberId: integer("member_id").references(() => members.id, { onDelete: "set null" }),
    groupId: integer("group_id").notNull(),
    topic: text("topic").notNull(),
    choice: integer("choice").notNull(),
    correct: boolean("correct").notNull(),
    points: integer("points").notNull(),
    streak: integer("streak").notNull().default(0),
    answeredAt: ms("answered_at").notNull(),
    weekKey: text("week_key").notNull(),
    monthKey: text("month_key").notNull(),
  },
  (t) => [uniqueIndex("answers_round_member_uq").on(t.roundId, t.memberId)],
);

export const scores = pgTable(
  "scores",
  {
    groupId: integer("group_id").notNull(),
    period: text("period").notNull(),
    topic: text("topic").notNull(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    points: integer("points").notNull().default(0),
    answered: integer("answered").notNull().default(0),
    correct: integer("correct").notNull().default(0),
    bestStreak: integer("best_streak").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.period, t.topic, t.memberId] }),
    index("scores_rank_idx").on(t.groupId, t.period, t.topic, sql`${t.points} desc`, sql`${t.correct} desc`, t.memberId),
    index("scores_member_idx").on(t.memberId, t.period),
  ],
);

export const practiceRounds = pgTable(
  "practice_rounds",
  {
    id: id(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    questionHash: text("question_hash").notNull(),
    topic: text("topic").notNull(),
    correctIndex: integer("correct_index").notNull(),
    choiceCount: integer("choice_count").notNull(),
    openedAt: ms("opened_at").notNull(),
    answeredAt: ms("answered_at"),
    choice: integer("choice"),
  },
  (t) => [index("practice_member_idx").on(t.memberId, t.openedAt)],
);

export const reviewCards = pgTable(
  "review_cards",
  {
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    dueAt: ms("due_at").notNull(),
    stability: doublePrecision("stability").notNull(),
    difficulty: doublePrecision("difficulty").notNull(),
    state: integer("state").notNull(),
    reps: integer("reps").notNull(),
    lapses: integer("lapses").notNull(),
    learningSteps: integer("learning_steps").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    lastReviewAt: ms("last_review_at"),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.questionId] }), index("review_cards_due_idx").on(t.memberId, t.dueAt)],
);

export const groupQuestions = pgTable(
  "group_questions",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    topic: text("topic").notNull(),
    content: text("content").notNull(),
    hash: text("hash").notNull(),
    file: text("file").notNull(),
    line: integer("line").notNull(),
    importedAt: ms("imported_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.questionId] })],
);

export const seasons = pgTable(
  "seasons",
  {
    id: id(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    startedAt: ms("started_at").notNull(),
    endedAt: ms("ended_at"),
  },
  (t) => [uniqueIndex("seasons_group_name_uq").on(t.groupId, t.name), uniqueIndex("seasons_group_open_uq").on(t.groupId).where(sql`ended_at IS NULL`)],
);

export const groupOrganisers = pgTable(
  "group_organisers",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    ref: text("ref").notNull(),
    addedAt: ms("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.kind, t.ref] })],
);

export const nextQuestions = pgTable(
  "next_questions",
  {
    scheduleId: integer("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    pickedAt: ms("picked_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheduleId] })],
);

export const reviewLog = pgTable(
  "review_log",
  {
    id: id(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    source: text("source").notNull(),
    sourceId: integer("source_id").notNull(),
    rating: integer("rating").notNull(),
    state: integer("state").notNull(),
    stability: doublePrecision("stability").notNull(),
    difficulty: doublePrecision("difficulty").notNull(),
    elapsedDays: doublePrecision("elapsed_days").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    reviewedAt: ms("reviewed_at").notNull(),
  },
  (t) => [uniqueIndex("review_log_source_uq").on(t.memberId, t.source, t.sourceId), index("review_log_member_idx").on(t.memberId, t.reviewedAt)],
);

export const reviewReminders = pgTable(
  "review_reminders",
  {
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    time: text("time").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId] })],
);

export const reviewReminderSends = pgTable(
  "review_reminder_sends",
  {
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    localDate: text("local_date").notNull(),
    sentAt: ms("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.localDate] })],
);

export const digests = pgTable(
  "digests",
  {
    id: id(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull(),
    weekKey: text("week_key").notNull(),
    claimedAt: ms("claimed_at").notNull(),
    postedAt: ms("posted_at"),
    messageChannelId: text("message_channel_id"),
    messageId: text("message_id"),
  },
  (t) => [uniqueIndex("digests_group_channel_week_uq").on(t.groupId, t.channelId, t.weekKey)],
);

export const roundReminders = pgTable(
  "round_reminders",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    claimedAt: ms("claimed_at").notNull(),
    sentAt: ms("sent_at"),
  },
  (t) => [primaryKey({ columns: [t.roundId] })],
);

export const roundThreads = pgTable(
  "round_threads",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    threadId: text("thread_id").notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId] })],
);

export const healthChecks = pgTable("health_checks", {
  id: integer("id").primaryKey().default(1),
  checkedAt: ms("checked_at").notNull(),
});

/** An app installed in a workspace by OAuth (Slack, many workspaces): sealed (encrypted) by the platform. */
export const installations = pgTable(
  "installations",
  {
    platform: text("platform").notNull(),
    installKey: text("install_key").notNull(),
    sealed: text("sealed").notNull(),
    installedAt: ms("installed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.installKey] })],
);
