CREATE TABLE `breach_waivers` (
	`id` text PRIMARY KEY NOT NULL,
	`breach_fact_id` text NOT NULL,
	`reason` text NOT NULL,
	`waived_by` text NOT NULL,
	`waived_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `breach_waivers_breach_uq` ON `breach_waivers` (`breach_fact_id`);--> statement-breakpoint
CREATE TABLE `clock_outcomes` (
	`id` text PRIMARY KEY NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`ola_id` text NOT NULL,
	`metric` text NOT NULL,
	`policy_id` text NOT NULL,
	`policy_version` integer NOT NULL,
	`clause` text,
	`state` text NOT NULL,
	`measure` text NOT NULL,
	`calendar` text NOT NULL,
	`started_at` text,
	`due_at` text,
	`breached_at` text,
	`final_at` text NOT NULL,
	`target_ms` integer,
	`elapsed_ms` integer NOT NULL,
	`overrun_ms` integer NOT NULL,
	`paused_ms` integer NOT NULL,
	`monthly_charge_minor` integer,
	`install_charge_minor` integer,
	`currency` text,
	`breach_fact_id` text,
	`our_reference` text NOT NULL,
	`partner_reference` text,
	`circuit_id` text NOT NULL,
	`site` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`recorded_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clock_outcomes_clock_uq` ON `clock_outcomes` (`entity_type`,`entity_id`,`ola_id`);--> statement-breakpoint
CREATE INDEX `clock_outcomes_partner_final_idx` ON `clock_outcomes` (`partner_id`,`final_at`);--> statement-breakpoint
CREATE INDEX `clock_outcomes_final_idx` ON `clock_outcomes` (`final_at`);--> statement-breakpoint
CREATE INDEX `clock_outcomes_breach_fact_idx` ON `clock_outcomes` (`breach_fact_id`);--> statement-breakpoint
CREATE TABLE `penalty_report_conformance` (
	`month` text NOT NULL,
	`partner_id` text NOT NULL,
	`ola_id` text NOT NULL,
	`metric` text NOT NULL,
	`entity_type` text NOT NULL,
	`met` integer NOT NULL,
	`breached` integer NOT NULL,
	PRIMARY KEY(`month`, `partner_id`, `ola_id`)
);
--> statement-breakpoint
CREATE TABLE `penalty_report_lines` (
	`month` text NOT NULL,
	`line_no` integer NOT NULL,
	`line_id` text NOT NULL,
	`kind` text NOT NULL,
	`adjusts_line_id` text,
	`outcome_id` text NOT NULL,
	`outcome_revision` integer NOT NULL,
	`breach_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`our_reference` text NOT NULL,
	`partner_reference` text,
	`circuit_id` text NOT NULL,
	`site` text NOT NULL,
	`ola_id` text NOT NULL,
	`metric` text NOT NULL,
	`policy_version` integer NOT NULL,
	`due_at` text,
	`final_at` text NOT NULL,
	`target_ms` integer,
	`actual_ms` integer NOT NULL,
	`paused_ms` integer NOT NULL,
	`clause` text,
	`clause_kind` text,
	`unit` text,
	`overrun_units` integer NOT NULL,
	`chargeable_units` integer NOT NULL,
	`rate` text,
	`amount_before_caps_minor` integer NOT NULL,
	`amount_after_caps_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`capped_by` text,
	`waiver_id` text,
	`waiver_reason` text,
	`explanation` text NOT NULL,
	PRIMARY KEY(`month`, `line_no`)
);
--> statement-breakpoint
CREATE INDEX `penalty_report_lines_outcome_idx` ON `penalty_report_lines` (`outcome_id`,`month`);--> statement-breakpoint
CREATE INDEX `penalty_report_lines_partner_idx` ON `penalty_report_lines` (`month`,`partner_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `penalty_report_service_times` (
	`month` text NOT NULL,
	`partner_id` text NOT NULL,
	`orders_completed` integer NOT NULL,
	`mean_time_to_provide_ms` integer,
	`tickets_resolved` integer NOT NULL,
	`mean_time_to_restore_ms` integer,
	PRIMARY KEY(`month`, `partner_id`)
);
--> statement-breakpoint
CREATE TABLE `penalty_report_totals` (
	`month` text NOT NULL,
	`partner_id` text NOT NULL,
	`currency` text NOT NULL,
	`lines` integer NOT NULL,
	`amount_before_caps_minor` integer NOT NULL,
	`amount_after_caps_minor` integer NOT NULL,
	PRIMARY KEY(`month`, `partner_id`, `currency`)
);
--> statement-breakpoint
CREATE TABLE `penalty_reports` (
	`month` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`time_zone` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`line_count` integer NOT NULL,
	`generated_at` text NOT NULL,
	`generated_by` text NOT NULL,
	`finalized_at` text,
	`finalized_by` text
);
