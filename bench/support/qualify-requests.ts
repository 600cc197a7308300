import type { QualificationRequest } from '../../openapi/qualification.js';
import type { ProbeAddress } from './coverage-data.js';
import { seededRandom } from './random.js';
import {
  randomAreaIndex,
  randomDistrict,
  randomPostcodeIn,
  randomSector,
  randomUnit,
  UNCOVERED_AREAS,
} from './uk-postcodes.js';

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

/**
 * Desk requests for the HTTP run, made as they are sent: `unseenShare` of them for a postcode no earlier request of
 * the stream used (a random unit in a covered area, weighted by where people are, so the answer cache cannot know it
 * and the coverage cache may know only its sector, district or area), the rest from a hot set of 500 addresses
 * inside generated coverage. `unseen()` counts the requests whose postcode was new.
 */
export function unseenQualificationStream(
  probes: ProbeAddress[],
  unseenShare: number,
): { next(): string; sent(): number; unseen(): number } {
  const random = seededRandom(11);
  const hot = qualificationRequests(probes, 500);
  const seen = new Set<string>();
  let sent = 0;
  let unseen = 0;
  const fresh = (): QualificationRequest => {
    for (;;) {
      const district = randomDistrict(random, randomAreaIndex(random));
      const postcode = randomUnit(random, randomSector(random, district));
      if (seen.has(postcode)) continue;
      return {
        address: { countryCode: 'GB', postcode, line1: `${1 + random.int(200)} High Street`, city: 'Anytown' },
        productNeeds: NEEDS[random.int(NEEDS.length)] ?? { minBandwidthMbps: 100 },
      };
    }
  };
  return {
    next() {
      const request = random.next() < unseenShare ? fresh() : random.pick(hot);
      const postcode = request.address.postcode ?? '';
      if (!seen.has(postcode)) {
        seen.add(postcode);
        unseen += 1;
      }
      sent += 1;
      return JSON.stringify(request);
    },
    sent: () => sent,
    unseen: () => unseen,
  };
}
