import type { OrderRow } from '../../db/repositories/orders.js';

type Site = { countryCode: string; postcode: string; line1: string; line2?: string; city: string; addressId?: string };
type Contact = { name: string; email: string; phone?: string };

const basePath = '/tmf-api/productOrderingManagement/v4/productOrder';
const midnightUtc = (date: string) => `${date}T00:00:00.000Z`;

/**
 * Our order as a TMF622 v4 ProductOrder, for carriers without an API of their own that pull their orders from
 * Tailgate. The id is ours; the carrier's own reference, once it PATCHes one in, is in externalId.
 */
export function toTmf622V4ProductOrder(order: OrderRow): Record<string, unknown> {
  const site = order.site as Site;
  const contact = order.contact as Contact;
  const address = [site.line1, site.line2, site.city, site.postcode, site.countryCode].filter(Boolean).join(', ');
  return {
    id: order.id,
    href: `${basePath}/${order.id}`,
    '@type': 'ProductOrder',
    ...(order.partnerOrderId ? { externalId: order.partnerOrderId } : {}),
    description: `Tail circuit ${order.productCode} ${order.bandwidthMbps} Mbps (desk reference ${order.deskReference})`,
    state: order.state,
    orderDate: order.createdAt,
    requestedCompletionDate: midnightUtc(order.requestedCompletionDate),
    ...(order.committedDate ? { expectedCompletionDate: order.committedDate } : {}),
    ...(order.completedAt ? { completionDate: order.completedAt } : {}),
    productOrderItem: [
      {
        id: '1',
        action: 'add',
        quantity: 1,
        '@type': 'ProductOrderItem',
        productOffering: { id: order.productCode, '@referredType': 'ProductOffering' },
        product: {
          '@type': 'Product',
          productCharacteristic: [{ name: 'bandwidthMbps', valueType: 'integer', value: order.bandwidthMbps }],
          place: [
            {
              role: 'installationAddress',
              id: site.addressId ?? `${site.countryCode}:${site.postcode}`,
              name: address,
              '@referredType': 'GeographicAddress',
            },
          ],
        },
      },
    ],
    relatedParty: [{ id: contact.email, name: contact.name, role: 'Contact', '@referredType': 'Individual' }],
  };
}
