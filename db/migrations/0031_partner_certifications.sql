CREATE TABLE `partner_activations` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`ground` text NOT NULL,
	`certification_id` text,
	`override_reason` text,
	`activated_by` text NOT NULL,
	`activated_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`certification_id`) REFERENCES `partner_certifications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_activations_partner_idx` ON `partner_activations` (`partner_id`,`activated_at`);--> statement-breakpoint
CREATE TABLE `partner_certifications` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`adapter_fingerprint` text NOT NULL,
	`outcome` text NOT NULL,
	`report` text NOT NULL,
	`run_by` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_certifications_partner_idx` ON `partner_certifications` (`partner_id`,`started_at`);