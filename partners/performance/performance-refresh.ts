import { setImmediate } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { startPeriodicDuty } from '../../db/duty-lock.js';
import {
  partnerDeliveryRecords,
  replaceDeliveryCurves,
  type DeliveryRecord,
} from '../../db/repositories/delivery-curves.js';
import {
  partnerOutcomeCounts,
  replaceConformance,
  type ConformanceCount,
} from '../../db/repositories/partner-performance.js';
import { getPartner, partnerIds } from '../../db/repositories/partners.js';
import { resolveCalendar } from '../../sla-rules/holidays.js';
import { finalOrderStates, workingDaysLate, type ResolvedCalendar } from '../../sla-rules/index.js';
import { DELIVERY_WINDOW_DAYS, deliveryCurves, type DeliveryObservation } from './delivery-estimates.js';
import type { ConformanceSettings } from './measured-conformance.js';

const DAY_MS = 86_400_000;

/**
 * One order's wait in working days of its partner's calendar: delivered at completion; censored at its last change
 * when it ended otherwise (cancelled, failed), at `now` while open.
 */
export function observationOf(record: DeliveryRecord, calendar: ResolvedCalendar, now: string): DeliveryObservation {
  const group = { productCode: record.productCode, accessType: record.accessType ?? '' };
  if (record.completedAt !== null) {
    return {
      ...group,
      partnerId: '',
      time: workingDaysLate(calendar, record.startedAt, record.completedAt),
      delivered: true,
    };
  }
  const ended = finalOrderStates.has(record.state as never) ? record.updatedAt : now;
  return { ...group, partnerId: '', time: workingDaysLate(calendar, record.startedAt, ended), delivered: false };
}

/**
 * Recomputes what Tailgate measures of every partner over windows ending `now`, one partner's rows at a time with the
 * event loop running between them: met and breached clocks (measured conformance) and delivery curves. Each is
 * stored only when it moved (the directory generation moves with it). Answers which moved.
 */
export async function refreshPerformance(
  db: Db,
  now: Date,
  settings: ConformanceSettings,
): Promise<{ conformance: boolean; delivery: boolean }> {
  const to = now.toISOString();
  const from = new Date(now.getTime() - settings.windowDays * DAY_MS).toISOString();
  const ordersSince = new Date(now.getTime() - DELIVERY_WINDOW_DAYS * DAY_MS).toISOString();
  const year = now.getUTCFullYear();
  const counts: ConformanceCount[] = [];
  const observations: DeliveryObservation[] = [];
  for (const partnerId of await partnerIds(db)) {
    counts.push(...(await partnerOutcomeCounts(db, partnerId, from, to)));
    const records = await partnerDeliveryRecords(db, partnerId, ordersSince);
    const partner = records.length > 0 ? await getPartner(db, partnerId) : undefined;
    if (partner) {
      const calendar = resolveCalendar(partner.calendar, year - 2, year + 1, partnerId);
      for (const record of records) observations.push({ ...observationOf(record, calendar, to), partnerId });
    }
    await setImmediate();
  }
  const conformance = await replaceConformance(
    db,
    { from, to, days: settings.windowDays, minimumSample: settings.minimumSample },
    counts,
  );
  const delivery = await replaceDeliveryCurves(db, deliveryCurves(observations));
  return { conformance, delivery };
}

/** Refreshes now and every `everyMs` until stopped (one process at a time on PostgreSQL). */
export function startPerformanceRefresh(deps: {
  db: Db;
  log: Logger;
  now: () => Date;
  settings: ConformanceSettings;
  everyMs: number;
}): { stop(): Promise<void> } {
  return startPeriodicDuty({
    db: deps.db,
    duty: 'performance-refresh',
    everyMs: deps.everyMs,
    round: () => refreshPerformance(deps.db, deps.now(), deps.settings),
    done: (moved) => {
      if (moved && (moved.conformance || moved.delivery))
        deps.log.info(moved, 'measured partner performance moved: ranked answers follow');
    },
    failed: (err) => deps.log.warn({ err }, 'performance refresh failed; the next one tries again'),
  });
}
