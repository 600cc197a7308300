import { describe, expect, it } from 'vitest';
import { canMoveTicket, canReachTicket, isFinalTicketStatus, ticketStatuses } from './ticket-states.js';

describe('TMF621 ticket state machine', () => {
  it('follows a fault to closure and lets the buyer reopen a resolved ticket', () => {
    expect(canMoveTicket('acknowledged', 'inProgress')).toBe(true);
    expect(canMoveTicket('inProgress', 'resolved')).toBe(true);
    expect(canMoveTicket('resolved', 'closed')).toBe(true);
    expect(canMoveTicket('resolved', 'inProgress')).toBe(true);
  });

  it('never leaves a final status', () => {
    for (const from of ticketStatuses.filter(isFinalTicketStatus)) {
      for (const to of ticketStatuses) expect(canMoveTicket(from, to), `${from} -> ${to}`).toBe(from === to);
    }
  });
});

describe('canReachTicket (for polled snapshots)', () => {
  it('accepts a status the carrier reached through steps we did not see', () => {
    expect(canMoveTicket('pending', 'closed')).toBe(false);
    expect(canReachTicket('pending', 'closed')).toBe(true);
    expect(canReachTicket('acknowledged', 'closed')).toBe(true);
  });

  it('never reaches out of a final status', () => {
    expect(canReachTicket('cancelled', 'inProgress')).toBe(false);
    expect(canReachTicket('closed', 'resolved')).toBe(false);
  });
});
