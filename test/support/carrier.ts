import { fastProfile, type BehaviourProfile } from '../../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../../partners/simulator/server.js';
import type { OrderHarness } from './order-harness.js';
import { fetchOrder, type PlacedOrder } from './orders.js';
import { waitFor } from './wait.js';
import { uncertified } from './platform.js';

/**
 * A partner whose ordering API is a real simulated carrier on its own port: the carrier notifies our listener over
 * HTTP with that partner's own key, as a real carrier would with the credential it was issued.
 */
export async function startCarrier(
  h: OrderHarness,
  api: 'tmf622-v4' | 'tmf622-v5',
  profile: Partial<BehaviourProfile> = {},
  auth: {
    requireAuth?: string;
    requireAuthHeader?: string;
    credentialsRef?: string;
    authScheme?: 'basic' | 'header';
    authHeaderName?: string;
  } = {},
) {
  const { requireAuth, requireAuthHeader, ...credentials } = auth;
  const adapter = { orderingApi: api, ...credentials };
  const partner = await h.platform.createPartner({ adapter: { ...adapter, baseUrl: 'http://127.0.0.1:9/tmf-api' } });
  const sim: RunningSimulator = await startSimulator({
    port: 0,
    profile: { ...fastProfile, ...profile },
    listenerAuth: `Bearer ${partner.key}`,
    ...(requireAuth ? { requireAuth } : {}),
    ...(requireAuthHeader ? { requireAuthHeader } : {}),
  });
  const res = await h.platform.request('PATCH', `/api/v1/partners/${partner.id}`, {
    json: { adapter: { ...adapter, baseUrl: sim.apiRoot }, ...uncertified },
  });
  if (res.status !== 200) throw new Error(`could not point the partner at the simulator: ${await res.text()}`);
  return { partner, sim };
}

export async function waitForOrder(
  h: OrderHarness,
  id: string,
  done: (o: PlacedOrder) => boolean,
  what: string,
  timeoutMs = 20_000,
) {
  return waitFor(
    async () => {
      const order = await fetchOrder(h.platform, id);
      return done(order) ? order : undefined;
    },
    { timeoutMs, intervalMs: 50, what },
  );
}
