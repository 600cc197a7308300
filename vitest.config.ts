import { defineConfig } from 'vitest/config';

/**
 * Every test runs on SQLite; the `postgres` project runs again, on PostgreSQL, the integration tests that reach the
 * database only through the platform in this process. Not yet listed: tests with SQLite statements of their own, and
 * tests whose child processes (CLI, API, worker) open the store from settings.
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
  'test/orders-carrier.test.ts',
  'test/orders-carrier-alerts.test.ts',
  'test/desk-retry-race.test.ts',
  'test/sla-clocks.test.ts',
  'test/sla-ticket-clocks.test.ts',
  'test/honest-clocks.test.ts',
  'test/clock-outcomes.test.ts',
  'test/penalty-report.test.ts',
  'test/report-schedule.test.ts',
  'test/notifications-carrier.test.ts',
  'test/notifications-delivery.test.ts',
  'test/notifications-fanout.test.ts',
  'test/dashboard.test.ts',
  'test/body-limits.test.ts',
  'api/routes/coverage/csv-upload.test.ts',
  'db/repositories/idempotency.test.ts',
  'db/duty-lock.test.ts',
  'db/repositories/api-keys.test.ts',
  'db/repositories/offers-lookup.test.ts',
  'db/repositories/qualifications.test.ts',
  'partners/directory/qualification-retention.test.ts',
  'tails/liveness.test.ts',
  'test/several-processes.test.ts',
  'test/orders-worker-crash.test.ts',
  'test/api-crash.test.ts',
  'test/coverage-cli.test.ts',
  'test/orders.test.ts',
  'test/tickets.test.ts',
  'test/orders-carrier-auth.test.ts',
  'test/tickets-carrier.test.ts',
  'test/orders-unreachable.test.ts',
  'test/submission-cancel.test.ts',
  'test/api-keys.test.ts',
  'test/temporal-unavailable.test.ts',
  'test/delivery-queues.test.ts',
  'test/outbound-guard.test.ts',
  'partners/directory/coverage-cache.test.ts',
  'partners/directory/coverage-import.test.ts',
  'partners/directory/coverage-sweep.test.ts',
  'partners/directory/qualification-service.test.ts',
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
