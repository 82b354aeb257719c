// The SQLite schema (drizzle sqlite-core). Its twin for PostgreSQL is ../pg/schema.ts: the two declare the same
// tables, columns, keys and indexes, and infer the same row types (test/db/schema.test.ts compares them). A change
// goes into both, then `npm run db:generate` writes each dialect's migration (migrations/sqlite, migrations/pg),
// committed with it; `npm test` fails when a schema changed without its migration.
//
// Times are integer milliseconds since the epoch. Every exactly-once rule is a unique index here:
// one group per (platform, external id), one member per (group, user), one schedule per (group, channel, name),
// one scheduled round per (schedule, local date), one answer per (round, member).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const groups = sqliteTable(
  "groups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").notNull(),
    externalId: text("external_id").notNull(),
    /** "ko" | "en"; null = follow each member's locale, else DEFAULT_LOCALE */
    locale: text("locale"),
    timezone: text("timezone").notNull(),
    /** JSON ScoringSettings */
    scoring: text("scoring").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("groups_platform_external_uq").on(t.platform, t.externalId)],
);

export const members = sqliteTable(
  "members",
  {
    // no AUTOINCREMENT (one page less per new member's first answer); a member row goes only with its group
    id: integer("id").primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    displayName: text("display_name").notNull(),
    locale: text("locale"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("members_group_user_uq").on(t.groupId, t.userId)],
);

export const schedules = sqliteTable(
  "schedules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull(),
    /** unique within the channel; "daily" unless the organiser names it */
    name: text("name").notNull().default("daily"),
    /** "HH:MM" local to `timezone` */
    time: text("time").notNull(),
    /** comma-separated 0..6 (0 = Sunday) */
    weekdays: text("weekdays").notNull(),
    timezone: text("timezone").notNull(),
    /** JSON string[]; [] = all topics */
    topics: text("topics").notNull().default("[]"),
    revealAfterMinutes: integer("reveal_after_minutes").notNull(),
    instantFeedback: integer("instant_feedback", { mode: "boolean" }).notNull().default(false),
    /** how the daily question is chosen: "adaptive" (unseen and weak topics first) or "random" */
    pick: text("pick").notNull().default("adaptive"),
    paused: integer("paused", { mode: "boolean" }).notNull().default(false),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    lastRunDate: text("last_run_date"),
    lastRunAt: integer("last_run_at"),
    updatedAt: integer("updated_at").notNull(),
    /** the weekly digest's weekday (0 = Sunday) in `timezone`; null = no digest */
    digestWeekday: integer("digest_weekday").default(0),
    /** "HH:MM" of the weekly digest */
    digestTime: text("digest_time").notNull().default("20:00"),
    /** minutes before the reveal when the card shows how long is left; null = no reminder */
    reminderMinutes: integer("reminder_minutes"),
    /** who the reminder mentions, as the platform writes it ("<@&123>", "<!subteam^S1>"); null = nobody */
    reminderMention: text("reminder_mention"),
    /** a discussion thread on each card */
    thread: integer("thread", { mode: "boolean" }).notNull().default(false),
    /** why the bot paused it itself (a delivery failure: "permission", "channel_gone", "uninstalled"); null otherwise */
    pauseReason: text("pause_reason"),
    /** what the platform named with it (e.g. the missing permissions), for the organisers */
    pauseDetail: text("pause_detail"),
    pausedAt: integer("paused_at"),
    /** false until the group's organisers were told of a pause the bot made (their next command says it once) */
    pauseNoticed: integer("pause_noticed", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [uniqueIndex("schedules_group_channel_name_uq").on(t.groupId, t.channelId, t.name)],
);

export const rounds = sqliteTable(
  "rounds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    /** the schedule whose topics and reveal delay the round uses; null for a round of no schedule */
    scheduleId: integer("schedule_id").references(() => schedules.id),
    channelId: text("channel_id").notNull(),
    questionId: text("question_id").notNull(),
    /** content hash of the question when it was asked */
    questionHash: text("question_hash").notNull(),
    topic: text("topic").notNull(),
    correctIndex: integer("correct_index").notNull(),
    choiceCount: integer("choice_count").notNull(),
    /** the day key of a scheduled round ("YYYY-MM-DD" in the schedule's time zone); null when posted on demand */
    localDate: text("local_date"),
    openedAt: integer("opened_at").notNull(),
    revealAt: integer("reveal_at").notNull(),
    revealedAt: integer("revealed_at"),
    instantFeedback: integer("instant_feedback", { mode: "boolean" }).notNull().default(false),
    /** fast-answer bonuses handed out so far (counts only up to the group's fastBonusCount) */
    fastAwarded: integer("fast_awarded").notNull().default(0),
    messageChannelId: text("message_channel_id"),
    messageId: text("message_id"),
    /** the group's season when the round was opened: its answers count on that season's board */
    seasonId: integer("season_id").references(() => seasons.id),
    /**
     * Delivery is a state, not fire-and-forget: the card is "pending" until the platform confirmed the post
     * ("posted"), or "failed" for good (the round is then closed without a card); the reveal is null until the
     * round closes, then "pending" until the edit is confirmed ("done") or given up ("failed").
     */
    postState: text("post_state").notNull().default("pending"),
    revealState: text("reveal_state"),
    /** tries of the pending step so far, when the next may start (also a lease on a try in progress), last failure kind */
    deliveryAttempts: integer("delivery_attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    lastError: text("last_error"),
  },
  (t) => [
    // One scheduled round per schedule and local day: a double fire, a restart or a second process loses here.
    uniqueIndex("rounds_schedule_day_uq").on(t.scheduleId, t.localDate),
    index("rounds_due_idx").on(t.revealedAt, t.revealAt),
    index("rounds_group_open_idx").on(t.groupId, t.revealedAt, t.channelId),
    index("rounds_channel_idx").on(t.groupId, t.channelId, t.id),
    // null unless a post or reveal is pending: the sweep reads only the rounds it has to try again
    index("rounds_delivery_idx").on(t.nextAttemptAt),
  ],
);

export const answers = sqliteTable(
  "answers",
  {
    // no AUTOINCREMENT: it would rewrite sqlite_sequence on every answer (one more page per commit);
    // answers are never deleted on their own, so rowids only grow
    id: integer("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    /** null once the member asked to be forgotten: the round's counts keep the answer, nobody's name is on it */
    memberId: integer("member_id").references(() => members.id, { onDelete: "set null" }),
    groupId: integer("group_id").notNull(),
    topic: text("topic").notNull(),
    choice: integer("choice").notNull(),
    correct: integer("correct", { mode: "boolean" }).notNull(),
    points: integer("points").notNull(),
    /** the member's streak in the channel after this answer (scheduled rounds; 0 when wrong or ad hoc) */
    streak: integer("streak").notNull().default(0),
    answeredAt: integer("answered_at").notNull(),
    /** week ("YYYY-MM-DD" of its Monday) and month ("YYYY-MM") in the group's time zone when answered */
    weekKey: text("week_key").notNull(),
    monthKey: text("month_key").notNull(),
  },
  // Deliberately one index: every index is another page written by each answer's commit.
  (t) => [uniqueIndex("answers_round_member_uq").on(t.roundId, t.memberId)],
);

/**
 * Points per member and window: period "all", "w:<Monday>" or "m:<YYYY-MM>", topic "*" for every topic or a
 * topic key. A top-10 is then an index range scan whatever the number of stored answers. These rows are
 * derived from `answers` (the record, points stored per answer): a round's answers are counted in one batch
 * when it is revealed, in the reveal's transaction. So the leaderboard never gives away whether an answer
 * was right before the reveal, and a burst of answers writes nothing here.
 */
export const scores = sqliteTable(
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
    // a member's own rows (stats by topic); written at a reveal, never by an answer
    index("scores_member_idx").on(t.memberId, t.period),
  ],
);

/** Private practice questions (/quiz): never on the leaderboard. */
export const practiceRounds = sqliteTable(
  "practice_rounds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    questionHash: text("question_hash").notNull(),
    topic: text("topic").notNull(),
    correctIndex: integer("correct_index").notNull(),
    choiceCount: integer("choice_count").notNull(),
    openedAt: integer("opened_at").notNull(),
    answeredAt: integer("answered_at"),
    choice: integer("choice"),
  },
  (t) => [index("practice_member_idx").on(t.memberId, t.openedAt)],
);

/**
 * Each member's memory of each question they answered, as FSRS models it (ts-fsrs's card): when it is due again,
 * its stability (days until recall falls to 90 %), difficulty, learning state, repetitions and lapses. Every answer
 * — a daily card once it is revealed, a practice question at once — moves it (src/core/review/).
 */
export const reviewCards = sqliteTable(
  "review_cards",
  {
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    dueAt: integer("due_at").notNull(),
    stability: real("stability").notNull(),
    difficulty: real("difficulty").notNull(),
    /** 0 new, 1 learning, 2 review, 3 relearning (ts-fsrs State) */
    state: integer("state").notNull(),
    reps: integer("reps").notNull(),
    lapses: integer("lapses").notNull(),
    learningSteps: integer("learning_steps").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    lastReviewAt: integer("last_review_at"),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.questionId] }), index("review_cards_due_idx").on(t.memberId, t.dueAt)],
);

