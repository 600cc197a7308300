import { afterEach, describe, expect, it } from 'vitest';
import { conformanceBetween } from '../db/repositories/conformance.js';
import { conformanceInSlices } from './conformance-slices.js';
import { monthPeriod } from './month.js';
import { reportFixture, type ReportFixture } from './test-fixtures.js';

describe('conformance counted in slices of the month', () => {
  let fx: ReportFixture;
  afterEach(() => fx?.close());

  it('counts what one query over the month counts, in the same order', async () => {
    fx = await reportFixture();
    const partners = [await fx.addPartner('Alpha'), await fx.addPartner('Beta')];
    const period = monthPeriod('2026-10', 'Europe/London');
    // Outcomes across the month, on slice edges and at both ends of the period, met and breached, several OLAs.
    const instants = [
      period.startsAt,
      '2026-10-01T07:00:00.000Z',
      '2026-10-15T12:34:56.000Z',
      '2026-10-31T23:59:59.999Z',
    ];
    for (const [i, finalAt] of instants.entries()) {
      for (const [p, partner] of partners.entries()) {
        await fx.breach(partner, { clause: ['hourly', 'flat', 'share'][(i + p) % 3]!, finalAt });
        await fx.breach(partner, { clause: 'flat', finalAt, state: 'met' });
      }
    }
    await fx.breach(partners[0]!, { clause: 'flat', finalAt: period.endsAt }); // November's

    const sliced = await conformanceInSlices(fx.db, period.startsAt, period.endsAt);
    expect(sliced).toEqual(await conformanceBetween(fx.db, period.startsAt, period.endsAt));
    expect(sliced.reduce((n, r) => n + r.met + r.breached, 0)).toBe(instants.length * partners.length * 2);
  });
});
