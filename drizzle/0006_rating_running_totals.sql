CREATE TABLE `service_point_rating` (
	`service_point_id` integer PRIMARY KEY NOT NULL,
	`ratings` integer DEFAULT 0 NOT NULL,
	`star_sum` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_point`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Running totals of each service point's ratings, kept by triggers in the statement (hence the
-- transaction) that changes a rating, so that every writer keeps them exact; `version` moves on any
-- change to one of the point's ratings (a reply too). A rating belongs to the point of its booking's
-- slot: the triggers on booking.slot_id and slot.service_point_id move totals if that ever changes.
-- Every trigger writes its change as a row of the view `service_point_rating_change` (a point, the
-- change in ratings and in stars); the view's one INSTEAD OF trigger adds it to the totals.
INSERT INTO `service_point_rating` (`service_point_id`, `ratings`, `star_sum`, `version`)
	SELECT s.`service_point_id`, count(*), sum(r.`stars`), 1
	FROM `rating` r JOIN `booking` b ON b.`id` = r.`booking_id` JOIN `slot` s ON s.`id` = b.`slot_id`
	WHERE true GROUP BY s.`service_point_id`;--> statement-breakpoint
CREATE VIEW `service_point_rating_change` AS
	SELECT `service_point_id`, `ratings`, `star_sum` FROM `service_point_rating` WHERE false;--> statement-breakpoint
CREATE TRIGGER `service_point_rating_add` INSTEAD OF INSERT ON `service_point_rating_change` BEGIN
	INSERT INTO `service_point_rating` (`service_point_id`, `ratings`, `star_sum`, `version`)
		VALUES (NEW.`service_point_id`, NEW.`ratings`, NEW.`star_sum`, 1)
		ON CONFLICT (`service_point_id`) DO UPDATE SET `ratings` = `ratings` + excluded.`ratings`,
			`star_sum` = `star_sum` + excluded.`star_sum`, `version` = `version` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `rating_insert_totals` AFTER INSERT ON `rating` BEGIN
	INSERT INTO `service_point_rating_change` SELECT s.`service_point_id`, 1, NEW.`stars`
		FROM `booking` b JOIN `slot` s ON s.`id` = b.`slot_id` WHERE b.`id` = NEW.`booking_id`;
END;--> statement-breakpoint
CREATE TRIGGER `rating_update_totals` AFTER UPDATE ON `rating` BEGIN
	INSERT INTO `service_point_rating_change` SELECT s.`service_point_id`, -1, -OLD.`stars`
		FROM `booking` b JOIN `slot` s ON s.`id` = b.`slot_id` WHERE b.`id` = OLD.`booking_id`;
	INSERT INTO `service_point_rating_change` SELECT s.`service_point_id`, 1, NEW.`stars`
		FROM `booking` b JOIN `slot` s ON s.`id` = b.`slot_id` WHERE b.`id` = NEW.`booking_id`;
END;--> statement-breakpoint
CREATE TRIGGER `rating_delete_totals` AFTER DELETE ON `rating` BEGIN
	INSERT INTO `service_point_rating_change` SELECT s.`service_point_id`, -1, -OLD.`stars`
		FROM `booking` b JOIN `slot` s ON s.`id` = b.`slot_id` WHERE b.`id` = OLD.`booking_id`;
END;--> statement-breakpoint
CREATE TRIGGER `booking_slot_totals` AFTER UPDATE OF `slot_id` ON `booking`
	WHEN OLD.`slot_id` IS NOT NEW.`slot_id` BEGIN
	INSERT INTO `service_point_rating_change` SELECT s.`service_point_id`, -1, -r.`stars`
		FROM `rating` r JOIN `slot` s ON s.`id` = OLD.`slot_id` WHERE r.`booking_id` = NEW.`id`;
	INSERT INTO `service_point_rating_change` SELECT s.`service_point_id`, 1, r.`stars`
		FROM `rating` r JOIN `slot` s ON s.`id` = NEW.`slot_id` WHERE r.`booking_id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `slot_point_totals` AFTER UPDATE OF `service_point_id` ON `slot`
	WHEN OLD.`service_point_id` IS NOT NEW.`service_point_id` BEGIN
	INSERT INTO `service_point_rating_change` SELECT OLD.`service_point_id`, -count(*), -sum(r.`stars`)
		FROM `rating` r JOIN `booking` b ON b.`id` = r.`booking_id` WHERE b.`slot_id` = NEW.`id` HAVING count(*) > 0;
	INSERT INTO `service_point_rating_change` SELECT NEW.`service_point_id`, count(*), sum(r.`stars`)
		FROM `rating` r JOIN `booking` b ON b.`id` = r.`booking_id` WHERE b.`slot_id` = NEW.`id` HAVING count(*) > 0;
END;
