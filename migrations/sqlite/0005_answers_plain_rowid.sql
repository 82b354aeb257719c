PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_answers` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` integer NOT NULL,
	`member_id` integer NOT NULL,
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
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_answers`("id", "round_id", "member_id", "group_id", "topic", "choice", "correct", "points", "streak", "answered_at", "week_key", "month_key") SELECT "id", "round_id", "member_id", "group_id", "topic", "choice", "correct", "points", "streak", "answered_at", "week_key", "month_key" FROM `answers`;--> statement-breakpoint
DROP TABLE `answers`;--> statement-breakpoint
ALTER TABLE `__new_answers` RENAME TO `answers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `answers_round_member_uq` ON `answers` (`round_id`,`member_id`);