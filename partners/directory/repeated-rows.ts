import type { CoverageIdentity } from '../../db/repositories/coverage.js';

const EMPTY = 0;

/**
 * Spots rows repeating an earlier row's location_key, product_code and bandwidth_mbps while a file streams, in about
 * 8 bytes per row (a million-row file needs 16 MB, where a Set of the key strings would need ~100 MB): an
 * open-addressing table of 32-bit hashes and CSV row numbers. A hash match is only a candidate, confirmed by
 * comparing with the earlier row itself (`identityOf`), so a hash collision never rejects a row.
 */
export class RepeatedRows {
  /** Pairs of [hash, row]; row 0 marks an empty slot (CSV data rows start at 2). */
  private slots: Uint32Array;
  private mask: number;
  private size = 0;

  constructor(
    private readonly identityOf: (row: number) => Promise<CoverageIdentity | undefined> | CoverageIdentity | undefined,
    initialSlots = 1 << 12,
  ) {
    this.slots = new Uint32Array(initialSlots * 2);
    this.mask = initialSlots - 1;
  }

  /** The earlier row this one repeats; otherwise undefined, and this row is remembered as the first of its kind. */
  async firstOf(row: number, identity: CoverageIdentity): Promise<number | undefined> {
    const hash = hashIdentity(identity);
    let slot = spread(hash) & this.mask;
    for (;;) {
      const seen = this.slots[slot * 2 + 1] ?? EMPTY;
      if (seen === EMPTY) break;
      if (this.slots[slot * 2] === hash && sameIdentity(await this.identityOf(seen), identity)) return seen;
      slot = (slot + 1) & this.mask;
    }
    this.slots[slot * 2] = hash;
    this.slots[slot * 2 + 1] = row;
    if ((this.size += 1) * 2 > this.mask + 1) this.grow();
    return undefined;
  }

  private grow() {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) {
      const row = old[i + 1] ?? EMPTY;
      if (row === EMPTY) continue;
      const hash = old[i] ?? 0;
      let slot = spread(hash) & this.mask;
      while ((this.slots[slot * 2 + 1] ?? EMPTY) !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = hash;
      this.slots[slot * 2 + 1] = row;
    }
  }
}

const sameIdentity = (a: CoverageIdentity | undefined, b: CoverageIdentity) =>
  a !== undefined &&
  a.locationKey === b.locationKey &&
  a.productCode === b.productCode &&
  a.bandwidthMbps === b.bandwidthMbps;

/** FNV-1a over the three parts (with separators, so "A"+"BC" differs from "AB"+"C"). */
function hashIdentity({ locationKey, productCode, bandwidthMbps }: CoverageIdentity): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < locationKey.length; i += 1) h = Math.imul(h ^ locationKey.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0xffff, 0x01000193);
  for (let i = 0; i < productCode.length; i += 1) h = Math.imul(h ^ productCode.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0xffff, 0x01000193);
  h = Math.imul(h ^ bandwidthMbps, 0x01000193);
  return h >>> 0;
}

/** Murmur3's finaliser: every hash bit moves the slot, so similar keys do not cluster under linear probing. */
function spread(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
