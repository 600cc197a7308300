import { describe, expect, it } from 'vitest';
import { loadTmfSpec, tmf622v4SpecFile } from '../../../test/support/tmf-spec.js';
import { PartnerUnavailableError } from '../errors.js';
import { sampleTailOrder } from '../test-fixtures.js';
import { toCancelProductOrderCreateV4, toHubInputV4, toProductOrderCreateV4, toSnapshotFromV4 } from './mapper.js';

const spec = loadTmfSpec(tmf622v4SpecFile);
const mapping = { productCodeMap: { 'ETH-100': 'OFF-ETHERWAY-100' } };

describe('TMF622 v4 mapper', () => {
  it('builds a ProductOrder_Create that validates against the v4 spec', () => {
    const body = toProductOrderCreateV4(sampleTailOrder(), mapping);
    expect(() => spec.assertValid('ProductOrder_Create', body)).not.toThrow();
    expect(body.externalId).toBe('ord_123');
    expect(body.requestedCompletionDate).toBe('2027-01-15T00:00:00Z');
    const item = body.productOrderItem[0]!;
    expect(item).toMatchObject({ id: '1', action: 'add', productOffering: { id: 'OFF-ETHERWAY-100' } });
    expect(item.product.productCharacteristic).toEqual([{ name: 'bandwidthMbps', valueType: 'integer', value: 100 }]);
    expect(item.product.place[0]).toMatchObject({
      role: 'installationAddress',
      '@type': 'GeographicAddress',
      postcode: 'SW1A 2AA',
      city: 'London',
      country: 'GB',
    });
    expect(body.relatedParty.map((p) => [p.role, p.id])).toEqual([
      ['Buyer', 'tailgate'],
      ['Contact', 'ann@customer.example'],
    ]);
  });

  it('uses the partner terminology when the mapping names it, and our product code otherwise', () => {
    const body = toProductOrderCreateV4(sampleTailOrder({ productCode: 'FIBRE-1G' }), {
      productCodeMap: {},
      bandwidthCharacteristic: 'CIR',
      buyerRole: 'Customer',
      contactRole: 'SiteContact',
      buyerAccountId: 'ACC-4471',
    });
    expect(() => spec.assertValid('ProductOrder_Create', body)).not.toThrow();
    expect(body.relatedParty[0]!.id).toBe('ACC-4471');
    expect(body.productOrderItem[0]!.productOffering.id).toBe('FIBRE-1G');
    expect(body.productOrderItem[0]!.product.productCharacteristic[0]!.name).toBe('CIR');
    expect(body.relatedParty.map((p) => p.role)).toEqual(['Customer', 'SiteContact']);
  });

  it('builds cancellation and hub requests that validate', () => {
    expect(() =>
      spec.assertValid('CancelProductOrder_Create', toCancelProductOrderCreateV4('PO-1', 'customer withdrew')),
    ).not.toThrow();
    expect(() =>
      spec.assertValid(
        'EventSubscriptionInput',
        toHubInputV4('https://tailgate.example/tmf-api/productOrderingManagement/v4'),
      ),
    ).not.toThrow();
  });

  it('maps a carrier ProductOrder back to a snapshot', () => {
    const productOrder = {
      id: 'PO-7',
      externalId: 'ord_123',
      state: 'inProgress',
      expectedCompletionDate: '2027-01-20T00:00:00Z',
      note: [
        { author: 'Tailgate', text: 'Site contact: Ann' },
        { author: 'Carrier NOC', text: 'Survey booked' },
      ],
      productOrderItem: [{ id: '1', action: 'add' }],
    };
    expect(() => spec.assertValid('ProductOrder', productOrder)).not.toThrow();
    expect(toSnapshotFromV4(productOrder)).toEqual({
      partnerOrderId: 'PO-7',
      externalId: 'ord_123',
      state: 'inProgress',
      committedDate: '2027-01-20T00:00:00Z',
      completionDate: undefined,
      message: 'Survey booked',
    });
  });

  it('prefers an error message or state reason over notes, and never reports our own note as theirs', () => {
    const base = { id: 'PO-8', state: 'failed', note: [{ author: 'Tailgate', text: 'ours' }] };
    expect(toSnapshotFromV4(base).message).toBeUndefined();
    expect(toSnapshotFromV4({ ...base, stateReason: 'No capacity' }).message).toBe('No capacity');
    expect(
      toSnapshotFromV4({ ...base, errorMessage: [{ reason: 'Duct blocked', message: 'civils needed' }] }).message,
    ).toBe('Duct blocked: civils needed');
  });

  it('refuses a state it cannot interpret as a carrier fault', () => {
    expect(() => toSnapshotFromV4({ id: 'PO-9', state: 'teleported' })).toThrow(PartnerUnavailableError);
  });
});
