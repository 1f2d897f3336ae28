-- Custom SQL migration file, put your code below! ---- What SQLite's migrations 0005, 0006 and 0007 create with triggers, in plpgsql, with the same effects.
--
-- The public data version (0005, 0007): every row written to the tables the coverage engine and the
-- public pages are computed from (service points, residences, categories, the walking network,
-- communities, streets) adds one to meta.public_data_version, so caches and ETags check one row
-- instead of scanning the tables (issue 14). Row triggers, as SQLite's, so the number moves as it does there.
INSERT INTO "meta" ("key", "value") VALUES ('public_data_version', '0') ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE FUNCTION "bump_public_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "meta" SET "value" = ("value"::bigint + 1)::text WHERE "key" = 'public_data_version';
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "service_point_version" AFTER INSERT OR UPDATE OR DELETE ON "service_point"
	FOR EACH ROW EXECUTE FUNCTION "bump_public_data_version"();--> statement-breakpoint
CREATE TRIGGER "residence_version" AFTER INSERT OR UPDATE OR DELETE ON "residence"
	FOR EACH ROW EXECUTE FUNCTION "bump_public_data_version"();--> statement-breakpoint
CREATE TRIGGER "service_category_version" AFTER INSERT OR UPDATE OR DELETE ON "service_category"
	FOR EACH ROW EXECUTE FUNCTION "bump_public_data_version"();--> statement-breakpoint
CREATE TRIGGER "road_edge_version" AFTER INSERT OR UPDATE OR DELETE ON "road_edge"
	FOR EACH ROW EXECUTE FUNCTION "bump_public_data_version"();--> statement-breakpoint
CREATE TRIGGER "community_version" AFTER INSERT OR UPDATE OR DELETE ON "community"
	FOR EACH ROW EXECUTE FUNCTION "bump_public_data_version"();--> statement-breakpoint
CREATE TRIGGER "street_version" AFTER INSERT OR UPDATE OR DELETE ON "street"
	FOR EACH ROW EXECUTE FUNCTION "bump_public_data_version"();--> statement-breakpoint
--
-- Running totals of each service point's ratings (0006), kept in the statement (hence the transaction)
-- that changes a rating, so every writer keeps them exact; `version` moves on any change to one of the
-- point's ratings (a reply too: an update counts as taking the old rating away and adding the new one,
-- as in SQLite). A rating belongs to the point of its booking's slot: the triggers on booking.slot_id
-- and slot.service_point_id move totals if that ever changes. Every trigger adds its change through
-- one function (SQLite's view service_point_rating_change and its INSTEAD OF trigger).
CREATE FUNCTION "add_service_point_rating"("point" integer, "d_ratings" integer, "d_stars" integer)
	RETURNS void LANGUAGE sql AS $$
	INSERT INTO "service_point_rating" ("service_point_id", "ratings", "star_sum", "version")
		VALUES ("point", "d_ratings", "d_stars", 1)
		ON CONFLICT ("service_point_id") DO UPDATE SET
			"ratings" = "service_point_rating"."ratings" + excluded."ratings",
			"star_sum" = "service_point_rating"."star_sum" + excluded."star_sum",
			"version" = "service_point_rating"."version" + 1;
$$;--> statement-breakpoint
CREATE FUNCTION "rating_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		PERFORM "add_service_point_rating"(s."service_point_id", -1, -OLD."stars")
			FROM "booking" b JOIN "slot" s ON s."id" = b."slot_id" WHERE b."id" = OLD."booking_id";
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM "add_service_point_rating"(s."service_point_id", 1, NEW."stars")
			FROM "booking" b JOIN "slot" s ON s."id" = b."slot_id" WHERE b."id" = NEW."booking_id";
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "rating_totals" AFTER INSERT OR UPDATE OR DELETE ON "rating"
	FOR EACH ROW EXECUTE FUNCTION "rating_totals"();--> statement-breakpoint
CREATE FUNCTION "booking_slot_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "add_service_point_rating"(s."service_point_id", -1, -r."stars")
		FROM "rating" r JOIN "slot" s ON s."id" = OLD."slot_id" WHERE r."booking_id" = NEW."id";
	PERFORM "add_service_point_rating"(s."service_point_id", 1, r."stars")
		FROM "rating" r JOIN "slot" s ON s."id" = NEW."slot_id" WHERE r."booking_id" = NEW."id";
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "booking_slot_totals" AFTER UPDATE OF "slot_id" ON "booking"
	FOR EACH ROW WHEN (OLD."slot_id" IS DISTINCT FROM NEW."slot_id")
	EXECUTE FUNCTION "booking_slot_totals"();--> statement-breakpoint
CREATE FUNCTION "slot_point_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "add_service_point_rating"(OLD."service_point_id", -count(*)::integer, -sum(r."stars")::integer)
		FROM "rating" r JOIN "booking" b ON b."id" = r."booking_id" WHERE b."slot_id" = NEW."id"
		HAVING count(*) > 0;
	PERFORM "add_service_point_rating"(NEW."service_point_id", count(*)::integer, sum(r."stars")::integer)
		FROM "rating" r JOIN "booking" b ON b."id" = r."booking_id" WHERE b."slot_id" = NEW."id"
		HAVING count(*) > 0;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "slot_point_totals" AFTER UPDATE OF "service_point_id" ON "slot"
	FOR EACH ROW WHEN (OLD."service_point_id" IS DISTINCT FROM NEW."service_point_id")
	EXECUTE FUNCTION "slot_point_totals"();
