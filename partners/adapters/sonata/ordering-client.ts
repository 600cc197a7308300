import { z } from 'zod';
import type { NormalisedAddress } from '../../../openapi/address.js';
import type { Partner } from '../../../openapi/partners.js';
import type { OrderState } from '../../../sla-rules/order-states.js';
import { carrierNoteSchema, latestCarrierNote, ourNoteAuthor } from '../carrier-notes.js';
import { PartnerRejectedError, PartnerUnavailableError } from '../errors.js';
import { carrierRequest, carrierUrl, readCarrierBody, type CarrierHttpSettings } from '../http.js';
import { byCreation, carrierInstant } from '../tmf-common.js';
import type { OrderingAdapter, PartnerOrderSnapshot, TailOrderForPartner } from '../tmf622/types.js';
import { sonataCharges } from './charges.js';
import {
  amendmentNotePrefix,
  refuseProductChange,
  sonataDeliveryDateModifications,
  sonataOrderUpdate,
} from './amend.js';
import { resolveSellerSite } from './address-validation.js';
import { sonataNotePatch } from './notes.js';
import { sonataParties } from './parties.js';
import { sonataCancelProductOrder, sonataItemIds, sonataProductOrder, type DeliveredProducts } from './order-write.js';

/** Where a carrier's MEF LSO Sonata Product Ordering (v10) lives, under its Sonata root (the partner's baseUrl). */
export const SONATA_ORDERING_PATH = 'productOrderingManagement/v10';
/** Our listener for a Sonata carrier's order notifications (the hub callback; events go to `<it>/listener/<type>`). */
export const SONATA_ORDER_LISTENER_ROOT = '/mefApi/sonata/productOrderingNotification/v10';
/** The notifications a Sonata hub is asked for: the order's and its item's states and committed dates. */
export const sonataOrderEvents = [
  'productOrderStateChangeEvent',
  'productOrderItemStateChangeEvent',
  'productOrderItemExpectedCompletionDateSet',
] as const;

/**
 * MEF's ProductOrder states in our terms. They are not TMF's: in Sonata `held.assessingCharge` (a charge the buyer
 * must accept) and `pending.assessingModification` (a change being assessed) are both waits on the buyer, so both are
 * our `pending`, which OLA policies pause carrier clocks on. The partner's adapter.stateMap.order is read first.
 */
export const sonataOrderStates: Readonly<Record<string, OrderState>> = {
  acknowledged: 'acknowledged',
  inProgress: 'inProgress',
  'held.assessingCharge': 'pending',
  'pending.assessingModification': 'pending',
  assessingCancellation: 'assessingCancellation',
  pendingCancellation: 'pendingCancellation',
  cancelled: 'cancelled',
  completed: 'completed',
  failed: 'failed',
  partial: 'partial',
  rejected: 'rejected',
};

/** What Tailgate reads of a carrier's Sonata ProductOrder. */
export const sonataOrderSchema = z.looseObject({
  id: z.string().min(1),
  externalId: z.string().optional(),
  orderDate: z.string().optional(),
  state: z.string(),
  completionDate: carrierInstant,
  cancellationReason: z.string().optional(),
  note: z.array(carrierNoteSchema).optional().catch(undefined),
  productOrderItem: z
    .array(
      z.looseObject({
        expectedCompletionDate: carrierInstant,
        product: z.looseObject({ id: z.string().optional() }).optional(),
        terminationError: z.array(z.looseObject({ value: z.string().optional() })).optional(),
      }),
    )
    .default([]),
});
type SonataOrder = z.infer<typeof sonataOrderSchema>;

