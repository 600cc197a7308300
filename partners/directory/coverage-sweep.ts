import type { Db } from '../../db/client.js';
import {
  coverageVersionsWithLeftovers,
  failStaleCoverageImports,
  purgeCoverageEntries,
} from '../../db/repositories/coverage.js';

/**
 * An import begun this long ago and still `importing` is taken for dead. Generous: a 512 MiB upload over a slow
 * link can take many minutes, and the CLI may be importing into the same database while the server starts; an
 * import failed under its feet would only end in an error, but it is better not to.
 */
export const STALE_IMPORT_MINUTES = 60;

export type CoverageSweep = { failedVersionIds: string[]; purgedVersionIds: string[]; entriesPurged: number };

/**
 * Start-up clean-up after a crash: marks imports left `importing` by a process that is gone as failed, then purges
 * the entries of every failed or superseded version that still holds some (those imports, and purges cut short).
 * No reader ever sees those entries, so this only gives back space; it runs in batches and can run beside traffic.
 * Call it once when the server starts (and, if wanted, from time to time).
 */
export async function sweepCoverageImports(
  db: Db,
  opts: { now: Date; staleAfterMinutes?: number },
): Promise<CoverageSweep> {
  const staleBefore = new Date(opts.now.getTime() - (opts.staleAfterMinutes ?? STALE_IMPORT_MINUTES) * 60_000);
  const failedVersionIds = await failStaleCoverageImports(db, staleBefore);
  const purgedVersionIds = await coverageVersionsWithLeftovers(db);
  let entriesPurged = 0;
  for (const versionId of purgedVersionIds) entriesPurged += await purgeCoverageEntries(db, versionId);
  return { failedVersionIds, purgedVersionIds, entriesPurged };
}
