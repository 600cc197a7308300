import { withConnection, writeTransaction } from '../access.js';
import { statement } from '../execute.js';
import type { Db } from '../client.js';
import { directoryWritten } from './offers-lookup.js';

/** Clocks of one partner met and breached, for one product and OLA metric. */
export type ConformanceCount = {
  partnerId: string;
  productCode: string;
  metric: string;
  met: number;
  breached: number;
};
/** Which outcomes the stored counts are of (final in [from, to)) and the sample a measured figure needs. */
export type ConformanceWindow = { from: string; to: string; days: number; minimumSample: number };

/**
 * One partner's met and breached clocks per product and metric, of the outcomes that became final in [from, to)
 * (clock_outcomes_partner_final_idx). An order's outcome counts under its product, a ticket's under its order's.
 */
export function partnerOutcomeCounts(db: Db, partnerId: string, from: string, to: string): Promise<ConformanceCount[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select o.partner_id as partnerId, coalesce(ord.product_code, tord.product_code, '') as productCode,
              o.metric as metric, sum(case when o.state = 'met' then 1 else 0 end) as met,
              sum(case when o.state = 'breached' then 1 else 0 end) as breached
         from clock_outcomes o
         left join orders ord on o.entity_type = 'order' and ord.id = o.entity_id
         left join tickets t on o.entity_type = 'ticket' and t.id = o.entity_id
         left join orders tord on tord.id = t.order_id
        where o.partner_id = @partnerId and o.state in ('met', 'breached') and o.final_at >= @from and o.final_at < @to
        group by o.partner_id, coalesce(ord.product_code, tord.product_code, ''), o.metric
        order by productCode, metric`,
    ).all({ partnerId, from, to })) as ConformanceCount[];
  });
}

/** The stored counts, in (partner, product, metric) order, and their window (undefined before the first refresh). */
export function storedConformance(
  db: Db,
): Promise<{ window: ConformanceWindow | undefined; counts: ConformanceCount[] }> {
  return withConnection(db, async () => {
    const window = (await statement(
      db,
      `select window_from as "from", window_to as "to", window_days as days, minimum_sample as minimumSample
         from partner_conformance_window where id = 1`,
    ).get()) as ConformanceWindow | undefined;
    const counts = (await statement(
      db,
      `select partner_id as partnerId, product_code as productCode, metric, met, breached
         from partner_conformance order by partner_id, product_code, metric`,
    ).all()) as ConformanceCount[];
    return { window, counts };
  });
}

const sameCounts = (a: ConformanceCount[], b: ConformanceCount[]) =>
  a.length === b.length &&
  a.every(
    (x, i) =>
      x.partnerId === b[i]!.partnerId &&
      x.productCode === b[i]!.productCode &&
      x.metric === b[i]!.metric &&
      x.met === b[i]!.met &&
      x.breached === b[i]!.breached,
  );

const keyOf = (c: ConformanceCount) => `${c.partnerId}\u0000${c.productCode}\u0000${c.metric}`;
const byKey = (a: ConformanceCount, b: ConformanceCount) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0);

/**
 * Stores `counts` (every partner's) and their window in one write transaction, and moves the directory generation,
 * unless they equal what is stored (same counts, same window length and minimum sample): then nothing is written, so
 * ranked answers cached by every process stay. Answers whether it wrote.
 */
export function replaceConformance(db: Db, window: ConformanceWindow, counts: ConformanceCount[]): Promise<boolean> {
  const sorted = [...counts].sort(byKey);
  return withConnection(db, async () => {
    const wrote = await writeTransaction(db, async () => {
      const stored = await storedConformance(db);
      if (
        stored.window?.days === window.days &&
        stored.window.minimumSample === window.minimumSample &&
        sameCounts(stored.counts, sorted)
      ) {
        return false;
      }
      await statement(db, 'delete from partner_conformance').run();
      const insert = statement(
        db,
        `insert into partner_conformance (partner_id, product_code, metric, met, breached)
         values (@partnerId, @productCode, @metric, @met, @breached)`,
      );
      for (const row of sorted) await insert.run(row);
      await statement(
        db,
        `insert into partner_conformance_window (id, window_from, window_to, window_days, minimum_sample)
         values (1, @from, @to, @days, @minimumSample)
         on conflict (id) do update set window_from = excluded.window_from, window_to = excluded.window_to,
           window_days = excluded.window_days, minimum_sample = excluded.minimum_sample`,
      ).run(window);
      await moveDirectoryGeneration(db);
      return true;
    });
    if (wrote) await directoryWritten(db);
    return wrote;
  });
}

/**
 * Moves the directory generation inside the caller's write transaction, so every process's ranked answers are
 * recomputed; the caller calls directoryWritten once it committed.
 */
export async function moveDirectoryGeneration(db: Db): Promise<void> {
  await statement(db, 'update directory_generation set generation = generation + 1 where id = 1').run();
}
