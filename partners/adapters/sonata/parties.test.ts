import { describe, expect, it } from 'vitest';
import { AdapterSettingsSchema } from '../../../openapi/adapter-settings.js';
import { sonataAdapterSettings } from '../test-fixtures.js';
import { createSonataOrderingClient } from './ordering-client.js';
import { createSonataTicketingClient } from './ticketing-client.js';

describe("MEF's buyerId and sellerId", () => {
  it('go on every Sonata request when the partner names them, and on none when it does not', async () => {
    const asked: string[] = [];
    const fetch = async (url: RequestInfo) => {
      asked.push(String(url));
      const body = url.toString().includes('troubleTicket')
        ? { id: 'TT-1', status: 'acknowledged' }
        : { id: 'PO-1', state: 'acknowledged', productOrderItem: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const named = AdapterSettingsSchema.parse({
      ...sonataAdapterSettings,
      troubleTicketApi: 'sonata-v4',
      sonataParties: { buyerId: 'TAILGATE-GB', sellerId: 'SELLER-UK' },
    });
    const settings = { baseUrl: 'https://seller.example/mefApi/sonata', fetch, timeoutMs: 1_000 };
    await createSonataOrderingClient({ ...settings, partner: { adapter: named } }).get('PO-1');
    await createSonataTicketingClient({ ...settings, partner: { adapter: named } }).get('TT-1');
    await createSonataOrderingClient({ ...settings, partner: { adapter: sonataAdapterSettings } }).get('PO-1');
    expect(asked).toEqual([
      'https://seller.example/mefApi/sonata/productOrderingManagement/v10/productOrder/PO-1?buyerId=TAILGATE-GB&sellerId=SELLER-UK',
      'https://seller.example/mefApi/sonata/troubleTicket/v4/troubleTicket/TT-1?buyerId=TAILGATE-GB&sellerId=SELLER-UK',
      'https://seller.example/mefApi/sonata/productOrderingManagement/v10/productOrder/PO-1',
    ]);
  });
});
