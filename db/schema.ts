/** The database schema, one module per area; drizzle-kit reads this file (drizzle.config.ts). */
export * from './schema-directory.js';
export * from './schema-orders.js';
export * from './schema-tickets.js';
export * from './schema-sla.js';
export * from './schema-reports.js';
export * from './schema-credits.js';
export * from './schema-carrier-requests.js';
export * from './schema-certifications.js';
