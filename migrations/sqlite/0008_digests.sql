CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`channel_id` text NOT NULL,
	`week_key` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`posted_at` integer,
	`message_channel_id` text,
	`message_id` text,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_group_channel_week_uq` ON `digests` (`group_id`,`channel_id`,`week_key`);--> statement-breakpoint
CREATE TABLE `round_reminders` (
	`round_id` integer PRIMARY KEY NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `round_threads` (
	`round_id` integer PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `schedules` ADD `digest_weekday` integer DEFAULT 0;--> statement-breakpoint
ALTER TABLE `schedules` ADD `digest_time` text DEFAULT '20:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `schedules` ADD `reminder_minutes` integer;--> statement-breakpoint
ALTER TABLE `schedules` ADD `reminder_mention` text;--> statement-breakpoint
ALTER TABLE `schedules` ADD `thread` integer DEFAULT false NOT NULL;