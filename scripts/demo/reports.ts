import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { listBreaches } from '../../db/repositories/sla-facts.js';
import {
  addMonths,
  finalizeMonth,
  generateDraft,
  isRefusal,
  monthPeriod,
  previousMonth,
  waiveBreach,
} from '../../reports/index.js';

const WAIVER_REASONS = [
  'Site access refused by our customer on the planned day',
  'Our customer asked for the installation to be moved',
  'Fault traced to customer equipment after the carrier attended',
];

/**
 * Finance's side of the demo history: the penalty reports of the `months` before the current one generated as the
 * monthly schedule and finance would, a few breaches waived with a reason (two in the last month, one in the month
 * before), every month but the last finalized, the last left a draft. Refusals are logged, never thrown: the demo
 * starts without them.
 */
export async function seedDemoReports(
  db: Db,
  log: Logger,
  input: { now: Date; timeZone: string; months: number },
): Promise<void> {
  const last = previousMonth(input.now, input.timeZone);
  const by = 'demo finance';
  const waive = async (month: string, count: number) => {
    const period = monthPeriod(month, input.timeZone);
    const breaches = await listBreaches(db, { from: period.startsAt, to: period.endsAt, limit: 50 });
    for (const [i, b] of breaches
      .filter((b) => b.standing)
      .slice(0, count)
      .entries())
      await waiveBreach(db, { breachId: b.id, reason: WAIVER_REASONS[i % WAIVER_REASONS.length]!, by, now: input.now });
  };
  for (let k = input.months; k >= 1; k--) {
    const month = addMonths(last, 1 - k);
    if (k <= 2) await waive(month, k === 1 ? 2 : 1);
    const draft = await generateDraft(db, { month, timeZone: input.timeZone, now: input.now, by });
    if (isRefusal(draft)) log.warn({ month, refusal: draft.message }, 'demo report not generated');
    if (k === 1 || isRefusal(draft)) continue;
    const final = await finalizeMonth(db, { month, timeZone: input.timeZone, now: input.now, by });
    if (isRefusal(final)) log.warn({ month, refusal: final.message }, 'demo report not finalized');
  }
  log.info(
    { finalized: `${addMonths(last, 1 - input.months)}..${addMonths(last, -1)}`, draft: last },
    'demo reports ready',
  );
}
