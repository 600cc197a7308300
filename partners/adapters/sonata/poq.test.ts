import { describe, expect, it } from 'vitest';
import { filledConfiguration, intervalDays, readSonataAnswer } from './poq.js';

describe('MEF LSO Sonata qualification, read and written', () => {
  it('fills every bandwidth placeholder of a configuration template, leaving the rest', () => {
    const template = {
      '@type': 'urn:x',
      cir: { irValue: '{{bandwidthMbps}}', irUnits: 'MBPS' },
      list: ['{{bandwidthMbps}}', 'a'],
    };
    expect(filledConfiguration(template, 250)).toEqual({
      '@type': 'urn:x',
      cir: { irValue: 250, irUnits: 'MBPS' },
      list: [250, 'a'],
    });
  });

  it('reads installation intervals in days', () => {
    expect(intervalDays({ amount: 10, units: 'calendarDays' })).toBe(10);
    expect(intervalDays({ amount: 10, units: 'businessDays' })).toBe(14);
    expect(intervalDays({ amount: 2, units: 'calendarMonths' })).toBe(60);
    expect(intervalDays({ amount: 30, units: 'businessHours' })).toBe(2);
    expect(intervalDays({ amount: 1, units: 'fortnights' })).toBeUndefined();
  });

  it('answers each asked product: serviceable with its confidence, or not with why', () => {
    const asked = [
      { productCode: 'A', bandwidthMbps: 100 },
      { productCode: 'B', bandwidthMbps: 100 },
      { productCode: 'C', bandwidthMbps: 100 },
      { productCode: 'D', bandwidthMbps: 100 },
    ];
    const read = readSonataAnswer(
      {
        id: 'POQ-1',
        state: 'done.ready',
        productOfferingQualificationItem: [
          {
            id: '1',
            state: 'done.ready',
            serviceabilityConfidence: 'yellow',
            installationInterval: { amount: 5, units: 'businessDays' },
            guaranteedUntilDate: '2027-01-02T00:00:00Z',
          },
          { id: '2', state: 'terminatedWithError', terminationError: [{ value: 'bad configuration' }] },
          { id: '3', state: 'done.ready', serviceabilityConfidence: 'red' },
        ],
      },
      asked,
      'POST x',
    );
    expect(read).toEqual({
      carrierQualificationId: 'POQ-1',
      expiresAt: '2027-01-02T00:00:00Z',
      verdicts: [
        { productCode: 'A', bandwidthMbps: 100, serviceable: true, confidence: 'yellow', leadTimeDays: 7 },
        { productCode: 'B', bandwidthMbps: 100, serviceable: false, reason: 'terminatedWithError: bad configuration' },
        { productCode: 'C', bandwidthMbps: 100, serviceable: false, reason: 'red: the seller cannot deliver it' },
        { productCode: 'D', bandwidthMbps: 100, serviceable: false, reason: 'not answered' },
      ],
    });
  });
});
