ALTER TABLE "orders" ADD COLUMN "action" text DEFAULT 'add' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "changes_order_id" text;--> statement-breakpoint
CREATE INDEX "orders_changes_order_idx" ON "orders" USING btree ("changes_order_id");