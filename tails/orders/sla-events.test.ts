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
  claimNote: null,
  ownDelayMs: null,
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
      ['submitted', ''],
      ['state', 'acknowledged'],
      ['committedDate', '2026-02-01T17:00:00.000Z'],
      ['state', 'inProgress'],
    ]);
  });

  it("starts the carrier's clocks when it first had the order: made available to pull, or its first word on it", () => {
    const pulled = orderSlaEvents([
      row({ type: 'orderPlaced', source: 'desk', toState: 'acknowledged', fromState: null }),
      row({ type: 'availableToCarrier', source: 'workflow', outcome: 'recorded' }),
      row({ source: 'partner-pull', type: 'productOrderPatch', toState: 'inProgress' }),
    ]);
    expect(pulled.map((e) => e.type)).toEqual(['created', 'submitted', 'state']);
    // The worker died before the carrier's answer was recorded; its notification came first.
    const heard = orderSlaEvents([
      row({ type: 'orderPlaced', source: 'desk', toState: 'acknowledged', fromState: null }),
      row({ toState: 'inProgress', receivedAt: '2026-01-01T00:05:00.000Z' }),
      row({ source: 'adapter', type: 'submitted', toState: 'inProgress', outcome: 'recorded' }),
    ]);
    expect(heard.slice(1, 3)).toMatchObject([
      { type: 'submitted', receivedAt: '2026-01-01T00:05:00.000Z' },
      { type: 'state', state: 'inProgress' },
    ]);
  });

  it("passes on claim notes and Tailgate's own delay, and a polled completion's own date as its claim", () => {
    const events = orderSlaEvents([
      row({ type: 'orderPlaced', source: 'desk', toState: 'acknowledged', fromState: null }),
      row({ toState: 'inProgress', claimNote: 'claimed 2031-01-01T00:00:00Z: later than its receipt', ownDelayMs: 0 }),
      row({
        source: 'adapter-poll',
        type: 'poll',
        toState: 'completed',
        payload: { completionDate: '2026-01-01T00:00:00.500Z' },
        occurredAt: '2026-01-01T00:00:09.000Z',
        receivedAt: '2026-01-01T00:00:09.000Z',
        ownDelayMs: 60_000,
      }),
    ]);
    expect(events.slice(2)).toMatchObject([
      { type: 'state', state: 'inProgress', claimNote: 'claimed 2031-01-01T00:00:00Z: later than its receipt' },
      { type: 'state', state: 'completed', occurredAt: '2026-01-01T00:00:00.500Z', ownDelayMs: 60_000 },
    ]);
  });
});
