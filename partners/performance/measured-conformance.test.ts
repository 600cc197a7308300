import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConformanceCount } from '../../db/repositories/partner-performance.js';
import { conformanceLookup } from './measured-conformance.js';

const settings = { windowDays: 90, minimumSample: 20 };
const count = (
  partnerId: string,
  productCode: string,
  metric: string,
  met: number,
  breached: number,
): ConformanceCount => ({ partnerId, productCode, metric, met, breached });

describe('conformanceLookup (worked examples)', () => {
  // Alpha: on ETH-100, 30 delivery clocks (27 met) and 10 acknowledgement clocks (all met): 37 of 40 = 0.925.
  // On ETH-1G only 6 delivery clocks (3 met): below 20, so ETH-1G offers show Alpha's figure over all products,
  // 40 of 46 = 0.8696 (to 4 places).
  const counts = [
    count('alpha', 'ETH-100', 'orderDelivery', 27, 3),
    count('alpha', 'ETH-100', 'orderAcknowledgement', 10, 0),
    count('alpha', 'ETH-1G', 'orderDelivery', 3, 3),
    count('bravo', 'ETH-100', 'orderDelivery', 12, 7),
  ];
  const lookup = conformanceLookup(counts, settings);

  it("uses the product's own figure once the product reaches the minimum sample", () => {
    expect(lookup('alpha', 'ETH-100')).toEqual({
      status: 'measured',
      scope: 'product',
      share: 0.925,
      met: 37,
      breached: 3,
      byMetric: [
        { metric: 'orderAcknowledgement', met: 10, breached: 0, share: 1 },
        { metric: 'orderDelivery', met: 27, breached: 3, share: 0.9 },
      ],
      windowDays: 90,
      minimumSample: 20,
    });
  });

  it("falls back to the partner's figure over all products when the product has too few clocks", () => {
    expect(lookup('alpha', 'ETH-1G')).toMatchObject({
      status: 'measured',
      scope: 'partner',
      share: 0.8696,
      met: 40,
      breached: 6,
      byMetric: [
        { metric: 'orderAcknowledgement', met: 10, breached: 0, share: 1 },
        { metric: 'orderDelivery', met: 30, breached: 6, share: 0.8333 },
      ],
    });
    // A product the partner never delivered: its figure over all products too.
    expect(lookup('alpha', 'DIA-10G')).toBe(lookup('alpha', 'ETH-1G'));
  });

  it('says "not yet measured" below the minimum sample, with the counts it has', () => {
    // Bravo: 19 clocks, one short of 20.
    expect(lookup('bravo', 'ETH-100')).toMatchObject({
      status: 'notYetMeasured',
      scope: 'partner',
      share: null,
      met: 12,
      breached: 7,
    });
    expect(lookup('nobody', 'ETH-100')).toEqual({
      status: 'notYetMeasured',
      scope: 'partner',
      share: null,
      met: 0,
      breached: 0,
      byMetric: [],
      windowDays: 90,
      minimumSample: 20,
    });
  });

  it('follows the minimum sample it is given', () => {
    expect(conformanceLookup(counts, { windowDays: 30, minimumSample: 19 })('bravo', 'ETH-100')).toMatchObject({
      status: 'measured',
      scope: 'product',
      share: 0.6316,
      windowDays: 30,
    });
  });
});

describe('conformanceLookup (properties)', () => {
  const arbitraryCount = fc.record({
    partnerId: fc.constantFrom('p1', 'p2'),
    productCode: fc.constantFrom('ETH-100', 'ETH-1G'),
    metric: fc.constantFrom('orderDelivery', 'orderAcknowledgement', 'ticketRestore'),
    met: fc.nat(30),
    breached: fc.nat(30),
  });
  // Counts as stored: one row per partner, product and metric.
  const uniqueCounts = fc.uniqueArray(arbitraryCount, {
    selector: (c) => `${c.partnerId}/${c.productCode}/${c.metric}`,
    maxLength: 12,
  });

  it('is measured exactly when its scope has the minimum sample, and its share is met over met and breached', () => {
    fc.assert(
      fc.property(uniqueCounts, fc.integer({ min: 1, max: 60 }), (counts, minimumSample) => {
        const lookup = conformanceLookup(counts, { windowDays: 90, minimumSample });
        for (const partnerId of ['p1', 'p2']) {
          for (const productCode of ['ETH-100', 'ETH-1G']) {
            const rows = counts.filter((c) => c.partnerId === partnerId);
            const onProduct = rows.filter((c) => c.productCode === productCode);
            const sum = (list: ConformanceCount[]) => list.reduce((n, c) => n + c.met + c.breached, 0);
            const scoped = sum(onProduct) >= minimumSample ? onProduct : rows;
            const figure = lookup(partnerId, productCode);
            expect(figure.scope).toBe(scoped === onProduct && sum(onProduct) >= minimumSample ? 'product' : 'partner');
            expect(figure.met + figure.breached).toBe(sum(scoped));
            expect(figure.status === 'measured').toBe(sum(scoped) >= minimumSample);
            if (figure.share !== null) {
              expect(figure.share).toBeGreaterThanOrEqual(0);
              expect(figure.share).toBeLessThanOrEqual(1);
              expect(Math.abs(figure.share - figure.met / (figure.met + figure.breached))).toBeLessThanOrEqual(5e-5);
            }
            expect(figure.byMetric.reduce((n, m) => n + m.met + m.breached, 0)).toBe(sum(scoped));
          }
        }
      }),
    );
  });
});
