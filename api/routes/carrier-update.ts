import type { Deps } from '../context.js';
import { ApiError } from '../errors.js';

type NotReceived =
  | { ok: false; reason: 'notFound'; message: string }
  | { ok: false; reason: 'unmapped'; field: string; message: string }
  | { ok: false; reason: 'workflowUnavailable'; error: unknown; order?: { id: string }; ticket?: { id: string } };

/**
 * A carrier update we could not take as an HTTP problem: 404 for an order or ticket the carrier does not own; 503
 * when it was stored but its workflow could not be told (the carrier sends it again; it is not applied twice).
 */
export function carrierUpdateError(deps: Deps, refused: NotReceived): ApiError {
  if (refused.reason === 'notFound') return new ApiError('not_found', refused.message);
  if (refused.reason === 'unmapped')
    return new ApiError('unprocessable', refused.message, [{ path: refused.field, message: refused.message }]);
  const [what, entity] = refused.order
    ? ['an order update', { orderId: refused.order.id }]
    : ['a ticket update', { ticketId: refused.ticket?.id }];
  deps.log.error({ err: refused.error, ...entity }, `stored ${what} but could not signal its workflow`);
  const detail = 'Update stored; the workflow engine is unavailable. Send it again (it will not be applied twice).';
  return new ApiError('unavailable', detail);
}
