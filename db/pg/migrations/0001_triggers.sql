-- The PostgreSQL twins of the SQLite migrations' triggers (db/migrations 0007, 0022 and 0024), same tables and rules.
-- Directory generation: moves whenever what a qualification can find changes (a partner's live coverage version,
-- status or name); API key generation: moves whenever a key is revoked or deleted. Every process reads them.
CREATE TABLE "directory_generation" (
	"id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
	"generation" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "directory_generation" ("id", "generation") VALUES (1, 0);
--> statement-breakpoint
CREATE TABLE "api_key_generation" (
	"id" integer PRIMARY KEY NOT NULL,
	"generation" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "api_key_generation" ("id", "generation") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION "directory_generation_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "directory_generation" SET "generation" = "generation" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "partners_directory_generation_insert_delete" AFTER INSERT OR DELETE ON "partners"
  FOR EACH ROW EXECUTE FUNCTION "directory_generation_move"();
--> statement-breakpoint
CREATE TRIGGER "partners_directory_generation_update" AFTER UPDATE OF "current_coverage_version_id", "status", "name"
  ON "partners" FOR EACH ROW EXECUTE FUNCTION "directory_generation_move"();
--> statement-breakpoint
CREATE FUNCTION "api_key_generation_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "api_key_generation" SET "generation" = "generation" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "api_keys_generation_revoke" AFTER UPDATE OF "revoked_at" ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION "api_key_generation_move"();
--> statement-breakpoint
CREATE TRIGGER "api_keys_generation_delete" AFTER DELETE ON "api_keys"
  FOR EACH ROW EXECUTE FUNCTION "api_key_generation_move"();
--> statement-breakpoint
-- Late news about a month: what changed after the draft it was frozen from was generated (see db/migrations 0022).
CREATE FUNCTION "clock_outcomes_late_news"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "report_late_news" ("month", "outcome_id")
    SELECT r."month", NEW."id" FROM "penalty_reports" r
     WHERE NEW."updated_at" > r."generated_at"
       AND ((NEW."final_at" >= r."period_start" AND NEW."final_at" < r."period_end")
            OR EXISTS (SELECT 1 FROM "penalty_billed" b WHERE b."month" = r."month" AND b."outcome_id" = NEW."id"))
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "clock_outcomes_late_news" AFTER INSERT OR UPDATE ON "clock_outcomes"
  FOR EACH ROW EXECUTE FUNCTION "clock_outcomes_late_news"();
--> statement-breakpoint
CREATE FUNCTION "breach_waivers_late_news"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "report_late_news" ("month", "outcome_id")
    SELECT r."month", o."id" FROM "clock_outcomes" o JOIN "penalty_reports" r ON NEW."waived_at" > r."generated_at"
     WHERE o."breach_fact_id" = NEW."breach_fact_id"
       AND ((o."final_at" >= r."period_start" AND o."final_at" < r."period_end")
            OR EXISTS (SELECT 1 FROM "penalty_billed" b WHERE b."month" = r."month" AND b."outcome_id" = o."id"))
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "breach_waivers_late_news" AFTER INSERT ON "breach_waivers"
  FOR EACH ROW EXECUTE FUNCTION "breach_waivers_late_news"();
