import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { runDutyRound } from '../db/duty-lock.js';
import {
  completeIdempotencyKey,
  releaseIdempotencyKey,
  staleIdempotencyClaims,
} from '../db/repositories/idempotency.js';
import { getOrderByRequestKey, ordersAwaitingWorkflow } from '../db/repositories/orders.js';
import { getTicketByRequestKey, ticketsAwaitingWorkflow } from '../db/repositories/tickets.js';
import { destinationsToWake } from './notify/dispatch.js';
import { ensureOrderWorkflow } from './orders/start-workflow.js';
import { REQUEST_LEASE_MS, requestKeyOf } from './request-key.js';
import { ensureTicketWorkflow } from './tickets/start-workflow.js';
import type { TailWorkflows } from './workflows.js';

/**
 * What a crash can leave half-done, finished: an order or ticket stored without its workflow (the process that placed
 * it died, or Temporal was down), an Idempotency-Key left "in progress" by a request whose process died, and
 * notifications whose delivery workflow was never started or ended before it saw them.
 */

export type ReconcileDeps = {
  db: Db;
  log: Logger;
  now: () => Date;
  workflows: Pick<TailWorkflows, 'start' | 'startTicket' | 'ensureDelivering'>;
};

/** An order or ticket younger than this is still being placed by its own request, which starts its workflow. */
export const RECONCILE_AFTER_MS = 5_000;
/** How often the API process runs a round (and once at start-up). */
export const RECONCILE_EVERY_MS = 10_000;
const BATCH = 100;

export type Reconciled = {
  ordersStarted: number;
  ticketsStarted: number;
  /** Keys whose request had created its order or ticket: replays now answer with it. */
  requestsFinished: number;
  /** Keys whose request created nothing: the client's retry runs it afresh. */
  requestsFreed: number;
  /** Destinations with notifications pending for a minute or more, their delivery workflow started if none ran. */
  deliveriesWoken: number;
  /** Temporal could not be reached: what is left waits for the next round. */
  temporalUnreachable: boolean;
};

/** One round: idempotent, safe beside live requests and other rounds (every start joins a running workflow). */
export async function reconcile(deps: ReconcileDeps): Promise<Reconciled> {
  const now = deps.now().getTime();
  const done: Reconciled = {
    ...(await finishAbandonedRequests(deps.db, new Date(now - REQUEST_LEASE_MS).toISOString())),
    ordersStarted: 0,
    ticketsStarted: 0,
    deliveriesWoken: 0,
    temporalUnreachable: false,
  };
  const storedBefore = new Date(now - RECONCILE_AFTER_MS).toISOString();
  for (;;) {
    const orders = await ordersAwaitingWorkflow(deps.db, storedBefore, BATCH);
    for (const order of orders) {
      if (!(await ensureOrderWorkflow(deps, order))) return { ...done, temporalUnreachable: true };
      done.ordersStarted += 1;
    }
    if (orders.length < BATCH) break;
  }
  for (;;) {
    const tickets = await ticketsAwaitingWorkflow(deps.db, storedBefore, BATCH);
    for (const ticket of tickets) {
      if (!(await ensureTicketWorkflow(deps, ticket))) return { ...done, temporalUnreachable: true };
      done.ticketsStarted += 1;
    }
    if (tickets.length < BATCH) break;
  }
  const waiting = await destinationsToWake(deps, deps.now(), BATCH);
  if (waiting.length > 0) {
    try {
      await deps.workflows.ensureDelivering(waiting);
    } catch (err) {
      deps.log.warn({ err }, 'could not start delivery workflows; the next round tries again');
      return { ...done, temporalUnreachable: true };
    }
    done.deliveriesWoken = waiting.length;
  }
  return done;
}

async function finishAbandonedRequests(db: Db, claimedBefore: string) {
  let requestsFinished = 0;
  let requestsFreed = 0;
  for (;;) {
    const stale = await staleIdempotencyClaims(db, claimedBefore, BATCH);
    for (const claim of stale) {
      const requestKey = requestKeyOf(claim.apiKeyId, claim.key);
      if ((await getOrderByRequestKey(db, requestKey)) || (await getTicketByRequestKey(db, requestKey))) {
        await completeIdempotencyKey(db, claim, 201, null);
        requestsFinished += 1;
      } else {
        await releaseIdempotencyKey(db, claim);
        requestsFreed += 1;
      }
    }
    if (stale.length < BATCH) return { requestsFinished, requestsFreed };
  }
}

/**
 * Runs a round now and then every `everyMs` (each after the last has ended) until stopped; what a round did is
 * logged when it did anything. The API process runs it (scripts/start.ts, scripts/api.ts).
 */
export function startReconciler(deps: ReconcileDeps & { everyMs: number }): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let round: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      // One process at a time on a shared PostgreSQL: two reconcilers would race for the same leftovers.
      const did = await runDutyRound(deps.db, 'reconcile', () => reconcile(deps));
      const { temporalUnreachable, ...counts } = did ?? { temporalUnreachable: false };
      if (temporalUnreachable || Object.values(counts).some((n) => n > 0))
        deps.log.info(did, 'reconciled what was left half-done');
    } catch (err) {
      deps.log.error({ err }, 'reconciliation round failed; the next round tries again');
    }
    if (!stopped) timer = setTimeout(() => void (round = run()), deps.everyMs);
  };
  round = run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
