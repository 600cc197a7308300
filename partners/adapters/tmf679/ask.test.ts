import { describe, expect, it } from 'vitest';
import { carrierQualificationRequest, readCarrierAnswer } from './ask.js';

const now = new Date('2026-12-01T10:00:00Z');
const site = { countryCode: 'GB' as const, postcode: 'SW1A 1AA', line1: '10 Downing Street', city: 'London' };

const product = (
  offering: string,
  prices: unknown[],
  characteristics: unknown[] = [{ name: 'CIR', value: '1 Gbps' }],
) => ({
  productOffering: { id: offering },
  productCharacteristic: characteristics,
  productPrice: prices,
});
const money = (priceType: string, unit: string, value: number) => ({
  priceType,
  price: { dutyFreeAmount: { unit, value } },
});
const answer = (items: unknown[]) =>
  ({ id: 'POQ-1', expirationDate: '2026-12-02T10:00:00Z', productOfferingQualificationItem: items }) as Parameters<
    typeof readCarrierAnswer
  >[0];
const mapping = { productCodeMap: { 'ETH-1000': 'OFF-1G', 'ETH-100': 'OFF-100' }, bandwidthCharacteristic: 'CIR' };

describe('asking a carrier over TMF679', () => {
  it("words the needs in the carrier's terms", () => {
    const request = carrierQualificationRequest(site, { productCode: 'ETH-100', minBandwidthMbps: 100 }, mapping);
    expect(request.productOfferingQualificationItem).toEqual([
      {
        id: '1',
        action: 'add',
        productOffering: { id: 'OFF-100', '@referredType': 'ProductOffering' },
        product: { productCharacteristic: [{ name: 'CIR', value: 100, valueType: 'integer' }], '@type': 'Product' },
        '@type': 'ProductOfferingQualificationItem',
      },
    ]);
    expect(request.place).toEqual([
      expect.objectContaining({ postcode: 'SW1A 1AA', country: 'GB', role: 'installationAddress' }),
    ]);
  });

  it('reads the qualified product and alternates in our terms, and says why an offer cannot be read', () => {
    const read = readCarrierAnswer(
      answer([
        {
          id: 'A',
          qualificationItemResult: 'qualified',
          expectedActivationDate: '2026-12-15T09:00:00Z',
          product: product('OFF-1G', [money('oneTime', 'GBP', 1200.5), money('recurring', 'GBP', 300)]),
          alternateProductOfferingProposal: [
            {
              id: 'A-2',
              alternateActivationDate: '2026-12-11T10:00:00Z',
              alternateProductOffering: { id: 'OFF-100' },
              alternateProduct: product('OFF-100', [money('recurring', 'JPY', 5000)], [{ name: 'CIR', value: 100 }]),
            },
            { id: 'A-3', alternateProduct: product('OFF-OTHER', [money('recurring', 'GBP', 1)]) },
            { id: 'A-4', alternateProduct: product('OFF-100', [money('oneTime', 'GBP', 1)]) },
            {
              id: 'A-5',
              alternateActivationDate: '2026-12-11T10:00:00Z',
              alternateProduct: product('OFF-100', [money('oneTime', 'EUR', 1), money('recurring', 'GBP', 1)]),
            },
          ],
        },
        { id: 'B', qualificationItemResult: 'unqualified', product: product('OFF-1G', []) },
      ]),
      mapping,
      now,
    );
    expect(read.carrierQualificationId).toBe('POQ-1');
    expect(read.expiresAt).toBe('2026-12-02T10:00:00Z');
    expect(read.quotes).toEqual([
      {
        carrierItemId: 'A',
        productCode: 'ETH-1000',
        bandwidthMbps: 1000,
        accessType: 'onNet',
        installChargeMinor: 120_050,
        monthlyChargeMinor: 30_000,
        currency: 'GBP',
        leadTimeDays: 14,
      },
      {
        carrierItemId: 'A',
        productCode: 'ETH-100',
        bandwidthMbps: 100,
        accessType: 'onNet',
        installChargeMinor: 0,
        monthlyChargeMinor: 5_000,
        currency: 'JPY',
        leadTimeDays: 10,
      },
    ]);
    expect(read.unread).toEqual([
      'item A (OFF-OTHER): its product offering is not in productCodeMap',
      'item A (OFF-100): no readable price',
      'item A (OFF-100): prices in two currencies',
    ]);
  });
});
