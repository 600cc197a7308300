ALTER TABLE "manual_tasks" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "manual_tasks" ADD COLUMN "claimed_at" text;--> statement-breakpoint
ALTER TABLE "manual_tasks" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "manual_tasks" ADD COLUMN "note" text;