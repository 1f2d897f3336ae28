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
