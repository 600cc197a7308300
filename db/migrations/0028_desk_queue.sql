ALTER TABLE `manual_tasks` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `manual_tasks` ADD `claimed_at` text;--> statement-breakpoint
ALTER TABLE `manual_tasks` ADD `resolved_by` text;--> statement-breakpoint
ALTER TABLE `manual_tasks` ADD `note` text;