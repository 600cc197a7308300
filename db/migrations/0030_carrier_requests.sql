CREATE TABLE `carrier_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`method` text,
	`carrier_reference` text,
	`answer` text,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`answered_at` text
);
--> statement-breakpoint
CREATE INDEX `carrier_requests_entity_idx` ON `carrier_requests` (`entity_id`,`requested_at`);