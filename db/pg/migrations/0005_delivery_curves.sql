CREATE TABLE "delivery_curves" (
	"partner_id" text NOT NULL,
	"product_code" text NOT NULL,
	"access_type" text NOT NULL,
	"observations" bigint NOT NULL,
	"completions" bigint NOT NULL,
	"steps" text NOT NULL,
	CONSTRAINT "delivery_curves_partner_id_product_code_access_type_pk" PRIMARY KEY("partner_id","product_code","access_type")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "access_type" text;