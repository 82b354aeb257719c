CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`topic` text NOT NULL,
	`choice` integer NOT NULL,
	`correct` integer NOT NULL,
	`points` integer NOT NULL,
	`answered_at` integer NOT NULL,
	`week_key` text NOT NULL,
	`month_key` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_round_member_uq` ON `answers` (`round_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `answers_round_correct_idx` ON `answers` (`round_id`,`correct`,`answered_at`);--> statement-breakpoint
CREATE INDEX `answers_member_idx` ON `answers` (`member_id`,`answered_at`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`locale` text,
	`timezone` text NOT NULL,
	`scoring` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_platform_external_uq` ON `groups` (`platform`,`external_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`locale` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_group_user_uq` ON `members` (`group_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `members_group_name_idx` ON `members` (`group_id`,`display_name`);--> statement-breakpoint
CREATE TABLE `practice_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`question_hash` text NOT NULL,
	`topic` text NOT NULL,
	`correct_index` integer NOT NULL,
	`choice_count` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`answered_at` integer,
	`choice` integer,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `practice_member_idx` ON `practice_rounds` (`member_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`member_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`interval_days` integer NOT NULL,
	`correct_streak` integer NOT NULL,
	`lapses` integer NOT NULL,
	PRIMARY KEY(`member_id`, `question_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reviews_due_idx` ON `reviews` (`member_id`,`due_at`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`schedule_id` integer,
	`channel_id` text NOT NULL,
	`question_id` text NOT NULL,
	`question_hash` text NOT NULL,
	`topic` text NOT NULL,
	`correct_index` integer NOT NULL,
	`choice_count` integer NOT NULL,
	`local_date` text,
	`opened_at` integer NOT NULL,
	`reveal_at` integer NOT NULL,
	`revealed_at` integer,
	`instant_feedback` integer DEFAULT false NOT NULL,
	`message_channel_id` text,
	`message_id` text,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`schedule_id`) REFERENCES `schedules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_schedule_day_uq` ON `rounds` (`schedule_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `rounds_due_idx` ON `rounds` (`revealed_at`,`reveal_at`);--> statement-breakpoint
CREATE INDEX `rounds_group_open_idx` ON `rounds` (`group_id`,`revealed_at`,`channel_id`);--> statement-breakpoint
CREATE INDEX `rounds_channel_idx` ON `rounds` (`group_id`,`channel_id`,`id`);--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`channel_id` text NOT NULL,
	`time` text NOT NULL,
	`weekdays` text NOT NULL,
	`timezone` text NOT NULL,
	`topics` text DEFAULT '[]' NOT NULL,
	`reveal_after_minutes` integer NOT NULL,
	`instant_feedback` integer DEFAULT false NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`last_run_date` text,
	`last_run_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedules_group_channel_uq` ON `schedules` (`group_id`,`channel_id`);--> statement-breakpoint
CREATE TABLE `scores` (
	`group_id` integer NOT NULL,
	`period` text NOT NULL,
	`topic` text NOT NULL,
	`member_id` integer NOT NULL,
	`points` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`correct` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`group_id`, `period`, `topic`, `member_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scores_rank_idx` ON `scores` (`group_id`,`period`,`topic`,"points" desc,"correct" desc,`member_id`);--> statement-breakpoint
CREATE TABLE `streaks` (
	`member_id` integer NOT NULL,
	`channel_id` text NOT NULL,
	`group_id` integer NOT NULL,
	`current` integer NOT NULL,
	`best` integer NOT NULL,
	`last_round_id` integer NOT NULL,
	PRIMARY KEY(`member_id`, `channel_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
