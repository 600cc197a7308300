ALTER TABLE `orders` ADD `request_key` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `workflow_started_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_request_key_uq` ON `orders` (`request_key`);--> statement-breakpoint
CREATE INDEX `orders_awaiting_workflow_idx` ON `orders` (`workflow_started_at`,`created_at`);--> statement-breakpoint
ALTER TABLE `tickets` ADD `request_key` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `workflow_started_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_request_key_uq` ON `tickets` (`request_key`);--> statement-breakpoint
CREATE INDEX `tickets_awaiting_workflow_idx` ON `tickets` (`workflow_started_at`,`created_at`);--> statement-breakpoint
-- Orders and tickets stored before this migration were withdrawn whenever their workflow failed to start.
UPDATE `orders` SET `workflow_started_at` = `created_at`;--> statement-breakpoint
UPDATE `tickets` SET `workflow_started_at` = `created_at`;
