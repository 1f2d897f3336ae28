CREATE TABLE `trusted_device` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_used_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `trusted_device_user` ON `trusted_device` (`user_id`);--> statement-breakpoint
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
	CONSTRAINT "verification_purpose" CHECK("__new_verification_code"."purpose" in ('register', 'login', 'desk_link'))
);
--> statement-breakpoint
INSERT INTO `__new_verification_code`("id", "phone", "purpose", "code_hash", "payload", "attempts", "expires_at", "consumed_at", "created_at") SELECT "id", "phone", "purpose", "code_hash", "payload", "attempts", "expires_at", "consumed_at", "created_at" FROM `verification_code`;--> statement-breakpoint
DROP TABLE `verification_code`;--> statement-breakpoint
ALTER TABLE `__new_verification_code` RENAME TO `verification_code`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `verification_phone` ON `verification_code` (`phone`,`created_at`);--> statement-breakpoint
CREATE TABLE `__new_family_link` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`carer_user_id` integer NOT NULL,
	`elder_user_id` integer,
	`invited_phone` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`confirmed_at` integer,
	`confirmed_by_user_id` integer,
	`ended_at` integer,
	FOREIGN KEY (`carer_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`elder_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "family_link_distinct" CHECK("__new_family_link"."carer_user_id" <> "__new_family_link"."elder_user_id")
);
--> statement-breakpoint
INSERT INTO `__new_family_link`("id", "carer_user_id", "elder_user_id", "invited_phone", "created_at", "confirmed_at", "confirmed_by_user_id", "ended_at") SELECT "id", "carer_user_id", "elder_user_id", (SELECT "phone" FROM `user` WHERE `user`."id" = `family_link`."elder_user_id"), "created_at", "confirmed_at", "confirmed_by_user_id", "ended_at" FROM `family_link`;--> statement-breakpoint
DROP TABLE `family_link`;--> statement-breakpoint
ALTER TABLE `__new_family_link` RENAME TO `family_link`;--> statement-breakpoint
CREATE UNIQUE INDEX `family_link_open` ON `family_link` (`carer_user_id`,`elder_user_id`) WHERE "family_link"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `family_link_open_phone` ON `family_link` (`carer_user_id`,`invited_phone`) WHERE "family_link"."ended_at" is null;--> statement-breakpoint
CREATE INDEX `family_link_elder` ON `family_link` (`elder_user_id`);--> statement-breakpoint
CREATE INDEX `family_link_phone` ON `family_link` (`invited_phone`);