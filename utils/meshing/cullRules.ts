/**
 * The spec's culling rule and the lookup tables the meshers use to apply it.
 * Rule: the face of block A toward the voxel B beside it is drawn iff A is not air, B is not opaque, and B != A.
 * Across a chunk border, B comes from the neighbour chunk (a border slice, see borders.ts).
 *
 * Non-opaque, non-air blocks (water, leaves: "see-through") are the only ones for which `B != A` matters
 * beyond opacity, so each gets a small class index: two see-through voxels of the same class are the same id.
 */
import { BLOCKS, OPAQUE_TABLE } from '@/config/blocks';

/** True when the face of `a` toward `b` is drawn (the spec's rule, written plainly; reference for tests). */
export function isFaceVisible(a: number, b: number): boolean {
  return a !== 0 && OPAQUE_TABLE[b] === 0 && b !== a;
}

/**
 * Class per block id (index = id) for see-through ids (not air, not opaque): 0..SEE_THROUGH_CLASS_COUNT-1;
 * 255 for air and opaque ids. Ids past the block registry are opaque (OPAQUE_TABLE) and so have no class.
 */
export const SEE_THROUGH_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(65536).fill(255);
  let next = 0;
  for (const b of BLOCKS) {
    if (b.id !== 0 && OPAQUE_TABLE[b.id] === 0) t[b.id] = next++;
  }
  if (next > 32) throw new Error(`cullRules: at most 32 see-through block ids are supported, got ${next}`);
  return t;
})();

/** Number of see-through ids (water, leaves, ...), at least 1 so mask arrays are never empty. */
export const SEE_THROUGH_CLASS_COUNT: number = Math.max(
  1,
  BLOCKS.filter((b) => b.id !== 0 && OPAQUE_TABLE[b.id] === 0).length,
);
