import { isDateOnly, toMs } from './instants.js';
import type { Instant, Ola, Policy, SlaEntity } from './types.js';

/** effectiveFrom as epoch ms: a bare date means 00:00 UTC that day. */
export const effectiveFromMs = (policy: Pick<Policy, 'effectiveFrom'>): number =>
  toMs(isDateOnly(policy.effectiveFrom) ? `${policy.effectiveFrom}T00:00:00Z` : policy.effectiveFrom);

/**
 * The version in force when the order or ticket was placed: the latest effectiveFrom at or before `placedAt`
 * (the higher version number on a tie). Undefined if none was in force yet. Later versions never re-measure it.
 */
export function selectPolicyVersion<P extends Pick<Policy, 'version' | 'effectiveFrom'>>(
  versions: readonly P[],
  placedAt: Instant,
): P | undefined {
  const placed = toMs(placedAt);
  let best: P | undefined;
  let bestFrom = -Infinity;
  for (const v of versions) {
    const from = effectiveFromMs(v);
    if (from > placed) continue;
    if (from > bestFrom || (from === bestFrom && best !== undefined && v.version > best.version)) {
      best = v;
      bestFrom = from;
    }
  }
  return best;
}

export function olaApplies(ola: Ola, entity: SlaEntity): boolean {
  const { entity: kind, products, priorities, actions } = ola.appliesTo;
  if (kind !== entity.kind) return false;
  if (actions && !actions.includes(entity.action ?? 'add')) return false;
  if (products && (entity.product === undefined || !products.includes(entity.product))) return false;
  if (priorities && (entity.priority === undefined || !priorities.includes(entity.priority))) return false;
  return true;
}

/**
 * The OLAs that measure this entity: for each metric the first OLA (in document order) that applies, so a specific
 * rule ("P1 restoration") can be listed before a general one ("any restoration").
 */
export function selectOlas(policy: Pick<Policy, 'olas'>, entity: SlaEntity): Ola[] {
  const seen = new Set<string>();
  const out: Ola[] = [];
  for (const ola of policy.olas) {
    if (seen.has(ola.metric) || !olaApplies(ola, entity)) continue;
    seen.add(ola.metric);
    out.push(ola);
  }
  return out;
}
