CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`partner_id` text,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_uq` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `coverage_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`location_key` text NOT NULL,
	`match_level` text NOT NULL,
	`product_code` text NOT NULL,
	`bandwidth_mbps` integer NOT NULL,
	`access_type` text NOT NULL,
	`install_charge_minor` integer NOT NULL,
	`monthly_charge_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`lead_time_days` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `coverage_entries_location_idx` ON `coverage_entries` (`location_key`);--> statement-breakpoint
CREATE INDEX `coverage_entries_version_idx` ON `coverage_entries` (`version_id`);--> statement-breakpoint
CREATE TABLE `coverage_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`row_count` integer DEFAULT 0 NOT NULL,
	`rejected_count` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`activated_at` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coverage_versions_partner_idx` ON `coverage_versions` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`status` text NOT NULL,
	`default_currency` text NOT NULL,
	`adapter` text NOT NULL,
	`escalation` text NOT NULL,
	`calendar` text NOT NULL,
	`current_coverage_version_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `qualification_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`qualification_id` text NOT NULL,
	`rank` integer NOT NULL,
	`partner_id` text NOT NULL,
	`coverage_version_id` text NOT NULL,
	`product_code` text NOT NULL,
	`bandwidth_mbps` integer NOT NULL,
	`access_type` text NOT NULL,
	`install_charge_minor` integer NOT NULL,
	`monthly_charge_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`lead_time_days` integer NOT NULL,
	`match_level` text NOT NULL,
	`matched_location_key` text NOT NULL,
	`confidence` text NOT NULL,
	FOREIGN KEY (`qualification_id`) REFERENCES `qualifications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qualification_offers_qualification_idx` ON `qualification_offers` (`qualification_id`,`rank`);--> statement-breakpoint
CREATE TABLE `qualifications` (
	`id` text PRIMARY KEY NOT NULL,
	`requested_by` text NOT NULL,
	`request` text NOT NULL,
	`address` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL
);
