import { describe, expect, it } from 'vitest';
import { decideOrderUpdate, type OrderFacts } from './receive-update.js';

const order: OrderFacts = {
  state: 'acknowledged',
  createdAt: '2026-10-01T00:00:00.000Z',
  committedDate: null,
  lastStateAt: '2026-11-01T10:00:00.000Z',
};
const now = '2026-11-02T00:00:00.000Z';

describe('decideOrderUpdate', () => {
  it('applies a valid transition and a new committed date', () => {
    expect(
      decideOrderUpdate(
        order,
        { state: 'inProgress', committedDate: '2026-12-01', occurredAt: '2026-11-01T11:00:00.000Z' },
        now,
      ),
    ).toEqual({
      outcome: 'applied',
      patch: { state: 'inProgress', committedDate: '2026-12-01' },
    });
  });

  it('refuses an invalid transition and changes nothing', () => {
    const d = decideOrderUpdate(order, { state: 'completed', occurredAt: '2026-11-01T11:00:00.000Z' }, now);
    expect(d).toMatchObject({ outcome: 'refused', patch: {} });
    expect(d.detail).toContain('acknowledged -> completed');
  });

  it('treats a state older than the last applied one as stale', () => {
    expect(decideOrderUpdate(order, { state: 'inProgress', occurredAt: '2026-11-01T09:00:00.000Z' }, now).outcome).toBe(
      'stale',
    );
  });

  it('never takes a completion date from the future', () => {
    const inProgress = { ...order, state: 'inProgress' as const };
    const d = decideOrderUpdate(
      inProgress,
      { state: 'completed', completionDate: '2027-01-01T00:00:00.000Z', occurredAt: now },
      now,
    );
    expect(d.patch.completedAt).toBe(now);
  });

  it('records an update that changes nothing', () => {
    expect(decideOrderUpdate(order, { state: 'acknowledged', occurredAt: now }, now).outcome).toBe('recorded');
  });
});

describe('decideOrderUpdate for a polled snapshot', () => {
  it('applies a state reachable through steps it did not see, but never a backwards one', () => {
    expect(decideOrderUpdate(order, { kind: 'snapshot', state: 'completed', occurredAt: now }, now).outcome).toBe(
      'applied',
    );
    const completed = { ...order, state: 'completed' as const };
    expect(decideOrderUpdate(completed, { kind: 'snapshot', state: 'inProgress', occurredAt: now }, now).outcome).toBe(
      'refused',
    );
  });
});

describe('decideOrderUpdate and committed dates', () => {
  it('takes a committed date spelt differently for the same instant as no change', () => {
    const committed = { ...order, committedDate: '2027-01-20T00:00:00Z' };
    const update = { committedDate: '2027-01-20T00:00:00.000Z', occurredAt: now };
    expect(decideOrderUpdate(committed, update, now)).toEqual({ outcome: 'recorded', patch: {} });
  });
});
