import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import {
  firstHeartbeatAt,
  heartbeatsOverlapping,
  insertHeartbeat,
  renewHeartbeat,
} from '../db/repositories/heartbeats.js';
import { newId } from '../db/ids.js';

/**
 * What Tailgate knows of its own uptime: every API process (the one that receives carriers' news) renews a beat
 * every HEARTBEAT_EVERY_MS. Where no process beat (more than LIVENESS_GAP_MS since the last beat and before the next
 * process started or beat), Tailgate was down or stalled, and a carrier's news could not reach it: a carrier's claimed
 * stop time may reach back over that span (sla-rules ClockRun.stopInstant).
 */
export const HEARTBEAT_EVERY_MS = 5_000;
export const LIVENESS_GAP_MS = 2 * HEARTBEAT_EVERY_MS;

/** Beats for this process from now until stopped. */
export async function startHeartbeat(deps: {
  db: Db;
  log: Logger;
  now: () => Date;
}): Promise<{ stop(): Promise<void> }> {
  const id = newId('hbt');
  await insertHeartbeat(deps.db, id, deps.now().toISOString());
  const timer = setInterval(() => {
    renewHeartbeat(deps.db, id, deps.now().toISOString()).catch((err: unknown) => {
      deps.log.warn({ err }, 'could not renew the liveness heartbeat');
    });
  }, HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await renewHeartbeat(deps.db, id, deps.now().toISOString());
    },
  };
}

/**
 * How much of [from, to] no API process was alive for: its known downtime there, in ms. Time before the first beat
 * ever recorded is unknown, not down (an installation that never beat has no known downtime).
 */
export async function ownDowntimeMs(db: Db, from: string, to: string): Promise<number> {
  const end = Date.parse(to);
  // Nothing shorter than the gap that counts as downtime is worth two queries per carrier event.
  if (!(end - Date.parse(from) > LIVENESS_GAP_MS)) return 0;
  const first = await firstHeartbeatAt(db);
  if (first === null) return 0;
  const start = Math.max(Date.parse(from), Date.parse(first));
  if (!(end > start)) return 0;
  const widened = new Date(start - LIVENESS_GAP_MS).toISOString();
  let covered = 0;
  let cursor = start;
  for (const beat of await heartbeatsOverlapping(db, widened, to)) {
    const alive = { from: Date.parse(beat.startedAt), to: Date.parse(beat.beatAt) + LIVENESS_GAP_MS };
    const from_ = Math.max(alive.from, cursor);
    const to_ = Math.min(alive.to, end);
    if (to_ > from_) {
      covered += to_ - from_;
      cursor = to_;
    }
  }
  return Math.max(0, end - start - covered);
}
