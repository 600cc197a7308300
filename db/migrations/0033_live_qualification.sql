-- The carriers a qualification asked in real time (JSON LiveCheck[]), null when none was.
ALTER TABLE `qualifications` ADD `live_checks` text;
--> statement-breakpoint
-- Which partners qualify live is in their adapter settings: a change there moves the directory generation too, so
-- every process's qualification caches (and the live answers they keep) see it.
DROP TRIGGER `partners_directory_generation_update`;
--> statement-breakpoint
CREATE TRIGGER `partners_directory_generation_update` AFTER UPDATE OF `current_coverage_version_id`, `status`, `name`, `adapter` ON `partners`
BEGIN UPDATE `directory_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
