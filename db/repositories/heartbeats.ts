import { and, eq, gte, lte, min } from 'drizzle-orm';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { platformHeartbeats } from '../schema.js';

export type HeartbeatRow = typeof platformHeartbeats.$inferSelect;

export function insertHeartbeat(db: Db, id: string, at: string): Promise<void> {
  return withConnection(db, () => {
    db.insert(platformHeartbeats).values({ id, startedAt: at, beatAt: at }).run();
  });
}

export function renewHeartbeat(db: Db, id: string, at: string): Promise<void> {
  return withConnection(db, () => {
    db.update(platformHeartbeats).set({ beatAt: at }).where(eq(platformHeartbeats.id, id)).run();
  });
}

/** Processes whose life [started_at, beat_at] comes within the span [from, to] (beat_at widened by the caller). */
export function heartbeatsOverlapping(db: Db, from: string, to: string): Promise<HeartbeatRow[]> {
  return withConnection(db, () => {
    return db
      .select()
      .from(platformHeartbeats)
      .where(and(gte(platformHeartbeats.beatAt, from), lte(platformHeartbeats.startedAt, to)))
      .orderBy(platformHeartbeats.startedAt)
      .all();
  });
}

/** When the first process ever beat: before it, nothing is known about Tailgate's uptime. */
export function firstHeartbeatAt(db: Db): Promise<string | null> {
  return withConnection(db, () => {
    return (
      db
        .select({ at: min(platformHeartbeats.startedAt) })
        .from(platformHeartbeats)
        .get()?.at ?? null
    );
  });
}
