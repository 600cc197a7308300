/**
 * Whether `to` can be reached from `from` through allowed moves. A poll reports the carrier's current state, not a
 * transition: a carrier polled at acknowledged and then at completed went through inProgress in between.
 */
export function reaches<S extends string>(moves: Record<S, readonly S[]>, from: S, to: S): boolean {
  const seen = new Set<S>([from]);
  const queue: S[] = [from];
  while (queue.length > 0) {
    const state = queue.shift()!;
    if (state === to) return true;
    for (const next of moves[state]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}
