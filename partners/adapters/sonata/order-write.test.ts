import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTmfSpec as loadSpec } from '../../certification/tmf-spec.js';
import { tmfSpecsDir } from '../../../test/support/tmf-spec.js';
import { tryMapping } from '../mapping-trial.js';
import { sampleTailOrder, sonataAdapterSettings } from '../test-fixtures.js';
import { sonataCancelProductOrder, sonataProductOrder } from './order-write.js';
import { sonataSnapshotOf } from './ordering-client.js';

const spec = loadSpec('productOrderManagement.api.yaml', path.resolve(tmfSpecsDir, '../mef'));

describe('our order as a MEF LSO Sonata ProductOrder', () => {
  it('builds a ProductOrder_Create and a cancellation that validate against the MEF file', () => {
    const body = sonataProductOrder(
      sampleTailOrder({ carrierQualification: { id: 'SPOQ-1', itemId: '1' } }),
      sonataAdapterSettings,
    );
    spec.assertValid('ProductOrder_Create', body);
    expect(body.productOrderItem[0]).toMatchObject({
      action: 'add',
      requestedCompletionDate: '2027-01-15T00:00:00Z',
      product: { productOffering: { id: '000073' }, productConfiguration: { cir: { irValue: 100 } } },
      productOfferingQualificationItem: { productOfferingQualificationId: 'SPOQ-1', id: '1' },
    });
    spec.assertValid('CancelProductOrder_Create', sonataCancelProductOrder('PO-1', 'withdrawn', sonataAdapterSettings));
  });

  it('refuses a product without a configuration, naming the setting, and the mapping trial says so', () => {
    expect(() => sonataProductOrder(sampleTailOrder({ productCode: 'ETH-1000' }), sonataAdapterSettings)).toThrow(
      'no productConfiguration for ETH-1000 in adapter.productSpecifications',
    );
    const trial = tryMapping(sonataAdapterSettings, { order: sampleTailOrder({ productCode: 'ETH-1000' }) });
    expect(trial.outbound).toMatchObject({ version: 'sonata-v10', productOrder: {} });
    expect(trial.outbound.problem).toContain('no productConfiguration for ETH-1000');
  });

  it('reads MEF states per family: held.assessingCharge is a wait on the buyer, an unknown state names the setting', () => {
    const po = { id: 'PO-1', state: 'held.assessingCharge', productOrderItem: [] };
    expect(sonataSnapshotOf({ ...po, completionDate: undefined })).toMatchObject({ state: 'pending' });
    expect(() => sonataSnapshotOf({ ...po, state: 'weird', completionDate: undefined })).toThrow(
      'adapter.stateMap.order',
    );
    const trial = tryMapping(sonataAdapterSettings, { productOrder: { ...po, state: 'inProgress' } });
    expect(trial.productOrder).toEqual({ ok: true, read: expect.objectContaining({ state: 'inProgress' }) });
  });
});
