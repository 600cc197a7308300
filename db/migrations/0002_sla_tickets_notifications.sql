CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`fact_id` text NOT NULL,
	`channel` text NOT NULL,
	`destination` text NOT NULL,
	`subscription_id` text,
	`escalation_level` integer,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`delivered_at` text,
	FOREIGN KEY (`fact_id`) REFERENCES `sla_facts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_once_uq` ON `notifications` (`fact_id`,`channel`,`destination`);--> statement-breakpoint
CREATE INDEX `notifications_status_idx` ON `notifications` (`status`);--> statement-breakpoint
CREATE TABLE `ola_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`version` integer NOT NULL,
	`effective_from` text NOT NULL,
	`document` text NOT NULL,
	`source` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ola_policies_partner_version_uq` ON `ola_policies` (`partner_id`,`version`);--> statement-breakpoint
CREATE TABLE `sla_facts` (
	`id` text PRIMARY KEY NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`ola_id` text NOT NULL,
	`metric` text NOT NULL,
	`policy_version` integer NOT NULL,
	`kind` text NOT NULL,
	`threshold` integer NOT NULL,
	`at` text NOT NULL,
	`due_at` text,
	`detected_at` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_facts_once_uq` ON `sla_facts` (`entity_type`,`entity_id`,`ola_id`,`kind`,`threshold`);--> statement-breakpoint
CREATE INDEX `sla_facts_kind_at_idx` ON `sla_facts` (`kind`,`at`);--> statement-breakpoint
CREATE INDEX `sla_facts_partner_idx` ON `sla_facts` (`partner_id`,`at`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`source` text NOT NULL,
	`external_event_id` text,
	`type` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`outcome` text NOT NULL,
	`detail` text,
	`payload` text,
	`occurred_at` text NOT NULL,
	`received_at` text NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_events_id_uq` ON `ticket_events` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_events_external_uq` ON `ticket_events` (`partner_id`,`external_event_id`);--> statement-breakpoint
CREATE INDEX `ticket_events_ticket_idx` ON `ticket_events` (`ticket_id`,`seq`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`desk_reference` text NOT NULL,
	`severity` text NOT NULL,
	`priority` integer NOT NULL,
	`impact` text NOT NULL,
	`description` text NOT NULL,
	`contact` text NOT NULL,
	`status` text NOT NULL,
	`submission` text NOT NULL,
	`partner_ticket_id` text,
	`expected_resolution_at` text,
	`resolved_at` text,
	`policy_id` text,
	`failure_reason` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tickets_created_idx` ON `tickets` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_partner_idx` ON `tickets` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_partner_ticket_uq` ON `tickets` (`partner_id`,`partner_ticket_id`);--> statement-breakpoint
CREATE TABLE `webhook_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`kinds` text NOT NULL,
	`partner_id` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`disabled_at` text
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `policy_id` text;