CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`detail` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_time` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `booking` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slot_id` integer NOT NULL,
	`user_id` integer,
	`guest_name` text,
	`guest_phone` text,
	`booked_by_user_id` integer,
	`channel` text NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`code` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`status_changed_at` integer,
	`cancelled_by_user_id` integer,
	`cancel_reason` text,
	`anonymised` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`slot_id`) REFERENCES `slot`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`booked_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`cancelled_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "booking_channel" CHECK("booking"."channel" in ('online', 'proxy', 'phone', 'desk')),
	CONSTRAINT "booking_status" CHECK("booking"."status" in ('booked', 'cancelled', 'attended', 'no_show')),
	CONSTRAINT "booking_person" CHECK("booking"."user_id" is not null or "booking"."guest_name" is not null or "booking"."anonymised" = 1),
	CONSTRAINT "booking_cancel" CHECK("booking"."status" <> 'cancelled' or "booking"."status_changed_at" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `booking_code` ON `booking` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `booking_one_per_person` ON `booking` (`slot_id`,`user_id`) WHERE "booking"."status" <> 'cancelled' and "booking"."user_id" is not null;--> statement-breakpoint
CREATE INDEX `booking_slot` ON `booking` (`slot_id`,`status`);--> statement-breakpoint
CREATE INDEX `booking_user` ON `booking` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `closure` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_point_id` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`reason` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_point`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "closure_dates" CHECK("closure"."ends_on" >= "closure"."starts_on")
);
--> statement-breakpoint
CREATE INDEX `closure_point` ON `closure` (`service_point_id`,`starts_on`);--> statement-breakpoint
CREATE TABLE `community` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`street_code` text NOT NULL,
	`centre_lng` real NOT NULL,
	`centre_lat` real NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`polygon` text,
	`generated` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`street_code`) REFERENCES `street`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "community_kind" CHECK("community"."kind" in ('社区', '村')),
	CONSTRAINT "community_code_format" CHECK(length("community"."code") = 12)
);
--> statement-breakpoint
CREATE INDEX `community_street` ON `community` (`street_code`);--> statement-breakpoint
CREATE TABLE `family_link` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`carer_user_id` integer NOT NULL,
	`elder_user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`confirmed_at` integer,
	`confirmed_by_user_id` integer,
	`ended_at` integer,
	FOREIGN KEY (`carer_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`elder_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "family_link_distinct" CHECK("family_link"."carer_user_id" <> "family_link"."elder_user_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `family_link_open` ON `family_link` (`carer_user_id`,`elder_user_id`) WHERE "family_link"."ended_at" is null;--> statement-breakpoint
CREATE INDEX `family_link_elder` ON `family_link` (`elder_user_id`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notification` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notification_user` ON `notification` (`user_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `opening_rule` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_point_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	`slot_minutes` integer NOT NULL,
	`capacity` integer NOT NULL,
	`reserved_for_assisted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_point`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "opening_rule_weekday" CHECK("opening_rule"."weekday" between 1 and 7),
	CONSTRAINT "opening_rule_time" CHECK("opening_rule"."start_minute" >= 0 and "opening_rule"."end_minute" <= 1440 and "opening_rule"."end_minute" > "opening_rule"."start_minute"),
	CONSTRAINT "opening_rule_slot" CHECK("opening_rule"."slot_minutes" between 5 and 1440),
	CONSTRAINT "opening_rule_capacity" CHECK("opening_rule"."capacity" between 1 and 1000 and "opening_rule"."reserved_for_assisted" between 0 and "opening_rule"."capacity")
);
--> statement-breakpoint
CREATE INDEX `opening_rule_point` ON `opening_rule` (`service_point_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`body` text NOT NULL,
	`dedupe_key` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`send_after` integer,
	`sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`sent_at`,`send_after`);--> statement-breakpoint
