/**
 * Seeded PRNG (for noise permutation tables) and integer hashes (for per-column, per-cell and
 * per-voxel decisions). Hashes work on int32 inputs, negative coordinates included (two's complement),
 * and return uint32.
 */

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3 finalizer: avalanches all 32 bits. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** uint32 hash of (seed, x, z); x, z int32. */
export function hash2(seed: number, x: number, z: number): number {
  let h = fmix((seed ^ Math.imul(x | 0, 0x27d4eb2d)) | 0);
  h = fmix((h ^ Math.imul(z | 0, 0x165667b1)) | 0);
  return h;
}

/** uint32 hash of (seed, x, y, z); x, y, z int32. */
export function hash3(seed: number, x: number, y: number, z: number): number {
  let h = fmix((seed ^ Math.imul(x | 0, 0x27d4eb2d)) | 0);
  h = fmix((h ^ Math.imul(y | 0, 0x9e3779b1)) | 0);
  h = fmix((h ^ Math.imul(z | 0, 0x165667b1)) | 0);
  return h;
}
