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