/**
 * Questions a group imported from chat (`/studybot questions import`), used beside the shipped bank. The id is the
 * organiser's own, unique within the group; rounds and reviews name it with the group's namespace.
 */
export const groupQuestions = sqliteTable(
  "group_questions",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    topic: text("topic").notNull(),
    /** JSON QuestionContent (without the id) */
    content: text("content").notNull(),
    hash: text("hash").notNull(),
    /** the file it was imported from and the line of its item, for messages */
    file: text("file").notNull(),
    line: integer("line").notNull(),
    importedAt: integer("imported_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.questionId] })],
);

/** A group's seasons: at most one open (no end) at a time, names unique within the group. */
export const seasons = sqliteTable(
  "seasons",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    startedAt: integer("started_at").notNull(),
    endedAt: integer("ended_at"),
  },
  (t) => [uniqueIndex("seasons_group_name_uq").on(t.groupId, t.name), uniqueIndex("seasons_group_open_uq").on(t.groupId).where(sql`ended_at IS NULL`)],
);

/** Organisers beyond the platform's own (Manage Server, workspace admins): members by user id, or a role. */
export const groupOrganisers = sqliteTable(
  "group_organisers",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    /** "member" (ref: the platform's user id) or "role" (ref: the platform's role id) */
    kind: text("kind").notNull(),
    ref: text("ref").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.kind, t.ref] })],
);

