CREATE TABLE `penalty_billed` (
	`outcome_id` text NOT NULL,
	`month` text NOT NULL,
	`line_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_after_caps_minor` integer NOT NULL,
	`currency` text NOT NULL,
	PRIMARY KEY(`outcome_id`, `month`, `line_id`)
);
--> statement-breakpoint
CREATE INDEX `penalty_billed_month_idx` ON `penalty_billed` (`month`);--> statement-breakpoint
DROP INDEX `penalty_report_lines_outcome_idx`;