import type { TailOrderForPartner } from './types.js';

/** A complete tail order as the adapters receive it; tests override what they exercise. */
export function sampleTailOrder(overrides: Partial<TailOrderForPartner> = {}): TailOrderForPartner {
  return {
    externalId: 'ord_123',
    deskReference: 'DESK-42',
    productCode: 'ETH-100',
    bandwidthMbps: 100,
    requestedCompletionDate: '2027-01-15',
    site: { countryCode: 'GB', postcode: 'SW1A 2AA', line1: '10 Downing Street', city: 'London', addressId: 'UPRN-100023336956' },
    contact: { name: 'Ann Example', email: 'ann@customer.example', phone: '+44 20 7946 0000' },
    note: 'Access via the rear entrance',
    ...overrides,
  };
}
