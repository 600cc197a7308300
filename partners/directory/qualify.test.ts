import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locationKeysForAddress } from './location-keys.js';
import {
  compareOffers,
  confidenceOf,
  meetsNeeds,
  mostSpecificPerProduct,
  selectOffers,
  type CoverageCandidate,
} from './qualify.js';
import { deliveryLookup } from '../performance/delivery-estimates.js';
import { conformanceLookup } from '../performance/measured-conformance.js';

const settings = { windowDays: 90, minimumSample: 20 };
const noHistory = deliveryLookup([]);
const unmeasured = { conformance: conformanceLookup([], settings), delivery: noHistory };

const keys = locationKeysForAddress({ countryCode: 'GB', postcode: 'SW1A 1AA', addressId: 'UPRN:1' }).map((k) => k.key);
const levelOf: Record<string, CoverageCandidate['matchLevel']> = {
  'UPRN:1': 'address',
  'GB:SW1A 1AA': 'postcode',
  'GB:SW1A 1': 'sector',
  'GB:SW1A': 'district',
  'GB:SW1': 'district',
  'GB:SW': 'area',
};

const entry = (overrides: Partial<CoverageCandidate> = {}): CoverageCandidate => {
  const locationKey = overrides.locationKey ?? 'GB:SW1A 1AA';
  return {
    partnerId: 'ptn_a',
    partnerName: 'Alpha',
    coverageVersionId: 'cov_a',
    locationKey,
    matchLevel: levelOf[locationKey] ?? 'postcode',
    productCode: 'ETH-100',
    bandwidthMbps: 100,
    accessType: 'onNet',
    installChargeMinor: 100_000,
    monthlyChargeMinor: 30_000,
    currency: 'GBP',
    leadTimeDays: 30,
    ...overrides,
  };
};

describe('confidenceOf', () => {
  it.each([
    ['address', 'onNet', 'green'],
    ['postcode', 'onNet', 'green'],
    ['address', 'nearNet', 'yellow'],
    ['postcode', 'nearNet', 'yellow'],
    ['sector', 'onNet', 'yellow'],
    ['sector', 'nearNet', 'yellow'],
    ['district', 'onNet', 'yellow'],
    ['district', 'nearNet', 'red'],
    ['area', 'onNet', 'red'],
    ['area', 'nearNet', 'red'],
  ] as const)('%s %s -> %s', (level, access, expected) => expect(confidenceOf(level, access)).toBe(expected));
});

describe('mostSpecificPerProduct', () => {
  it('keeps only the most specific entry per partner, product and bandwidth', () => {
    const area = entry({ locationKey: 'GB:SW', monthlyChargeMinor: 1 });
    const postcode = entry({ locationKey: 'GB:SW1A 1AA' });
    const otherBandwidth = entry({ locationKey: 'GB:SW', bandwidthMbps: 1000 });
    const otherPartner = entry({ locationKey: 'GB:SW', partnerId: 'ptn_b' });
    expect(mostSpecificPerProduct([area, postcode, otherBandwidth, otherPartner], keys)).toEqual([
      postcode,
      otherBandwidth,
      otherPartner,
    ]);
  });

  it('prefers the outcode district over the sub-district one (key order)', () => {
    const outcode = entry({ locationKey: 'GB:SW1A' });
    const district = entry({ locationKey: 'GB:SW1' });
    expect(mostSpecificPerProduct([district, outcode], keys)).toEqual([outcode]);
  });
});

describe('meetsNeeds', () => {
  it('filters by product, bandwidth, lead time and budget (other currencies excluded)', () => {
    const e = entry();
    expect(meetsNeeds(e, { productCode: 'ETH-100' })).toBe(true);
    expect(meetsNeeds(e, { productCode: 'ETH-1G' })).toBe(false);
    expect(meetsNeeds(e, { minBandwidthMbps: 100 })).toBe(true);
    expect(meetsNeeds(e, { minBandwidthMbps: 101 })).toBe(false);
    expect(meetsNeeds(e, { minBandwidthMbps: 1, maxLeadTimeDays: 29 })).toBe(false);
    expect(
      meetsNeeds(e, { minBandwidthMbps: 1, budget: { currency: 'GBP', monthlyMinor: 30_000, installMinor: 100_000 } }),
    ).toBe(true);
    expect(meetsNeeds(e, { minBandwidthMbps: 1, budget: { currency: 'GBP', monthlyMinor: 29_999 } })).toBe(false);
    expect(meetsNeeds(e, { minBandwidthMbps: 1, budget: { currency: 'GBP', installMinor: 99_999 } })).toBe(false);
    expect(meetsNeeds(e, { minBandwidthMbps: 1, budget: { currency: 'USD' } })).toBe(false);
  });
});

