CREATE TABLE `platform_heartbeats` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` text NOT NULL,
	`beat_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `platform_heartbeats_beat_idx` ON `platform_heartbeats` (`beat_at`);--> statement-breakpoint
ALTER TABLE `order_events` ADD `claim_note` text;--> statement-breakpoint
ALTER TABLE `order_events` ADD `own_delay_ms` integer;--> statement-breakpoint
ALTER TABLE `ticket_events` ADD `claim_note` text;--> statement-breakpoint
ALTER TABLE `ticket_events` ADD `own_delay_ms` integer;--> statement-breakpoint
ALTER TABLE `clock_outcomes` ADD `explanation` text;