CREATE TABLE "community_facts" (
	"community_code" text PRIMARY KEY NOT NULL,
	"centre_area_m2" double precision NOT NULL,
	"activity_area_m2" double precision NOT NULL,
	"total_building_area_m2" double precision NOT NULL,
	"commercial_service_area_m2" double precision NOT NULL,
	"self_service" boolean NOT NULL,
	"committee_members" integer NOT NULL,
	"full_time_workers" integer NOT NULL,
	"grid_workers" integer NOT NULL,
	"public_welfare_workers" integer NOT NULL,
	"confirmed_at" bigint NOT NULL,
	"confirmed_by_user_id" integer,
	"generated" boolean DEFAULT false NOT NULL,
	CONSTRAINT "community_facts_areas" CHECK ("community_facts"."activity_area_m2" >= 0 and "community_facts"."activity_area_m2" <= "community_facts"."centre_area_m2" and "community_facts"."commercial_service_area_m2" >= 0 and "community_facts"."commercial_service_area_m2" <= "community_facts"."total_building_area_m2"),
	CONSTRAINT "community_facts_workers" CHECK ("community_facts"."committee_members" >= 0 and "community_facts"."full_time_workers" >= 0 and "community_facts"."grid_workers" >= 0 and "community_facts"."public_welfare_workers" >= 0)
);
--> statement-breakpoint
ALTER TABLE "community_facts" ADD CONSTRAINT "community_facts_community_code_community_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."community"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_facts" ADD CONSTRAINT "community_facts_confirmed_by_user_id_user_id_fk" FOREIGN KEY ("confirmed_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;