CREATE TABLE `review_cards` (
	`member_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`state` integer NOT NULL,
	`reps` integer NOT NULL,
	`lapses` integer NOT NULL,
	`learning_steps` integer NOT NULL,
	`scheduled_days` integer NOT NULL,
	`last_review_at` integer,
	PRIMARY KEY(`member_id`, `question_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_cards_due_idx` ON `review_cards` (`member_id`,`due_at`);--> statement-breakpoint
CREATE TABLE `review_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`source` text NOT NULL,
	`source_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`state` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`elapsed_days` real NOT NULL,
	`scheduled_days` integer NOT NULL,
	`reviewed_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_log_source_uq` ON `review_log` (`member_id`,`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `review_log_member_idx` ON `review_log` (`member_id`,`reviewed_at`);--> statement-breakpoint
CREATE TABLE `review_reminder_sends` (
	`member_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `local_date`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `review_reminders` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`time` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `schedules` ADD `pick` text DEFAULT 'adaptive' NOT NULL;--> statement-breakpoint
-- The practice queue's rows become FSRS cards due now: one answered right last time as a review card whose
-- stability is its interval (FSRS schedules a card about one stability ahead), one missed last time as a new card.
INSERT INTO `review_cards` (`member_id`, `question_id`, `due_at`, `stability`, `difficulty`, `state`, `reps`, `lapses`, `learning_steps`, `scheduled_days`, `last_review_at`)
SELECT `member_id`, `question_id`, CAST(strftime('%s', 'now') AS INTEGER) * 1000,
  CASE WHEN `interval_days` > 0 THEN `interval_days` ELSE 0 END,
  CASE WHEN `interval_days` > 0 THEN 5 ELSE 0 END,
  CASE WHEN `interval_days` > 0 THEN 2 ELSE 0 END,
  CASE WHEN `interval_days` > 0 THEN `correct_streak` + `lapses` ELSE 0 END,
  `lapses`, 0, `interval_days`,
  CASE WHEN `interval_days` > 0 THEN `due_at` - `interval_days` * 86400000 ELSE NULL END
FROM `reviews`;
