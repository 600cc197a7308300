DROP INDEX `order_events_external_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `order_events_external_uq` ON `order_events` (`order_id`,`external_event_id`);--> statement-breakpoint
DROP INDEX `ticket_events_external_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_events_external_uq` ON `ticket_events` (`ticket_id`,`external_event_id`);