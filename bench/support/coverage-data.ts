import { once } from 'node:events';
import fs from 'node:fs';
import { coverageCsvColumns } from '../../openapi/coverage.js';
import { seededRandom, weightedPicker, type Random } from './random.js';
import { areaCode, randomAreaIndex, randomDistrict, randomSector, randomUnit } from './uk-postcodes.js';

export type MatchLevel = 'address' | 'postcode' | 'sector' | 'district' | 'area';
/** One coverage row both as the carrier writes it (CSV line) and as it is stored (canonical values). */
export type CoverageRowData = {
  csv: string;
  locationKey: string;
  matchLevel: MatchLevel;
  productCode: string;
  bandwidthMbps: number;
  accessType: 'onNet' | 'nearNet';
  installChargeMinor: number;
  monthlyChargeMinor: number;
  currency: string;
  leadTimeDays: number;
};
/** An address inside a generated location, for qualification requests. */
export type ProbeAddress = { countryCode: 'GB' | 'US'; postcode: string; addressId?: string; level: MatchLevel };

const PRODUCTS: ReadonlyArray<readonly [code: string, mbps: number]> = [
  ['ETH-FTTP', 100],
  ['ETH-FTTP', 1000],
  ['ETH-FTTP', 10000],
  ['ETH-EFM', 10],
  ['ETH-EFM', 20],
  ['ETH-EFM', 35],
  ['ETH-FTTC', 20],
  ['ETH-FTTC', 40],
];
/** Full postcodes most, then sectors, districts, a few whole areas; some US ZIPs and some UPRNs. */
const KINDS = ['unit', 'sector', 'district', 'area', 'zip', 'zip4', 'uprn'] as const;
const pickKind = weightedPicker([58, 22, 9, 1, 3, 3, 4]);
type Location = { raw: string; key: string; level: MatchLevel; currency: string; probe: ProbeAddress };

export const coverageHeader = coverageCsvColumns.join(',');

/** A carrier's footprint: a national carrier spreads over all areas, a regional one over a few home areas. */
function partnerAreas(random: Random, partnerIndex: number): number[] | null {
  if (partnerIndex % 5 === 0) return null;
  return Array.from({ length: 2 + random.int(6) }, () => randomAreaIndex(random));
}

function location(random: Random, homeAreas: number[] | null): Location {
  const kind = KINDS[pickKind(random)] ?? 'unit';
  const areaIndex = homeAreas ? random.pick(homeAreas) : randomAreaIndex(random);
  const district = randomDistrict(random, areaIndex);
  const sector = randomSector(random, district);
  const unit = randomUnit(random, sector);
  const gb = (raw: string, canonical: string, level: MatchLevel, probe: Partial<ProbeAddress> = {}): Location => ({
    raw,
    key: `GB:${canonical}`,
    level,
    currency: 'GBP',
    probe: { countryCode: 'GB', postcode: unit, level, ...probe },
  });
  switch (kind) {
    case 'unit':
      // Carriers' exports are not tidy: some write postcodes lower-case or without the space.
      return gb(random.next() < 0.15 ? unit.replace(' ', '').toLowerCase() : unit, unit, 'postcode');
    case 'sector':
      return gb(sector, sector, 'sector');
    case 'district':
      return gb(district, district, 'district');
    case 'area':
      return gb(areaCode(areaIndex), areaCode(areaIndex), 'area');
    case 'uprn': {
      const uprn = `UPRN:${10_000_000_000 + random.int(90_000_000_000)}`;
      return {
        raw: uprn,
        key: uprn,
        level: 'address',
        currency: 'GBP',
        probe: { countryCode: 'GB', postcode: unit, addressId: uprn, level: 'address' },
      };
    }
    default: {
      const zip = String(10_000 + random.int(90_000));
      const plus4 = String(random.int(10_000)).padStart(4, '0');
      const isZip4 = kind === 'zip4';
      const raw = isZip4 ? `${zip}-${plus4}` : zip;
      const level: MatchLevel = isZip4 ? 'postcode' : 'district';
      return {
        raw,
        key: `US:${raw}`,
        level,
        currency: 'USD',
        probe: { countryCode: 'US', postcode: `${zip}-${plus4}`, level },
      };
    }
  }
}

const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * The rows of one partner's file, the same on every run: locations drawn from its footprint, each with one to
 * three products, never repeating a location (a repeat would be a rejected duplicate). `probes` receives an
 * address inside every 200th location.
 */
export function* partnerCoverage(
  partnerIndex: number,
  rows: number,
  probes?: ProbeAddress[],
): Generator<CoverageRowData> {
  const random = seededRandom(1_000_003 * (partnerIndex + 1));
  const homeAreas = partnerAreas(random, partnerIndex);
  const seen = new Set<string>();
  let emitted = 0;
  let locations = 0;
  while (emitted < rows) {
    const loc = location(random, homeAreas);
    if (seen.has(loc.key)) continue;
    seen.add(loc.key);
    if (probes && (locations += 1) % 200 === 0) probes.push(loc.probe);
    const first = random.int(PRODUCTS.length);
    const count = Math.min(1 + random.int(3), rows - emitted);
    for (let p = 0; p < count; p += 1) {
      const [productCode, bandwidthMbps] = PRODUCTS[(first + p) % PRODUCTS.length] ?? PRODUCTS[0]!;
      const onNet = random.next() < 0.6;
      const install = random.next() < 0.2 ? 0 : 25_000 + 50 * random.int(5_000);
      const monthly = 4_500 + random.int(90_000);
      const lead = 5 + random.int(85);
      const csv = `${loc.raw},${productCode},${bandwidthMbps},${onNet ? 'on-net' : 'near-net'},${money(install)},${money(monthly)},${loc.currency},${lead}`;
      emitted += 1;
      yield {
        csv,
        locationKey: loc.key,
        matchLevel: loc.level,
        productCode,
        bandwidthMbps,
        accessType: onNet ? 'onNet' : 'nearNet',
        installChargeMinor: install,
        monthlyChargeMinor: monthly,
        currency: loc.currency,
        leadTimeDays: lead,
      };
    }
  }
}

/** Streams one partner's file to disk in 64 KiB writes; nothing but the current chunk is held. */
export async function writePartnerFile(
  file: string,
  partnerIndex: number,
  rows: number,
  probes: ProbeAddress[],
): Promise<number> {
  const out = fs.createWriteStream(file);
  let chunk = `${coverageHeader}\n`;
  let bytes = 0;
  for (const row of partnerCoverage(partnerIndex, rows, probes)) {
    chunk += `${row.csv}\n`;
    if (chunk.length > 1 << 16) {
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += chunk.length;
  out.end(chunk);
  await once(out, 'finish');
  return bytes;
}
