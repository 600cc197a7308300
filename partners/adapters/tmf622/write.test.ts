import { AdapterSettingsSchema } from '../../../openapi/adapter-settings.js';
import { describe, expect, it } from 'vitest';
import { loadTmfSpec, tmf622v4SpecFile, tmf622v5SpecFile } from '../../../test/support/tmf-spec.js';
import { sampleTailOrder } from '../test-fixtures.js';
import { hubRequest } from '../tmf-common.js';
import {
  cancelProductOrderFvoV5,
  cancelProductOrderV4,
  productOrderCreateV4,
  productOrderFvoV5,
  servedProductOrderV4,
} from './write.js';

describe('our order as a TMF622 v4 ProductOrder', () => {
  const spec = loadTmfSpec(tmf622v4SpecFile);
  const mapping = { productCodeMap: { 'ETH-100': 'OFF-ETHERWAY-100' } };

  it('builds a ProductOrder_Create that validates against the v4 spec', () => {
    const body = productOrderCreateV4(sampleTailOrder(), mapping);
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
    const body = productOrderCreateV4(sampleTailOrder({ productCode: 'FIBRE-1G' }), {
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
      spec.assertValid('CancelProductOrder_Create', cancelProductOrderV4('PO-1', 'customer withdrew')),
    ).not.toThrow();
    expect(() =>
      spec.assertValid(
        'EventSubscriptionInput',
        hubRequest('v4', 'https://tailgate.example/tmf-api/productOrderingManagement/v4'),
      ),
    ).not.toThrow();
  });

  it('serves the same order to a carrier that pulls it, with our id and its reference', () => {
    const served = {
      id: 'ord_123',
      href: '/tmf-api/productOrderingManagement/v4/productOrder/ord_123',
      state: 'inProgress',
      partnerOrderId: 'NF-9',
      orderDate: '2027-01-02T10:00:00.000Z',
      committedDate: '2027-01-20T17:00:00.000Z',
      completedAt: null,
    };
    const body = servedProductOrderV4(sampleTailOrder(), served, mapping);
    expect(() => spec.assertValid('ProductOrder', body)).not.toThrow();
    const { externalId: _ours, ...request } = productOrderCreateV4(sampleTailOrder(), mapping);
    expect(body).toMatchObject({
      ...request,
      id: 'ord_123',
      externalId: 'NF-9',
      state: 'inProgress',
      expectedCompletionDate: '2027-01-20T17:00:00.000Z',
    });
    expect(body).not.toHaveProperty('completionDate');
  });
});

describe('our order as a TMF622 v5 ProductOrder', () => {
  const spec = loadTmfSpec(tmf622v5SpecFile);
  const mapping = { productCodeMap: { 'ETH-100': 'OFF-ETHERWAY-100' }, bandwidthCharacteristic: 'CIR' };

  it('builds a ProductOrder_FVO that validates against the v5 spec', () => {
    const body = productOrderFvoV5(sampleTailOrder(), mapping);
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
    const asAccount = productOrderFvoV5(sampleTailOrder(), { ...mapping, buyerAccountId: 'ACC-4471' });
    expect(() => spec.assertValid('ProductOrder_FVO', asAccount)).not.toThrow();
    expect(asAccount.relatedParty[0]!.partyOrPartyRole.id).toBe('ACC-4471');
  });

  it('is checked by the spec, not just by shape: a characteristic value of the wrong type fails', () => {
    const body = productOrderFvoV5(sampleTailOrder(), mapping);
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
        cancelProductOrderFvoV5('PO-1', 'customer withdrew', 'https://c.example/po/PO-1'),
      ),
    ).not.toThrow();
    expect(() =>
      spec.assertValid('Hub_FVO', hubRequest('v5', 'https://tailgate.example/tmf-api/productOrderingManagement/v5')),
    ).not.toThrow();
  });
});

