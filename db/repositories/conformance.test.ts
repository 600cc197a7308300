import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase } from '../client.js';
import { conformanceBetween } from './conformance.js';

const db = openDatabase(':memory:');
afterAll(() => closeDatabase(db));

describe("a month's conformance", () => {
  it('is read from the covering index alone, not one table row per outcome', async () => {
    const prepare = vi.spyOn(db.$client, 'prepare');
    await conformanceBetween(db, '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z');
    const sql = prepare.mock.calls[0]?.[0] ?? '';
    prepare.mockRestore();
    const plan = db.$client.prepare(`explain query plan ${sql}`).all({ s: '2026-10-01', e: '2026-11-01' }) as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX clock_outcomes_final_conformance_idx/);
  });
});
