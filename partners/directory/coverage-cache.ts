import type { Db } from '../../db/client.js';
import {
  directoryGeneration,
  findLiveCoverageAtKeys,
  type LiveCoverageRow,
} from '../../db/repositories/offers-lookup.js';
import { storedDeliveryCurves } from '../../db/repositories/delivery-curves.js';
import { activeLiveQualifiers } from '../../db/repositories/partners.js';
import type { Partner } from '../../openapi/partners.js';
import { storedConformance } from '../../db/repositories/partner-performance.js';
import { deliveryLookup } from '../performance/delivery-estimates.js';
import {
  conformanceLookup,
  DEFAULT_CONFORMANCE_MIN_SAMPLE,
  DEFAULT_CONFORMANCE_WINDOW_DAYS,
} from '../performance/measured-conformance.js';
import { isSiteKey } from './location-keys.js';
import type { PerformanceLookups } from './qualify.js';

/**
 * Location keys whose live coverage one connection keeps in memory, in two pools (about 200 bytes per entry, a few
 * entries per key: tens of MB at most when both are full). Sector, district and area keys are shared by every address
 * around them; a site's own keys (a full postcode or address id, isSiteKey) are kept for the desk's re-qualifications
 * of the same site, in a pool of their own so that a stream of postcodes never seen before cannot push out the shared
 * keys every one of them needs. Least recently used keys go first within each pool.
 */
export const COVERAGE_CACHE_KEYS = { shared: 50_000, site: 50_000 } as const;

/**
 * Entries of whole answers (the ranked offers for one set of location keys and one set of product needs) one
 * connection keeps, each answer a few KB (its offers and their serialized JSON): 20 MB or so when full. An answer may
 * be kept under two entries (cachedCoverageAnswer): the address's keys, and the keys that found coverage.
 */
export const ANSWER_CACHE_ENTRIES = 2_048;

type Cache = {
  generation: number;
  /** Live coverage per shared key (sector, district, area) and per site key, each in recency order. */
  byKey: { shared: Map<string, readonly LiveCoverageRow[]>; site: Map<string, readonly LiveCoverageRow[]> };
  /** Partners' measured performance as stored under this generation (read on first use). */
  performance: Promise<PerformanceLookups> | undefined;
  /** Active partners that qualify live, as stored under this generation (read on first use). */
  liveQualifiers: Promise<Partner[]> | undefined;
  answers: Map<string, unknown>;
  hits: number;
  misses: number;
  answerHits: number;
  answerMisses: number;
};
const caches = new WeakMap<Db, Cache>();

export type CoverageLookup = {
  locationKeys: string[];
  productCode?: string | undefined;
  minBandwidthMbps?: number | undefined;
};

/**
 * Live coverage of active partners at the address's location keys, for the product and minimum bandwidth asked for
 * (they remove whole partner + product + bandwidth groups, never a more specific entry that would hide a less
 * specific one). Each key's entries come from memory while the directory generation (one indexed read) is unchanged;
 * a coverage upload, suspension or rename anywhere moves it and empties the cache. Least recently used keys go first.
 */
export async function findLiveCoverage(db: Db, lookup: CoverageLookup): Promise<LiveCoverageRow[]> {
  return liveCoverageFrom(db, await current(db), lookup);
}

/**
 * An answer derived from live coverage and partners' measured performance only (nothing else: not the request's other
 * fields, not the time), kept under `key` while the directory generation is unchanged (a performance refresh that
 * moves a figure moves it too): `derive` runs on a miss with this cache's coverage lookup and performance, so one read
 * of the generation serves all three. The caller must not change what it gets back (it is shared).
 */
export async function cachedAnswer<T>(
  db: Db,
  key: string,
  derive: (find: (lookup: CoverageLookup) => Promise<LiveCoverageRow[]>, performance: PerformanceLookups) => Promise<T>,
): Promise<T> {
  const cache = await current(db);
  const found = recall<T>(cache, key);
  if (found !== undefined) return found;
  cache.answerMisses += 1;
  const generation = cache.generation;
  const answer = await derive((lookup) => liveCoverageFrom(db, cache, lookup), await performanceOf(db, cache));
  keep(cache, generation, key, answer);
  return answer;
}

/**
 * An answer derived from the live coverage found for `lookup` and partners' performance only, shared by every address
 * whose keys find the same entries: `keyOf(keys)` names it by the keys it depends on. It is looked up first under all
 * of the lookup's keys (a site asked about again); on a miss the coverage is read and it is looked up under the keys
 * that found entries only, in the lookup's order (a key that finds nothing changes nothing in the answer, so a postcode
 * nobody covers shares its sector's answer); on a miss there too `derive` runs with the entries and those keys. The
 * answer is kept under both names while the directory generation is unchanged. The caller must not change what it
 * gets back (it is shared).
 */
export async function cachedCoverageAnswer<T>(
  db: Db,
  lookup: CoverageLookup,
  keyOf: (keys: string[]) => string,
  derive: (rows: LiveCoverageRow[], keys: string[], performance: PerformanceLookups) => T,
): Promise<T> {
  const cache = await current(db);
  const generation = cache.generation;
  const asked = keyOf(lookup.locationKeys);
  let answer = recall<T>(cache, asked);
  if (answer !== undefined) return answer;
  const rows = await liveCoverageFrom(db, cache, lookup);
  const found = lookup.locationKeys.filter((key) => rows.some((row) => row.locationKey === key));
  const shared = found.length === lookup.locationKeys.length ? asked : keyOf(found);
  answer = shared === asked ? undefined : recall<T>(cache, shared);
  if (answer === undefined) {
    cache.answerMisses += 1;
    answer = derive(rows, found, await performanceOf(db, cache));
    keep(cache, generation, shared, answer);
  }
  keep(cache, generation, asked, answer);
  return answer;
}

