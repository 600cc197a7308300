/** A small seeded PRNG (mulberry32): the simulator's choices must repeat exactly for a given profile seed. */
export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** True with probability p (never for 0, always for 1). */
  chance(p: number): boolean;
  /** A key drawn in proportion to its weight; the first key when all weights are 0. */
  pick<K extends string>(weights: Record<K, number>): K;
};

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    chance: (p) => p >= 1 || (p > 0 && next() < p),
    pick(weights) {
      const entries = Object.entries(weights) as Array<[keyof typeof weights, number]>;
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        if (weight > 0 && roll < weight) return key;
        roll -= weight;
      }
      return entries.find(([, w]) => w > 0)?.[0] ?? entries[0]![0];
    },
  };
}

/**
 * Independent streams per concern, so that, say, an extra fault draw in one test does not shift which
 * outcome every later order gets, and raising tickets does not change the fate of orders.
 */
export function randomStreams(seed: number) {
  return {
    faults: seededRandom(seed),
    outcomes: seededRandom(seed + 1),
    notifications: seededRandom(seed + 2),
    tickets: seededRandom(seed + 3),
  };
}
export type RandomStreams = ReturnType<typeof randomStreams>;
