CREATE INDEX `qualification_answers_created_idx` ON `qualification_answers` (`created_at`);--> statement-breakpoint
CREATE INDEX `qualifications_expires_idx` ON `qualifications` (`expires_at`);--> statement-breakpoint
CREATE INDEX `qualifications_answer_idx` ON `qualifications` (`answer_id`);--> statement-breakpoint
CREATE INDEX `orders_offer_idx` ON `orders` (`offer_id`);