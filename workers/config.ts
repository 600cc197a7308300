/** Names shared by the API (client side) and the worker; workflow ids derive from our own ids. */
export const TASK_QUEUE = 'tailgate';

export const orderWorkflowId = (orderId: string) => `tail-order-${orderId}`;
export const ticketWorkflowId = (ticketId: string) => `trouble-ticket-${ticketId}`;
/** Histories from before per-destination delivery: one workflow per notification. */
export const notificationWorkflowId = (notificationId: string) => `notify-${notificationId}`;

const hex32 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/**
 * One delivery workflow per destination (tails/notify/dispatch.ts). A destination can be a long URL, so the id carries
 * a 64-bit hash of it (two 32-bit FNV-1a passes with different primes): workflow code computes it too, without crypto.
 */
export function deliveryWorkflowId(d: { channel: string; destination: string }): string {
  const text = `${d.channel}\n${d.destination}`;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `deliver-${d.channel}-${hex32(a)}${hex32(b)}`;
}

/**
 * Workflows a worker keeps in memory between tasks (TEMPORAL_MAX_CACHED_WORKFLOWS). The SDK's default scales with the
 * heap limit (about 2,300 on a 4 GB heap) and each of our cached workflows holds a few hundred KB to a couple of MB
 * (its SLA context, compiled calendars, clock state), so 10,000 open orders grew a worker past 4 GB. Evicted ones
 * replay their history when their next timer or signal comes: a few ms each, and the busiest stay cached.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 400;

/** How Tailgate authenticates to a Temporal cluster beyond its address (Temporal Cloud, a self-hosted mTLS cluster). */
export type TemporalSecurity = {
  /** false: plaintext gRPC (the embedded dev server); otherwise TLS, with these PEM files where given. */
  tls:
    | false
    | {
        /** Client certificate and key for mutual TLS (both or neither). */
        clientCertPath?: string | undefined;
        clientKeyPath?: string | undefined;
        /** The CA that signed the server's certificate; the system's roots when unset. */
        serverCaPath?: string | undefined;
        /** The name the server's certificate must carry, when it is not the address's host. */
        serverName?: string | undefined;
      };
  /** Sent as `Authorization: Bearer <key>` on every call (Temporal Cloud API keys). */
  apiKey?: string | undefined;
};

export const PLAINTEXT: TemporalSecurity = { tls: false };
/** Workflow tasks a worker takes at once (workers/worker.ts says why so few). */
export const MAX_CONCURRENT_WORKFLOW_TASKS = 20;

/**
 * How long a workflow task waits on the sticky queue of the worker that has the workflow cached before the server
 * hands it to any worker (with a full replay). The server keeps routing a workflow's tasks to its last worker's sticky
 * queue until that queue has gone 10 s without a poll (hard-coded in Temporal's matching service), so after a worker
 * is killed every task of those 10 s waits this long: the SDK's default of 10 s made timers due just after a worker
 * restart fire up to 20 s late in the chaos benchmark. A live worker takes its sticky tasks far sooner: their timers
 * fire about 0.1 s late there (p50) away from restarts; one that waits longer than this is replayed by whichever
 * worker takes it.
 */
export const STICKY_SCHEDULE_TO_START_TIMEOUT = '3s';

/** Defaults for the order and trouble ticket workflows; tests pass smaller ones through the workflow input. */
export const orderWorkflowDefaults = {
  /** How long submission keeps retrying an unreachable carrier before a desk task is opened. */
  unreachableAfterMs: 30 * 60_000,
  /**
   * How long one attempt to hand an order or ticket to its carrier may take (a few carrier calls, each bounded by the
   * carrier timeout) before Temporal counts it lost, say with a worker that died mid-call, and tries again.
   */
  attemptTimeoutMs: 30_000,
  /** Overrides the partner's own poll interval (carriers without notifications); tests make it short. */
  pollIntervalMs: undefined as number | undefined,
};

/** The Temporal schedule that drafts the previous month's penalty report on the 1st (finance time zone). */
export const MONTHLY_REPORT_SCHEDULE_ID = 'monthly-penalty-report';
/** The workflow id of the schedule's runs (one at a time). */
export const monthlyReportRunId = (scheduleId: string) => `${scheduleId}-run`;
/** Runs at this local time on the 1st: after midnight, so the month before is complete. */
export const monthlyReportAt = { dayOfMonth: 1, hour: 2, minute: 0 };
