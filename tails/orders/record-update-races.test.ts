import { describe, expect, it } from 'vitest';
import { statement } from '../../db/execute.js';
import { insertPartner } from '../../db/repositories/partners.js';
import { PartnerCreateSchema } from '../../openapi/partners.js';
import { partnerInput, storeOrder } from '../../test/support/factories.js';
import { storeForTests } from '../../test/support/store.js';
import { recordOrderUpdate, type CarrierOrderReport } from './receive-update.js';

/**
 * One carrier event delivered several times at once (its listener retrying, its PATCH, our poll), on the store of the
 * test project: on PostgreSQL these run side by side, each in its own transaction.
 */
describe('a carrier event arriving several times at once', () => {
  const store = storeForTests();
  const now = () => new Date('2026-11-02T10:00:00.000Z');

  it('is applied once; every other copy is answered as a duplicate, none fails', async () => {
    const partner = await insertPartner(store.db, PartnerCreateSchema.parse(partnerInput()), now());
    const orderId = await storeOrder(store.db, { partnerId: partner.id, createdAt: '2026-11-01T09:00:00.000Z' });
    const report: CarrierOrderReport = {
      orderId,
      source: 'listener',
      type: 'productOrderPatch',
      externalEventId: 'carrier-evt-1',
      update: { state: 'completed', occurredAt: '2026-11-02T09:00:00.000Z' },
      payload: null,
    };

    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => recordOrderUpdate({ db: store.db, now }, report)),
    );

    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['applied', ...Array(5).fill('duplicate')]);
    expect(outcomes.every((o) => o.order.state === 'completed')).toBe(true);
    const stored = await statement(
      store.db,
      'select count(*) from order_events where order_id = ? and external_event_id = ?',
    )
      .pluck()
      .get(orderId, 'carrier-evt-1');
    expect(stored).toBe(1);
  });
});
