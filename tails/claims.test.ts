import { describe, expect, it } from 'vitest';
import { believableDate, judgeClaim } from './claims.js';

describe('claimed times', () => {
  const existed = '2027-01-01T09:00:00.000Z';
  const received = '2027-01-02T10:00:00.000Z';

  it('believes a time between the entity existing and a small skew after its receipt', () => {
    expect(judgeClaim('2027-01-02T09:00:00.000Z', received, existed)).toEqual({
      occurredAt: '2027-01-02T09:00:00.000Z',
      claimNote: null,
    });
    expect(judgeClaim('2027-01-02T10:02:00.000Z', received, existed).claimNote).toBeNull();
  });

  it('uses the receipt, and says why, for a time in the future or before the entity existed', () => {
    expect(judgeClaim('2027-01-02T10:02:00.001Z', received, existed)).toEqual({
      occurredAt: received,
      claimNote: 'claimed 2027-01-02T10:02:00.001Z: later than its receipt, beyond the 2 min skew',
    });
    expect(judgeClaim('2027-01-01T08:59:59.999Z', received, existed)).toEqual({
      occurredAt: received,
      claimNote: `claimed 2027-01-01T08:59:59.999Z: before it existed (${existed})`,
    });
  });

  it('takes a completion date only between the entity existing and its receipt', () => {
    expect(believableDate('2027-01-02T09:00:00.000Z', received, existed)).toBe('2027-01-02T09:00:00.000Z');
    expect(believableDate('2027-01-02T10:00:01.000Z', received, existed)).toBe(received);
    expect(believableDate('2026-12-31T00:00:00.000Z', received, existed)).toBe(received);
    expect(believableDate(undefined, received, existed)).toBe(received);
  });
});