/** The question a schedule posts next, once an organiser has previewed it (`/studybot next`) or skipped one. */
export const nextQuestions = sqliteTable(
  "next_questions",
  {
    scheduleId: integer("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    pickedAt: integer("picked_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheduleId] })],
);

/**
 * One row per answer that moved a card. The unique (member, source, source id) key makes each answer count once:
 * a daily round's answers are taken in when it is revealed, by whichever process gets there first.
 */
export const reviewLog = sqliteTable(
  "review_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    /** "round" (a daily card) or "practice" (/quiz, /review) */
    source: text("source").notNull(),
    /** the round's or the practice question's id */
    sourceId: integer("source_id").notNull(),
    /** 1 again, 2 hard, 3 good, 4 easy (ts-fsrs Rating) */
    rating: integer("rating").notNull(),
    /** the card's state before this answer */
    state: integer("state").notNull(),
    /** the card after this answer */
    stability: real("stability").notNull(),
    difficulty: real("difficulty").notNull(),
    /** days since the card's previous answer */
    elapsedDays: real("elapsed_days").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    reviewedAt: integer("reviewed_at").notNull(),
  },
  (t) => [uniqueIndex("review_log_source_uq").on(t.memberId, t.source, t.sourceId), index("review_log_member_idx").on(t.memberId, t.reviewedAt)],
);

/** A member's daily review reminder: a direct message at `time` in the group's time zone, when something is due. */
export const reviewReminders = sqliteTable(
  "review_reminders",
  {
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    /** "HH:MM" in the group's time zone */
    time: text("time").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId] })],
);

/** One reminder a day at most: the (member, local date) key is claimed before the message goes out. */
export const reviewReminderSends = sqliteTable(
  "review_reminder_sends",
  {
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    localDate: text("local_date").notNull(),
    sentAt: integer("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.localDate] })],
);

/**
 * One weekly digest per (group, channel, week): the claim is this row's insert, so a double sweep, a restart or a
 * second process never posts a week twice. `posted_at` stays null while the claiming process posts it; a claim
 * left unposted (its process stopped) is taken over later.
 */
export const digests = sqliteTable(
  "digests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull(),
    /** the Monday that starts the week ("YYYY-MM-DD") */
    weekKey: text("week_key").notNull(),
    claimedAt: integer("claimed_at").notNull(),
    postedAt: integer("posted_at"),
    messageChannelId: text("message_channel_id"),
    messageId: text("message_id"),
  },
  (t) => [uniqueIndex("digests_group_channel_week_uq").on(t.groupId, t.channelId, t.weekKey)],
);

/** A card's reveal reminder, claimed once (the row's insert) while the round is still open. */
export const roundReminders = sqliteTable(
  "round_reminders",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    claimedAt: integer("claimed_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [primaryKey({ columns: [t.roundId] })],
);

/** The discussion thread started on a card (Discord: a thread channel; Slack: the card's own thread). */
export const roundThreads = sqliteTable(
  "round_threads",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    threadId: text("thread_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId] })],
);

/** One row that /healthz writes: a real write transaction, which fails when the database cannot be written. */
export const healthChecks = sqliteTable("health_checks", {
  id: integer("id").primaryKey().default(1),
  checkedAt: integer("checked_at").notNull(),
});

/** An app installed in a workspace by OAuth (Slack, many workspaces): sealed (encrypted) by the platform. */
export const installations = sqliteTable(
  "installations",
  {
    platform: text("platform").notNull(),
    installKey: text("install_key").notNull(),
    sealed: text("sealed").notNull(),
    installedAt: integer("installed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.installKey] })],
);
