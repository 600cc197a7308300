import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { insertOrderWithEvent } from '../../db/repositories/orders.js';
import type { AnswerToStore, NewQualification, OfferSnapshot } from '../../db/repositories/qualifications.js';
import { newTimeOrderedId } from '../../db/ids.js';

let seq = 0;

export function partnerInput(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    name: `Carrier ${seq}`,
    country: 'GB',
    defaultCurrency: 'GBP',
    adapter: { orderingApi: 'tmf622-v4', baseUrl: 'http://127.0.0.1:9/tmf-api' },
    escalation: [{ level: 1, name: 'Service desk', channel: 'email', address: 'noc@carrier.example' }],
    calendar: { timeZone: 'Europe/London', holidayRegion: 'GB-ENG' },
    ...overrides,
  };
}

/**
 * An in-progress order stored directly (with its placed event), bypassing the API and the workflow: for tests that
 * need orders to exist, not to run. `offerId` names the offer it was placed from, if any.
 */
export async function storeOrder(
  db: Db,
  o: {
    partnerId: string;
    createdAt: string;
    deskReference?: string;
    offerId?: string | null;
    productCode?: string;
    accessType?: 'onNet' | 'nearNet';
    /** A delivered order: completed at this instant. */
    completedAt?: string;
    /** The circuit the carrier named for it. */
    carrierCircuitRef?: string;
  },
): Promise<string> {
  const id = newId('ord');
  await insertOrderWithEvent(
    db,
    {
      id,
      partnerId: o.partnerId,
      offerId: o.offerId ?? null,
      deskReference: o.deskReference ?? 'DESK-1',
      productCode: o.productCode ?? 'ETH-100',
      bandwidthMbps: 100,
      site: { countryCode: 'GB', postcode: 'SW1A 1AA', line1: '1 Road', city: 'London' },
      contact: { name: 'A', email: 'a@example.com' },
      requestedCompletionDate: '2099-01-01',
      accessType: o.accessType ?? null,
      state: o.completedAt ? 'completed' : 'inProgress',
      completedAt: o.completedAt ?? null,
      carrierCircuitRef: o.carrierCircuitRef ?? null,
      submission: 'submitted',
      createdBy: 'test',
      createdAt: o.createdAt,
      updatedAt: o.completedAt ?? o.createdAt,
    },
    {
      id: newId('evt'),
      orderId: id,
      partnerId: o.partnerId,
      source: 'desk',
      externalEventId: null,
      type: 'orderPlaced',
      fromState: null,
      toState: 'acknowledged',
      outcome: 'applied',
      detail: null,
      payload: null,
      occurredAt: o.createdAt,
      receivedAt: o.createdAt,
    },
  );
  return id;
}

/** A ranked offer as a stored answer holds it, its monthly charge 100.00 times its rank. */
export const offerSnapshot = (rank: number): OfferSnapshot => ({
  rank,
  partnerId: 'ptn_test',
  partnerName: 'Test Carrier',
  coverageVersionId: 'cov_test',
  productCode: 'ETH-100',
  bandwidthMbps: 100,
  accessType: 'onNet',
  installChargeMinor: 0,
  monthlyChargeMinor: 10_000 * rank,
  currency: 'GBP',
  leadTimeDays: 30,
  matchLevel: 'postcode',
  matchedLocationKey: 'GB:SW1A 1AA',
  confidence: 'green',
});

/** A ranked answer not stored yet, with an offer of each rank in `ranks`. */
export const newAnswer = (ranks = [1, 2]): AnswerToStore => ({
  offersJson: JSON.stringify(ranks.map(offerSnapshot)),
  storedId: undefined,
});

/** A qualification at SW1A 1AA given `answer`, on its way to the store. */
export const newQualification = (
  answer: AnswerToStore,
  id = newTimeOrderedId('qlf', new Date()),
): NewQualification => ({
  id,
  requestedBy: 'key_test',
  liveChecksJson: null,
  requestJson: JSON.stringify({
    address: { countryCode: 'GB', postcode: 'SW1A 1AA' },
    productNeeds: { minBandwidthMbps: 1 },
  }),
  addressJson: JSON.stringify({ countryCode: 'GB', postcode: 'SW1A 1AA' }),
  createdAt: new Date().toISOString(),
  expiresAt: new Date().toISOString(),
  answer,
});
