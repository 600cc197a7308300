import type { Db } from '../../db/client.js';
import { getPartner } from '../../db/repositories/partners.js';
import type { Partner } from '../../openapi/partners.js';
import { PartnerRejectedError, PartnerUnavailableError } from '../../partners/adapters/index.js';
import type { CarrierCharge, OrderingAdapter } from '../../partners/adapters/tmf622/types.js';
import type { Viewer } from '../viewer.js';
import { visibleOrder } from './desk-actions.js';

type Deps = { db: Db; ordering: (partner: Partner) => OrderingAdapter };

export type ChargesOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'noCharges'; message: string }
  | { ok: false; reason: 'refused'; message: string }
  | { ok: false; reason: 'unavailable'; message: string };

/** Runs `work` on the carrier's charges of the order, when the order is the viewer's and its carrier raises charges. */
async function withCharges<T>(
  deps: Deps,
  viewer: Viewer,
  orderId: string,
  work: (charges: NonNullable<OrderingAdapter['charges']>, partnerOrderId: string | null) => Promise<T>,
): Promise<ChargesOutcome<T>> {
  const order = await visibleOrder(deps.db, viewer, orderId);
  if (!order) return { ok: false, reason: 'notFound' };
  const partner = await getPartner(deps.db, order.partnerId);
  const charges = partner && partner.adapter.orderingApi === 'sonata-v10' ? deps.ordering(partner).charges : undefined;
  if (!charges)
    return { ok: false, reason: 'noCharges', message: "This carrier's API raises no charges (MEF LSO Sonata ones do)" };
  try {
    return { ok: true, value: await work(charges, order.partnerOrderId) };
  } catch (err) {
    if (err instanceof PartnerRejectedError) return { ok: false, reason: 'refused', message: err.message };
    if (err instanceof PartnerUnavailableError) return { ok: false, reason: 'unavailable', message: err.message };
    throw err;
  }
}

/** The charges the carrier raised on the order, read from its API now (none before the carrier has the order). */
export const orderCharges = (deps: Deps, viewer: Viewer, orderId: string) =>
  withCharges(deps, viewer, orderId, async (charges, partnerOrderId) =>
    partnerOrderId ? await charges.list(partnerOrderId) : [],
  );

/**
 * The desk's answer to one of the order's charges, sent to the carrier: every item accepted (the carrier resumes the
 * order) or rejected. A charge that is not the order's answers notFound.
 */
export const answerCharge = (
  deps: Deps,
  viewer: Viewer,
  input: { orderId: string; chargeId: string; accept: boolean },
) =>
  withCharges(deps, viewer, input.orderId, async (charges, partnerOrderId): Promise<CarrierCharge | undefined> => {
    const mine = partnerOrderId ? await charges.list(partnerOrderId) : [];
    const charge = mine.find((c) => c.id === input.chargeId);
    return charge && (await charges.respond(charge, input.accept));
  });
