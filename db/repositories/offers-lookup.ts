import type Database from 'better-sqlite3';
import type { Db } from '../client.js';
import type { coverageEntries } from '../schema.js';

type Entry = typeof coverageEntries.$inferSelect;

/** A live coverage entry with its partner's name. */
export type LiveCoverageRow = Pick<
  Entry,
  | 'partnerId' | 'locationKey' | 'matchLevel' | 'productCode' | 'bandwidthMbps' | 'accessType'
  | 'installChargeMinor' | 'monthlyChargeMinor' | 'currency' | 'leadTimeDays'
> & { partnerName: string; coverageVersionId: string };

/** An address has at most six location keys (address id, postcode, sector, two districts, area). */
const KEY_SLOTS = 8;
const keyParams = Array.from({ length: KEY_SLOTS }, () => '?');

/**
 * The one query behind a qualification: every live entry (the partner's current coverage version) of every active
 * partner at any of the address's location keys. `coverage_entries` is the outer loop (CROSS JOIN fixes the order)
 * so SQLite probes `coverage_entries_location_cover_idx` once per key, reading the entries from the index alone, and
 * joins partners by primary key; product code and bandwidth are filtered here because they remove whole
 * partner+product+bandwidth groups, never a more specific entry that would hide a less specific one. With a product
 * code the probe is (key, product, bandwidth range), so there are two statements: `(? IS NULL OR ...)` cannot seek.
 */
const liveCoverageSql = (byProduct: boolean) => `
  SELECT e.partner_id AS partnerId, p.name AS partnerName, e.version_id AS coverageVersionId,
         e.location_key AS locationKey, e.match_level AS matchLevel, e.product_code AS productCode,
         e.bandwidth_mbps AS bandwidthMbps, e.access_type AS accessType,
         e.install_charge_minor AS installChargeMinor, e.monthly_charge_minor AS monthlyChargeMinor,
         e.currency AS currency, e.lead_time_days AS leadTimeDays
    FROM coverage_entries e CROSS JOIN partners p
   WHERE e.location_key IN (${keyParams.join(', ')})
     ${byProduct ? 'AND e.product_code = ?' : ''}
     AND e.bandwidth_mbps >= ?
     AND p.id = e.partner_id
     AND p.current_coverage_version_id = e.version_id
     AND p.status = 'active'`;

/** Positional (cheaper to bind than names): the key slots, then the product code if any, the minimum bandwidth. */
type LookupParams = (string | number | null)[];
type RawRow = [string, string, string, string, LiveCoverageRow['matchLevel'], string, number, LiveCoverageRow['accessType'], number, number, string, number];
type Statements = { any: Database.Statement<LookupParams, RawRow>; byProduct: Database.Statement<LookupParams, RawRow> };
const statements = new WeakMap<Database.Database, Statements>();

/** Prepared once per connection; rows come back as arrays (`raw`), cheaper than objects built by the driver. */
function liveCoverageStatements(db: Db): Statements {
  let prepared = statements.get(db.$client);
  if (!prepared) {
    prepared = {
      any: db.$client.prepare<LookupParams, RawRow>(liveCoverageSql(false)).raw(true),
      byProduct: db.$client.prepare<LookupParams, RawRow>(liveCoverageSql(true)).raw(true),
    };
    statements.set(db.$client, prepared);
  }
  return prepared;
}

export type CoverageLookup = { locationKeys: string[]; productCode?: string | undefined; minBandwidthMbps?: number | undefined };

/** Live coverage of active partners at these location keys. */
export function findLiveCoverage(db: Db, lookup: CoverageLookup): LiveCoverageRow[] {
  const prepared = liveCoverageStatements(db);
  const byProduct = lookup.productCode !== undefined;
  const statement = byProduct ? prepared.byProduct : prepared.any;
  const rows: LiveCoverageRow[] = [];
  for (let start = 0; start < lookup.locationKeys.length; start += KEY_SLOTS) {
    const params: LookupParams = [];
    for (let i = 0; i < KEY_SLOTS; i++) params.push(lookup.locationKeys[start + i] ?? null);
    if (byProduct) params.push(lookup.productCode as string);
    params.push(lookup.minBandwidthMbps ?? 0);
    for (const r of statement.all(...params)) {
      // One object literal, one hidden class: the selection and ranking code reads these fields many times.
      rows.push({
        partnerId: r[0],
        partnerName: r[1],
        coverageVersionId: r[2],
        locationKey: r[3],
        matchLevel: r[4],
        productCode: r[5],
        bandwidthMbps: r[6],
        accessType: r[7],
        installChargeMinor: r[8],
        monthlyChargeMinor: r[9],
        currency: r[10],
        leadTimeDays: r[11],
      });
    }
  }
  return rows;
}
