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

const newKey = (name = 'desk') => {
  const secret = generateApiKeySecret();
  const row = insertApiKey(db, { name, role: 'desk', partnerId: null, secret });
  return { secret, row };
};

describe('authenticateApiKey', () => {
  it('answers the holder of an active key, and nothing for an unknown one', () => {
    const { secret, row } = newKey();
    expect(authenticateApiKey(db, secret)).toEqual({ id: row.id, role: 'desk', partnerId: null });
    expect(authenticateApiKey(db, secret)).toEqual({ id: row.id, role: 'desk', partnerId: null });
    expect(authenticateApiKey(db, generateApiKeySecret())).toBeUndefined();
  });

  it('forgets a key revoked through this process at once', () => {
    const { secret, row } = newKey();
    expect(authenticateApiKey(db, secret)?.id).toBe(row.id);
    revokeApiKey(db, row.id, new Date());
    expect(authenticateApiKey(db, secret)).toBeUndefined();
  });

  it('forgets keys revoked by name at once', () => {
    const partner = insertPartner(db, PartnerCreateSchema.parse(partnerInput({ name: 'Keyed Carrier' })), new Date());
    const secret = generateApiKeySecret();
    insertApiKey(db, { name: 'listener', role: 'partner', partnerId: partner.id, secret });
    expect(authenticateApiKey(db, secret)?.partnerId).toBe(partner.id);
    revokeApiKeysNamed(db, partner.id, 'listener', new Date());
    expect(authenticateApiKey(db, secret)).toBeUndefined();
  });

  it('sees a revocation made by another process once the cache time has passed', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { secret, row } = newKey();
    expect(authenticateApiKey(db, secret)?.id).toBe(row.id);
    // Another process (a CLI, a second server) revokes the key on the same file: this one cannot be told.
    const other = openDatabase(file);
    try {
      revokeApiKey(other, row.id, new Date());
    } finally {
      closeDatabase(other);
    }
    expect(authenticateApiKey(db, secret)?.id).toBe(row.id);
    vi.advanceTimersByTime(KEY_CACHE_TTL_MS + 1);
    expect(authenticateApiKey(db, secret)).toBeUndefined();
  });
});
