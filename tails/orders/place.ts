import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { getOfferForOrder } from '../../db/repositories/offers.js';
import { deleteOrder, insertOrderWithEvent, type NewOrderRow, type OrderRow } from '../../db/repositories/orders.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { OrderCreate } from '../../openapi/orders.js';
import type { FieldError } from '../../openapi/problem.js';
import { normalisePostcode } from '../../partners/directory/address.js';
import { policyInForce } from '../../partners/policies/in-force.js';
import type { Viewer } from '../viewer.js';
import type { TailWorkflows } from '../workflows.js';
import { orderEvent } from './events.js';

export type PlaceOrderOutcome =
  | { ok: true; order: OrderRow }
  | { ok: false; reason: 'invalid'; problems: FieldError[] }
  | { ok: false; reason: 'unavailable' };

type PlaceOrderDeps = { db: Db; log: Logger; now: () => Date; workflows: Pick<TailWorkflows, 'start'> };

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

function fromOffer(db: Db, input: OrderCreate, now: Date): Commercials | FieldError {
  const offer = getOfferForOrder(db, input.offerId ?? '');
  if (!offer) return { path: 'offerId', message: 'unknown offer' };
  if (offer.expiresAt < now.toISOString()) {
    return { path: 'offerId', message: `the offer expired at ${offer.expiresAt}; qualify again` };
  }
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

function fromPartner(input: OrderCreate): Commercials | FieldError {
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

/** Checks a desk's order against the offer or partner it names and builds the order row; writes nothing. */
function buildOrder(db: Db, input: OrderCreate, createdBy: string, now: Date): NewOrderRow | FieldError {
  const commercials = input.offerId ? fromOffer(db, input, now) : fromPartner(input);
  if ('path' in commercials) return commercials;
  const partner = getPartner(db, commercials.partnerId);
  const partnerPath = input.offerId ? 'offerId' : 'partnerId';
  if (!partner) return { path: partnerPath, message: 'unknown partner' };
  if (partner.status !== 'active') return { path: partnerPath, message: `partner is ${partner.status}` };
  if (input.requestedCompletionDate < now.toISOString().slice(0, 10)) {
    return { path: 'requestedCompletionDate', message: 'must not be in the past' };
  }
  const at = now.toISOString();
  const postcode = normalisePostcode(input.site.countryCode, input.site.postcode) ?? input.site.postcode;
  return {
    id: newId('ord'),
    ...commercials,
    deskReference: input.deskReference,
    site: { ...input.site, postcode },
    contact: input.contact,
    requestedCompletionDate: input.requestedCompletionDate,
    state: 'acknowledged',
    submission: 'submitting',
    // Measured for ever under the OLA policy version in force now, whatever versions come later.
    policyId: policyInForce(db, partner.id, at)?.id ?? null,
    createdBy,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Places a desk's order: checks it, writes the order with its first event, and starts its workflow. When the
 * workflow cannot be started the order is withdrawn again, so nothing is half-ordered. The API and the dashboard
 * both place orders through here.
 */
export async function placeOrder(deps: PlaceOrderDeps, viewer: Viewer, input: OrderCreate): Promise<PlaceOrderOutcome> {
  const { db, now, workflows, log } = deps;
  const built = buildOrder(db, input, viewer.keyId, now());
  if ('path' in built) return { ok: false, reason: 'invalid', problems: [built] };
  const placed = orderEvent(built, {
    source: 'desk',
    type: 'orderPlaced',
    fromState: null,
    toState: 'acknowledged',
    outcome: 'applied',
    detail: input.note ?? null,
    occurredAt: built.createdAt,
    receivedAt: built.createdAt,
  });
  const order = insertOrderWithEvent(db, built, placed);
  try {
    await workflows.start(order.id);
  } catch (err) {
    deleteOrder(db, order.id);
    log.error({ err, orderId: order.id }, 'could not start the order workflow; order withdrawn');
    return { ok: false, reason: 'unavailable' };
  }
  return { ok: true, order };
}