describe("a carrier's custom fields", () => {
  const mapping = {
    productCodeMap: {},
    customFields: {
      order: { category: 'wholesale', priority: '4' },
      productCharacteristics: [
        { name: 'serviceLevel', value: 'gold' },
        { name: 'vlanId', value: 101 },
        { name: 'diverseRouting', value: false },
      ],
    },
  };

  it('go on every order, valid in both versions, typed by their values', () => {
    const v4 = productOrderCreateV4(sampleTailOrder(), mapping);
    expect(() => loadTmfSpec(tmf622v4SpecFile).assertValid('ProductOrder_Create', v4)).not.toThrow();
    expect(v4).toMatchObject({ category: 'wholesale', priority: '4' });
    expect(v4.productOrderItem[0]!.product.productCharacteristic.slice(1)).toEqual([
      { name: 'serviceLevel', value: 'gold', valueType: 'string' },
      { name: 'vlanId', value: 101, valueType: 'integer' },
      { name: 'diverseRouting', value: false, valueType: 'boolean' },
    ]);
    const v5 = productOrderFvoV5(sampleTailOrder(), mapping);
    expect(() => loadTmfSpec(tmf622v5SpecFile).assertValid('ProductOrder_FVO', v5)).not.toThrow();
    expect(v5.productOrderItem[0]!.product.productCharacteristic.map((c) => c['@type'])).toEqual([
      'IntegerCharacteristic',
      'StringCharacteristic',
      'IntegerCharacteristic',
      'BooleanCharacteristic',
    ]);
  });

  it('may not replace a field Tailgate writes', () => {
    const parsed = AdapterSettingsSchema.safeParse({
      orderingApi: 'none',
      customFields: { order: { externalId: 'x' } },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['customFields.order']);
  });
});

describe("a carrier's product specifications and address format", () => {
  const mapping = {
    productCodeMap: { 'ETH-100': 'OFF-EPL-100' },
    productSpecifications: {
      'ETH-100': {
        id: 'SPEC-EPL',
        name: 'Ethernet Private Line',
        version: '2',
        characteristics: [
          { name: 'serviceType', value: 'EPL' },
          { name: 'mtu', value: 9000 },
        ],
      },
    },
    addressFormat: 'streetNumberSplit' as const,
    customFields: { order: {}, productCharacteristics: [{ name: 'resilience', value: false }] },
  };

  it('writes the specification, its characteristics after the bandwidth and the split street, valid in v4 and v5', () => {
    const v4 = productOrderCreateV4(sampleTailOrder(), mapping);
    loadTmfSpec(tmf622v4SpecFile).assertValid('ProductOrder_Create', v4);
    const product = v4.productOrderItem[0]!.product;
    expect(product.productSpecification).toEqual({
      id: 'SPEC-EPL',
      name: 'Ethernet Private Line',
      version: '2',
      '@referredType': 'ProductSpecification',
    });
    expect(product.productCharacteristic.map((c) => [c.name, c.value, c.valueType])).toEqual([
      ['bandwidthMbps', 100, 'integer'],
      ['serviceType', 'EPL', 'string'],
      ['mtu', 9000, 'integer'],
      ['resilience', false, 'boolean'],
    ]);
    expect(product.place[0]).toMatchObject({ streetNr: '10', streetName: 'Downing Street' });

    const v5 = productOrderFvoV5(sampleTailOrder(), mapping);
    loadTmfSpec(tmf622v5SpecFile).assertValid('ProductOrder_FVO', v5);
    const product5 = v5.productOrderItem[0]!.product;
    expect(product5.productSpecification).toMatchObject({ '@type': 'ProductSpecificationRef', id: 'SPEC-EPL' });
    expect(product5.place[0]!.place).toMatchObject({ streetNr: '10', streetName: 'Downing Street' });
  });

  it('leaves a product without a specification, and a first line without a house number, as they were', () => {
    const order = sampleTailOrder({ productCode: 'ETH-1000' });
    const body = productOrderCreateV4({ ...order, site: { ...order.site, line1: 'Unit 4-6 Dock Road' } }, mapping);
    expect(body.productOrderItem[0]!.product).not.toHaveProperty('productSpecification');
    expect(body.productOrderItem[0]!.product.place[0]).toMatchObject({ streetName: 'Unit 4-6 Dock Road' });
    expect(body.productOrderItem[0]!.product.place[0]).not.toHaveProperty('streetNr');
    const ranged = productOrderCreateV4({ ...order, site: { ...order.site, line1: '10 - 12A, High Street' } }, mapping);
    expect(ranged.productOrderItem[0]!.product.place[0]).toMatchObject({
      streetNr: '10-12A',
      streetName: 'High Street',
    });
  });
});

describe("an order from a carrier's live offer", () => {
  it("refers to the carrier's qualification item, valid in v4 and v5", () => {
    const order = sampleTailOrder({ carrierQualification: { id: 'POQ-9', itemId: '1' } });
    const v4 = productOrderCreateV4(order, { productCodeMap: {} });
    loadTmfSpec(tmf622v4SpecFile).assertValid('ProductOrder_Create', v4);
    expect(v4.productOrderItem[0]!.productOfferingQualificationItem).toEqual({
      id: '1',
      productOfferingQualificationId: 'POQ-9',
    });
    const v5 = productOrderFvoV5(order, { productCodeMap: {} });
    loadTmfSpec(tmf622v5SpecFile).assertValid('ProductOrder_FVO', v5);
    expect(v5.productOrderItem[0]!.productOfferingQualificationItem).toEqual({
      '@type': 'ProductOfferingQualificationItemRef',
      itemId: '1',
      productOfferingQualificationId: 'POQ-9',
    });
    expect(productOrderCreateV4(sampleTailOrder(), { productCodeMap: {} }).productOrderItem[0]).not.toHaveProperty(
      'productOfferingQualificationItem',
    );
  });
});

describe("a carrier's per-order fields", () => {
  it("sends the desk's values over the defaults, and only for fields the carrier still takes", () => {
    const mapping = {
      productCodeMap: {},
      customFields: {
        order: { segment: 'wholesale' },
        orderDefaults: { category: 'standard', expedite: false },
        productCharacteristics: [],
      },
    };
    const order = sampleTailOrder({ carrierFields: { category: 'express', dropped: 'no longer taken' } });
    const v4 = productOrderCreateV4(order, mapping);
    loadTmfSpec(tmf622v4SpecFile).assertValid('ProductOrder_Create', v4);
    expect(v4).toMatchObject({ segment: 'wholesale', category: 'express', expedite: false });
    expect(v4).not.toHaveProperty('dropped');
    expect(productOrderFvoV5(sampleTailOrder(), mapping)).toMatchObject({ category: 'standard', expedite: false });
  });
});
