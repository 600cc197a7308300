import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { getOfferForOrder } from '../../db/repositories/offers.js';
import {
  getOrderByRequestKey,
  insertOrderWithEvent,
  type NewOrderEvent,
  type NewOrderRow,
  type OrderRow,
} from '../../db/repositories/orders.js';
import { partnerStatusWithPolicyStarts } from '../../db/repositories/ola-policies.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { OrderCreate } from '../../openapi/orders.js';
import type { FieldError } from '../../openapi/problem.js';
import { normalisePostcode } from '../../partners/directory/address.js';
import { selectPolicyVersion } from '../../sla-rules/select.js';
import type { DeskRequest } from '../request-key.js';
import type { Viewer } from '../viewer.js';
import { carrierFieldsProblem } from './carrier-fields.js';
import { orderEvent } from './events.js';
import { ensureOrderWorkflow, type StartDeps } from './start-workflow.js';

export type PlaceOrderOutcome =
  | {
      ok: true;
      order: OrderRow;
      /** Its events as this run stored them (the first), so an answer needs no read; absent: placed before. */
      timeline?: NewOrderEvent[];
    }
  | { ok: false; reason: 'invalid'; problems: FieldError[] };

type PlaceOrderDeps = StartDeps;

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
  | 'accessType'
>;

async function fromOffer(db: Db, input: OrderCreate, now: Date): Promise<Commercials | FieldError> {
  const offer = await getOfferForOrder(db, input.offerId ?? '');
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
    accessType: offer.accessType,
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
    accessType: null,
  };
}

/** Checks a desk's order against the offer or partner it names and builds the order row; writes nothing. */
async function buildOrder(db: Db, input: OrderCreate, createdBy: string, now: Date): Promise<NewOrderRow | FieldError> {
  const commercials = input.offerId ? await fromOffer(db, input, now) : fromPartner(input);
  if ('path' in commercials) return commercials;
  const partner = await partnerStatusWithPolicyStarts(db, commercials.partnerId);
  const partnerPath = input.offerId ? 'offerId' : 'partnerId';
  if (!partner) return { path: partnerPath, message: 'unknown partner' };
  if (partner.status !== 'active') return { path: partnerPath, message: `partner is ${partner.status}` };
  if (input.requestedCompletionDate < now.toISOString().slice(0, 10)) {
    return { path: 'requestedCompletionDate', message: 'must not be in the past' };
  }
  const carrierFields = input.carrierFields && Object.keys(input.carrierFields).length > 0 ? input.carrierFields : null;
  if (carrierFields) {
    // Read only when the desk sets fields: the partner's own, with the defaults an order without them is sent with.
    const takes = (await getPartner(db, commercials.partnerId))?.adapter.customFields?.orderDefaults ?? {};
    const problem = carrierFieldsProblem(takes, carrierFields);
    if (problem) return problem;
  }
  const at = now.toISOString();
  const postcode = normalisePostcode(input.site.countryCode, input.site.postcode) ?? input.site.postcode;
  return {
    id: newId('ord'),
    ...commercials,
    deskReference: input.deskReference,
    site: { ...input.site, postcode },
    contact: input.contact,
    carrierFields,
    requestedCompletionDate: input.requestedCompletionDate,
    state: 'acknowledged',
    submission: 'submitting',
    // Measured for ever under the OLA policy version in force now, whatever versions come later.
    policyId: selectPolicyVersion(partner.policyStarts, at)?.id ?? null,
    createdBy,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Places a desk's order, once per request (`request`: who asked, and their Idempotency-Key): checks it, writes the
 * order with its first event, and starts its workflow. The order is accepted once it is stored: a workflow that
 * cannot be started now is started by the reconciler, so no crash or outage between the two loses it. The same
 * request again gets the order it placed. The API and the dashboard both place orders through here.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  viewer: Viewer,
  input: OrderCreate,
  request: DeskRequest,
): Promise<PlaceOrderOutcome> {
  const { db, now } = deps;
  // A run that died may have placed it: that order is the answer, whatever the checks would say now.
  const placedBefore = request.takenOver ? await getOrderByRequestKey(db, request.key) : undefined;
  if (placedBefore) {
    await ensureOrderWorkflow(deps, placedBefore);
    return { ok: true, order: placedBefore };
  }
  const built = await buildOrder(db, input, viewer.keyId, now());
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
  const order = await insertOrderWithEvent(db, { ...built, requestKey: request.key }, placed);
  await ensureOrderWorkflow(deps, order);
  return order.id === built.id ? { ok: true, order, timeline: [placed] } : { ok: true, order };
}
