import { fastProfile, type BehaviourProfile } from '../../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../../partners/simulator/server.js';
import type { OrderHarness } from './order-harness.js';
import { fetchTicket, type RaisedTicket } from './tickets.js';
import { waitFor } from './wait.js';
import { uncertified } from './platform.js';

/**
 * A partner whose trouble ticket API is a real simulated carrier on its own port (its orders are pulled, so a test
 * delivers a tail in two PATCHes). The carrier notifies our TMF621 listener over HTTP with the partner's own key.
 */
export async function startTicketCarrier(
  h: OrderHarness,
  api: 'tmf621-v4' | 'tmf621-v5',
  profile: Partial<BehaviourProfile> = {},
) {
  const adapter = (baseUrl: string) => ({ adapter: { orderingApi: 'none', troubleTicketApi: api, baseUrl } });
  const partner = await h.platform.createPartner(adapter('http://127.0.0.1:9/tmf-api'));
  const sim: RunningSimulator = await startSimulator({
    port: 0,
    profile: { ...fastProfile, ...profile },
    listenerAuth: `Bearer ${partner.key}`,
  });
  const pointAt = async (baseUrl: string) => {
    const res = await h.platform.request('PATCH', `/api/v1/partners/${partner.id}`, {
      json: { ...adapter(baseUrl), ...uncertified },
    });
    if (res.status !== 200) throw new Error(`could not point the partner at ${baseUrl}: ${await res.text()}`);
  };
  await pointAt(sim.apiRoot);
  return { partner, sim, pointAt };
}
export type TicketCarrier = Awaited<ReturnType<typeof startTicketCarrier>>;

export async function waitForTicket(
  h: OrderHarness,
  id: string,
  done: (t: RaisedTicket) => boolean,
  what: string,
  timeoutMs = 20_000,
) {
  return waitFor(
    async () => {
      const ticket = await fetchTicket(h.platform, id);
      return done(ticket) ? ticket : undefined;
    },
    { timeoutMs, intervalMs: 50, what },
  );
}
