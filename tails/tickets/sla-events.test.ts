import { describe, expect, it } from 'vitest';
import type { TicketEventRow } from '../../db/repositories/tickets.js';
import { ticketSlaEvents } from './sla-events.js';

let seq = 0;
const row = (over: Partial<TicketEventRow>): TicketEventRow => ({
  seq: ++seq,
  id: `evt_${seq}`,
  ticketId: 'tkt_1',
  partnerId: 'ptn_1',
  source: 'listener',
  externalEventId: null,
  type: 'troubleTicketStatusChangeEvent',
  fromState: 'acknowledged',
  toState: null,
  outcome: 'applied',
  detail: null,
  payload: null,
  claimNote: null,
  ownDelayMs: null,
  occurredAt: `2027-01-01T00:00:0${seq % 10}.000Z`,
  receivedAt: `2027-01-01T00:00:0${seq % 10}.000Z`,
  ...over,
});

describe('ticketSlaEvents', () => {
  it("reads the raising, the carrier's acknowledgement and status changes; skips refused, stale, desk notes and repeats", () => {
    const events = ticketSlaEvents([
      row({ type: 'ticketRaised', source: 'desk', toState: 'acknowledged', fromState: null }),
      row({ source: 'adapter', type: 'submitted', toState: 'acknowledged', outcome: 'recorded' }),
      row({ toState: 'acknowledged', outcome: 'recorded' }),
      row({ toState: 'closed', outcome: 'refused' }),
      row({ toState: 'inProgress' }),
      row({ toState: 'pending' }),
      row({ toState: 'held', outcome: 'stale' }),
      row({ source: 'desk', type: 'closeRequested', outcome: 'recorded' }),
      row({ toState: 'inProgress' }),
      row({ toState: 'resolved' }),
    ]);
    expect(events.map((e) => [e.type, e.state ?? ''])).toEqual([
      ['created', ''],
      ['submitted', ''],
      ['state', 'acknowledged'],
      ['state', 'inProgress'],
      ['state', 'pending'],
      ['state', 'inProgress'],
      ['state', 'resolved'],
    ]);
  });
});
