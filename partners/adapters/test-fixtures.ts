import { AdapterSettingsSchema } from '../../openapi/adapter-settings.js';
import type { TicketForPartner } from './tmf621/types.js';
import type { TailOrderForPartner } from './tmf622/types.js';

/** A complete tail order as the adapters receive it; tests override what they exercise. */
export function sampleTailOrder(overrides: Partial<TailOrderForPartner> = {}): TailOrderForPartner {
  return {
    externalId: 'ord_123',
    deskReference: 'DESK-42',
    productCode: 'ETH-100',
    bandwidthMbps: 100,
    requestedCompletionDate: '2027-01-15',
    site: {
      countryCode: 'GB',
      postcode: 'SW1A 2AA',
      line1: '10 Downing Street',
      city: 'London',
      addressId: 'UPRN-100023336956',
    },
    contact: { name: 'Ann Example', email: 'ann@customer.example', phone: '+44 20 7946 0000' },
    note: 'Access via the rear entrance',
    ...overrides,
  };
}

/** A complete fault ticket as the ticketing adapters receive it; tests override what they exercise. */
export function sampleTicket(overrides: Partial<TicketForPartner> = {}): TicketForPartner {
  return {
    externalId: 'tkt_123',
    partnerOrderId: 'PO-7',
    orderId: 'ord_123',
    severity: 'major',
    priority: 2,
    impact: 'Site down: no traffic on the 100 Mbps tail',
    description: 'Loss of light on the customer-facing port since 09:12 UTC',
    contact: { name: 'Ann Example', email: 'ann@customer.example', phone: '+44 20 7946 0000' },
    ...overrides,
  };
}

/** A Sonata carrier's adapter settings, as parsed from configuration. */
export const sonataAdapterSettings = AdapterSettingsSchema.parse({
  orderingApi: 'sonata-v10',
  baseUrl: 'https://seller.example/mefApi/sonata',
  notifications: 'poll',
  buyerContact: { name: 'Tailgate Desk', emailAddress: 'desk@tailgate.example', number: '+44 20 7946 0000' },
  productCodeMap: { 'ETH-100': '000073' },
  productSpecifications: {
    'ETH-100': {
      id: 'AccessEline',
      productConfiguration: {
        '@type': 'urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all',
        cir: { irValue: '{{bandwidthMbps}}' },
      },
    },
  },
});
