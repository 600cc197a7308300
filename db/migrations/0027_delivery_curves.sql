CREATE TABLE `delivery_curves` (
	`partner_id` text NOT NULL,
	`product_code` text NOT NULL,
	`access_type` text NOT NULL,
	`observations` integer NOT NULL,
	`completions` integer NOT NULL,
	`steps` text NOT NULL,
	PRIMARY KEY(`partner_id`, `product_code`, `access_type`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `access_type` text;