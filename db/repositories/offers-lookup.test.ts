import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { partnerInput } from '../../test/support/factories.js';
import { storeForTests } from '../../test/support/store.js';
import { closeStore, type Db } from '../client.js';
import { directoryGeneration } from './offers-lookup.js';
import { insertPartner, updatePartner } from './partners.js';

const store = storeForTests();
// Another process on the same store (a CLI import, a second server).
let other: Db;
beforeAll(async () => {
  other = await store.openAgain();
});
afterAll(() => closeStore(other));

describe('directoryGeneration', () => {
  it("shows another process's change from the next turn of the event loop on, and this one's own changes at once", async () => {
    const db = store.db;
    const partner = await insertPartner(db, PartnerCreateSchema.parse(partnerInput({ status: 'active' })), new Date());
    const first = await directoryGeneration(db);

    await updatePartner(other, partner.id, { name: 'Renamed elsewhere' }, new Date());
    await nextTurn();
    const second = await directoryGeneration(db);
    expect(second).toBeGreaterThan(first);

    // A change through this connection shows at once, in the same turn.
    await updatePartner(db, partner.id, { status: 'suspended' }, new Date());
    expect(await directoryGeneration(db)).toBeGreaterThan(second);
  });
});
