import type { ApiVersion, SimOrder, SimStore } from './store.js';

/*
 * The buyer's changes to an order in flight, as the simulated carrier takes them: a merge patch of the order, or a
 * modification order amending it (v5: `orderRelationship` of type amends; v4, which has no order relationship: an
 * externalId of the form `<the original's externalId>:amend:<anything>`, Tailgate's convention).
 */

type Item = Record<string, unknown> & { id?: unknown; product?: unknown };

/** Items named by id take the new product (the order keeps its own action); others are left as they are. */
function mergeItems(current: unknown, patch: Item[]): unknown[] {
  const items = Array.isArray(current) ? (current as Item[]) : [];
  return items.map((item) => {
    const change = patch.find((p) => p.id === item.id && p.product !== undefined);
    return change ? { ...item, product: change.product } : item;
  });
}

/** Merges the buyer's changes into the order's request; what changed. Notes are added, never replaced. */
export function mergeBuyerChanges(order: SimOrder, body: Record<string, unknown>) {
  const request = order.request;
  const changed = { requestedCompletionDate: false, note: false };
  if (
    typeof body.requestedCompletionDate === 'string' &&
    body.requestedCompletionDate !== request.requestedCompletionDate
  ) {
    request.requestedCompletionDate = body.requestedCompletionDate;
    changed.requestedCompletionDate = true;
  }
  if (Array.isArray(body.relatedParty)) request.relatedParty = body.relatedParty;
  if (Array.isArray(body.productOrderItem))
    request.productOrderItem = mergeItems(request.productOrderItem, body.productOrderItem as Item[]);
  if (Array.isArray(body.note) && body.note.length > 0) {
    request.note = [...(Array.isArray(request.note) ? (request.note as unknown[]) : []), ...body.note];
    changed.note = true;
  }
  return changed;
}

/** The order a modification order amends, if it is one. */
export function amendedOrder(api: ApiVersion, body: Record<string, unknown>, store: SimStore): SimOrder | undefined {
  if (api === 'v5') {
    const relations = Array.isArray(body.orderRelationship) ? (body.orderRelationship as Item[]) : [];
    const amends = relations.find((r) => r.relationshipType === 'amends');
    return typeof amends?.id === 'string' ? store.findOrder(api, amends.id) : undefined;
  }
  const externalId = typeof body.externalId === 'string' ? body.externalId : '';
  const at = externalId.indexOf(':amend:');
  if (at < 0) return undefined;
  return store.listOrders(api, { externalId: externalId.slice(0, at) })[0];
}

/** The modification order's own fate: done at once when the original could change, else rejected. */
export function settleModification(modification: SimOrder, accepted: boolean, original: SimOrder, at: Date) {
  const date = at.toISOString();
  if (accepted) {
    modification.state = 'completed';
    modification.completionDate = date;
  } else {
    modification.state = 'rejected';
    modification.errorMessage = {
      code: 'ORDER_NOT_MODIFIABLE',
      reason: 'Order can no longer be modified',
      message: `productOrder ${original.id} is ${original.state}`,
      timestamp: date,
    };
  }
  modification.stateChanges.push({ state: modification.state, date });
}
