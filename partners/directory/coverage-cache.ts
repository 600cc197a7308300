import type { Db } from '../../db/client.js';
import { directoryGeneration, findLiveCoverageAtKey, type LiveCoverageRow } from '../../db/repositories/offers-lookup.js';

/**
 * Location keys whose live coverage one connection keeps in memory (about 200 bytes per entry, a few entries per key:
 * tens of MB at most). Sector, district and area keys are shared by every address around them, so they stay hot;
 * a full postcode or address id is kept for the desk's re-qualifications of the same site.
 */
export const COVERAGE_CACHE_KEYS = 50_000;

type Cache = { generation: number; byKey: Map<string, readonly LiveCoverageRow[]>; hits: number; misses: number };
const caches = new WeakMap<Db, Cache>();

export type CoverageLookup = { locationKeys: string[]; productCode?: string | undefined; minBandwidthMbps?: number | undefined };

/**
 * Live coverage of active partners at the address's location keys, for the product and minimum bandwidth asked for
 * (they remove whole partner + product + bandwidth groups, never a more specific entry that would hide a less
 * specific one). Each key's entries come from memory while the directory generation (one indexed read) is unchanged;
 * a coverage upload, suspension or rename anywhere moves it and empties the cache. Least recently used keys go first.
 */
export function findLiveCoverage(db: Db, lookup: CoverageLookup): LiveCoverageRow[] {
  const cache = current(db);
  const minBandwidth = lookup.minBandwidthMbps ?? 0;
  const rows: LiveCoverageRow[] = [];
  for (const key of lookup.locationKeys) {
    let entries = cache.byKey.get(key);
    if (entries) {
      cache.hits += 1;
      cache.byKey.delete(key); // re-inserted below: Map order is recency order
    } else {
      cache.misses += 1;
      entries = findLiveCoverageAtKey(db, key);
      if (cache.byKey.size >= COVERAGE_CACHE_KEYS) cache.byKey.delete(cache.byKey.keys().next().value as string);
    }
    cache.byKey.set(key, entries);
    for (const entry of entries) {
      if (entry.bandwidthMbps < minBandwidth) continue;
      if (lookup.productCode !== undefined && entry.productCode !== lookup.productCode) continue;
      rows.push(entry);
    }
  }
  return rows;
}

/** Lookups answered from memory and from the database on this connection, for benchmarks and diagnostics. */
export function coverageCacheStats(db: Db): { hits: number; misses: number } {
  const cache = caches.get(db);
  return { hits: cache?.hits ?? 0, misses: cache?.misses ?? 0 };
}

function current(db: Db): Cache {
  const generation = directoryGeneration(db);
  let cache = caches.get(db);
  if (!cache) {
    cache = { generation, byKey: new Map(), hits: 0, misses: 0 };
    caches.set(db, cache);
  } else if (cache.generation !== generation) {
    cache.generation = generation;
    cache.byKey.clear();
  }
  return cache;
}
