import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase } from '../client.js';
import {
  authenticateApiKey,
  generateApiKeySecret,
  insertApiKey,
  KEY_CACHE_TTL_MS,
  revokeApiKey,
  revokeApiKeysNamed,
} from './api-keys.js';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { partnerInput } from '../../test/support/factories.js';
import { insertPartner } from './partners.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-keys-'));
const file = path.join(dir, 'keys.db');
const db = openDatabase(file);
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.useRealTimers());

const newKey = async (name = 'desk') => {
  const secret = generateApiKeySecret();
  const row = await insertApiKey(db, { name, role: 'desk', partnerId: null, secret });
  return { secret, row };
};

describe('authenticateApiKey', () => {
  it('answers the holder of an active key, and nothing for an unknown one', async () => {
    const { secret, row } = await newKey();
    expect(await authenticateApiKey(db, secret)).toEqual({ id: row.id, role: 'desk', partnerId: null });
    expect(await authenticateApiKey(db, secret)).toEqual({ id: row.id, role: 'desk', partnerId: null });
    expect(await authenticateApiKey(db, generateApiKeySecret())).toBeUndefined();
  });

  it('forgets a key revoked through this process at once', async () => {
    const { secret, row } = await newKey();
    expect((await authenticateApiKey(db, secret))?.id).toBe(row.id);
    await revokeApiKey(db, row.id, new Date());
    expect(await authenticateApiKey(db, secret)).toBeUndefined();
  });

  it('forgets keys revoked by name at once', async () => {
    const partner = await insertPartner(
      db,
      PartnerCreateSchema.parse(partnerInput({ name: 'Keyed Carrier' })),
      new Date(),
    );
    const secret = generateApiKeySecret();
    await insertApiKey(db, { name: 'listener', role: 'partner', partnerId: partner.id, secret });
    expect((await authenticateApiKey(db, secret))?.partnerId).toBe(partner.id);
    await revokeApiKeysNamed(db, partner.id, 'listener', new Date());
    expect(await authenticateApiKey(db, secret)).toBeUndefined();
  });

  it('sees a revocation made by another process once the cache time has passed', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { secret, row } = await newKey();
    expect((await authenticateApiKey(db, secret))?.id).toBe(row.id);
    // Another process (a CLI, a second server) revokes the key on the same file: this one cannot be told.
    const other = openDatabase(file);
    try {
      await revokeApiKey(other, row.id, new Date());
    } finally {
      closeDatabase(other);
    }
    expect((await authenticateApiKey(db, secret))?.id).toBe(row.id);
    vi.advanceTimersByTime(KEY_CACHE_TTL_MS + 1);
    expect(await authenticateApiKey(db, secret)).toBeUndefined();
  });
});
