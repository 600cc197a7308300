import { isOrderState, type OrderState } from '../../sla-rules/order-states.js';
import { isTicketStatus, type TicketStatus } from '../../sla-rules/ticket-states.js';

/*
 * A carrier's own state values, translated: the partner's `adapter.stateMap` first (a carrier's vocabulary, or a TMF
 * value it uses to mean another), then the TMF values themselves. A value neither names is refused with a message
 * that says which setting to add it to, never guessed at.
 */

export type StateMaps = {
  order?: Record<string, OrderState> | undefined;
  ticket?: Record<string, TicketStatus> | undefined;
};

const own = <T>(map: Record<string, T> | undefined, raw: string): T | undefined =>
  map && Object.hasOwn(map, raw) ? map[raw] : undefined;

/** v5 adds `draft` (never asked for by us: not yet acknowledged work) and sub-states such as `inProgress.accepted`. */
export function mapOrderState(raw: string, map?: Record<string, OrderState>): OrderState | undefined {
  const mapped = own(map, raw);
  if (mapped) return mapped;
  if (isOrderState(raw)) return raw;
  if (raw === 'draft') return 'acknowledged';
  if (raw.startsWith('inProgress.')) return 'inProgress';
  return undefined;
}

export function mapTicketStatus(raw: string, map?: Record<string, TicketStatus>): TicketStatus | undefined {
  return own(map, raw) ?? (isTicketStatus(raw) ? raw : undefined);
}

/** Why a carrier value could not be read, naming the setting that would read it. */
export const unmappedState = (entity: 'order' | 'ticket', raw: string) =>
  `"${raw}" is not a ${entity === 'order' ? 'TMF622 ProductOrder state' : 'TMF621 TroubleTicket status'} and ` +
  `not in the partner's adapter.stateMap.${entity}: add it there`;
