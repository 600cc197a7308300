import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { getOfferForOrder } from '../../db/repositories/offers.js';
import { policyInForce } from '../../db/repositories/ola-policies.js';
import type { NewOrderEvent, NewOrderRow } from '../../db/repositories/orders.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { OrderCreate } from '../../openapi/orders.js';
import { normalisePostcode } from '../directory/address.js';

export type OrderProblem = { path: string; message: string };
export type BuiltOrder =
  { ok: true; order: NewOrderRow; event: NewOrderEvent } | { ok: false; problems: OrderProblem[] };

type Commercials = Pick<
  NewOrderRow,
  | 'partnerId'
  | 'offerId'
  | 'productCode'
  | 'bandwidthMbps'
  | 'installChargeMinor'
  | 'monthlyChargeMinor'
  | 'currency'
  | 'leadTimeDays'
>;

function fromOffer(db: Db, input: OrderCreate, now: Date): Commercials | OrderProblem {
  const offer = getOfferForOrder(db, input.offerId ?? '');
  if (!offer) return { path: 'offerId', message: 'unknown offer' };
  if (offer.expiresAt < now.toISOString())
    return { path: 'offerId', message: `the offer expired at ${offer.expiresAt}; qualify again` };
  const qualified = offer.qualifiedAddress as { countryCode: 'GB' | 'US'; postcode: string };
  const site = normalisePostcode(input.site.countryCode, input.site.postcode);
  if (input.site.countryCode !== qualified.countryCode || site !== qualified.postcode) {
    return {
      path: 'site.postcode',
      message: `the offer was qualified for ${qualified.postcode} (${qualified.countryCode})`,
    };
  }
  return {
    partnerId: offer.partnerId,
    offerId: offer.id,
    productCode: offer.productCode,
    bandwidthMbps: offer.bandwidthMbps,
    installChargeMinor: offer.installChargeMinor,
    monthlyChargeMinor: offer.monthlyChargeMinor,
    currency: offer.currency,
    leadTimeDays: offer.leadTimeDays,
  };
}

function fromPartner(input: OrderCreate): Commercials | OrderProblem {
  if (!input.bandwidthMbps) return { path: 'bandwidthMbps', message: 'required when ordering without an offer' };
  return {
    partnerId: input.partnerId ?? '',
    offerId: null,
    productCode: input.productCode ?? '',
    bandwidthMbps: input.bandwidthMbps,
    installChargeMinor: null,
    monthlyChargeMinor: null,
    currency: null,
    leadTimeDays: null,
  };
}

/** Checks a desk's order against the offer or partner it names and builds the rows to store; writes nothing. */
export function buildOrder(db: Db, input: OrderCreate, createdBy: string, now: Date): BuiltOrder {
  const commercials = input.offerId ? fromOffer(db, input, now) : fromPartner(input);
  if ('path' in commercials) return { ok: false, problems: [commercials] };
  const partner = getPartner(db, commercials.partnerId);
  const partnerPath = input.offerId ? 'offerId' : 'partnerId';
  if (!partner) return { ok: false, problems: [{ path: partnerPath, message: 'unknown partner' }] };
  if (partner.status !== 'active')
    return { ok: false, problems: [{ path: partnerPath, message: `partner is ${partner.status}` }] };
  if (input.requestedCompletionDate < now.toISOString().slice(0, 10)) {
    return { ok: false, problems: [{ path: 'requestedCompletionDate', message: 'must not be in the past' }] };
  }
  const id = newId('ord');
  const at = now.toISOString();
  const site = {
    ...input.site,
    postcode: normalisePostcode(input.site.countryCode, input.site.postcode) ?? input.site.postcode,
  };
  return {
    ok: true,
    order: {
      id,
      ...commercials,
      deskReference: input.deskReference,
      site,
      contact: input.contact,
      requestedCompletionDate: input.requestedCompletionDate,
      state: 'acknowledged',
      submission: 'submitting',
      // Measured for ever under the OLA policy version in force now, whatever versions come later.
      policyId: policyInForce(db, partner.id, at)?.id ?? null,
      createdBy,
      createdAt: at,
      updatedAt: at,
    },
    event: {
      id: newId('evt'),
      orderId: id,
      partnerId: partner.id,
      source: 'desk',
      externalEventId: null,
      type: 'orderPlaced',
      fromState: null,
      toState: 'acknowledged',
      outcome: 'applied',
      detail: input.note ?? null,
      payload: null,
      occurredAt: at,
      receivedAt: at,
    },
  };
}
