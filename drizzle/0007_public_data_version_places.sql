-- Custom SQL migration file, put your code below! --
-- Communities and streets are public data too (the home page's picker, the community pages and the map's
-- labels are cached under the public data version): their writes bump the version like those of 0005.
CREATE TRIGGER `community_insert_version` AFTER INSERT ON `community` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `community_update_version` AFTER UPDATE ON `community` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `community_delete_version` AFTER DELETE ON `community` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `street_insert_version` AFTER INSERT ON `street` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `street_update_version` AFTER UPDATE ON `street` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `street_delete_version` AFTER DELETE ON `street` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;
