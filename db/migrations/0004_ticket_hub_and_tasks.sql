ALTER TABLE `manual_tasks` ADD `ticket_id` text;--> statement-breakpoint
ALTER TABLE `partners` ADD `ticket_hub_id` text;