describe('selectOffers ranking', () => {
  const rankOf = (offers: CoverageCandidate[]) =>
    selectOffers(offers, keys, { minBandwidthMbps: 1 }, unmeasured).map((o) => o.partnerId);

  it('ranks by match level, then confidence, then 36-month cost, then lead time, then name', () => {
    const offers = [
      entry({ partnerId: 'area', locationKey: 'GB:SW', monthlyChargeMinor: 1 }),
      entry({ partnerId: 'pc-near', accessType: 'nearNet', monthlyChargeMinor: 1 }),
      entry({ partnerId: 'pc-dear', monthlyChargeMinor: 40_000 }),
      entry({ partnerId: 'pc-cheap-install-dear-month', installChargeMinor: 0, monthlyChargeMinor: 33_000 }),
      entry({ partnerId: 'pc-slow', leadTimeDays: 60 }),
      entry({ partnerId: 'pc-b', partnerName: 'Bravo' }),
      entry({ partnerId: 'uprn', locationKey: 'UPRN:1', monthlyChargeMinor: 99_999 }),
    ];
    // pc-b and pc-slow cost 1,180,000 over 36 months; the install-free one 1,188,000.
    expect(rankOf(offers)).toEqual([
      'uprn',
      'pc-b',
      'pc-slow',
      'pc-cheap-install-dear-month',
      'pc-dear',
      'pc-near',
      'area',
    ]);
  });

  it('compares cost only within a currency and orders currencies by code', () => {
    const offers = [entry({ partnerId: 'usd', currency: 'USD', monthlyChargeMinor: 1 }), entry({ partnerId: 'gbp' })];
    expect(rankOf(offers)).toEqual(['gbp', 'usd']);
  });

  it('puts measured partners first, higher measured conformance first, ahead of cost', () => {
    const offers = [
      entry({ partnerId: 'x' }),
      entry({ partnerId: 'y', monthlyChargeMinor: 40_000 }),
      entry({ partnerId: 'z', monthlyChargeMinor: 1 }),
    ];
    const count = (partnerId: string, met: number, breached: number) => ({
      partnerId,
      productCode: 'ETH-100',
      metric: 'orderDelivery',
      met,
      breached,
    });
    // x: 18 of 20 met (0.9); y: 99 of 100 (0.99); z: 3 of 3, below the minimum sample of 20.
    const conformance = conformanceLookup([count('x', 18, 2), count('y', 99, 1), count('z', 3, 0)], settings);
    const ranked = selectOffers(offers, keys, { minBandwidthMbps: 1 }, { conformance, delivery: noHistory });
    expect(ranked.map((o) => [o.partnerId, o.measuredConformance.share])).toEqual([
      ['y', 0.99],
      ['x', 0.9],
      ['z', null],
    ]);
    expect(ranked[2]!.measuredConformance).toMatchObject({ status: 'notYetMeasured', met: 3, breached: 0 });
  });

  it('numbers ranks from 1 and is a total, stable order whatever the input order', () => {
    const arbitraryEntry = fc.record({
      partnerId: fc.constantFrom('p1', 'p2', 'p3'),
      partnerName: fc.constantFrom('A', 'B'),
      locationKey: fc.constantFrom(...keys),
      productCode: fc.constantFrom('ETH-100', 'ETH-1G'),
      bandwidthMbps: fc.constantFrom(100, 1000),
      accessType: fc.constantFrom('onNet' as const, 'nearNet' as const),
      installChargeMinor: fc.nat(1_000_000),
      monthlyChargeMinor: fc.nat(100_000),
      currency: fc.constantFrom('GBP', 'USD'),
      leadTimeDays: fc.nat(90),
    });
    // Measured conformance per partner on ETH-100 (p3 never measured), from 0 to 40 clocks of each outcome.
    const arbitraryConformance = fc
      .tuple(fc.nat(40), fc.nat(40), fc.nat(40), fc.nat(40))
      .map(([met1, breached1, met2, breached2]) => ({
        delivery: noHistory,
        conformance: conformanceLookup(
          [
            { partnerId: 'p1', productCode: 'ETH-100', metric: 'orderDelivery', met: met1, breached: breached1 },
            { partnerId: 'p2', productCode: 'ETH-100', metric: 'orderDelivery', met: met2, breached: breached2 },
          ],
          settings,
        ),
      }));
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 30 }), arbitraryConformance, (raw, conformance) => {
        const offers = raw.map((r) => entry(r));
        const ranked = selectOffers(offers, keys, { minBandwidthMbps: 1 }, conformance);
        const again = selectOffers([...offers].reverse(), keys, { minBandwidthMbps: 1 }, conformance);
        expect(ranked.map((o) => o.rank)).toEqual(ranked.map((_, i) => i + 1));
        for (let i = 1; i < ranked.length; i++)
          expect(compareOffers(ranked[i - 1]!, ranked[i]!)).toBeLessThanOrEqual(0);
        const signature = (list: typeof ranked) =>
          list.map((o) => `${o.partnerId}/${o.productCode}/${o.bandwidthMbps}`);
        expect(signature(again)).toEqual(signature(ranked));
      }),
    );
  });
});
