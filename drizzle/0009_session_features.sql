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
CREATE INDEX `target_snapshot_area` ON `target_snapshot` (`level`,`area_code`,`key`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_verification_code` (
	`id` text PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`purpose` text NOT NULL,
	`code_hash` text NOT NULL,
	`payload` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "verification_purpose" CHECK("__new_verification_code"."purpose" in ('register', 'login', 'reset', 'desk_link'))
);
--> statement-breakpoint
INSERT INTO `__new_verification_code`("id", "phone", "purpose", "code_hash", "payload", "attempts", "expires_at", "consumed_at", "created_at") SELECT "id", "phone", "purpose", "code_hash", "payload", "attempts", "expires_at", "consumed_at", "created_at" FROM `verification_code`;--> statement-breakpoint
DROP TABLE `verification_code`;--> statement-breakpoint
ALTER TABLE `__new_verification_code` RENAME TO `verification_code`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `verification_phone` ON `verification_code` (`phone`,`created_at`);--> statement-breakpoint
ALTER TABLE `session` ADD `kind` text DEFAULT 'cookie' NOT NULL;--> statement-breakpoint
ALTER TABLE `user` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `user` ADD `privacy_notice_version` text;--> statement-breakpoint
ALTER TABLE `user` ADD `privacy_consented_at` integer;