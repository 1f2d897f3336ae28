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
CREATE TABLE `help_offer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`help_request_id` integer NOT NULL,
	`volunteer_id` integer NOT NULL,
	`walking_minutes` real NOT NULL,
	`rank` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`help_request_id`) REFERENCES `help_request`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteer`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `help_offer_unique` ON `help_offer` (`help_request_id`,`volunteer_id`);--> statement-breakpoint
CREATE INDEX `help_offer_volunteer` ON `help_offer` (`volunteer_id`);--> statement-breakpoint
CREATE TABLE `help_request` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_code` text NOT NULL,
	`station_id` integer,
	`elder_user_id` integer,
	`asked_by_user_id` integer,
	`asked_as` text NOT NULL,
	`item` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`wanted_start_at` integer NOT NULL,
	`wanted_end_at` integer NOT NULL,
	`residence_id` integer,
	`building` text DEFAULT '' NOT NULL,
	`flat` text DEFAULT '' NOT NULL,
	`lng` real NOT NULL,
	`lat` real NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`offered_at` integer,
	`accepted_volunteer_id` integer,
	`accepted_at` integer,
	`confirmed_by_user_id` integer,
	`confirmed_at` integer,
	`escalated_at` integer,
	`cancelled_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `volunteer_station`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`elder_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`asked_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`residence_id`) REFERENCES `residence`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`accepted_volunteer_id`) REFERENCES `volunteer`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`confirmed_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "help_request_status" CHECK("help_request"."status" in ('open', 'offered', 'accepted', 'done', 'cancelled', 'escalated')),
	CONSTRAINT "help_request_item" CHECK("help_request"."item" in ('meal_delivery', 'medical_escort', 'errands', 'haircut', 'reading_chat', 'home_visit', 'tutoring', 'phone_help', 'cleaning', 'other')),
	CONSTRAINT "help_request_asked_as" CHECK("help_request"."asked_as" in ('self', 'carer', 'staff')),
	CONSTRAINT "help_request_time" CHECK("help_request"."wanted_end_at" > "help_request"."wanted_start_at"),
	CONSTRAINT "help_request_note" CHECK(length("help_request"."note") <= 500),
	CONSTRAINT "help_request_accepted" CHECK("help_request"."status" not in ('accepted', 'done') or "help_request"."accepted_at" is not null),
	CONSTRAINT "help_request_lnglat" CHECK("help_request"."lng" between -180 and 180 and "help_request"."lat" between -90 and 90)
);
--> statement-breakpoint
CREATE INDEX `help_request_community` ON `help_request` (`community_code`,`status`);--> statement-breakpoint
CREATE INDEX `help_request_elder` ON `help_request` (`elder_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `help_request_volunteer` ON `help_request` (`accepted_volunteer_id`);--> statement-breakpoint
CREATE INDEX `help_request_by_status` ON `help_request` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `volunteer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`station_id` integer NOT NULL,
	`items` text NOT NULL,
	`free_times` text NOT NULL,
	`max_walking_minutes` integer DEFAULT 15 NOT NULL,
	`lng` real NOT NULL,
	`lat` real NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`approved_by_user_id` integer,
	`approved_at` integer,
	`status_changed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`station_id`) REFERENCES `volunteer_station`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "volunteer_status" CHECK("volunteer"."status" in ('pending', 'approved', 'paused', 'left')),
	CONSTRAINT "volunteer_walking" CHECK("volunteer"."max_walking_minutes" between 1 and 60),
	CONSTRAINT "volunteer_lnglat" CHECK("volunteer"."lng" between -180 and 180 and "volunteer"."lat" between -90 and 90)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_user_active` ON `volunteer` (`user_id`) WHERE "volunteer"."status" <> 'left';--> statement-breakpoint
CREATE INDEX `volunteer_by_station` ON `volunteer` (`station_id`,`status`);--> statement-breakpoint
CREATE TABLE `volunteer_activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`station_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`place` text NOT NULL,
	`lng` real,
	`lat` real,
	`capacity` integer NOT NULL,
	`signed_up_count` integer DEFAULT 0 NOT NULL,
	`items` text DEFAULT '[]' NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`station_id`) REFERENCES `volunteer_station`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "volunteer_activity_title" CHECK(length("volunteer_activity"."title") between 1 and 100),
	CONSTRAINT "volunteer_activity_time" CHECK("volunteer_activity"."ends_at" > "volunteer_activity"."starts_at"),
	CONSTRAINT "volunteer_activity_capacity" CHECK("volunteer_activity"."capacity" between 1 and 1000 and "volunteer_activity"."signed_up_count" between 0 and "volunteer_activity"."capacity")
);
--> statement-breakpoint
CREATE INDEX `volunteer_activity_station` ON `volunteer_activity` (`station_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `volunteer_activity_start` ON `volunteer_activity` (`starts_at`);--> statement-breakpoint
CREATE TABLE `volunteer_activity_signup` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`volunteer_id` integer NOT NULL,
	`status` text DEFAULT 'signed_up' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`status_changed_at` integer,
	FOREIGN KEY (`activity_id`) REFERENCES `volunteer_activity`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteer`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "volunteer_activity_signup_status" CHECK("volunteer_activity_signup"."status" in ('signed_up', 'cancelled', 'attended', 'no_show'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_activity_signup_active` ON `volunteer_activity_signup` (`activity_id`,`volunteer_id`) WHERE "volunteer_activity_signup"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX `volunteer_activity_signup_volunteer` ON `volunteer_activity_signup` (`volunteer_id`);--> statement-breakpoint
CREATE TABLE `volunteer_service` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`volunteer_id` integer NOT NULL,
	`station_id` integer NOT NULL,
	`help_request_id` integer,
	`activity_id` integer,
	`item` text NOT NULL,
	`minutes` integer NOT NULL,
	`served_on` text NOT NULL,
	`confirmed_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`volunteer_id`) REFERENCES `volunteer`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `volunteer_station`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`help_request_id`) REFERENCES `help_request`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_id`) REFERENCES `volunteer_activity`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "volunteer_service_source" CHECK(("volunteer_service"."help_request_id" is null) <> ("volunteer_service"."activity_id" is null)),
	CONSTRAINT "volunteer_service_minutes" CHECK("volunteer_service"."minutes" between 1 and 1440)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_service_request` ON `volunteer_service` (`help_request_id`) WHERE "volunteer_service"."help_request_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_service_activity` ON `volunteer_service` (`activity_id`,`volunteer_id`) WHERE "volunteer_service"."activity_id" is not null;--> statement-breakpoint
CREATE INDEX `volunteer_service_volunteer` ON `volunteer_service` (`volunteer_id`,`served_on`);--> statement-breakpoint
CREATE INDEX `volunteer_service_station` ON `volunteer_service` (`station_id`,`served_on`);--> statement-breakpoint
CREATE TABLE `volunteer_station` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_code` text NOT NULL,
	`name` text NOT NULL,
	`service_point_id` integer,
	`place` text NOT NULL,
	`lng` real NOT NULL,
	`lat` real NOT NULL,
	`opening_text` text DEFAULT '' NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`items` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_point`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "volunteer_station_name" CHECK(length("volunteer_station"."name") between 1 and 100),
	CONSTRAINT "volunteer_station_lnglat" CHECK("volunteer_station"."lng" between -180 and 180 and "volunteer_station"."lat" between -90 and 90)
);
--> statement-breakpoint
CREATE INDEX `volunteer_station_community` ON `volunteer_station` (`community_code`);--> statement-breakpoint
CREATE INDEX `volunteer_station_point` ON `volunteer_station` (`service_point_id`);--> statement-breakpoint
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