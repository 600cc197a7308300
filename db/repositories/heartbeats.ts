import { queryAll, queryFirst, queryRun } from '../execute.js';
import { and, eq, gte, lte, min } from 'drizzle-orm';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { platformHeartbeats } from '../schema.js';

export type HeartbeatRow = typeof platformHeartbeats.$inferSelect;

export function insertHeartbeat(db: Db, id: string, at: string): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(db.insert(platformHeartbeats).values({ id, startedAt: at, beatAt: at }));
  });
}

export function renewHeartbeat(db: Db, id: string, at: string): Promise<void> {
  return withConnection(db, async () => {
    await queryRun(db.update(platformHeartbeats).set({ beatAt: at }).where(eq(platformHeartbeats.id, id)));
  });
}

/** Processes whose life [started_at, beat_at] comes within the span [from, to] (beat_at widened by the caller). */
export function heartbeatsOverlapping(db: Db, from: string, to: string): Promise<HeartbeatRow[]> {
  return withConnection(db, async () => {
    return await queryAll(
      db
        .select()
        .from(platformHeartbeats)
        .where(and(gte(platformHeartbeats.beatAt, from), lte(platformHeartbeats.startedAt, to)))
        .orderBy(platformHeartbeats.startedAt),
    );
  });
}

/** When the first process ever beat: before it, nothing is known about Tailgate's uptime. */
export function firstHeartbeatAt(db: Db): Promise<string | null> {
  return withConnection(db, async () => {
    return (
      (await queryFirst(db.select({ at: min(platformHeartbeats.startedAt) }).from(platformHeartbeats)))?.at ?? null
    );
  });
}
