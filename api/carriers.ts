import type { Partner } from '../openapi/partners.js';
import { orderingAdapterFor, type CarrierConnection } from '../partners/adapters/index.js';
import type { OrderingAdapter } from '../partners/adapters/tmf622/types.js';
import type { Deps } from './context.js';

/** How the HTTP edge reaches carriers (live qualification, Sonata read-backs, charges): its secrets and guard. */
export const carrierConnectionOf = (deps: Deps): CarrierConnection => ({
  secrets: deps.partnerSecrets ?? new Map<string, string>(),
  outbound: deps.outbound,
});

/** A partner's ordering client, for a use case the HTTP edge runs (the worker has its own, workers/activity-deps). */
export const orderingFor =
  (deps: Deps) =>
  (partner: Partner): OrderingAdapter =>
    orderingAdapterFor(partner, carrierConnectionOf(deps));
