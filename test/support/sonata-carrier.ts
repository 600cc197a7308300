import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadTmfSpec } from '../../partners/certification/tmf-spec.js';
import { fastProfile, type BehaviourProfile } from '../../partners/simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../../partners/simulator/server.js';
import { startOrderHarness, type OrderHarness } from './order-harness.js';
import { uncertified } from './platform.js';
import { tmfSpecsDir } from './tmf-spec.js';

/** An Access E-Line configuration template, its committed rate the order's bandwidth. */
export const sonataConfiguration = {
  '@type': 'urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all',
  maximumFrameSize: 1526,
  uniEp: { ingressBandwidthProfilePerEndPoint: { cir: { irValue: '{{bandwidthMbps}}', irUnits: 'MBPS' } } },
};

/**
 * A partner whose ordering API is a simulated MEF LSO Sonata carrier on its own port (ETH-100 its one product), the
 * carrier notifying our Sonata listener with the partner's own key. `sims` collects the simulator, for closing.
 */
export async function startSonataCarrier(
  h: OrderHarness,
  sims: RunningSimulator[],
  profile: Partial<BehaviourProfile> = {},
  notifications: 'hub' | 'poll' = 'poll',
  settings: Record<string, unknown> = {},
) {
  const adapter = {
    orderingApi: 'sonata-v10',
    notifications,
    pollIntervalSeconds: 5,
    buyerContact: { name: 'Tailgate Desk', emailAddress: 'desk@tailgate.example', number: '+44 20 7946 0000' },
    productCodeMap: { 'ETH-100': '000073' },
    productSpecifications: { 'ETH-100': { id: 'AccessEline', productConfiguration: sonataConfiguration } },
    ...settings,
  };
  const partner = await h.platform.createPartner({
    adapter: { ...adapter, baseUrl: 'http://127.0.0.1:9/mefApi/sonata' },
  });
  const sim = await startSimulator({ profile: { ...fastProfile, ...profile }, listenerAuth: `Bearer ${partner.key}` });
  sims.push(sim);
  const res = await h.platform.request('PATCH', `/api/v1/partners/${partner.id}`, {
    json: { adapter: { ...adapter, baseUrl: sim.sonataRoot }, ...uncertified },
  });
  if (res.status !== 200) throw new Error(`could not point the partner at the simulator: ${await res.text()}`);
  return { sim, partner };
}

/**
 * For a describe of Sonata order tests: an order harness (`suite.h`) started before its tests and stopped after them
 * with the Sonata carriers they started (`sonataCarrier`), MEF's ordering file (`spec`), and a carrier's orders that
 * carry one of our ids (`atCarrier`).
 */
export function sonataOrderSuite() {
  const sims: RunningSimulator[] = [];
  let harness: OrderHarness | undefined;
  beforeAll(async () => {
    harness = await startOrderHarness();
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await harness?.stop();
  });
  const suite = {
    spec: loadTmfSpec('productOrderManagement.api.yaml', path.resolve(tmfSpecsDir, '../mef')),
    get h(): OrderHarness {
      if (!harness) throw new Error('the order harness starts in beforeAll');
      return harness;
    },
    sonataCarrier: (
      ...args: Parameters<typeof startSonataCarrier> extends [unknown, unknown, ...infer R] ? R : never
    ) => startSonataCarrier(suite.h, sims, ...args),
    atCarrier: (sim: RunningSimulator, ourId: string) => sim.orders().filter((o) => o.externalIds.includes(ourId)),
  };
  return suite;
}