/** A Sonata ProductOrder in our terms; a state neither MEF nor the partner's stateMap names fails the call. */
export function sonataSnapshotOf(po: SonataOrder, stateMap?: Record<string, OrderState>): PartnerOrderSnapshot {
  const state =
    (stateMap && Object.hasOwn(stateMap, po.state) ? stateMap[po.state] : undefined) ?? sonataOrderStates[po.state];
  if (!state) {
    throw new PartnerUnavailableError(
      `carrier reported "${po.state}", not a MEF LSO Sonata ProductOrder state and not in the partner's ` +
        'adapter.stateMap.order: add it there',
    );
  }
  const items = po.productOrderItem;
  // The tail is delivered when its last item is: the latest of the items' committed dates is the order's.
  const committed = items.map((i) => i.expectedCompletionDate).filter((d): d is string => !!d);
  return {
    partnerOrderId: po.id,
    externalId: po.externalId,
    state,
    committedDate: committed.sort().at(-1),
    completionDate: po.completionDate,
    // Why: the seller's error, its cancellation reason, else its latest note (a new date's reason, a question).
    message:
      items.find((i) => i.terminationError?.[0]?.value)?.terminationError?.[0]?.value ??
      po.cancellationReason ??
      latestCarrierNote(po.note),
    // The first item's product (an OVC ordered with its UNI: the OVC) is the circuit.
    circuitReference: items.find((i) => i.product?.id)?.product?.id,
  };
}

const hubSchema = z.looseObject({ id: z.string().min(1) });
const modificationSchema = z.looseObject({
  id: z.string().min(1),
  state: z.string(),
  requestedCompletionDate: carrierInstant,
  productOrderItem: z.looseObject({ productOrderItemId: z.string().optional() }).optional(),
});

/**
 * A carrier's MEF LSO Sonata Product Ordering API (v10) as an ordering adapter: orders are created (once: an order
 * the carrier already holds under our externalId is found, not sent again), read, found by externalId, noted,
 * amended (amend.ts: a new requested date through the seller's delivery date modification task, asked once per item;
 * a new site contact by PATCH; a new bandwidth refused) and cancelled; a hub subscribes our listener to its order
 * notifications.
 */
