import { describe, expect, it } from 'vitest';
import { decideTicketUpdate, type TicketFacts } from './receive-update.js';

const at = '2027-01-15T10:00:00.000Z';
const facts = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  status: 'acknowledged',
  createdAt: '2027-01-01T00:00:00.000Z',
  expectedResolutionAt: null,
  lastStatusAt: null,
  ...over,
});

describe('decideTicketUpdate', () => {
  it('applies a valid TMF621 move and takes a new expected resolution date', () => {
    expect(
      decideTicketUpdate(
        facts(),
        { status: 'inProgress', expectedResolutionDate: '2027-01-15T15:00:00.000Z', occurredAt: at },
        at,
      ),
    ).toEqual({
      outcome: 'applied',
      patch: { status: 'inProgress', expectedResolutionAt: '2027-01-15T15:00:00.000Z' },
    });
  });

  it('refuses an invalid move and applies nothing else with it', () => {
    const decision = decideTicketUpdate(
      facts(),
      { status: 'closed', expectedResolutionDate: '2027-01-16T00:00:00.000Z', occurredAt: at },
      at,
    );
    expect(decision).toMatchObject({
      outcome: 'refused',
      patch: {},
      detail: 'invalid transition acknowledged -> closed',
    });
  });

  it('lets a polled snapshot skip steps it could not see, but not go backwards out of a final status', () => {
    expect(
      decideTicketUpdate(facts({ status: 'pending' }), { kind: 'snapshot', status: 'closed', occurredAt: at }, at)
        .outcome,
    ).toBe('applied');
    expect(
      decideTicketUpdate(facts({ status: 'cancelled' }), { kind: 'snapshot', status: 'inProgress', occurredAt: at }, at)
        .outcome,
    ).toBe('refused');
  });

  it('calls an update older than the last applied status stale', () => {
    const decision = decideTicketUpdate(
      facts({ status: 'inProgress', lastStatusAt: at }),
      { status: 'pending', occurredAt: '2027-01-15T09:00:00.000Z' },
      at,
    );
    expect(decision.outcome).toBe('stale');
  });

  it('records the resolution instant (never a future claim) and clears it on reopening', () => {
    const claimed = '2027-01-15T09:30:00.000Z';
    expect(
      decideTicketUpdate(
        facts({ status: 'inProgress' }),
        { status: 'resolved', resolutionDate: claimed, occurredAt: at },
        at,
      ).patch.resolvedAt,
    ).toBe(claimed);
    expect(
      decideTicketUpdate(
        facts({ status: 'inProgress' }),
        { status: 'resolved', resolutionDate: '2099-01-01T00:00:00.000Z', occurredAt: at },
        at,
      ).patch.resolvedAt,
    ).toBe(at);
    expect(
      decideTicketUpdate(facts({ status: 'resolved' }), { status: 'inProgress', occurredAt: at }, at).patch,
    ).toEqual({ status: 'inProgress', resolvedAt: null });
  });

  it("keeps the carrier's reason for a rejection; the same status again is only recorded", () => {
    expect(
      decideTicketUpdate(facts(), { status: 'rejected', message: 'Not our circuit', occurredAt: at }, at).patch,
    ).toEqual({ status: 'rejected', failureReason: 'Not our circuit' });
    expect(decideTicketUpdate(facts(), { status: 'acknowledged', occurredAt: at }, at)).toEqual({
      outcome: 'recorded',
      patch: {},
    });
  });
});
