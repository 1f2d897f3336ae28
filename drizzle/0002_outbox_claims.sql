ALTER TABLE `outbox` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `failed_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `template_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `template_params` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `community_code` text;--> statement-breakpoint
-- Existing messages: a booking's go to its service point's community, others to the recipient's home community.
UPDATE `outbox` SET `community_code` = (
	SELECT sp.`community_code` FROM `booking` b
	JOIN `slot` s ON s.`id` = b.`slot_id`
	JOIN `service_point` sp ON sp.`id` = s.`service_point_id`
	WHERE b.`id` = CAST(substr(`outbox`.`dedupe_key`, 9, instr(substr(`outbox`.`dedupe_key`, 9), ':') - 1) AS integer)
) WHERE `dedupe_key` LIKE 'booking:%';--> statement-breakpoint
UPDATE `outbox` SET `community_code` = (
	SELECT u.`community_code` FROM `user` u WHERE u.`phone` = `outbox`.`recipient`
) WHERE `community_code` IS NULL;
