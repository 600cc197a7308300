-- The PostgreSQL twin of db/migrations 0033: a qualification's live checks, and adapter settings move the directory
-- generation.
ALTER TABLE "qualifications" ADD COLUMN "live_checks" text;
--> statement-breakpoint
DROP TRIGGER "partners_directory_generation_update" ON "partners";
--> statement-breakpoint
CREATE TRIGGER "partners_directory_generation_update" AFTER UPDATE OF "current_coverage_version_id", "status", "name", "adapter"
  ON "partners" FOR EACH ROW EXECUTE FUNCTION "directory_generation_move"();