/** A kept answer, counted as a hit and made the most recently used; undefined (not counted) when there is none. */
function recall<T>(cache: Cache, key: string): T | undefined {
  const found = cache.answers.get(key);
  if (found === undefined) return undefined;
  cache.answerHits += 1;
  cache.answers.delete(key); // re-inserted: Map order is recency order
  cache.answers.set(key, found);
  return found as T;
}

/**
 * Keeps an answer derived under `generation`, unless it moved meanwhile (another request may have seen it move and
 * emptied the cache); the least recently used goes first.
 */
function keep(cache: Cache, generation: number, key: string, answer: unknown): void {
  if (cache.generation !== generation) return;
  if (!cache.answers.has(key) && cache.answers.size >= ANSWER_CACHE_ENTRIES) {
    cache.answers.delete(cache.answers.keys().next().value as string);
  }
  cache.answers.set(key, answer);
}

async function liveCoverageFrom(db: Db, cache: Cache, lookup: CoverageLookup): Promise<LiveCoverageRow[]> {
  const minBandwidth = lookup.minBandwidthMbps ?? 0;
  const poolOf = (key: string) => (isSiteKey(key) ? 'site' : 'shared');
  // The keys not in memory are read together, in one query.
  const missing = lookup.locationKeys.filter((key) => !cache.byKey[poolOf(key)].has(key));
  const read = new Map<string, LiveCoverageRow[]>(missing.map((key) => [key, []]));
  // What is read under a generation that moved while this lookup awaited is used, never kept.
  const generation = cache.generation;
  if (missing.length > 0) {
    for (const row of await findLiveCoverageAtKeys(db, missing)) read.get(row.locationKey)?.push(row);
  }
  const rows: LiveCoverageRow[] = [];
  for (const key of lookup.locationKeys) {
    const pool = poolOf(key);
    const kept = cache.byKey[pool];
    let entries = read.get(key) ?? kept.get(key);
    if (entries && !read.has(key)) {
      cache.hits += 1;
      kept.delete(key); // re-inserted below: Map order is recency order
    } else {
      cache.misses += 1;
      // Kept when the others were read, but gone since (the generation moved, or newer keys pushed it out): read alone.
      entries ??= await findLiveCoverageAtKeys(db, [key]);
      if (kept.size >= COVERAGE_CACHE_KEYS[pool]) kept.delete(kept.keys().next().value as string);
    }
    if (cache.generation === generation) kept.set(key, entries);
    for (const entry of entries) {
      if (entry.bandwidthMbps < minBandwidth) continue;
      if (lookup.productCode !== undefined && entry.productCode !== lookup.productCode) continue;
      rows.push(entry);
    }
  }
  return rows;
}

/** Lookups answered from memory and from the database on this connection, for benchmarks and diagnostics. */
export function coverageCacheStats(db: Db): { hits: number; misses: number; answerHits: number; answerMisses: number } {
  const cache = caches.get(db);
  return {
    hits: cache?.hits ?? 0,
    misses: cache?.misses ?? 0,
    answerHits: cache?.answerHits ?? 0,
    answerMisses: cache?.answerMisses ?? 0,
  };
}

async function current(db: Db): Promise<Cache> {
  const generation = await directoryGeneration(db);
  let cache = caches.get(db);
  if (!cache) {
    cache = {
      generation,
      byKey: { shared: new Map(), site: new Map() },
      performance: undefined,
      liveQualifiers: undefined,
      answers: new Map(),
      hits: 0,
      misses: 0,
      answerHits: 0,
      answerMisses: 0,
    };
    caches.set(db, cache);
  } else if (cache.generation !== generation) {
    cache.generation = generation;
    cache.byKey.shared.clear();
    cache.byKey.site.clear();
    cache.performance = undefined;
    cache.liveQualifiers = undefined;
    cache.answers.clear();
  }
  return cache;
}

/**
 * The active partners that answer qualifications in real time, with the directory generation they were read under (an
 * adapter change moves it, migration 0033): what live qualification asks, and what its answers are kept under.
 */
export async function liveQualifiersOf(db: Db): Promise<{ generation: number; partners: Partner[] }> {
  const cache = await current(db);
  const generation = cache.generation;
  if (!cache.liveQualifiers) {
    const loading = activeLiveQualifiers(db);
    cache.liveQualifiers = loading;
    // A failed read is not kept: the next qualification reads again.
    loading.catch(() => {
      if (cache.liveQualifiers === loading) cache.liveQualifiers = undefined;
    });
  }
  return { generation, partners: await cache.liveQualifiers };
}

/**
 * The stored conformance counts and delivery curves, read once per generation (a failed read is not kept). Read under
 * a generation that moved meanwhile, they serve the answer being derived, which is then not kept (cachedAnswer).
 */
function performanceOf(db: Db, cache: Cache): Promise<PerformanceLookups> {
  if (cache.performance) return cache.performance;
  const loading = (async (): Promise<PerformanceLookups> => {
    const { window, counts } = await storedConformance(db);
    const curves = await storedDeliveryCurves(db);
    return {
      conformance: conformanceLookup(counts, {
        windowDays: window?.days ?? DEFAULT_CONFORMANCE_WINDOW_DAYS,
        minimumSample: window?.minimumSample ?? DEFAULT_CONFORMANCE_MIN_SAMPLE,
      }),
      delivery: deliveryLookup(curves),
    };
  })();
  cache.performance = loading;
  loading.catch(() => {
    if (cache.performance === loading) cache.performance = undefined;
  });
  return loading;
}
