CREATE TABLE "offering_qualifications" (
	"id" text PRIMARY KEY NOT NULL,
	"requested_by" text NOT NULL,
	"created_at" text NOT NULL,
	"expires_at" text NOT NULL,
	"items" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "offering_qualifications_expires_idx" ON "offering_qualifications" USING btree ("expires_at");