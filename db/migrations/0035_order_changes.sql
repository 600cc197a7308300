ALTER TABLE `orders` ADD `action` text DEFAULT 'add' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `changes_order_id` text;--> statement-breakpoint
CREATE INDEX `orders_changes_order_idx` ON `orders` (`changes_order_id`);