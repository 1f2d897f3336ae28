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
INSERT INTO `service_point_rating` (`service_point_id`, `ratings`, `star_sum`, `version`)
	SELECT s.`service_point_id`, count(*), sum(r.`stars`), 1
	FROM `rating` r JOIN `booking` b ON b.`id` = r.`booking_id` JOIN `slot` s ON s.`id` = b.`slot_id`
	WHERE true GROUP BY s.`service_point_id`;--> statement-breakpoint
CREATE TRIGGER `rating_insert_totals` AFTER INSERT ON `rating` BEGIN
	INSERT INTO `service_point_rating` (`service_point_id`, `ratings`, `star_sum`, `version`)
		SELECT s.`service_point_id`, 1, NEW.`stars`, 1
		FROM `booking` b JOIN `slot` s ON s.`id` = b.`slot_id` WHERE b.`id` = NEW.`booking_id`
		ON CONFLICT (`service_point_id`) DO UPDATE SET `ratings` = `ratings` + 1,
			`star_sum` = `star_sum` + excluded.`star_sum`, `version` = `version` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `rating_update_totals` AFTER UPDATE ON `rating` BEGIN
	UPDATE `service_point_rating` SET `ratings` = `ratings` - 1, `star_sum` = `star_sum` - OLD.`stars`,
		`version` = `version` + 1
		WHERE `service_point_id` = (SELECT s.`service_point_id` FROM `booking` b JOIN `slot` s
			ON s.`id` = b.`slot_id` WHERE b.`id` = OLD.`booking_id`);
	INSERT INTO `service_point_rating` (`service_point_id`, `ratings`, `star_sum`, `version`)
		SELECT s.`service_point_id`, 1, NEW.`stars`, 1
		FROM `booking` b JOIN `slot` s ON s.`id` = b.`slot_id` WHERE b.`id` = NEW.`booking_id`
		ON CONFLICT (`service_point_id`) DO UPDATE SET `ratings` = `ratings` + 1,
			`star_sum` = `star_sum` + excluded.`star_sum`, `version` = `version` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `rating_delete_totals` AFTER DELETE ON `rating` BEGIN
	UPDATE `service_point_rating` SET `ratings` = `ratings` - 1, `star_sum` = `star_sum` - OLD.`stars`,
		`version` = `version` + 1
		WHERE `service_point_id` = (SELECT s.`service_point_id` FROM `booking` b JOIN `slot` s
			ON s.`id` = b.`slot_id` WHERE b.`id` = OLD.`booking_id`);
END;--> statement-breakpoint
CREATE TRIGGER `booking_slot_totals` AFTER UPDATE OF `slot_id` ON `booking`
	WHEN OLD.`slot_id` IS NOT NEW.`slot_id` AND EXISTS (SELECT 1 FROM `rating` WHERE `booking_id` = NEW.`id`) BEGIN
	UPDATE `service_point_rating` SET `ratings` = `ratings` - 1,
		`star_sum` = `star_sum` - (SELECT `stars` FROM `rating` WHERE `booking_id` = NEW.`id`),
		`version` = `version` + 1
		WHERE `service_point_id` = (SELECT `service_point_id` FROM `slot` WHERE `id` = OLD.`slot_id`);
	INSERT INTO `service_point_rating` (`service_point_id`, `ratings`, `star_sum`, `version`)
		SELECT s.`service_point_id`, 1, r.`stars`, 1
		FROM `rating` r JOIN `slot` s ON s.`id` = NEW.`slot_id` WHERE r.`booking_id` = NEW.`id`
		ON CONFLICT (`service_point_id`) DO UPDATE SET `ratings` = `ratings` + 1,
			`star_sum` = `star_sum` + excluded.`star_sum`, `version` = `version` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `slot_point_totals` AFTER UPDATE OF `service_point_id` ON `slot`
	WHEN OLD.`service_point_id` IS NOT NEW.`service_point_id` BEGIN
	UPDATE `service_point_rating` SET
		`ratings` = `ratings` - (SELECT count(*) FROM `rating` r JOIN `booking` b ON b.`id` = r.`booking_id` WHERE b.`slot_id` = NEW.`id`),
		`star_sum` = `star_sum` - (SELECT coalesce(sum(r.`stars`), 0) FROM `rating` r JOIN `booking` b ON b.`id` = r.`booking_id` WHERE b.`slot_id` = NEW.`id`),
		`version` = `version` + 1
		WHERE `service_point_id` = OLD.`service_point_id`;
	INSERT INTO `service_point_rating` (`service_point_id`, `ratings`, `star_sum`, `version`)
		SELECT NEW.`service_point_id`, count(*), sum(r.`stars`), 1
		FROM `rating` r JOIN `booking` b ON b.`id` = r.`booking_id` WHERE b.`slot_id` = NEW.`id`
		HAVING count(*) > 0
		ON CONFLICT (`service_point_id`) DO UPDATE SET `ratings` = `ratings` + excluded.`ratings`,
			`star_sum` = `star_sum` + excluded.`star_sum`, `version` = `version` + 1;
END;
