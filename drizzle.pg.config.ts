import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations, from the schema scripts/generate-pg-schema.ts derives from db/schema.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/pg/migrations',
});
