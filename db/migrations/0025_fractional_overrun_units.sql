PRAGMA foreign_keys=OFF;--> statement-breakpoint
-- overrun_units REAL: a banded clause counts minutes with their fraction (SQLite kept them already; PostgreSQL needs
-- the type). Hand-written: drizzle cannot declare WITHOUT ROWID. Lines clustered by their primary key.
CREATE TABLE `__new_penalty_report_lines` (
	`build_id` integer NOT NULL,
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
	`overrun_units` real NOT NULL,
	`chargeable_units` integer NOT NULL,
	`rate` text,
	`amount_before_caps_minor` integer NOT NULL,
	`amount_after_breach_cap_minor` integer DEFAULT 0 NOT NULL,
	`amount_after_caps_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`capped_by` text,
	`waiver_id` text,
	`waiver_reason` text,
	`explanation` text NOT NULL,
	PRIMARY KEY(`build_id`, `line_no`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_penalty_report_lines`("build_id", "line_no", "line_id", "kind", "adjusts_line_id", "outcome_id", "outcome_revision", "breach_id", "partner_id", "entity_type", "entity_id", "our_reference", "partner_reference", "circuit_id", "site", "ola_id", "metric", "policy_version", "due_at", "final_at", "target_ms", "actual_ms", "paused_ms", "clause", "clause_kind", "unit", "overrun_units", "chargeable_units", "rate", "amount_before_caps_minor", "amount_after_breach_cap_minor", "amount_after_caps_minor", "currency", "capped_by", "waiver_id", "waiver_reason", "explanation") SELECT "build_id", "line_no", "line_id", "kind", "adjusts_line_id", "outcome_id", "outcome_revision", "breach_id", "partner_id", "entity_type", "entity_id", "our_reference", "partner_reference", "circuit_id", "site", "ola_id", "metric", "policy_version", "due_at", "final_at", "target_ms", "actual_ms", "paused_ms", "clause", "clause_kind", "unit", "overrun_units", "chargeable_units", "rate", "amount_before_caps_minor", "amount_after_breach_cap_minor", "amount_after_caps_minor", "currency", "capped_by", "waiver_id", "waiver_reason", "explanation" FROM `penalty_report_lines`;--> statement-breakpoint
DROP TABLE `penalty_report_lines`;--> statement-breakpoint
ALTER TABLE `__new_penalty_report_lines` RENAME TO `penalty_report_lines`;--> statement-breakpoint
PRAGMA foreign_keys=ON;