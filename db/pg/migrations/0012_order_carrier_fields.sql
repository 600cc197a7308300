-- The PostgreSQL twin of db/migrations 0034: the desk's values for a partner's per-order fields.
ALTER TABLE "orders" ADD COLUMN "carrier_fields" text;
