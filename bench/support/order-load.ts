import { request } from 'undici';
import type { Db } from '../../db/client.js';
import { insertPartner } from '../../db/repositories/partners.js';

/** Runs `run(0 … count-1)` with at most `concurrency` at once; answers the milliseconds it took. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  run: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await run(next++);
    }),
  );
  return performance.now() - started;
}

/** A desk's order for the benchmarks' carrier, the `i`th of a run (its own desk reference). */
export const benchOrderBody = (partnerId: string, i: number) =>
  JSON.stringify({
    partnerId,
    productCode: 'ETH-100',
    bandwidthMbps: 100,
    deskReference: `BENCH-${i}`,
    requestedCompletionDate: '2099-01-01',
    site: { countryCode: 'GB', postcode: 'SW1A 1AA', line1: '1 Bench Street', city: 'London' },
    contact: { name: 'Bench', email: 'bench@example.com' },
  });

/**
 * POSTs the `i`th order with its Idempotency-Key (`<run>-<i>`) to `url` as the desk; answers the status and the
 * milliseconds until the whole answer was read. The desk's client is undici's request API over kept-alive
 * connections, not WHATWG fetch: the load shares the API's two cores, and fetch spent about five times its CPU per
 * request (0.19-0.24 ms against 0.03-0.05 ms, POSTing an order-sized body to a bare server); a real desk's client
 * runs on another machine.
 */
export async function postBenchOrder(
  url: string,
  deskKey: string,
  partnerId: string,
  run: string,
  i: number,
): Promise<{ status: number; ms: number; answer: string }> {
  const t0 = performance.now();
  const res = await request(`${url}/api/v1/orders`, {
    method: 'POST',
    body: benchOrderBody(partnerId, i),
    headers: {
      authorization: `Bearer ${deskKey}`,
      'content-type': 'application/json',
      'idempotency-key': `${run}-${i}`,
    },
  });
  const answer = await res.body.text();
  return { status: res.statusCode, ms: performance.now() - t0, answer };
}

/**
 * The benchmarks' carrier, notifying by hub, with no working hours of its own: TMF622 v4 at `baseUrl`, or with no
 * ordering API at all (`baseUrl` undefined: a carrier that pulls its orders).
 */
export const insertBenchCarrier = (db: Db, baseUrl: string | undefined, name = 'Bench Carrier') =>
  insertPartner(
    db,
    {
      name,
      country: 'GB',
      status: 'active',
      defaultCurrency: 'GBP',
      escalation: [],
      adapter: {
        ...(baseUrl ? { orderingApi: 'tmf622-v4', baseUrl } : { orderingApi: 'none' }),
        troubleTicketApi: 'none',
        notifications: 'hub',
        pollIntervalSeconds: 300,
        productCodeMap: {},
      },
      calendar: {
        timeZone: 'Europe/London',
        workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        closures: [],
      },
    },
    new Date(),
  );
