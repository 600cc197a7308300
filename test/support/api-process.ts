// The API in a process of its own, so a test can have it die by SIGKILL at a chosen step of placing an order or
// raising a ticket, exactly as a crash there would. Settings come from the environment the test gives it; commands
// come on stdin, one per line, each answered with one line on stdout:
//   arm <step>      die at that step of the next request that reaches it (see crashPoints)   -> armed
//   clock <ms>      run the clock this far ahead of real time (as if restarted that much later) -> set
//   reconcile       one reconciler round (tails/reconcile.ts)                                  -> its JSON result
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { openStore } from '../../db/client.js';
import { isPostgres, type PgDb } from '../../db/pg/client.js';
import { createHttpApp } from '../../scripts/http-server.js';
import { reconcile } from '../../tails/reconcile.js';
import type { TailWorkflows } from '../../tails/workflows.js';
import { connectTemporal, createTailWorkflows } from '../../workers/client.js';
import { testOutbound } from './outbound.js';

const { TG_TEMPORAL_ADDRESS, TG_TASK_QUEUE, TG_DATABASE, TG_DATABASE_URL } = process.env;
if (!TG_TEMPORAL_ADDRESS || !TG_TASK_QUEUE || !TG_DATABASE) throw new Error('api-process: missing settings');

const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  for (;;);
};

/**
 * Where the process can die. A trigger fires inside its statement's transaction, so dying there leaves the database
 * as a crash just before that commit would: every earlier step committed, this one not. Each is a trigger's timing
 * and event, and the condition (if any) on the row.
 */
const crashPoints = {
  /** After the Idempotency-Key is claimed, before the order is stored. */
  'order-stored': { on: 'AFTER INSERT ON orders' },
  /** After the order is stored, before its workflow is started. */
  'order-workflow-start': 'workflow',
  /** After its workflow is started, before that is recorded. */
  'order-workflow-recorded': { on: 'AFTER UPDATE OF workflow_started_at ON orders' },
  'ticket-stored': { on: 'AFTER INSERT ON tickets' },
  'ticket-workflow-start': 'workflow',
  'ticket-workflow-recorded': { on: 'AFTER UPDATE OF workflow_started_at ON tickets' },
  /** After everything, before the response is stored for replays (and sent). */
  'response-stored': { on: 'AFTER UPDATE OF status ON idempotency_keys', when: "NEW.status = 'done'" },
} as const;
export type CrashPoint = keyof typeof crashPoints;

// On PostgreSQL a trigger is seen by every connection: this process's own carry its name, and only they are stopped.
const applicationName = `tailgate-api-${process.pid}`;
const databaseUrl = TG_DATABASE_URL ? withApplicationName(TG_DATABASE_URL) : undefined;
const db = await openStore({ databaseUrl, databasePath: TG_DATABASE });
if (isPostgres(db)) dieOnPostgresCrashPoint(db);
else db.$client.function('tg_die', () => die());

function withApplicationName(url: string): string {
  const named = new URL(url);
  named.searchParams.set('application_name', applicationName);
  return named.toString();
}

/** PostgreSQL cannot stop this process from a trigger: the trigger fails its statement, and that failure kills it. */
function dieOnPostgresCrashPoint(pg: PgDb) {
  const router = pg.$client;
  const query = router.query.bind(router);
  router.query = (...args) =>
    query(...args).catch((err: unknown) =>
      String(err).includes('tailgate crash point') ? die() : Promise.reject(err),
    );
}

async function armTrigger(point: { on: string; when?: string }) {
  if (!isPostgres(db)) {
    const when = point.when ? ` WHEN ${point.when}` : '';
    db.$client.exec(`CREATE TEMP TRIGGER crash_point ${point.on}${when} BEGIN SELECT tg_die(); END`);
    return;
  }
  const mine = `current_setting('application_name') = '${applicationName}'`;
  await db.$client.query(`CREATE OR REPLACE FUNCTION tg_crash_point() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'tailgate crash point'; END $$`);
  await db.$client.query(`CREATE OR REPLACE TRIGGER crash_point_${process.pid} ${point.on} FOR EACH ROW
    WHEN (${point.when ? `${point.when} AND ` : ''}${mine}) EXECUTE FUNCTION tg_crash_point()`);
}

let armed: CrashPoint | undefined;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

const client = await connectTemporal(TG_TEMPORAL_ADDRESS, 'default');
const real = createTailWorkflows(client, { taskQueue: TG_TASK_QUEUE, timings: { pollIntervalMs: 200 } });
const workflows: TailWorkflows = {
  ...real,
  start: (orderId) => (armed === 'order-workflow-start' ? die() : real.start(orderId)),
  startTicket: (ticketId) => (armed === 'ticket-workflow-start' ? die() : real.startTicket(ticketId)),
};
const log = pino({ level: 'silent' });
const app = createHttpApp({ db, log, now, workflows, outbound: testOutbound });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));

const commands: Record<string, (arg: string) => Promise<unknown> | unknown> = {
  async arm(point) {
    armed = point as CrashPoint;
    const where = crashPoints[armed];
    if (where !== 'workflow') await armTrigger(where);
    return 'armed';
  },
  clock(ms) {
    offsetMs = Number(ms);
    return 'set';
  },
  reconcile: async () => JSON.stringify(await reconcile({ db, log, now, workflows })),
};
createInterface({ input: process.stdin }).on('line', (line) => {
  const [name = '', arg = ''] = line.split(' ');
  void Promise.resolve(commands[name]!(arg)).then((answer) => process.stdout.write(`${String(answer)}\n`));
});
process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
