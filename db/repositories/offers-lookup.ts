import { isPostgres, statement } from '../execute.js';
import { perTurnOnPostgres } from '../pg/turn-batch.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { turnGeneration } from './turn-generation.js';
import type { coverageEntries } from '../schema.js';

type Entry = typeof coverageEntries.$inferSelect;

/** A live coverage entry with its partner's name. */
export type LiveCoverageRow = Pick<
  Entry,
  | 'partnerId'
  | 'locationKey'
  | 'matchLevel'
  | 'productCode'
  | 'bandwidthMbps'
  | 'accessType'
  | 'installChargeMinor'
  | 'monthlyChargeMinor'
  | 'currency'
  | 'leadTimeDays'
> & { partnerName: string; coverageVersionId: string };

/**
 * Every live entry (the partner's current coverage version) of every active partner at some location keys, every
 * product and bandwidth: what the qualification cache keeps per key. `coverage_entries` is the outer loop (CROSS
 * JOIN fixes the order) so SQLite seeks `coverage_entries_location_cover_idx` once per key, reading the entries from
 * the index alone, and joins partners by primary key. SQLite gets a text per count of keys (an address has at most
 * six; made once per count), PostgreSQL one text taking them as an array.
 */
const liveCoverageAtKeysSql = (count: number) =>
  (atKeysSql[count] ??= {
    sqlite: liveCoverageWhere(`IN (${Array.from({ length: count }, () => '?').join(', ')})`),
    postgres: liveCoverageWhere('= ANY(?)'),
  });
const atKeysSql: { sqlite: string; postgres: string }[] = [];
const liveCoverageWhere = (keyIs: string) => `
  SELECT e.partner_id AS partnerId, p.name AS partnerName, e.version_id AS coverageVersionId,
         e.location_key AS locationKey, e.match_level AS matchLevel, e.product_code AS productCode,
         e.bandwidth_mbps AS bandwidthMbps, e.access_type AS accessType,
         e.install_charge_minor AS installChargeMinor, e.monthly_charge_minor AS monthlyChargeMinor,
         e.currency AS currency, e.lead_time_days AS leadTimeDays
    FROM coverage_entries e CROSS JOIN partners p
   WHERE e.location_key ${keyIs}
     AND p.id = e.partner_id
     AND p.current_coverage_version_id = e.version_id
     AND p.status = 'active'`;

type RawRow = [
  string,
  string,
  string,
  string,
  LiveCoverageRow['matchLevel'],
  string,
  number,
  LiveCoverageRow['accessType'],
  number,
  number,
  string,
  number,
];
const generation = turnGeneration('SELECT generation FROM directory_generation WHERE id = 1');

/**
 * The directory generation: moved by triggers (migration 0007) whenever a partner's live coverage version, status or
 * name changes, in any process, so anything derived from live coverage is current while the generation is the same.
 * Read at most once per turn of the event loop on a connection (turnGeneration; each read was a tenth of an HTTP
 * qualification's CPU).
 */
export const directoryGeneration = (db: Db): Promise<number> =>
  withConnection(db, async () => await generation.read(db));

/**
 * Every write through this connection that can move the directory generation (a partner created, renamed, suspended
 * or given a new live coverage version: the triggers of migration 0007) calls this once it is done.
 */
export const directoryWritten = (db: Db): Promise<void> => withConnection(db, () => generation.written(db));

/**
 * Live coverage of active partners at any of the location keys (each row names its key). On SQLite one query; on
 * PostgreSQL, outside a transaction, the keys every caller asks for in one turn of the event loop are read together
 * in one query (each statement is a round trip and a run of the executor: under load most of a read's cost).
 */
export function findLiveCoverageAtKeys(db: Db, locationKeys: readonly string[]): Promise<LiveCoverageRow[]> {
  if (locationKeys.length === 0) return Promise.resolve([]);
  return readPerTurn(db, locationKeys);
}

const readPerTurn = perTurnOnPostgres<readonly string[], LiveCoverageRow[]>(readLiveCoverage, async (db, keyLists) => {
  const byKey = new Map<string, LiveCoverageRow[]>();
  for (const row of await readLiveCoverage(db, [...new Set(keyLists.flat())])) {
    const rows = byKey.get(row.locationKey);
    if (rows) rows.push(row);
    else byKey.set(row.locationKey, [row]);
  }
  return keyLists.map((keys) => keys.flatMap((key) => byKey.get(key) ?? []));
});

function readLiveCoverage(db: Db, locationKeys: readonly string[]): Promise<LiveCoverageRow[]> {
  // Rows come back as arrays (`raw`), cheaper than objects built by the driver.
  return withConnection(db, async () => {
    const query = statement(db, liveCoverageAtKeysSql(locationKeys.length)).raw();
    const found = (await (isPostgres(db) ? query.all(locationKeys) : query.all(...locationKeys))) as RawRow[];
    return found.map((r) => ({
      // One object literal, one hidden class: the selection and ranking code reads these fields many times.
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
    }));
  });
}
