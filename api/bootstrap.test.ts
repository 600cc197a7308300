import os from 'node:os';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { closeStore } from '../db/client.js';
import { statement } from '../db/execute.js';
import { findActiveApiKeyBySecret, revokeApiKey } from '../db/repositories/api-keys.js';
import { storeForTests } from '../test/support/store.js';
import { ensureAdminKey } from './bootstrap.js';

describe('ensureAdminKey with ADMIN_API_KEY', () => {
  const store = storeForTests();
  const opts = (adminApiKey: string) => ({ adminApiKey, dataDir: os.tmpdir(), log: pino({ level: 'silent' }) });

  it('registers the key once when two processes start together', async () => {
    const other = await store.openAgain();
    try {
      const secret = 'tg_two-processes-starting-0001';
      await Promise.all([ensureAdminKey(store.db, opts(secret)), ensureAdminKey(other, opts(secret))]);
      expect((await findActiveApiKeyBySecret(store.db, secret))?.role).toBe('admin');
      expect(await statement(store.db, "select count(*) from api_keys where role = 'admin'").pluck().get()).toBe(1);
    } finally {
      await closeStore(other);
    }
  });

  it('refuses to start with a key that was revoked', async () => {
    const secret = 'tg_revoked-then-reused-0001';
    await ensureAdminKey(store.db, opts(secret));
    await revokeApiKey(store.db, (await findActiveApiKeyBySecret(store.db, secret))!.id, new Date());
    await expect(ensureAdminKey(store.db, opts(secret))).rejects.toThrow('ADMIN_API_KEY was revoked');
  });
});
