-- A counter that moves whenever what a qualification can find changes (a partner's live coverage version, status or
-- name), kept by triggers so every process sees it: qualification caches coverage per location key and checks it.
CREATE TABLE `directory_generation` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`generation` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `directory_generation` (`id`, `generation`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `partners_directory_generation_insert` AFTER INSERT ON `partners`
BEGIN UPDATE `directory_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `partners_directory_generation_update` AFTER UPDATE OF `current_coverage_version_id`, `status`, `name` ON `partners`
BEGIN UPDATE `directory_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `partners_directory_generation_delete` AFTER DELETE ON `partners`
BEGIN UPDATE `directory_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
