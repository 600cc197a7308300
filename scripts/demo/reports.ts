import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import {
  addMonths,
  finalizeMonth,
  generateDraft,
  isRefusal,
  penaltyReportLines,
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
  const generate = async (month: string) => {
    const draft = await generateDraft(db, { month, timeZone: input.timeZone, now: input.now, by });
    if (isRefusal(draft)) log.warn({ month, refusal: draft.message }, 'demo report not generated');
    return !isRefusal(draft);
  };
  /** Waives the first `count` charged lines of the month's draft, then generates it again. */
  const waive = async (month: string, count: number) => {
    const { lines } = await penaltyReportLines(db, month, { limit: 200 });
    const charged = lines.filter((l) => l.kind === 'breach' && l.amountAfterCapsMinor > 0).slice(0, count);
    for (const [i, line] of charged.entries())
      await waiveBreach(db, {
        breachId: line.breachId,
        reason: WAIVER_REASONS[i % WAIVER_REASONS.length]!,
        by,
        now: input.now,
      });
    return await generate(month);
  };
  for (let k = input.months; k >= 1; k--) {
    const month = addMonths(last, 1 - k);
    const generated = (await generate(month)) && (k > 2 || (await waive(month, k === 1 ? 2 : 1)));
    if (k === 1 || !generated) continue;
    const final = await finalizeMonth(db, { month, timeZone: input.timeZone, now: input.now, by });
    if (isRefusal(final)) log.warn({ month, refusal: final.message }, 'demo report not finalized');
  }
  log.info(
    { finalized: `${addMonths(last, 1 - input.months)}..${addMonths(last, -1)}`, draft: last },
    'demo reports ready',
  );
}
