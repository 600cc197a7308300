import { describe, expect, it } from 'vitest';
import { storeForTests } from '../test/support/store.js';
import { insertHeartbeat, renewHeartbeat } from '../db/repositories/heartbeats.js';
import { LIVENESS_GAP_MS, ownDowntimeMs } from './liveness.js';

const MIN = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2027, 0, 4, 9, 0) + minutes * MIN).toISOString();

// Each case on a store of its own: each starts from no heartbeat at all.
describe("Tailgate's own downtime, from its API processes' heartbeats", () => {
  describe('with no heartbeat', () => {
    const store = storeForTests();
    it('is nothing while no heartbeat was ever recorded', async () => {
      expect(await ownDowntimeMs(store.db, at(0), at(60))).toBe(0);
    });
  });

  describe('with heartbeats', () => {
    const store = storeForTests();
    it('is the time no process beat through, a beat counting for the gap allowed after it', async () => {
      const db = store.db;
      await insertHeartbeat(db, 'a', at(0));
      await renewHeartbeat(db, 'a', at(30));
      await insertHeartbeat(db, 'b', at(50));
      await renewHeartbeat(db, 'b', at(120));
      // Down from 30 min (+ the gap allowed) to 50 min.
      expect(await ownDowntimeMs(db, at(20), at(60))).toBe(20 * MIN - LIVENESS_GAP_MS);
      expect(await ownDowntimeMs(db, at(55), at(100))).toBe(0);
      // A second process beating through the gap covers it.
      await insertHeartbeat(db, 'c', at(25));
      await renewHeartbeat(db, 'c', at(52));
      expect(await ownDowntimeMs(db, at(20), at(60))).toBe(0);
    });
  });

  describe('with a first beat late', () => {
    const store = storeForTests();
    it('does not count time before the first beat ever recorded', async () => {
      const db = store.db;
      await insertHeartbeat(db, 'a', at(100));
      await renewHeartbeat(db, 'a', at(200));
      expect(await ownDowntimeMs(db, at(0), at(150))).toBe(0);
    });
  });
});
