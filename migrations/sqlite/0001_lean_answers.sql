CREATE TABLE `score_folds` (
	`id` integer PRIMARY KEY NOT NULL,
	`through` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `answers_round_correct_idx`;--> statement-breakpoint
DROP INDEX `answers_member_idx`;--> statement-breakpoint
ALTER TABLE `answers` ADD `streak` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
DROP INDEX `members_group_name_idx`;--> statement-breakpoint
ALTER TABLE `rounds` ADD `fast_awarded` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `scores` ADD `best_streak` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing score rows already count every stored answer: start the fold watermark after them.
INSERT INTO `score_folds` (`id`, `through`) SELECT 1, coalesce(max(`id`), 0) FROM `answers`;
