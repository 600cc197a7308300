-- Moves whenever a key is revoked or deleted, in any process: each API process forgets the keys it remembers when it
-- sees it move (db/repositories/api-keys.ts), so a revocation holds everywhere from the next request.
CREATE TABLE `api_key_generation` (
	`id` integer PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `api_key_generation` (`id`, `generation`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `api_keys_generation_revoke` AFTER UPDATE OF `revoked_at` ON `api_keys`
BEGIN UPDATE `api_key_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `api_keys_generation_delete` AFTER DELETE ON `api_keys`
BEGIN UPDATE `api_key_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
