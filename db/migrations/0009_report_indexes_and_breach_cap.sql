DROP INDEX `clock_outcomes_partner_final_idx`;--> statement-breakpoint
DROP INDEX `clock_outcomes_final_idx`;--> statement-breakpoint
CREATE INDEX `clock_outcomes_partner_final_idx` ON `clock_outcomes` (`partner_id`,`state`,`final_at`,`id`);--> statement-breakpoint
CREATE INDEX `clock_outcomes_final_idx` ON `clock_outcomes` (`final_at`,`updated_at`);--> statement-breakpoint
ALTER TABLE `penalty_report_lines` ADD `amount_after_breach_cap_minor` integer DEFAULT 0 NOT NULL;