CREATE TABLE `rating` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_id` integer NOT NULL,
	`stars` integer NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`comment` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`reply` text,
	`replied_at` integer,
	`replied_by_user_id` integer,
	`followed_up_at` integer,
	FOREIGN KEY (`booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replied_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "rating_stars" CHECK("rating"."stars" between 1 and 5),
	CONSTRAINT "rating_comment" CHECK("rating"."comment" is null or length("rating"."comment") <= 1000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_booking` ON `rating` (`booking_id`);--> statement-breakpoint
CREATE TABLE `residence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`community_code` text NOT NULL,
	`lng` real NOT NULL,
	`lat` real NOT NULL,
	`households` integer NOT NULL,
	`residents` integer NOT NULL,
	`elderly_60plus` integer NOT NULL,
	`children_0_3` integer NOT NULL,
	`generated` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residence_counts" CHECK("residence"."households" >= 0 and "residence"."residents" >= "residence"."households"),
	CONSTRAINT "residence_groups" CHECK("residence"."elderly_60plus" between 0 and "residence"."residents" and "residence"."children_0_3" between 0 and "residence"."residents"),
	CONSTRAINT "residence_lnglat" CHECK("residence"."lng" between -180 and 180 and "residence"."lat" between -90 and 90)
);
--> statement-breakpoint
CREATE INDEX `residence_community` ON `residence` (`community_code`);--> statement-breakpoint
CREATE TABLE `road_edge` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	`coordinates` text NOT NULL,
	`generated` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `service_category` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`tier_minutes` integer NOT NULL,
	`bookable` integer NOT NULL,
	`colour` text NOT NULL,
	`icon` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "category_tier" CHECK("service_category"."tier_minutes" in (5, 10, 15))
);
--> statement-breakpoint
CREATE TABLE `service_point` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`category_code` text NOT NULL,
	`community_code` text NOT NULL,
	`lng` real NOT NULL,
	`lat` real NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`opening_text` text DEFAULT '' NOT NULL,
	`accessible_entrance` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`booking_horizon_days` integer DEFAULT 14 NOT NULL,
	`min_notice_minutes` integer DEFAULT 30 NOT NULL,
	`cancel_cutoff_minutes` integer DEFAULT 120 NOT NULL,
	`generated` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`category_code`) REFERENCES `service_category`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_point_lnglat" CHECK("service_point"."lng" between -180 and 180 and "service_point"."lat" between -90 and 90),
	CONSTRAINT "service_point_horizon" CHECK("service_point"."booking_horizon_days" between 1 and 90),
	CONSTRAINT "service_point_rules" CHECK("service_point"."min_notice_minutes" >= 0 and "service_point"."cancel_cutoff_minutes" >= 0)
);
--> statement-breakpoint
CREATE INDEX `service_point_category` ON `service_point` (`category_code`);--> statement-breakpoint
CREATE INDEX `service_point_community` ON `service_point` (`community_code`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_user` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `slot` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_point_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	`capacity_override` integer,
	`reserved_for_assisted` integer DEFAULT 0 NOT NULL,
	`booked_count` integer DEFAULT 0 NOT NULL,
	`cancelled_at` integer,
	`cancel_reason` text,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_point`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "slot_time" CHECK("slot"."ends_at" > "slot"."starts_at"),
	CONSTRAINT "slot_capacity" CHECK("slot"."capacity" >= 1 and coalesce("slot"."capacity_override", 0) >= 0),
	CONSTRAINT "slot_booked" CHECK("slot"."booked_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slot_point_start` ON `slot` (`service_point_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `slot_start` ON `slot` (`starts_at`);--> statement-breakpoint
CREATE TABLE `staff_scope` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`community_code` text,
	`street_code` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`street_code`) REFERENCES `street`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_scope_one_target" CHECK(("staff_scope"."community_code" is null) <> ("staff_scope"."street_code" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_scope_unique` ON `staff_scope` (`user_id`,`community_code`,`street_code`);--> statement-breakpoint
CREATE TABLE `street` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`urban` integer NOT NULL,
	CONSTRAINT "street_kind" CHECK("street"."kind" in ('街道', '镇'))
);
--> statement-breakpoint
CREATE TABLE `user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`role` text DEFAULT 'resident' NOT NULL,
	`community_code` text,
	`home_residence_id` integer,
	`birth_year` integer,
	`walking_speed` text DEFAULT 'standard' NOT NULL,
	`walking_speed_mps` real,
	`elder_mode` integer DEFAULT false NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`phone_verified_at` integer,
	`generated` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`home_residence_id`) REFERENCES `residence`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "user_role" CHECK("user"."role" in ('resident', 'staff', 'admin')),
	CONSTRAINT "user_phone_format" CHECK(length("user"."phone") = 11 and "user"."phone" not glob '*[^0-9]*'),
	CONSTRAINT "user_birth_year" CHECK("user"."birth_year" is null or "user"."birth_year" between 1900 and 2100),
	CONSTRAINT "user_speed" CHECK("user"."walking_speed" in ('standard', 'slow', 'custom') and ("user"."walking_speed" <> 'custom' or "user"."walking_speed_mps" between 0.2 and 3))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_phone` ON `user` (`phone`);--> statement-breakpoint
CREATE TABLE `waitlist_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slot_id` integer NOT NULL,
	`user_id` integer,
	`booked_by_user_id` integer,
	`channel` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`promoted_booking_id` integer,
	FOREIGN KEY (`slot_id`) REFERENCES `slot`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`booked_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`promoted_booking_id`) REFERENCES `booking`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "waitlist_status" CHECK("waitlist_entry"."status" in ('waiting', 'promoted', 'left', 'cleared'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_one_per_person` ON `waitlist_entry` (`slot_id`,`user_id`) WHERE "waitlist_entry"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX `waitlist_slot` ON `waitlist_entry` (`slot_id`,`status`,`id`);