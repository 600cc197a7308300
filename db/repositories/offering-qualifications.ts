import { desc, eq, lt } from 'drizzle-orm';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { queryAll, queryFirst, queryRun } from '../execute.js';
import { offeringQualifications } from '../schema.js';

export type OfferingQualificationRow = typeof offeringQualifications.$inferSelect;

export function insertOfferingQualification(db: Db, row: OfferingQualificationRow): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(db.insert(offeringQualifications).values(row));
  });
}

export function getOfferingQualification(db: Db, id: string): Promise<OfferingQualificationRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(offeringQualifications).where(eq(offeringQualifications.id, id)));
  });
}

/** Ids newest first (ids are time-ordered), before `beforeId` when given. */
export function newestOfferingQualificationIds(
  db: Db,
  opts: { beforeId?: string | undefined; limit: number },
): Promise<string[]> {
  return withConnection(db, async () => {
    const rows = await queryAll(
      db
        .select({ id: offeringQualifications.id })
        .from(offeringQualifications)
        .where(opts.beforeId ? lt(offeringQualifications.id, opts.beforeId) : undefined)
        .orderBy(desc(offeringQualifications.id))
        .limit(opts.limit),
    );
    return rows.map((r) => r.id);
  });
}
