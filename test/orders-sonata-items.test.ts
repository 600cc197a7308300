import { describe, expect, it } from 'vitest';
import { waitForOrder } from './support/carrier.js';
import { orderInput, placeOrder } from './support/orders.js';
import { sonataConfiguration, sonataOrderSuite } from './support/sonata-carrier.js';

/**
 * How a Sonata order names its tail: as the items one tail is ordered as (MEF 106's OVC and UNI), and at the seller's
 * own address once validated. Real HTTP to a simulated carrier, real Temporal, polled.
 */
describe('Sonata orders of several items, at the seller’s address', () => {
  const suite = sonataOrderSuite();
  const { spec, sonataCarrier, atCarrier } = suite;

  it('orders a tail as two items (the OVC and its UNI, MEF 106) and takes the OVC as the delivered circuit', async () => {
    const uni = { '@type': 'urn:mef:lso:spec:sonata:carrier-ethernet-operator-uni:v5.0.0:all', linkOam: 'ENABLED' };
    const { sim, partner } = await sonataCarrier({}, 'poll', {
      customFields: { order: { projectId: 'TAILS-2027' } },
      productSpecifications: {
        'ETH-100': {
          id: 'AccessEline',
          orderItems: [
            {
              id: 'item-001',
              productOffering: '000073',
              productConfiguration: sonataConfiguration,
              itemRelationships: [{ relationshipType: 'CONNECTS_TO_UNI', id: 'item-002' }],
              productRelationships: [{ relationshipType: 'CONNECTS_TO_ENNI', id: 'ENNI-LON-1' }],
            },
            { id: 'item-002', productOffering: '000075', productConfiguration: uni, place: true },
          ],
        },
      },
    });
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    const done = await waitForOrder(suite.h, placed.id, (o) => o.state === 'completed', 'completed');
    const [order] = atCarrier(sim, placed.id);
    spec.assertValid('ProductOrder_Create', order!.request);
    expect(order!.request).toMatchObject({
      projectId: 'TAILS-2027',
      productOrderItem: [
        {
          id: 'item-001',
          productOrderItemRelationship: [{ relationshipType: 'CONNECTS_TO_UNI', id: 'item-002' }],
          product: { productOffering: { id: '000073' }, productRelationship: [{ id: 'ENNI-LON-1' }] },
        },
        { id: 'item-002', product: { productOffering: { id: '000075' }, place: [{ role: 'INSTALL_LOCATION' }] } },
      ],
    });
    expect((order!.request.productOrderItem as { product: object }[])[0]!.product).not.toHaveProperty('place');
    expect(done).toMatchObject({ partnerOrderId: order!.id, carrierCircuitRef: `CCT-${order!.id}` });
  });

  it("sends the site as the seller's own address when it validates it (MEF Geographic Address Validation)", async () => {
    const { sim, partner } = await sonataCarrier({}, 'poll', { addressValidationApi: 'sonata-gav-v7' });
    const placed = await placeOrder(
      suite.h.platform,
      orderInput({ partnerId: partner.id, productCode: 'ETH-100', bandwidthMbps: 100 }),
    );
    await waitForOrder(suite.h, placed.id, (o) => o.state === 'completed', 'completed');
    const [order] = atCarrier(sim, placed.id);
    spec.assertValid('ProductOrder_Create', order!.request);
    const [place] = (order!.request.productOrderItem as { product: { place: { id: string }[] } }[])[0]!.product.place;
    expect(place).toEqual({
      '@type': 'GeographicAddressRef',
      id: expect.stringMatching(/^GEO-/),
      role: 'INSTALL_LOCATION',
    });
    const known = await fetch(`${sim.sonataRoot}/geographicAddressManagement/v7/geographicAddress/${place!.id}`);
    expect(await known.json()).toMatchObject({ '@type': 'FieldedAddress', postcode: 'SW1A 1AA' });
  });
});
