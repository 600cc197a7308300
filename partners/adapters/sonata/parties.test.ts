import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterSettingsSchema } from '../../../openapi/adapter-settings.js';
import { testOutbound } from '../../../test/support/outbound.js';
import { sonataAdapterSettings } from '../test-fixtures.js';
import { createSonataOrderingClient } from './ordering-client.js';
import { createSonataTicketingClient } from './ticketing-client.js';

describe("MEF's buyerId and sellerId", () => {
  const asked: string[] = [];
  // A seller that answers every read and notes the path and query it was asked.
  const server = http.createServer((req, res) => {
    asked.push(req.url ?? '');
    const body = req.url?.includes('troubleTicket')
      ? { id: 'TT-1', status: 'acknowledged' }
      : { id: 'PO-1', state: 'acknowledged', productOrderItem: [] };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  let baseUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mefApi/sonata`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('go on every Sonata request when the partner names them, and on none when it does not', async () => {
    const named = AdapterSettingsSchema.parse({
      ...sonataAdapterSettings,
      troubleTicketApi: 'sonata-v4',
      sonataParties: { buyerId: 'TAILGATE-GB', sellerId: 'SELLER-UK' },
    });
    const settings = { baseUrl, fetch: testOutbound.fetch, timeoutMs: 1_000 };
    await createSonataOrderingClient({ ...settings, partner: { adapter: named } }).get('PO-1');
    await createSonataTicketingClient({ ...settings, partner: { adapter: named } }).get('TT-1');
    await createSonataOrderingClient({ ...settings, partner: { adapter: sonataAdapterSettings } }).get('PO-1');
    expect(asked).toEqual([
      '/mefApi/sonata/productOrderingManagement/v10/productOrder/PO-1?buyerId=TAILGATE-GB&sellerId=SELLER-UK',
      '/mefApi/sonata/troubleTicket/v4/troubleTicket/TT-1?buyerId=TAILGATE-GB&sellerId=SELLER-UK',
      '/mefApi/sonata/productOrderingManagement/v10/productOrder/PO-1',
    ]);
  });
});
