-- Custom SQL migration file, put your code below! --
-- A version number for the data the coverage engine and the public map layers are computed from
-- (service points, residences, categories, the walking network): every write to those tables
-- bumps it, so caches and ETags can check one row instead of scanning the tables (issue 14).
INSERT OR IGNORE INTO `meta` (`key`, `value`) VALUES ('public_data_version', '0');--> statement-breakpoint
CREATE TRIGGER `service_point_insert_version` AFTER INSERT ON `service_point` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `service_point_update_version` AFTER UPDATE ON `service_point` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `service_point_delete_version` AFTER DELETE ON `service_point` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `residence_insert_version` AFTER INSERT ON `residence` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `residence_update_version` AFTER UPDATE ON `residence` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `residence_delete_version` AFTER DELETE ON `residence` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `service_category_insert_version` AFTER INSERT ON `service_category` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `service_category_update_version` AFTER UPDATE ON `service_category` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `service_category_delete_version` AFTER DELETE ON `service_category` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `road_edge_insert_version` AFTER INSERT ON `road_edge` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `road_edge_update_version` AFTER UPDATE ON `road_edge` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;--> statement-breakpoint
CREATE TRIGGER `road_edge_delete_version` AFTER DELETE ON `road_edge` BEGIN UPDATE `meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'public_data_version'; END;
