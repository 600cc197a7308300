CREATE INDEX `orders_desk_reference_idx` ON `orders` (`desk_reference`);--> statement-breakpoint
CREATE INDEX `orders_partner_order_id_idx` ON `orders` (`partner_order_id`);--> statement-breakpoint
CREATE INDEX `tickets_desk_reference_idx` ON `tickets` (`desk_reference`);--> statement-breakpoint
CREATE INDEX `tickets_partner_ticket_id_idx` ON `tickets` (`partner_ticket_id`);