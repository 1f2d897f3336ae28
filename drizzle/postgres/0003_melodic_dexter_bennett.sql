ALTER TABLE "verification_code" DROP CONSTRAINT "verification_purpose";--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "kind" text DEFAULT 'cookie' NOT NULL;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "disabled_at" bigint;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "privacy_notice_version" text;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "privacy_consented_at" bigint;--> statement-breakpoint
ALTER TABLE "verification_code" ADD CONSTRAINT "verification_purpose" CHECK ("verification_code"."purpose" in ('register', 'login', 'reset', 'desk_link'));