import { describe, expect, it } from 'vitest';
import { loadTmfSpec, tmf622v5SpecFile } from '../../../test/support/tmf-spec.js';
import { sampleTailOrder } from '../test-fixtures.js';
import { toCancelProductOrderFvoV5, toHubFvoV5, toProductOrderFvoV5, toSnapshotFromV5 } from './mapper.js';

const spec = loadTmfSpec(tmf622v5SpecFile);
const mapping = { productCodeMap: { 'ETH-100': 'OFF-ETHERWAY-100' }, bandwidthCharacteristic: 'CIR' };

describe('TMF622 v5 mapper', () => {
  it('builds a ProductOrder_FVO that validates against the v5 spec', () => {
    const body = toProductOrderFvoV5(sampleTailOrder(), mapping);
    expect(() => spec.assertValid('ProductOrder_FVO', body)).not.toThrow();
    expect(body.externalId).toEqual([
      { '@type': 'ExternalIdentifier', id: 'ord_123', owner: 'Tailgate', externalIdentifierType: 'tailOrderId' },
    ]);
    const item = body.productOrderItem[0]!;
    expect(item).toMatchObject({
      '@type': 'ProductOrderItem',
      id: '1',
      action: 'add',
      productOffering: { id: 'OFF-ETHERWAY-100' },
    });
    expect(item.product.productCharacteristic[0]).toMatchObject({
      '@type': 'IntegerCharacteristic',
      name: 'CIR',
      value: 100,
    });
    expect(item.product.place[0]).toMatchObject({
      role: 'installationAddress',
      place: { '@type': 'GeographicAddress', postcode: 'SW1A 2AA' },
    });
    expect(body.relatedParty.map((p) => [p.role, p.partyOrPartyRole['@referredType']])).toEqual([
      ['Buyer', 'Organization'],
      ['Contact', 'Individual'],
    ]);
    expect(body.relatedParty[0]!.partyOrPartyRole.id).toBe('tailgate');
    const asAccount = toProductOrderFvoV5(sampleTailOrder(), { ...mapping, buyerAccountId: 'ACC-4471' });
    expect(() => spec.assertValid('ProductOrder_FVO', asAccount)).not.toThrow();
    expect(asAccount.relatedParty[0]!.partyOrPartyRole.id).toBe('ACC-4471');
  });

  it('is checked by the spec, not just by shape: a characteristic value of the wrong type fails', () => {
    const body = toProductOrderFvoV5(sampleTailOrder(), mapping);
    const broken = structuredClone(body) as unknown as {
      productOrderItem: Array<{ product: { productCharacteristic: Array<{ value: unknown }> } }>;
    };
    broken.productOrderItem[0]!.product.productCharacteristic[0]!.value = '100 Mbps';
    expect(spec.validate('ProductOrder_FVO', broken).valid).toBe(false);
    const untyped = { ...body, productOrderItem: [{ ...body.productOrderItem[0]!, '@type': undefined }] };
    expect(spec.validate('ProductOrder_FVO', JSON.parse(JSON.stringify(untyped))).valid).toBe(false);
  });

  it('builds cancellation and hub requests that validate', () => {
    expect(() =>
      spec.assertValid(
        'CancelProductOrder_FVO',
        toCancelProductOrderFvoV5('PO-1', 'customer withdrew', 'https://c.example/po/PO-1'),
      ),
    ).not.toThrow();
    expect(() =>
      spec.assertValid('Hub_FVO', toHubFvoV5('https://tailgate.example/tmf-api/productOrderingManagement/v5')),
    ).not.toThrow();
  });

  it('maps a carrier ProductOrder back to a snapshot, with its error message as the explanation', () => {
    const productOrder = {
      '@type': 'ProductOrder',
      id: 'PO-7',
      externalId: [
        { '@type': 'ExternalIdentifier', id: 'carrier-crm-1', owner: 'Carrier' },
        { '@type': 'ExternalIdentifier', id: 'ord_123', owner: 'Tailgate' },
      ],
      state: 'failed',
      expectedCompletionDate: '2027-01-20T00:00:00Z',
      productOrderErrorMessage: [
        { '@type': 'ProductOrderErrorMessage', code: 'E42', reason: 'No capacity', message: 'Exchange full' },
      ],
      note: [{ '@type': 'Note', author: 'Carrier NOC', text: 'Sorry' }],
      productOrderItem: [{ '@type': 'ProductOrderItem', id: '1', action: 'add' }],
    };
    expect(() => spec.assertValid('ProductOrder', productOrder)).not.toThrow();
    expect(toSnapshotFromV5(productOrder)).toEqual({
      partnerOrderId: 'PO-7',
      externalId: 'ord_123',
      state: 'failed',
      committedDate: '2027-01-20T00:00:00Z',
      completionDate: undefined,
      message: 'No capacity: Exchange full',
    });
  });

  it('reads the v5 sub-state inProgress.accepted as inProgress', () => {
    expect(toSnapshotFromV5({ id: 'PO-1', state: 'inProgress.accepted' }).state).toBe('inProgress');
  });
});
