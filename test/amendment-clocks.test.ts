import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsForEntity } from '../db/repositories/sla-facts.js';
import { givePolicy, policyDocument } from './support/policies.js';
import { orderInput, placeOrder } from './support/orders.js';
import { startTimeSkippingPlatform, type TimeSkippingPlatform } from './support/time-skipping.js';
import { waitFor } from './support/wait.js';

/**
 * A buyer-requested date change re-measures the delivery clock as the policy says (`restart`), on Temporal's
 * time-skipping server: the clock runs again from the accepted change and breaches at the new instant, not the old.
 */
describe('an amendment restarts the delivery clock when the policy says so (time-skipping Temporal)', () => {
  let ts: TimeSkippingPlatform;
  let carrier: { id: string; key: string };

  beforeAll(async () => {
    ts = await startTimeSkippingPlatform();
    // A carrier without an API: it reads the amended order on our TMF622 server.
    carrier = await ts.platform.createPartner({ adapter: { orderingApi: 'none' } });
    await givePolicy(
      ts.platform.db,
      carrier.id,
      policyDocument([
        {
          id: 'delivery-10d',
          metric: 'deliveryLeadTime',
          appliesTo: { entity: 'order' },
          stop: { state: 'completed' },
          restart: { event: 'requestedDateChanged' },
          target: { kind: 'clockDuration', days: 10 },
          jeopardy: [50],
        },
      ]),
    );
  }, 120_000);
  afterAll(() => ts?.stop());

  it('runs 10 days again from the accepted change; the jeopardy already reached stays', async () => {
    await ts.skipTo('2027-01-04T09:00:00.000Z');
    const placed = await placeOrder(
      ts.platform,
      orderInput({
        partnerId: carrier.id,
        productCode: 'ETH-100',
        bandwidthMbps: 100,
        requestedCompletionDate: '2027-02-01',
      }),
    );
    await ts.skipTo('2027-01-10T09:00:00.000Z'); // day 6: past the 50% jeopardy (day 5)
    const res = await ts.platform.request('POST', `/api/v1/orders/${placed.id}/amendments`, {
      key: ts.platform.keys.desk,
      json: { requestedCompletionDate: '2027-03-01' },
    });
    expect(res.status).toBe(202);
    const requestId = ((await res.json()) as { id: string }).id;
    const published = await waitFor(
      async () => {
        const list = await ts.platform.request('GET', `/api/v1/orders/${placed.id}/requests`);
        const found = ((await list.json()) as { items: { id: string; status: string; method: string }[] }).items;
        return found.find((r) => r.id === requestId && r.status !== 'pending');
      },
      { what: 'the amendment published' },
    );
    expect(published).toMatchObject({ status: 'published', method: 'partnerPull' });
    const served = await ts.platform.request('GET', `/tmf-api/productOrderingManagement/v4/productOrder/${placed.id}`, {
      key: carrier.key,
    });
    expect(((await served.json()) as { requestedCompletionDate: string }).requestedCompletionDate).toBe(
      '2027-03-01T00:00:00Z',
    );

    await ts.skipTo('2027-01-15T09:00:00.000Z'); // past the old due instant (14 Jan 09:00)
    expect((await factsForEntity(ts.platform.db, 'order', placed.id)).map((f) => [f.kind, f.at])).toEqual([
      ['jeopardy', '2027-01-09T09:00:00.000Z'],
    ]);
    await ts.skipTo('2027-01-21T09:00:00.000Z');
    const facts = await factsForEntity(ts.platform.db, 'order', placed.id);
    expect(facts.map((f) => [f.kind, f.at])).toEqual([
      ['jeopardy', '2027-01-09T09:00:00.000Z'],
      ['breach', '2027-01-20T09:00:00.000Z'],
    ]);
    const sla = (await (await ts.platform.request('GET', `/api/v1/orders/${placed.id}/sla`)).json()) as {
      clocks: { startedAt: string; dueAt: string; state: string }[];
    };
    expect(sla.clocks[0]).toMatchObject({
      startedAt: '2027-01-10T09:00:00.000Z',
      dueAt: '2027-01-20T09:00:00.000Z',
      state: 'breached',
    });
  }, 120_000);
});
