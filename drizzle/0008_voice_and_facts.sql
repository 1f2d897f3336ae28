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
CREATE INDEX `notice_time` ON `notice` (`created_at`);--> statement-breakpoint
CREATE TABLE `resource` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`category_code` text,
	`owner` text NOT NULL,
	`opening_text` text DEFAULT '' NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`lng` real,
	`lat` real,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_code`) REFERENCES `service_category`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "resource_kind" CHECK("resource"."kind" in ('parking', 'sports', 'meeting_room', 'all_day', 'other')),
	CONSTRAINT "resource_lnglat" CHECK(("resource"."lng" is null and "resource"."lat" is null) or ("resource"."lng" between -180 and 180 and "resource"."lat" between -90 and 90))
);
--> statement-breakpoint
CREATE INDEX `resource_community` ON `resource` (`community_code`);--> statement-breakpoint
CREATE TABLE `community_facts` (
	`community_code` text PRIMARY KEY NOT NULL,
	`centre_area_m2` real NOT NULL,
	`activity_area_m2` real NOT NULL,
	`total_building_area_m2` real NOT NULL,
	`commercial_service_area_m2` real NOT NULL,
	`self_service` integer NOT NULL,
	`committee_members` integer NOT NULL,
	`full_time_workers` integer NOT NULL,
	`grid_workers` integer NOT NULL,
	`public_welfare_workers` integer NOT NULL,
	`confirmed_at` integer NOT NULL,
	`confirmed_by_user_id` integer,
	`generated` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "community_facts_areas" CHECK("community_facts"."activity_area_m2" >= 0 and "community_facts"."activity_area_m2" <= "community_facts"."centre_area_m2" and "community_facts"."commercial_service_area_m2" >= 0 and "community_facts"."commercial_service_area_m2" <= "community_facts"."total_building_area_m2"),
	CONSTRAINT "community_facts_workers" CHECK("community_facts"."committee_members" >= 0 and "community_facts"."full_time_workers" >= 0 and "community_facts"."grid_workers" >= 0 and "community_facts"."public_welfare_workers" >= 0)
);
--> statement-breakpoint
CREATE TABLE `need` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_code` text NOT NULL,
	`user_id` integer,
	`raised_by_user_id` integer,
	`channel` text NOT NULL,
	`category_code` text,
	`text` text NOT NULL,
	`place` text NOT NULL,
	`lng` real,
	`lat` real,
	`public` integer DEFAULT true NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`answer` text,
	`merged_into_id` integer,
	`project_id` integer,
	`supporters` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`raised_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`category_code`) REFERENCES `service_category`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "need_status" CHECK("need"."status" in ('open', 'accepted', 'merged', 'project', 'declined', 'done')),
	CONSTRAINT "need_text" CHECK(length("need"."text") between 1 and 500),
	CONSTRAINT "need_supporters" CHECK("need"."supporters" >= 0)
);
--> statement-breakpoint
CREATE INDEX `need_community` ON `need` (`community_code`,`status`);--> statement-breakpoint
CREATE INDEX `need_project` ON `need` (`project_id`);--> statement-breakpoint
CREATE TABLE `need_support` (
	`need_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`need_id`) REFERENCES `need`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `need_support_unique` ON `need_support` (`need_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `project` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_code` text NOT NULL,
	`title` text NOT NULL,
	`category_code` text,
	`place` text NOT NULL,
	`lng` real,
	`lat` real,
	`responsible_unit` text NOT NULL,
	`planned_start` text NOT NULL,
	`planned_end` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`source` text NOT NULL,
	`service_point_id` integer,
	`coverage` text,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`community_code`) REFERENCES `community`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_code`) REFERENCES `service_category`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_point`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "project_status" CHECK("project"."status" in ('planned', 'in_progress', 'completed', 'terminated')),
	CONSTRAINT "project_title" CHECK(length("project"."title") between 1 and 100),
	CONSTRAINT "project_dates" CHECK("project"."planned_end" >= "project"."planned_start")
);
--> statement-breakpoint
CREATE INDEX `project_community` ON `project` (`community_code`,`status`);--> statement-breakpoint
CREATE TABLE `project_note` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`text` text NOT NULL,
	`by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `project`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "project_note_text" CHECK(length("project_note"."text") between 1 and 1000)
);
--> statement-breakpoint
CREATE INDEX `project_note_project` ON `project_note` (`project_id`);