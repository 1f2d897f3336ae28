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