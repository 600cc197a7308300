import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIso, toMs } from './instants.js';

describe('instants', () => {
  it('formats exactly like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 2.6e14 }), (ms) => {
        expect(toIso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 200 },
    );
    for (const ms of [0, 951782400000, 4107542399999, 253402300799999])
      expect(toIso(ms)).toBe(new Date(ms).toISOString());
  });

  it('reads ISO instants only with a zone, and epoch ms', () => {
    expect(toMs('2026-03-29T01:30:00+01:00')).toBe(Date.UTC(2026, 2, 29, 0, 30));
    expect(toMs(1_700_000_000_123.7)).toBe(1_700_000_000_123);
    expect(() => toMs('2026-03-29T01:30:00')).toThrow(/needs a time zone/);
    expect(() => toMs('yesterday Z')).toThrow(/not an ISO instant/);
  });
});
