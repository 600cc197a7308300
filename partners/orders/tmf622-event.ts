import type { TmfProductOrder } from '../../openapi/tmf622.js';
import type { PartnerUpdate } from './apply-update.js';

/** Our order id as the carrier echoes it: v4 externalId is a string, v5 an ExternalIdentifier list. */
export function ourOrderIdOf(po: TmfProductOrder): string | undefined {
  if (typeof po.externalId === 'string') return po.externalId;
  return po.externalId?.[0]?.id;
}

const utc = (iso: string | undefined) => (iso ? new Date(iso).toISOString() : undefined);

/** A carrier's ProductOrder representation read as an update to our order. */
export function updateFromProductOrder(po: TmfProductOrder, occurredAt: string): PartnerUpdate {
  const notes = (po.note ?? []).map((n) => n.text).filter((t): t is string => !!t);
  return {
    state: po.state,
    committedDate: utc(po.expectedCompletionDate),
    completionDate: utc(po.completionDate),
    occurredAt,
    message: notes.at(-1),
  };
}
