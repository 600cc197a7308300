import { describe, expect, it } from 'vitest';
import { loadTmfSpec, tmf622v4SpecFile, tmf622v5SpecFile } from '../../../test/support/tmf-spec.js';
import { sampleTailOrder } from '../test-fixtures.js';
import {
  amendmentPatchV4,
  amendmentPatchV5,
  modificationOrderV4,
  modificationOrderV5,
  notePatchV4,
  notePatchV5,
  type OrderAmendmentForPartner,
} from './amend.js';

const mapping = { productCodeMap: { 'ETH-100': 'OFF-ETHERWAY-100' } };
const amendment = (changed: Partial<OrderAmendmentForPartner['changed']>): OrderAmendmentForPartner => ({
  order: sampleTailOrder({ requestedCompletionDate: '2027-02-01', bandwidthMbps: 1000 }),
  changed: { requestedCompletionDate: false, bandwidthMbps: false, contact: false, ...changed },
  requestId: 'req_1',
  summary: 'requested completion date 2027-02-01; bandwidth 1000 Mbps',
});

describe('amendments and notes as TMF622 v4', () => {
  const spec = loadTmfSpec(tmf622v4SpecFile);

  it('patches only what changed, as a ProductOrder_Update (the item always, modified or not)', () => {
    const dateOnly = amendmentPatchV4(amendment({ requestedCompletionDate: true }), mapping);
    expect(() => spec.assertValid('ProductOrder_Update', dateOnly)).not.toThrow();
    expect(dateOnly).toMatchObject({
      requestedCompletionDate: '2027-02-01T00:00:00Z',
      productOrderItem: [{ id: '1', action: 'noChange' }],
    });
    expect(dateOnly).not.toHaveProperty('relatedParty');
    const bandwidth = amendmentPatchV4(amendment({ bandwidthMbps: true, contact: true }), mapping);
    expect(() => spec.assertValid('ProductOrder_Update', bandwidth)).not.toThrow();
    expect(bandwidth.productOrderItem[0]).toMatchObject({
      action: 'modify',
      product: { productCharacteristic: [{ name: 'bandwidthMbps', value: 1000 }] },
    });
    expect(bandwidth.note.map((n) => n.text)).toEqual([
      'Amendment req_1: requested completion date 2027-02-01; bandwidth 1000 Mbps',
      'Site contact: Ann Example, ann@customer.example, +44 20 7946 0000',
    ]);
  });

  it('sends a modification order as a ProductOrder_Create referring to the original', () => {
    const body = modificationOrderV4(amendment({ bandwidthMbps: true }), 'PO-77', mapping);
    expect(() => spec.assertValid('ProductOrder_Create', body)).not.toThrow();
    expect(body.externalId).toBe('ord_123:amend:req_1');
    expect(body.description).toMatch(/^Amendment of productOrder PO-77/);
    expect(body.productOrderItem[0]!.action).toBe('modify');
  });

  it('sends a note as a ProductOrder_Update', () => {
    expect(() => spec.assertValid('ProductOrder_Update', notePatchV4('Access via the loading bay'))).not.toThrow();
  });
});

describe('amendments and notes as TMF622 v5', () => {
  const spec = loadTmfSpec(tmf622v5SpecFile);

  it('patches only what changed, as a ProductOrder_MVO', () => {
    const body = amendmentPatchV5(amendment({ requestedCompletionDate: true, bandwidthMbps: true }), mapping);
    expect(() => spec.assertValid('ProductOrder_MVO', body)).not.toThrow();
    expect(body).toMatchObject({ requestedCompletionDate: '2027-02-01T00:00:00Z' });
    expect(body.productOrderItem![0]).toMatchObject({ action: 'modify' });
    expect(amendmentPatchV5(amendment({ contact: true }), mapping)).not.toHaveProperty('productOrderItem');
  });

  it('sends a modification order as a ProductOrder_FVO related to the original as `amends`', () => {
    const body = modificationOrderV5(
      amendment({ requestedCompletionDate: true }),
      'PO-77',
      mapping,
      'https://c/po/PO-77',
    );
    expect(() => spec.assertValid('ProductOrder_FVO', body)).not.toThrow();
    expect(body.orderRelationship).toEqual([
      {
        '@type': 'OrderRelationship',
        relationshipType: 'amends',
        id: 'PO-77',
        href: 'https://c/po/PO-77',
        '@referredType': 'ProductOrder',
      },
    ]);
    expect(body.externalId[0]!.id).toBe('ord_123:amend:req_1');
  });

  it('sends a note as a ProductOrder_MVO', () => {
    expect(() => spec.assertValid('ProductOrder_MVO', notePatchV5('Access via the loading bay'))).not.toThrow();
  });
});
