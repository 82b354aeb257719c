CREATE TABLE `group_organisers` (
	`group_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `kind`, `ref`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `group_questions` (
	`group_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`topic` text NOT NULL,
	`content` text NOT NULL,
	`hash` text NOT NULL,
	`file` text NOT NULL,
	`line` integer NOT NULL,
	`imported_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `question_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `next_questions` (
	`schedule_id` integer PRIMARY KEY NOT NULL,
	`question_id` text NOT NULL,
	`picked_at` integer NOT NULL,
	FOREIGN KEY (`schedule_id`) REFERENCES `schedules`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `seasons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`name` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seasons_group_name_uq` ON `seasons` (`group_id`,`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `seasons_group_open_uq` ON `seasons` (`group_id`) WHERE ended_at IS NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_answers` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` integer NOT NULL,
	`member_id` integer,
	`group_id` integer NOT NULL,
	`topic` text NOT NULL,
	`choice` integer NOT NULL,
	`correct` integer NOT NULL,
	`points` integer NOT NULL,
	`streak` integer DEFAULT 0 NOT NULL,
	`answered_at` integer NOT NULL,
	`week_key` text NOT NULL,
	`month_key` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_answers`("id", "round_id", "member_id", "group_id", "topic", "choice", "correct", "points", "streak", "answered_at", "week_key", "month_key") SELECT "id", "round_id", "member_id", "group_id", "topic", "choice", "correct", "points", "streak", "answered_at", "week_key", "month_key" FROM `answers`;--> statement-breakpoint
DROP TABLE `answers`;--> statement-breakpoint
ALTER TABLE `__new_answers` RENAME TO `answers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `answers_round_member_uq` ON `answers` (`round_id`,`member_id`);--> statement-breakpoint
ALTER TABLE `rounds` ADD `season_id` integer REFERENCES seasons(id);