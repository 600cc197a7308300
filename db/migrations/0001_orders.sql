CREATE TABLE `idempotency_keys` (
	`api_key_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`api_key_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `manual_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `manual_tasks_status_idx` ON `manual_tasks` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `order_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`order_id` text NOT NULL,
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
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_events_id_uq` ON `order_events` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `order_events_external_uq` ON `order_events` (`partner_id`,`external_event_id`);--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`order_id`,`seq`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`offer_id` text,
	`desk_reference` text NOT NULL,
	`product_code` text NOT NULL,
	`bandwidth_mbps` integer NOT NULL,
	`site` text NOT NULL,
	`contact` text NOT NULL,
	`install_charge_minor` integer,
	`monthly_charge_minor` integer,
	`currency` text,
	`lead_time_days` integer,
	`requested_completion_date` text NOT NULL,
	`state` text NOT NULL,
	`submission` text NOT NULL,
	`partner_order_id` text,
	`committed_date` text,
	`completed_at` text,
	`failure_reason` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offer_id`) REFERENCES `qualification_offers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `orders` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_partner_created_idx` ON `orders` (`partner_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_state_idx` ON `orders` (`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_partner_order_uq` ON `orders` (`partner_id`,`partner_order_id`);--> statement-breakpoint
ALTER TABLE `partners` ADD `hub_id` text;