import type { TestPlatform } from './platform.js';

let seq = 0;

export function orderInput(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    deskReference: `DESK-${seq}`,
    requestedCompletionDate: '2099-01-15',
    site: { countryCode: 'GB', postcode: 'sw1a 1aa', line1: '10 Downing Street', city: 'London' },
    contact: { name: 'Sam Patel', email: 'sam.patel@customer.example' },
    ...overrides,
  };
}

export type PlacedOrder = {
  id: string;
  state: string;
  partnerOrderId: string | null;
  carrierCircuitRef: string | null;
  submission: string;
  timeline: { type: string; outcome: string; source: string; externalEventId: string | null }[];
};

export async function placeOrder(
  platform: TestPlatform,
  body: Record<string, unknown>,
  key = platform.keys.desk,
): Promise<PlacedOrder> {
  const res = await platform.request('POST', '/api/v1/orders', {
    key,
    json: body,
    headers: { 'idempotency-key': `k-${Math.random()}` },
  });
  if (res.status !== 201) throw new Error(`order failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as PlacedOrder;
}

export async function fetchOrder(platform: TestPlatform, id: string, key = platform.keys.desk): Promise<PlacedOrder> {
  return (await (await platform.request('GET', `/api/v1/orders/${id}`, { key })).json()) as PlacedOrder;
}
