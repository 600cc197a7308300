import { defineConfig } from 'vitest/config';

/**
 * Every test runs on SQLite; the `postgres` project runs again, on PostgreSQL, the repository and integration tests
 * that reach the database only through the platform (no SQLite-only statements of their own).
 */
export const postgresTests = [
  'db/pg/**/*.test.ts',
  'test/partners.test.ts',
  'test/access-control.test.ts',
  'test/coverage.test.ts',
  'test/qualifications.test.ts',
  'test/ola-policies.test.ts',
  'test/webhooks.test.ts',
  'test/reports-routes.test.ts',
  'test/tmf679.test.ts',
  'test/tmf673.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    exclude: ['node_modules/**', 'data/**', '.temporal/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['**/*.test.ts'], exclude: ['db/pg/**'], provide: { store: 'sqlite' } },
      },
      { extends: true, test: { name: 'postgres', include: postgresTests, provide: { store: 'postgres' } } },
    ],
  },
});
