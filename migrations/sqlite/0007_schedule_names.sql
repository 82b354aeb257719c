DROP INDEX `schedules_group_channel_uq`;--> statement-breakpoint
ALTER TABLE `schedules` ADD `name` text DEFAULT 'daily' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `schedules_group_channel_name_uq` ON `schedules` (`group_id`,`channel_id`,`name`);