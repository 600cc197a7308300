import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastProfile } from '../../simulator/profile.js';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { testOutbound } from '../../../test/support/outbound.js';
import { sampleTailOrder, sonataAdapterSettings } from '../test-fixtures.js';
import type { OrderAmendmentForPartner } from '../tmf622/amend.js';
import { createSonataOrderingClient } from './ordering-client.js';

describe('a Sonata amendment sent again (a retry after a timeout)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ profile: { ...fastProfile, completeDelayMs: 60_000 } });
  });
  afterAll(() => sim.close());

  it('adds its note once and asks the seller to move the date once', async () => {
    const client = createSonataOrderingClient({
      baseUrl: sim.sonataRoot,
      partner: { adapter: sonataAdapterSettings },
      fetch: testOutbound.fetch,
      timeoutMs: 2_000,
    });
    const placed = await client.submit(sampleTailOrder({ externalId: 'ord_retry' }));
    const amendment: OrderAmendmentForPartner = {
      order: sampleTailOrder({ externalId: 'ord_retry', requestedCompletionDate: '2099-04-01' }),
      changed: { requestedCompletionDate: true, bandwidthMbps: false, contact: false },
      requestId: 'req_1',
      summary: 'requested completion date 2099-04-01',
    };
    const first = await client.amend(placed.partnerOrderId, amendment, 'modifyDeliveryDate');
    const again = await client.amend(placed.partnerOrderId, amendment, 'modifyDeliveryDate');
    expect(again).toEqual(first);
    const [order] = sim.orders().filter((o) => o.externalIds.includes('ord_retry'));
    expect((order!.request.note as { text: string }[]).map((n) => n.text)).toEqual([
      'Amendment req_1: requested completion date 2099-04-01',
    ]);
    const modifications = (await (
      await fetch(`${sim.sonataRoot}/productOrderingManagement/v10/modifyProductOrderItemRequestedDeliveryDate`)
    ).json()) as unknown[];
    expect(modifications).toHaveLength(1);
  });
});
