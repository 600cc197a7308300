import { setImmediate } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { startPeriodicDuty } from '../../db/duty-lock.js';
import {
  purgeExpiredOfferingQualifications,
  purgeExpiredQualifications,
  purgeUnsharedAnswers,
} from '../../db/repositories/qualification-retention.js';

const DAY_MS = 86_400_000;
/** Rows per write transaction: each holds the write lock for a few milliseconds, then the event loop runs. */
export const RETENTION_BATCH = 2_000;
/** How often an API process sweeps (each process does; a sweep finding nothing costs two indexed reads). */
export const RETENTION_EVERY_MS = 6 * 60 * 60_000;

/**
 * The retention rule: a qualification is kept for `retentionDays` after it expired (GET /api/v1/qualifications/{id} can
 * show it until then), for ever if an order was placed from one of its offers; a stored answer as long as a
 * qualification shares it, and at least `retentionDays` after it was made.
 */
export async function sweepQualifications(
  db: Db,
  now: Date,
  retentionDays: number,
): Promise<{ qualifications: number; answers: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const purged = { qualifications: 0, answers: 0 };
  for (let n = RETENTION_BATCH; n === RETENTION_BATCH; await setImmediate()) {
    n = await purgeExpiredQualifications(db, cutoff, RETENTION_BATCH);
    purged.qualifications += n;
  }
  for (let n = RETENTION_BATCH; n === RETENTION_BATCH; await setImmediate()) {
    n = await purgeUnsharedAnswers(db, cutoff, RETENTION_BATCH);
    purged.answers += n;
  }
  // TMF679 qualifications of several items go with their items' qualifications (an item ordered from keeps its own).
  for (let n = RETENTION_BATCH; n === RETENTION_BATCH; await setImmediate()) {
    n = await purgeExpiredOfferingQualifications(db, cutoff, RETENTION_BATCH);
    purged.qualifications += n;
  }
  return purged;
}

/** Sweeps now and every `everyMs` until stopped; logs what a sweep deleted. */
export function startQualificationRetention(deps: {
  db: Db;
  log: Logger;
  now: () => Date;
  retentionDays: number;
  everyMs: number;
}): { stop(): Promise<void> } {
  return startPeriodicDuty({
    db: deps.db,
    duty: 'qualification-retention',
    everyMs: deps.everyMs,
    round: () => sweepQualifications(deps.db, deps.now(), deps.retentionDays),
    done: (purged) => {
      if (purged && purged.qualifications + purged.answers > 0) deps.log.info(purged, 'qualification retention sweep');
    },
    failed: (err) => deps.log.warn({ err }, 'qualification retention sweep failed; the next one tries again'),
  });
}
