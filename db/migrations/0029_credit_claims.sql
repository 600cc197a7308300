CREATE TABLE `credit_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`month` text NOT NULL,
	`line_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`breach_id` text NOT NULL,
	`ola_id` text NOT NULL,
	`our_reference` text NOT NULL,
	`carrier_order_ref` text,
	`carrier_circuit_ref` text,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`state` text NOT NULL,
	`claim_reference` text NOT NULL,
	`claimed_on` text NOT NULL,
	`claimed_by` text NOT NULL,
	`acknowledged_on` text,
	`dispute_reason` text,
	`disputed_on` text,
	`credit_note_reference` text,
	`received_minor` integer,
	`settled_on` text,
	`write_off_reason` text,
	`written_off_on` text,
	`import_id` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_claims_line_uq` ON `credit_claims` (`month`,`line_id`);--> statement-breakpoint
CREATE INDEX `credit_claims_partner_state_idx` ON `credit_claims` (`partner_id`,`state`,`claimed_on`);--> statement-breakpoint
CREATE INDEX `credit_claims_circuit_idx` ON `credit_claims` (`partner_id`,`carrier_circuit_ref`);--> statement-breakpoint
CREATE INDEX `credit_claims_order_ref_idx` ON `credit_claims` (`partner_id`,`carrier_order_ref`);--> statement-breakpoint
CREATE TABLE `credit_note_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`file_name` text,
	`result` text NOT NULL,
	`imported_by` text NOT NULL,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `credit_note_imports_partner_idx` ON `credit_note_imports` (`partner_id`,`imported_at`);--> statement-breakpoint
ALTER TABLE `orders` ADD `carrier_circuit_ref` text;