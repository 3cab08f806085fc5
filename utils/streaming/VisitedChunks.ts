/**
 * The chunks loaded earlier in a run, for revisitHitRatio, in constant memory: a two-hash bit set of
 * VISITED_BITS bits (2 MiB). There are no false negatives; a chunk never loaded reads as visited with
 * probability (1 - e^(-2n/m))^2: 0.03% after n = 150,000 distinct chunks (10 minutes of flight at
 * 60 blocks/s), 0.3% after 500,000. Such a false positive can only turn a first-visit cache miss into a
 * counted revisit miss, so revisitHitRatio errs low, never high. An exact set grew the heap by ~0.5 MB
 * a minute on the soak benchmark.
 */
export const VISITED_BITS = 1 << 24;

/** murmur3's 32-bit finaliser: full avalanche, so neighbouring chunks land on unrelated bits. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** A hash of the three coordinates chained through fmix (the chunk index's 30-bit hash is too weak here). */
function bitOf(cx: number, cy: number, cz: number, seed: number): number {
  return fmix(fmix(fmix(seed ^ cx) ^ cy) ^ cz) & (VISITED_BITS - 1);
}

export class VisitedChunks {
  private readonly bits = new Uint32Array(VISITED_BITS >>> 5);
  private count = 0;

  /** Distinct chunks added (exact). */
  get size(): number {
    return this.count;
  }

  private static h1(cx: number, cy: number, cz: number): number {
    return bitOf(cx, cy, cz, 0x9e3779b9);
  }

  private static h2(cx: number, cy: number, cz: number): number {
    return bitOf(cx, cy, cz, 0x7f4a7c15);
  }

  has(cx: number, cy: number, cz: number): boolean {
    const a = VisitedChunks.h1(cx, cy, cz);
    const b = VisitedChunks.h2(cx, cy, cz);
    return (this.bits[a >>> 5] & (1 << (a & 31))) !== 0 && (this.bits[b >>> 5] & (1 << (b & 31))) !== 0;
  }

  add(cx: number, cy: number, cz: number): void {
    if (this.has(cx, cy, cz)) return;
    const a = VisitedChunks.h1(cx, cy, cz);
    const b = VisitedChunks.h2(cx, cy, cz);
    this.bits[a >>> 5] |= 1 << (a & 31);
    this.bits[b >>> 5] |= 1 << (b & 31);
    this.count++;
  }
}
