import { describe, expect, it } from 'vitest';
import type { OrderEventRow } from '../../db/repositories/orders.js';
import { orderSlaEvents } from './sla-events.js';

let seq = 0;
const row = (over: Partial<OrderEventRow>): OrderEventRow => ({
  seq: ++seq,
  id: `evt_${seq}`,
  orderId: 'ord_1',
  partnerId: 'ptn_1',
  source: 'listener',
  externalEventId: null,
  type: 'productOrderStateChangeEvent',
  fromState: 'acknowledged',
  toState: null,
  outcome: 'applied',
  detail: null,
  committedDate: null,
  payload: null,
  occurredAt: `2026-01-01T00:00:0${seq % 10}.000Z`,
  receivedAt: `2026-01-01T00:00:0${seq % 10}.000Z`,
  ...over,
});

describe('orderSlaEvents', () => {
  it("reads placement, the carrier's acknowledgement, state changes and committed dates; skips refused and repeats", () => {
    const events = orderSlaEvents([
      row({ type: 'orderPlaced', source: 'desk', toState: 'acknowledged', fromState: null }),
      row({ source: 'adapter', type: 'submitted', toState: 'acknowledged', outcome: 'recorded' }),
      row({ toState: 'acknowledged', outcome: 'recorded' }),
      row({ type: 'productOrderAttributeValueChangeEvent', committedDate: '2026-02-01T17:00:00.000Z' }),
      row({ toState: 'completed', outcome: 'refused' }),
      row({ toState: 'inProgress' }),
    ]);
    expect(events.map((e) => [e.type, e.state ?? e.committedDate ?? ''])).toEqual([
      ['created', ''],
      ['state', 'acknowledged'],
      ['committedDate', '2026-02-01T17:00:00.000Z'],
      ['state', 'inProgress'],
    ]);
  });
});
