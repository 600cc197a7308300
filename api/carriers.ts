import type { Partner } from '../openapi/partners.js';
import { orderingAdapterFor, ticketingAdapterFor, type CarrierConnection } from '../partners/adapters/index.js';
import type { TicketingAdapter } from '../partners/adapters/tmf621/types.js';
import type { OrderingAdapter } from '../partners/adapters/tmf622/types.js';
import type { Deps } from './context.js';

/**
 * How the HTTP edge reaches carriers (live qualification, Sonata read-backs, charges): its secrets and guard, and a
 * per-request timeout when the default (partners/adapters/http.ts) is too long for someone waiting on a page.
 */
export const carrierConnectionOf = (deps: Deps, timeoutMs?: number): CarrierConnection => ({
  secrets: deps.partnerSecrets ?? new Map<string, string>(),
  outbound: deps.outbound,
  timeoutMs,
});

/** A partner's ordering client, for a use case the HTTP edge runs (the worker has its own, workers/activity-deps). */
export const orderingFor =
  (deps: Deps, timeoutMs?: number) =>
  (partner: Partner): OrderingAdapter =>
    orderingAdapterFor(partner, carrierConnectionOf(deps, timeoutMs));

/** A partner's ticketing client, for a use case the HTTP edge runs (Sonata ticket read-backs). */
export const ticketingFor =
  (deps: Deps, timeoutMs?: number) =>
  (partner: Partner): TicketingAdapter =>
    ticketingAdapterFor(partner, carrierConnectionOf(deps, timeoutMs));
