import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { partnerInput } from '../../test/support/factories.js';
import { closeDatabase, openDatabase } from '../client.js';
import { directoryGeneration } from './offers-lookup.js';
import { insertPartner, updatePartner } from './partners.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailgate-generation-'));
const file = path.join(dir, 'tailgate.db');
const db = openDatabase(file);
// Another process on the same file (a CLI import, a second server).
const other = openDatabase(file);
afterAll(() => {
  closeDatabase(other);
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('directoryGeneration', () => {
  it("is read once per turn of the event loop, yet always shows this connection's own changes", async () => {
    const partner = await insertPartner(db, PartnerCreateSchema.parse(partnerInput({ status: 'active' })), new Date());
    const first = await directoryGeneration(db);

    // Another connection's change: this turn keeps the generation it read, the next turn sees the change.
    await updatePartner(other, partner.id, { name: 'Renamed elsewhere' }, new Date());
    expect(await directoryGeneration(db)).toBe(first);
    await nextTurn();
    const second = await directoryGeneration(db);
    expect(second).toBeGreaterThan(first);

    // A change through this connection shows at once, in the same turn.
    await updatePartner(db, partner.id, { status: 'suspended' }, new Date());
    expect(await directoryGeneration(db)).toBeGreaterThan(second);
  });
});
