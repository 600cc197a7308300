import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { storeForTests } from '../../test/support/store.js';
import { closeStore } from '../client.js';
import {
  authenticateApiKey,
  generateApiKeySecret,
  insertApiKey,
  revokeApiKey,
  revokeApiKeysNamed,
} from './api-keys.js';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { partnerInput } from '../../test/support/factories.js';
import { insertPartner } from './partners.js';

const store = storeForTests();

const newKey = async (name = 'desk') => {
  const secret = generateApiKeySecret();
  const row = await insertApiKey(store.db, { name, role: 'desk', partnerId: null, secret });
  return { secret, row };
};

describe('authenticateApiKey', () => {
  it('answers the holder of an active key, and nothing for an unknown one', async () => {
    const { secret, row } = await newKey();
    expect(await authenticateApiKey(store.db, secret)).toEqual({ id: row.id, role: 'desk', partnerId: null });
    expect(await authenticateApiKey(store.db, secret)).toEqual({ id: row.id, role: 'desk', partnerId: null });
    expect(await authenticateApiKey(store.db, generateApiKeySecret())).toBeUndefined();
  });

  it('forgets a key revoked through this process at once', async () => {
    const { secret, row } = await newKey();
    expect((await authenticateApiKey(store.db, secret))?.id).toBe(row.id);
    await revokeApiKey(store.db, row.id, new Date());
    expect(await authenticateApiKey(store.db, secret)).toBeUndefined();
  });

  it('forgets keys revoked by name at once', async () => {
    const partner = await insertPartner(
      store.db,
      PartnerCreateSchema.parse(partnerInput({ name: 'Keyed Carrier' })),
      new Date(),
    );
    const secret = generateApiKeySecret();
    await insertApiKey(store.db, { name: 'listener', role: 'partner', partnerId: partner.id, secret });
    expect((await authenticateApiKey(store.db, secret))?.partnerId).toBe(partner.id);
    await revokeApiKeysNamed(store.db, partner.id, 'listener', new Date());
    expect(await authenticateApiKey(store.db, secret)).toBeUndefined();
  });

  it('refuses a key another process revoked from the next turn of the event loop on', async () => {
    const { secret, row } = await newKey();
    expect((await authenticateApiKey(store.db, secret))?.id).toBe(row.id); // now remembered
    // Another process (a CLI, a second server) revokes the key in the same store: it moves the key generation.
    const other = await store.openAgain();
    try {
      await revokeApiKey(other, row.id, new Date());
    } finally {
      await closeStore(other);
    }
    await nextTurn();
    expect(await authenticateApiKey(store.db, secret)).toBeUndefined();
  });
});
