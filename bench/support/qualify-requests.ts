import type { QualificationRequest } from '../../openapi/qualification.js';
import type { ProbeAddress } from './coverage-data.js';
import { seededRandom } from './random.js';
import { randomPostcodeIn, UNCOVERED_AREAS } from './uk-postcodes.js';

const NEEDS: QualificationRequest['productNeeds'][] = [
  { minBandwidthMbps: 100 },
  { productCode: 'ETH-FTTP' },
  { productCode: 'ETH-EFM', minBandwidthMbps: 20 },
  { minBandwidthMbps: 10, maxLeadTimeDays: 60 },
  { minBandwidthMbps: 1000, budget: { monthlyMinor: 60_000, currency: 'GBP' } },
];

/**
 * Desk requests: addresses inside generated coverage (so hits at address, postcode, sector, district and area
 * level, and the broader levels of other carriers on top), plus about one in seven in places nobody covers
 * (Shetland, the Western Isles, Caithness, unserved US ZIPs). Deterministic order, mixed product needs.
 */
export function qualificationRequests(probes: ProbeAddress[], count: number): QualificationRequest[] {
  const random = seededRandom(7);
  const requests: QualificationRequest[] = [];
  for (let i = 0; i < count; i += 1) {
    const needs = NEEDS[random.int(NEEDS.length)] ?? { minBandwidthMbps: 100 };
    let address: QualificationRequest['address'];
    if (random.next() < 1 / 7) {
      address =
        random.next() < 0.8
          ? { countryCode: 'GB', postcode: randomPostcodeIn(random, random.pick(UNCOVERED_AREAS)) }
          : { countryCode: 'US', postcode: `00${500 + random.int(499)}` };
    } else {
      const probe = random.pick(probes);
      address = { countryCode: probe.countryCode, postcode: probe.postcode };
      if (probe.addressId) address.addressId = probe.addressId;
    }
    requests.push({
      address: { ...address, line1: `${1 + random.int(200)} High Street`, city: 'Anytown' },
      productNeeds: needs,
    });
  }
  return requests;
}
