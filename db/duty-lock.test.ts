import { describe, expect, inject, it } from 'vitest';
import { storeForTests } from '../test/support/store.js';
import { runDutyRound } from './duty-lock.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('runDutyRound', () => {
  const store = storeForTests();
  // On a shared PostgreSQL a second session (another process, or here another pooled connection) is kept out.
  const shared = inject('store') === 'postgres';

  it('skips a round of a duty another session is running (on PostgreSQL), runs other duties, and runs it once free', async () => {
    const entered = deferred();
    const release = deferred();
    const first = runDutyRound(store.db, 'sweep', async () => {
      entered.resolve();
      await release.promise;
      return 'first';
    });
    await entered.promise;

    expect(await runDutyRound(store.db, 'sweep', async () => 'overlapping')).toBe(shared ? undefined : 'overlapping');
    expect(await runDutyRound(store.db, 'another duty', async () => 'another')).toBe('another');

    release.resolve();
    expect(await first).toBe('first');
    expect(await runDutyRound(store.db, 'sweep', async () => 'next')).toBe('next');
  });

  it('frees the duty when a round fails', async () => {
    await expect(runDutyRound(store.db, 'failing', () => Promise.reject(new Error('round failed')))).rejects.toThrow(
      'round failed',
    );
    expect(await runDutyRound(store.db, 'failing', async () => 'after')).toBe('after');
  });
});
