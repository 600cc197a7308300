ALTER TABLE `orders` ADD `carrier_contacted_at` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `carrier_contacted_at` text;--> statement-breakpoint
-- Orders and tickets still being submitted when this was added may have reached their carrier: assume so.
UPDATE `orders` SET `carrier_contacted_at` = `created_at` WHERE `partner_order_id` IS NULL AND `submission` IN ('submitting', 'manual');--> statement-breakpoint
UPDATE `tickets` SET `carrier_contacted_at` = `created_at` WHERE `partner_ticket_id` IS NULL AND `submission` IN ('submitting', 'manual');
