import { defineConfig } from 'vitest/config';

/**
 * Every test runs on SQLite; the `postgres` project runs again, on PostgreSQL, every test that reaches the store
 * (child processes too: they open the database the test hands them), but those about SQLite itself: its connection
 * lock (db/access.test.ts; PostgreSQL's is db/pg/access.test.ts), WAL checkpointer, SQLITE_BUSY, a query plan, and
 * the data moves of its migrations. The list is kept by hand: test/store-projects.test.ts fails on a test that opens
 * the test store and is neither here nor in sqliteOnlyStoreTests.
 */
export const postgresTests = [
  'db/pg/**/*.test.ts',
  'test/partners.test.ts',
  'test/certification-api.test.ts',
  'test/certification-run.test.ts',
  'test/own-endpoints-certification.test.ts',
  'test/onboarding.test.ts',
  'test/dashboard-partners.test.ts',
  'test/access-control.test.ts',
  'test/coverage.test.ts',
  'test/qualifications.test.ts',
  'test/adapter-mapping.test.ts',
  'test/amendment-clocks.test.ts',
  'test/live-qualification.test.ts',
  'test/live-qualification-sonata.test.ts',
  'test/orders-sonata.test.ts',
  'test/tickets-sonata.test.ts',
  'test/orders-sonata-changes.test.ts',
  'test/orders-sonata-items.test.ts',
  'test/order-changes.test.ts',
  'test/ola-policies.test.ts',
  'test/webhooks.test.ts',
  'test/reports-routes.test.ts',
  'test/tmf679.test.ts',
  'test/tmf679-items.test.ts',
  'test/tmf673.test.ts',
  'test/orders-carrier.test.ts',
  'test/orders-carrier-alerts.test.ts',
  'test/desk-retry-race.test.ts',
  'test/sla-clocks.test.ts',
  'test/sla-ticket-clocks.test.ts',
  'test/honest-clocks.test.ts',
  'test/clock-outcomes.test.ts',
  'test/penalty-report.test.ts',
  'test/policy-what-if.test.ts',
  'test/living-demo.test.ts',
  'test/leakage-forecast-tickets.test.ts',
  'test/desk-queue.test.ts',
  'test/escalation-outbox.test.ts',
  'test/dashboard-actions.test.ts',
  'test/report-schedule.test.ts',
  'test/notifications-carrier.test.ts',
  'test/notifications-delivery.test.ts',
  'test/notifications-fanout.test.ts',
  'test/dashboard.test.ts',
  'test/body-limits.test.ts',
  'db/repositories/idempotency.test.ts',
  'db/repositories/first-event.test.ts',
  'db/duty-lock.test.ts',
  'api/bootstrap.test.ts',
  'db/repositories/api-keys.test.ts',
  'db/repositories/offers-lookup.test.ts',
  'db/repositories/qualifications.test.ts',
  'partners/directory/qualification-retention.test.ts',
  'tails/liveness.test.ts',
  'tails/orders/record-update-races.test.ts',
  'test/dashboard-browser.test.ts',
  'test/dashboard-browser-claims.test.ts',
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
  'test/record-wake.test.ts',
  'test/outbound-guard.test.ts',
  'partners/directory/coverage-cache.test.ts',
  'partners/directory/coverage-import.test.ts',
  'partners/directory/coverage-sweep.test.ts',
  'partners/directory/qualification-service.test.ts',
  'reports/build-report.test.ts',
  'reports/conformance-slices.test.ts',
  'reports/finalize.test.ts',
  'reports/report-builds.test.ts',
  'reports/report-totals.property.test.ts',
  'api/routes/reports/csv.test.ts',
  'test/reports-cli.test.ts',
  'test/credit-claims.test.ts',
  'test/change-management.test.ts',
  'test/ticket-requests.test.ts',
  'db/repositories/partner-performance.test.ts',
  'test/measured-ranking.test.ts',
  'test/predicted-jeopardy.test.ts',
  'test/partner-benchmarks.test.ts',
];

/**
 * Tests that open the test store (test/support/store.ts) yet run on SQLite only, each about SQLite itself; every other
 * test that opens it is in postgresTests (test/store-projects.test.ts checks both lists).
 */
export const sqliteOnlyStoreTests = [
  // SQLITE_BUSY: another connection holding the write lock past busy_timeout.
  'test/database-busy.test.ts',
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
