CREATE TABLE `ledger_snapshot` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`monthly_key` text,
	`kind` text NOT NULL,
	`taken_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`taken_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ledger_snapshot_kind" CHECK("ledger_snapshot"."kind" in ('monthly', 'manual'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_snapshot_month` ON `ledger_snapshot` (`monthly_key`);--> statement-breakpoint
CREATE INDEX `ledger_snapshot_taken` ON `ledger_snapshot` (`created_at`);--> statement-breakpoint
CREATE TABLE `target_snapshot` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`snapshot_id` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`level` text NOT NULL,
	`area_code` text NOT NULL,
	`value` real,
	`goal` real NOT NULL,
	`met` integer,
	`count` integer,
	`total` integer,
	FOREIGN KEY (`snapshot_id`) REFERENCES `ledger_snapshot`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "target_snapshot_kind" CHECK("target_snapshot"."kind" in ('target', 'indicator')),
	CONSTRAINT "target_snapshot_level" CHECK("target_snapshot"."level" in ('city', 'street', 'community'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_snapshot_unique` ON `target_snapshot` (`snapshot_id`,`kind`,`key`,`level`,`area_code`);--> statement-breakpoint
CREATE INDEX `target_snapshot_area` ON `target_snapshot` (`level`,`area_code`,`key`);