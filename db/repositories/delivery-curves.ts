import { withConnection, writeTransaction } from '../access.js';
import { statement } from '../execute.js';
import type { Db } from '../client.js';
import { directoryWritten } from './offers-lookup.js';
import { moveDirectoryGeneration } from './partner-performance.js';

/** What the delivery estimate needs of one order: its group, when its carrier's clock started, how it ended. */
export type DeliveryRecord = {
  productCode: string;
  accessType: string | null;
  /** When the carrier accepted our submission, else when the desk placed it. */
  startedAt: string;
  state: string;
  completedAt: string | null;
  /** The order's last change: when a cancelled or failed order stopped waiting. */
  updatedAt: string;
};

/** One stored curve; keys a group does not use are empty. */
export type StoredDeliveryCurve = {
  partnerId: string;
  productCode: string;
  accessType: string;
  observations: number;
  completions: number;
  /** [working days, share not yet delivered], in time order. */
  steps: [number, number][];
};

/** A partner's orders placed since `since` (orders_partner_created_idx). */
export function partnerDeliveryRecords(db: Db, partnerId: string, since: string): Promise<DeliveryRecord[]> {
  return withConnection(db, async () => {
    return (await statement(
      db,
      `select product_code as productCode, access_type as accessType,
              coalesce(carrier_contacted_at, created_at) as startedAt, state, completed_at as completedAt,
              updated_at as updatedAt
         from orders where partner_id = @partnerId and created_at >= @since
        order by created_at, id`,
    ).all({ partnerId, since })) as DeliveryRecord[];
  });
}

type CurveRow = Omit<StoredDeliveryCurve, 'steps'> & { steps: string };

/** Every stored curve, in key order. */
export function storedDeliveryCurves(db: Db): Promise<StoredDeliveryCurve[]> {
  return withConnection(db, async () => {
    const rows = (await statement(
      db,
      `select partner_id as partnerId, product_code as productCode, access_type as accessType, observations,
              completions, steps
         from delivery_curves order by partner_id, product_code, access_type`,
    ).all()) as CurveRow[];
    return rows.map((r) => ({ ...r, steps: JSON.parse(r.steps) as [number, number][] }));
  });
}

const keyOf = (c: Pick<StoredDeliveryCurve, 'partnerId' | 'productCode' | 'accessType'>) =>
  `${c.partnerId}\u0000${c.productCode}\u0000${c.accessType}`;
const rowOf = (c: StoredDeliveryCurve): CurveRow => ({ ...c, steps: JSON.stringify(c.steps) });
const sameRow = (a: CurveRow, b: CurveRow) =>
  a.observations === b.observations && a.completions === b.completions && a.steps === b.steps;

/**
 * Stores `curves` (all of them) in one write transaction and moves the directory generation, unless they equal what
 * is stored: then nothing is written and cached answers stay. Answers whether it wrote.
 */
export function replaceDeliveryCurves(db: Db, curves: StoredDeliveryCurve[]): Promise<boolean> {
  const rows = new Map(curves.map((c) => [keyOf(c), rowOf(c)]));
  return withConnection(db, async () => {
    const wrote = await writeTransaction(db, async () => {
      const stored = (await storedDeliveryCurves(db)).map(rowOf);
      if (stored.length === rows.size && stored.every((s) => rows.has(keyOf(s)) && sameRow(s, rows.get(keyOf(s))!))) {
        return false;
      }
      await statement(db, 'delete from delivery_curves').run();
      const insert = statement(
        db,
        `insert into delivery_curves (partner_id, product_code, access_type, observations, completions, steps)
         values (@partnerId, @productCode, @accessType, @observations, @completions, @steps)`,
      );
      for (const row of rows.values()) await insert.run(row);
      await moveDirectoryGeneration(db);
      return true;
    });
    if (wrote) await directoryWritten(db);
    return wrote;
  });
}
