import { describe, expect, it } from 'vitest';
import { BusinessCalendarSchema } from '../../sla-rules/calendar-schema.js';
import { resolveCalendar } from '../../sla-rules/holidays.js';
import { deliveryCurves, deliveryLookup, type DeliveryObservation } from './delivery-estimates.js';
import { observationOf } from './performance-refresh.js';

const order = (
  partnerId: string,
  productCode: string,
  accessType: string,
  time: number,
  delivered = true,
): DeliveryObservation => ({ partnerId, productCode, accessType, time, delivered });
const times = (n: number, make: (i: number) => DeliveryObservation) => Array.from({ length: n }, (_, i) => make(i));

describe('delivery estimates (worked examples)', () => {
  // Alpha on-net ETH-100: 10 orders delivered after 1..10 working days: 80% within 8.
  // Alpha near-net ETH-100: 4 delivered after 20 days: too few, so Alpha's orders of any kind count (14 deliveries:
  // 1..10 and 20,20,20,20: 80% is the 12th smallest = 20).
  // Bravo: 3 delivered and 6 still open: too few of its own; every partner's ETH-100 orders count.
  const observations = [
    ...times(10, (i) => order('alpha', 'ETH-100', 'onNet', i + 1)),
    ...times(4, () => order('alpha', 'ETH-100', 'nearNet', 20)),
    ...times(3, () => order('bravo', 'ETH-100', 'onNet', 5)),
    ...times(6, () => order('bravo', 'ETH-100', 'onNet', 2, false)),
    order('charlie', 'DIA-1G', 'onNet', 30),
  ];
  const curves = deliveryCurves(observations);
  const lookup = deliveryLookup(curves, 10);

  it('keeps one curve per group: partner x product x access, partner, product, all partners', () => {
    const keys = curves.map((c) => [c.partnerId, c.productCode, c.accessType, c.observations, c.completions]);
    expect(keys).toEqual(
      expect.arrayContaining([
        ['alpha', 'ETH-100', 'onNet', 10, 10],
        ['alpha', '', '', 14, 14],
        ['', 'ETH-100', '', 23, 17],
        ['', '', '', 24, 18],
        ['bravo', 'ETH-100', 'onNet', 9, 3],
      ]),
    );
    expect(curves.find((c) => c.partnerId === 'alpha' && c.accessType === 'onNet')!.steps.slice(0, 2)).toEqual([
      [1, 0.9],
      [2, 0.8],
    ]);
  });

  it('estimates from the narrowest group with enough deliveries', () => {
    expect(lookup('alpha', 'ETH-100', 'onNet')).toEqual({
      status: 'estimated',
      share: 0.8,
      withinWorkingDays: 8,
      scope: 'partnerProductAccess',
      completions: 10,
      observations: 10,
      minimumCompletions: 10,
    });
    expect(lookup('alpha', 'ETH-100', 'nearNet')).toMatchObject({ scope: 'partner', withinWorkingDays: 20 });
    expect(lookup('bravo', 'ETH-100', 'onNet')).toMatchObject({ scope: 'product', completions: 17, observations: 23 });
    expect(lookup('charlie', 'DIA-1G', 'onNet')).toMatchObject({ scope: 'allPartners', completions: 18 });
  });

  it('says when there is not enough history anywhere, and when 80% is beyond what was observed', () => {
    expect(deliveryLookup(curves, 100)('alpha', 'ETH-100', 'onNet')).toEqual({
      status: 'notEnoughHistory',
      share: 0.8,
      withinWorkingDays: null,
      scope: 'allPartners',
      completions: 18,
      observations: 24,
      minimumCompletions: 100,
    });
    // Half the orders still open after 3 days: 80% delivered is never reached.
    const open = deliveryCurves([
      ...times(10, () => order('p', 'X', 'onNet', 1)),
      ...times(10, () => order('p', 'X', 'onNet', 3, false)),
    ]);
    expect(deliveryLookup(open, 10)('p', 'X', 'onNet')).toMatchObject({ status: 'estimated', withinWorkingDays: null });
  });
});

describe("an order's observed wait", () => {
  // Europe/London, Monday to Friday; 2026-08-31 is the summer bank holiday.
  const calendar = resolveCalendar(
    BusinessCalendarSchema.parse({ timeZone: 'Europe/London', holidayRegion: 'GB-ENG' }),
    2025,
    2027,
  );
  const record = {
    productCode: 'ETH-100',
    accessType: 'onNet',
    startedAt: '2026-08-27T10:00:00.000Z', // Thursday
    state: 'inProgress',
    completedAt: null,
    updatedAt: '2026-09-01T12:00:00.000Z',
  };

  it('counts working days from its start to its completion, delivered', () => {
    // Fri 28, (Mon 31 is a holiday), Tue 1, Wed 2: 3 working days.
    expect(
      observationOf(
        { ...record, state: 'completed', completedAt: '2026-09-02T15:00:00.000Z' },
        calendar,
        '2026-10-01T00:00:00.000Z',
      ),
    ).toMatchObject({
      time: 3,
      delivered: true,
    });
  });

  it('is censored at now while open, and at its last change once cancelled', () => {
    expect(observationOf(record, calendar, '2026-09-03T09:00:00.000Z')).toMatchObject({ time: 4, delivered: false });
    expect(observationOf({ ...record, state: 'cancelled' }, calendar, '2026-10-01T00:00:00.000Z')).toMatchObject({
      time: 2,
      delivered: false,
    });
  });
});
