import { inject } from 'vitest';
import { createPostgresDatabase } from './postgres-database.js';

/** A new, empty database (collation "C", as Tailgate needs) on the tests' PostgreSQL server; dropped by `drop`. */
export const createTestPostgresDatabase = () => createPostgresDatabase(inject('postgresUrl'), 'tailgate_test');
