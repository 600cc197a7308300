import { z } from 'zod';
import type { OrderState } from '../../../sla-rules/order-states.js';
import { mapOrderState, unmappedState } from '../state-maps.js';
import { carrierNoteSchema, latestCarrierNote } from '../carrier-notes.js';
import { PartnerUnavailableError } from '../errors.js';
import { readCarrierBody } from '../http.js';
import { carrierInstant, externalIdentifierSchema, ourIdAmong } from '../tmf-common.js';
import type { CarrierOrderUpdate, PartnerOrderSnapshot } from './types.js';

/**
 * A carrier's ProductOrder read in our terms, whichever way it reached us: an answer of its TMF622 v4 or v5 API, a
 * notification at our listener, or a PATCH on our TMF622 server. Only what we read is checked; a field we read but
 * cannot make sense of counts as absent, so one odd attribute never loses the state change beside it.
 */

const errorMessageSchema = z.object({ reason: z.string().optional(), message: z.string().optional() });
const optionalText = z.string().optional().catch(undefined);

export const carrierProductOrderSchema = z.object({
  id: z.string().min(1),
  state: z.string().optional(),
  /** v4: a string; v5: ExternalIdentifier[]. Carries our order id. */
  externalId: z
    .union([z.string(), z.array(externalIdentifierSchema)])
    .optional()
    .catch(undefined),
  orderDate: optionalText,
  creationDate: optionalText,
  expectedCompletionDate: carrierInstant,
  completionDate: carrierInstant,
  // Not in v4.0.0, but some carriers send them.
  stateReason: optionalText,
  errorMessage: z
    .union([errorMessageSchema, z.array(errorMessageSchema)])
    .optional()
    .catch(undefined),
  productOrderErrorMessage: z.array(errorMessageSchema).optional().catch(undefined),
  note: z.array(carrierNoteSchema).optional().catch(undefined),
  productOrderItem: z
    .array(
      z.object({
        product: z
          .object({ id: z.string().min(1).optional().catch(undefined) })
          .optional()
          .catch(undefined),
      }),
    )
    .optional()
    .catch(undefined),
});
export type CarrierProductOrder = z.infer<typeof carrierProductOrderSchema>;

/**
 * The carrier's state in TMF622 terms (state-maps.ts). A value the partner's mapping does not name fails the call as
 * retryable, with the setting to add it to: once the mapping names it, the next attempt reads it.
 */
export function toOrderState(raw: string, map?: Record<string, OrderState>): OrderState {
  const state = mapOrderState(raw, map);
  if (state === undefined) throw new PartnerUnavailableError(`carrier reported ${unmappedState('order', raw)}`);
  return state;
}

/** The carrier's explanation, most specific first: an error message, a state reason, then its latest note. */
function explanationOf(po: CarrierProductOrder): string | undefined {
  const error = [po.errorMessage ?? [], po.productOrderErrorMessage ?? []].flat().at(-1);
  const errorText = error && [error.reason, error.message].filter(Boolean).join(': ');
  return errorText || po.stateReason || latestCarrierNote(po.note);
}

/** What the ProductOrder says about our order: state, committed and completion dates, explanation. */
export function orderUpdateOf(po: CarrierProductOrder, map?: Record<string, OrderState>): CarrierOrderUpdate {
  return {
    state: po.state === undefined ? undefined : toOrderState(po.state, map),
    committedDate: po.expectedCompletionDate,
    completionDate: po.completionDate,
    message: explanationOf(po),
    circuitReference: po.productOrderItem?.find((item) => item.product?.id)?.product?.id,
  };
}

/** A carrier API's whole answer about one order; an answer without a state is one we cannot use. */
export function snapshotOf(po: CarrierProductOrder, map?: Record<string, OrderState>): PartnerOrderSnapshot {
  if (po.state === undefined)
    throw new PartnerUnavailableError(`carrier answered ProductOrder ${po.id} without a state`);
  return {
    ...orderUpdateOf(po, map),
    partnerOrderId: po.id,
    externalId: ourIdAmong(po.externalId),
    state: toOrderState(po.state, map),
  };
}

/** Reads a ProductOrder from a carrier's answer; a shape we cannot read is a carrier fault (retryable). */
export const readProductOrder = (body: unknown, what: string) => readCarrierBody(carrierProductOrderSchema, body, what);
export const readProductOrders = (body: unknown, what: string) =>
  readCarrierBody(z.array(carrierProductOrderSchema), body, what);

/** A ProductOrder that reached our listener or our TMF622 server (already validated there), read as an update. */
export function readOrderUpdate(
  po: { id: string } & Record<string, unknown>,
  map?: Record<string, OrderState>,
): CarrierOrderUpdate {
  return orderUpdateOf(carrierProductOrderSchema.parse(po), map);
}
