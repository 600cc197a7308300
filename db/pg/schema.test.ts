import fs from 'node:fs';
import { expect, it } from 'vitest';
import { pgSchemaFile, pgSchemaSource } from '../../scripts/generate-pg-schema.js';

it('db/pg/schema.ts is what scripts/generate-pg-schema.ts derives from the SQLite schema (npm run db:generate)', async () => {
  expect(fs.readFileSync(pgSchemaFile, 'utf8')).toBe(await pgSchemaSource());
});
