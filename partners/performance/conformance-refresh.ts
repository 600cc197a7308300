import { setImmediate } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { runDutyRound } from '../../db/duty-lock.js';
import {
  partnerOutcomeCounts,
  replaceConformance,
  type ConformanceCount,
} from '../../db/repositories/partner-conformance.js';
import { partnerIds } from '../../db/repositories/partners.js';
import type { ConformanceSettings } from './measured-conformance.js';

const DAY_MS = 86_400_000;

/**
 * Recomputes every partner's met and breached clocks over the window ending `now` (one indexed query per partner, the
 * event loop running between them) and stores them when any count moved (replaceConformance: the directory generation
 * moves with them). Answers whether it wrote.
 */
export async function refreshConformance(db: Db, now: Date, settings: ConformanceSettings): Promise<boolean> {
  const to = now.toISOString();
  const from = new Date(now.getTime() - settings.windowDays * DAY_MS).toISOString();
  const counts: ConformanceCount[] = [];
  for (const partnerId of await partnerIds(db)) {
    counts.push(...(await partnerOutcomeCounts(db, partnerId, from, to)));
    await setImmediate();
  }
  return replaceConformance(db, { from, to, days: settings.windowDays, minimumSample: settings.minimumSample }, counts);
}

/** Refreshes now and every `everyMs` until stopped (one process at a time on PostgreSQL: runDutyRound). */
export function startConformanceRefresh(deps: {
  db: Db;
  log: Logger;
  now: () => Date;
  settings: ConformanceSettings;
  everyMs: number;
}): { stop(): Promise<void> } {
  let refreshing: Promise<void> = Promise.resolve();
  const refresh = () => {
    refreshing = runDutyRound(deps.db, 'conformance-refresh', () =>
      refreshConformance(deps.db, deps.now(), deps.settings),
    ).then(
      (wrote) => {
        if (wrote) deps.log.info('measured OLA conformance moved: ranked answers follow');
      },
      (err: unknown) => deps.log.warn({ err }, 'conformance refresh failed; the next one tries again'),
    );
  };
  refresh();
  const timer = setInterval(() => void refreshing.then(refresh), deps.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await refreshing;
    },
  };
}
