CREATE TABLE `installations` (
	`platform` text NOT NULL,
	`install_key` text NOT NULL,
	`sealed` text NOT NULL,
	`installed_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `install_key`)
);
