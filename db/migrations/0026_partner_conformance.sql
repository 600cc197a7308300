CREATE TABLE `partner_conformance` (
	`partner_id` text NOT NULL,
	`product_code` text NOT NULL,
	`metric` text NOT NULL,
	`met` integer NOT NULL,
	`breached` integer NOT NULL,
	PRIMARY KEY(`partner_id`, `product_code`, `metric`)
);
--> statement-breakpoint
CREATE TABLE `partner_conformance_window` (
	`id` integer PRIMARY KEY NOT NULL,
	`window_from` text NOT NULL,
	`window_to` text NOT NULL,
	`window_days` integer NOT NULL,
	`minimum_sample` integer NOT NULL
);
