-- SQLite gives every table a rowid; Tailgate's statements use it on these tables (entry id ranges per coverage
-- version, a staged line finding its outcome, batched deletes, newest-first paging that breaks ties by insertion).
-- PostgreSQL has none, so each gets a column of that name, numbered in insertion order, and an index as the rowid is.
ALTER TABLE "coverage_versions" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "coverage_versions_rowid_uq" ON "coverage_versions" ("rowid");
--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_subscriptions_rowid_uq" ON "webhook_subscriptions" ("rowid");
--> statement-breakpoint
ALTER TABLE "clock_outcomes" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "clock_outcomes_rowid_uq" ON "clock_outcomes" ("rowid");
--> statement-breakpoint
ALTER TABLE "penalty_billed" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "penalty_billed_rowid_uq" ON "penalty_billed" ("rowid");
--> statement-breakpoint
ALTER TABLE "penalty_report_files" ADD COLUMN "rowid" bigint GENERATED ALWAYS AS IDENTITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "penalty_report_files_rowid_uq" ON "penalty_report_files" ("rowid");
