import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../../api/app.js';
import { closeDatabase, openDatabase } from '../../db/client.js';
import { generateApiKeySecret, insertApiKey } from '../../db/repositories/api-keys.js';
import { insertPolicyVersion } from '../../db/repositories/ola-policies.js';
import { validatePolicy } from '../../sla-rules/parse-policy.js';
import { connectTemporal, createTailWorkflows } from '../../workers/client.js';
import { startDevServer } from '../../workers/dev-server.js';
import { resolveTemporalBinaries } from '../../workers/temporal-binaries.js';
import { benchOutbound } from './outbound.js';
import { insertBenchCarrier } from './order-load.js';

export const TASK_QUEUE = 'bench-clocks';

/** CPU seconds used so far by a process (Linux /proc; CLK_TCK is 100), NaN when it cannot be read. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}

/** The pid of the Temporal CLI this process started (its child named temporal), to account for its CPU. */
function temporalPid(): number {
  const children = fs
    .readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
    .trim()
    .split(' ')
    .map(Number);
  return children.find((pid) => fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'temporal') ?? -1;
}
export const BARE_TASK_QUEUE = 'bench-bare-timers';

/**
 * The platform as npm start runs it, minus the worker (the benchmark forks that): a Temporal dev server in memory,
 * a temporary SQLite file, the API on loopback, one carrier that pulls its orders (orderingApi 'none', so no carrier
 * simulator is needed) and its OLA policy: every order holds a 30-day 24x7 delivery clock from placement (not due
 * in the run) and a `minutes` 24x7 clock from the carrier reporting inProgress (jeopardy 50/75/90, then breach).
 */
export async function startClockPlatform(minutes: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-bench-clocks-'));
  const dbFile = path.join(dir, 'tailgate.db');
  const { cli } = resolveTemporalBinaries({ cliPath: process.env.TEMPORAL_CLI_PATH, pathVar: process.env.PATH });
  if (!cli) throw new Error('no Temporal CLI: run npm ci');
  const temporal = await startDevServer({
    cliPath: cli,
    port: 17233 + Math.floor(Math.random() * 1000),
    namespace: 'default',
  });
  const client = await connectTemporal(temporal.address, 'default');
  const serverPid = temporalPid();
  const db = openDatabase(dbFile);
  const errors = path.join(dir, 'api-errors.log');

  const partner = await insertBenchCarrier(db, undefined, 'Bench Pull Carrier');
  const common = {
    appliesTo: { entity: 'order' },
    stop: { state: 'completed' },
    pause: { state: 'pending' },
    jeopardy: [50, 75, 90],
  };
  const document = {
    id: 'bench-clocks',
    version: 1,
    effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
    olas: [
      { id: 'bench-delivery', metric: 'deliveryLeadTime', ...common, target: { kind: 'clockDuration', days: 30 } },
      {
        id: 'bench-progress',
        metric: 'orderProgress',
        ...common,
        start: { state: 'inProgress' },
        target: { kind: 'clockDuration', minutes },
      },
    ],
  };
  await insertPolicyVersion(db, {
    partnerId: partner.id,
    document: validatePolicy(document),
    source: JSON.stringify(document),
    createdBy: 'bench',
    now: new Date(),
  });
  const deskKey = generateApiKeySecret();
  await insertApiKey(db, { name: 'bench desk', role: 'desk', partnerId: null, secret: deskKey });
  const partnerKey = generateApiKeySecret();
  await insertApiKey(db, { name: 'bench carrier', role: 'partner', partnerId: partner.id, secret: partnerKey });

  const log = pino({ level: 'error' }, pino.destination({ dest: errors, sync: true }));
  const app = createApp({
    db,
    log,
    now: () => new Date(),
    workflows: createTailWorkflows(client, { taskQueue: TASK_QUEUE }),
    outbound: benchOutbound,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    temporal,
    client,
    db,
    dbFile,
    url,
    partnerId: partner.id,
    deskKey,
    partnerKey,
    temporalCpuSeconds: () => cpuSecondsOf(serverPid),
    /** The first error the API logged (a 500's cause), if any. */
    firstApiError: () =>
      fs.existsSync(errors) ? (fs.readFileSync(errors, 'utf8').split('\n')[0]?.slice(0, 400) ?? '') : '',
    async close() {
      server.close();
      await client.connection.close();
      await temporal.stop();
      closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
