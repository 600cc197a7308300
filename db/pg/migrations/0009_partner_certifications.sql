CREATE TABLE "partner_activations" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"ground" text NOT NULL,
	"certification_id" text,
	"override_reason" text,
	"activated_by" text NOT NULL,
	"activated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_certifications" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"adapter_fingerprint" text NOT NULL,
	"outcome" text NOT NULL,
	"report" text NOT NULL,
	"run_by" text NOT NULL,
	"started_at" text NOT NULL,
	"finished_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_activations" ADD CONSTRAINT "partner_activations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_activations" ADD CONSTRAINT "partner_activations_certification_id_partner_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."partner_certifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_certifications" ADD CONSTRAINT "partner_certifications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_activations_partner_idx" ON "partner_activations" USING btree ("partner_id","activated_at");--> statement-breakpoint
CREATE INDEX "partner_certifications_partner_idx" ON "partner_certifications" USING btree ("partner_id","started_at");