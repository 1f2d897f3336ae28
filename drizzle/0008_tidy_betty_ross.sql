CREATE TABLE `notice` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`community_code` text,
	`street_code` text,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`valid_from` integer,
	`valid_until` integer,
	`pinned` integer DEFAULT false NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`author_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`street_code`) REFERENCES `street`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "notice_scope" CHECK("notice"."scope" in ('community', 'street', 'city')),
	CONSTRAINT "notice_scope_target" CHECK(("notice"."scope" = 'community' and "notice"."community_code" is not null and "notice"."street_code" is null) or ("notice"."scope" = 'street' and "notice"."street_code" is not null and "notice"."community_code" is null) or ("notice"."scope" = 'city' and "notice"."community_code" is null and "notice"."street_code" is null)),
	CONSTRAINT "notice_validity" CHECK("notice"."valid_from" is null or "notice"."valid_until" is null or "notice"."valid_from" <= "notice"."valid_until")
);
--> statement-breakpoint
CREATE INDEX `notice_community` ON `notice` (`community_code`,`created_at`);--> statement-breakpoint
CREATE INDEX `notice_street` ON `notice` (`street_code`,`created_at`);--> statement-breakpoint
CREATE INDEX `notice_time` ON `notice` (`created_at`);