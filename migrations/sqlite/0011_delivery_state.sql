CREATE TABLE `health_checks` (
	`id` integer PRIMARY KEY DEFAULT 1 NOT NULL,
	`checked_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `rounds` ADD `post_state` text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE `rounds` ADD `reveal_state` text;--> statement-breakpoint
ALTER TABLE `rounds` ADD `delivery_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `rounds` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `rounds` ADD `last_error` text;--> statement-breakpoint
CREATE INDEX `rounds_delivery_idx` ON `rounds` (`next_attempt_at`);--> statement-breakpoint
ALTER TABLE `schedules` ADD `pause_reason` text;--> statement-breakpoint
ALTER TABLE `schedules` ADD `pause_detail` text;--> statement-breakpoint
ALTER TABLE `schedules` ADD `paused_at` integer;--> statement-breakpoint
ALTER TABLE `schedules` ADD `pause_noticed` integer DEFAULT true NOT NULL;--> statement-breakpoint
-- Rounds before delivery states: a card with a message id was posted; one closed without it never reached the
-- channel; an open one without it (or taken over, message_id '') is pending and may be tried at once.
UPDATE `rounds` SET `post_state` = 'posted' WHERE `message_id` IS NOT NULL AND `message_id` <> '';--> statement-breakpoint
UPDATE `rounds` SET `post_state` = 'failed', `reveal_state` = 'failed' WHERE `post_state` = 'pending' AND `revealed_at` IS NOT NULL;--> statement-breakpoint
UPDATE `rounds` SET `reveal_state` = 'done' WHERE `post_state` = 'posted' AND `revealed_at` IS NOT NULL;--> statement-breakpoint
UPDATE `rounds` SET `message_id` = NULL, `next_attempt_at` = `opened_at` WHERE `post_state` = 'pending';