export function createSonataOrderingClient(
  settings: CarrierHttpSettings & { baseUrl: string; partner: Pick<Partner, 'adapter'>; now?: () => Date },
): OrderingAdapter {
  const { adapter } = settings.partner;
  const now = settings.now ?? (() => new Date());
  const stateMap = adapter.stateMap?.order;
  const parties = sonataParties(adapter);
  const url = (path: string, query?: Record<string, string>) =>
    carrierUrl(settings.baseUrl, `${SONATA_ORDERING_PATH}/${path}`, { ...query, ...parties });
  const read = (body: unknown, what: string) =>
    sonataSnapshotOf(readCarrierBody(sonataOrderSchema, body, what), stateMap);

  async function get(partnerOrderId: string): Promise<PartnerOrderSnapshot> {
    const target = url(`productOrder/${encodeURIComponent(partnerOrderId)}`);
    return read(await carrierRequest(settings, 'GET', target), `GET ${target}`);
  }

  async function findByExternalId(externalId: string): Promise<PartnerOrderSnapshot | undefined> {
    const target = url('productOrder', { externalId });
    const list = readCarrierBody(
      z.array(z.looseObject({ id: z.string(), externalId: z.string().optional(), orderDate: z.string().optional() })),
      await carrierRequest(settings, 'GET', target),
      `GET ${target}`,
    );
    // A carrier may ignore the filter: the match is checked here, and the earliest kept (byCreation).
    const first = list.filter((po) => po.externalId === externalId).sort(byCreation)[0];
    return first && { ...(await get(first.id)), externalId };
  }

  /**
   * The delivered products a change or cease of a tail of several items acts on: each item's product, as the order
   * that delivered it (found by our externalId) names them. One item's product is the circuit itself.
   */
  async function deliveredProducts(order: TailOrderForPartner): Promise<DeliveredProducts> {
    if (!order.changes || sonataItemIds(order, adapter).length < 2) return {};
    const delivered = await findByExternalId(order.changes.deliveredBy);
    if (!delivered) return {};
    const target = url(`productOrder/${encodeURIComponent(delivered.partnerOrderId)}`);
    const items = readCarrierBody(
      z.looseObject({
        productOrderItem: z.array(
          z.looseObject({ id: z.string(), product: z.looseObject({ id: z.string() }).optional() }),
        ),
      }),
      await carrierRequest(settings, 'GET', target),
      `GET ${target}`,
    ).productOrderItem;
    return Object.fromEntries(items.flatMap((i) => (i.product ? [[i.id, i.product.id]] : [])));
  }

  /** MEF's PATCH takes a ProductOrder_Update as plain JSON, not TMF630's merge patch. */
  async function patch(partnerOrderId: string, body: unknown): Promise<void> {
    await carrierRequest(
      settings,
      'PATCH',
      url(`productOrder/${encodeURIComponent(partnerOrderId)}`),
      body,
      'application/json',
    );
  }

  /**
   * Asks the seller to move an item's requested date, once: a modification of the item to the same date it already
   * holds (a retried request) is taken, not asked again. A rejected one is the carrier's refusal.
   */
  async function modifyDeliveryDate(body: ReturnType<typeof sonataDeliveryDateModifications>[number]) {
    const { productOrderId, productOrderItemId } = body.productOrderItem;
    const target = url('modifyProductOrderItemRequestedDeliveryDate');
    const listTarget = url('modifyProductOrderItemRequestedDeliveryDate', { productOrderId });
    const listed = readCarrierBody(
      z.array(modificationSchema),
      await carrierRequest(settings, 'GET', listTarget),
      `GET ${listTarget}`,
    );
    const wanted = new Date(body.requestedCompletionDate).toISOString();
    const asked =
      listed.find(
        (m) =>
          m.productOrderItem?.productOrderItemId === productOrderItemId &&
          m.requestedCompletionDate === wanted &&
          m.state !== 'rejected',
      ) ?? readCarrierBody(modificationSchema, await carrierRequest(settings, 'POST', target, body), `POST ${target}`);
    if (asked.state === 'rejected' || asked.state === 'done.declined')
      throw new PartnerRejectedError(
        422,
        `the carrier ${asked.state === 'rejected' ? 'rejected' : 'declined'} the new requested date for item ${productOrderItemId} (${asked.id})`,
      );
    return asked.id;
  }

  return {
    findByExternalId,
    get,
    async submit(order, sending) {
      const site =
        adapter.addressValidationApi === 'sonata-gav-v7' && !order.changes
          ? await resolveSellerSite(settings, settings.baseUrl, adapter, order.site as NormalisedAddress)
          : undefined;
      const body = sonataProductOrder(order, adapter, { delivered: await deliveredProducts(order), site });
      const existing = await findByExternalId(order.externalId);
      if (existing) return existing;
      await sending?.();
      const target = url('productOrder');
      return read(await carrierRequest(settings, 'POST', target, body), `POST ${target}`);
    },
    async cancel(partnerOrderId, reason) {
      await carrierRequest(
        settings,
        'POST',
        url('cancelProductOrder'),
        sonataCancelProductOrder(partnerOrderId, reason, adapter),
      );
    },
    charges: sonataCharges(settings, url),
    async amend(partnerOrderId, amendment) {
      refuseProductChange(amendment);
      // A retried amendment finds its note on the order already, and does not add it twice.
      const target = url(`productOrder/${encodeURIComponent(partnerOrderId)}`);
      const notes = readCarrierBody(
        sonataOrderSchema,
        await carrierRequest(settings, 'GET', target),
        `GET ${target}`,
      ).note;
      const prefix = amendmentNotePrefix(amendment);
      const noted = (notes ?? []).some((n) => n.author === ourNoteAuthor && n.text?.startsWith(prefix));
      const update = sonataOrderUpdate(amendment, adapter, now(), noted);
      if (update) await patch(partnerOrderId, update);
      if (!amendment.changed.requestedCompletionDate) return {};
      const ids = [];
      for (const body of sonataDeliveryDateModifications(amendment.order, partnerOrderId, adapter))
        ids.push(await modifyDeliveryDate(body));
      return { carrierReference: ids.join(',') };
    },
    addNote: (partnerOrderId, text) => patch(partnerOrderId, sonataNotePatch(text, now())),
    async registerHub(callbackUrl) {
      const target = url('hub');
      const body = { callback: callbackUrl, query: `eventType=${sonataOrderEvents.join(',')}` };
      const hub = readCarrierBody(hubSchema, await carrierRequest(settings, 'POST', target, body), `POST ${target}`);
      return { hubId: hub.id };
    },
    async unregisterHub(hubId) {
      await carrierRequest(settings, 'DELETE', url(`hub/${encodeURIComponent(hubId)}`));
    },
  };
}
