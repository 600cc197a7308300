import type { TestPlatform } from './platform.js';
import { orderInput, placeOrder } from './orders.js';

let seq = 0;

export function ticketInput(orderId: string, overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    orderId,
    deskReference: `INC-${seq}`,
    severity: 'critical',
    priority: 1,
    impact: 'Site down: no traffic on the 100 Mbps tail',
    description: 'Loss of light on the NTE since 08:40',
    contact: { name: 'Ann Example', email: 'ann@customer.example', phone: '+44 20 7946 0000' },
    ...overrides,
  };
}

export type RaisedTicket = {
  id: string;
  orderId: string;
  partnerId: string;
  status: string;
  submission: string;
  partnerTicketId: string | null;
  failureReason: string | null;
  dates: { expectedResolution: string | null; resolved: string | null };
  timeline: {
    type: string;
    outcome: string;
    source: string;
    toState: string | null;
    externalEventId: string | null;
    receivedAt: string;
  }[];
};

export async function raiseTicket(
  platform: TestPlatform,
  body: Record<string, unknown>,
  key = platform.keys.desk,
): Promise<RaisedTicket> {
  const res = await platform.request('POST', '/api/v1/tickets', {
    key,
    json: body,
    headers: { 'idempotency-key': `t-${Math.random()}` },
  });
  if (res.status !== 201) throw new Error(`ticket failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as RaisedTicket;
}

export async function fetchTicket(platform: TestPlatform, id: string, key = platform.keys.desk): Promise<RaisedTicket> {
  return (await (await platform.request('GET', `/api/v1/tickets/${id}`, { key })).json()) as RaisedTicket;
}

/**
 * A delivered tail to raise faults on: an order with a carrier that has no ordering API (`carrier` must be one),
 * moved to inProgress and completed by the carrier's own PATCHes on our TMF622 server.
 */
export async function deliveredOrder(
  platform: TestPlatform,
  carrier: { id: string; key: string },
): Promise<{ id: string }> {
  const placed = await placeOrder(
    platform,
    orderInput({ partnerId: carrier.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
  );
  for (const state of ['inProgress', 'completed']) {
    const res = await platform.request('PATCH', `/tmf-api/productOrderingManagement/v4/productOrder/${placed.id}`, {
      key: carrier.key,
      json: { state },
    });
    if (res.status !== 200) throw new Error(`could not move the order to ${state}: ${res.status} ${await res.text()}`);
  }
  return { id: placed.id };
}
