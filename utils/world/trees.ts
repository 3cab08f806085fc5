/**
 * Trees: one candidate per TREE_CELL x TREE_CELL (8x8) world-aligned cell; a hash and the forest
 * density decide whether it grows, where its trunk stands (offset 1..6 in the cell), its trunk height
 * and which canopy corners it keeps. It grows only on a grass column without overhang whose height
 * (its base y) is in [TREE_MIN_BASE, TREE_MAX_BASE]. Wood replaces air and leaves, leaves replace air
 * only, so overlapping trees give the same blocks in any order.
 *
 * Shape, relative to the trunk base (0, 0, 0): wood at dy in [0, trunk); leaves in a 5x5 square at
 * dy = trunk-2 and trunk-1 (corners kept by a hash bit each), 3x3 at dy = trunk, a plus at dy = trunk+1.
 */
import type { TerrainNoise } from './terrainNoise';
import type { GridCache } from './heightField';
import { columnInfo, infoAmp, infoHeight, infoRock } from './heightField';
import { hash2 } from './random';
import { snowLineAt, topMaterial } from './columnMaterials';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { AIR, GRASS, LEAVES, TREE_CELL_SHIFT, TREE_MAX_BASE, TREE_MIN_BASE, TREE_MIN_TRUNK, TREE_RADIUS, WOOD } = TC;

const TREE_SALT = 0x7ee5a11d;

/** Fields of a tree record in an Int32Array, TREE_STRIDE ints per tree. */
export const TREE_X = 0;
export const TREE_Z = 1;
export const TREE_BASE = 2;
export const TREE_TRUNK = 3;
export const TREE_BITS = 4;
export const TREE_STRIDE = 5;

/**
 * Writes the tree of cell (tx, tz) at out[o..o+TREE_STRIDE) and returns true, or returns false when
 * the cell has no tree.
 */
export function treeAtCell(
  c: GridCache,
  n: TerrainNoise,
  tx: number,
  tz: number,
  out: Int32Array,
  o: number,
): boolean {
  const h = hash2(n.seed ^ TREE_SALT, tx, tz);
  const f = n.forest((tx << TREE_CELL_SHIFT) / 320, (tz << TREE_CELL_SHIFT) / 320);
  let density = 0.03 + 0.55 * (f + 0.1);
  if (density < 0.015) density = 0.015;
  else if (density > 0.45) density = 0.45;
  if ((h & 0xffff) / 65536 >= density) return false;
  const px = (tx << TREE_CELL_SHIFT) + 1 + (((h >>> 16) & 7) % 6);
  const pz = (tz << TREE_CELL_SHIFT) + 1 + (((h >>> 19) & 7) % 6);
  const info = columnInfo(c, n, px, pz);
  const base = infoHeight(info);
  if (infoAmp(info) !== 0 || base < TREE_MIN_BASE || base > TREE_MAX_BASE) return false;
  const rock = infoRock(info);
  if (topMaterial(base - 1, rock, snowLineAt(n.seed, px, pz)) !== GRASS) return false;
  out[o + TREE_X] = px;
  out[o + TREE_Z] = pz;
  out[o + TREE_BASE] = base;
  out[o + TREE_TRUNK] = TREE_MIN_TRUNK + (((h >>> 22) & 3) % 3);
  out[o + TREE_BITS] = h >>> 24;
  return true;
}

/** Block of a tree at offset (dx, dy, dz) from its trunk base: WOOD, LEAVES or AIR (none). */
export function treeBlock(trunk: number, bits: number, dx: number, dy: number, dz: number): number {
  const ax = dx < 0 ? -dx : dx;
  const az = dz < 0 ? -dz : dz;
  if (ax === 0 && az === 0 && dy >= 0 && dy < trunk) return WOOD;
  if (dy === trunk - 2 || dy === trunk - 1) {
    if (ax > TREE_RADIUS || az > TREE_RADIUS) return AIR;
    if (ax === TREE_RADIUS && az === TREE_RADIUS) {
      const corner = (dx > 0 ? 1 : 0) + (dz > 0 ? 2 : 0) + (dy === trunk - 1 ? 4 : 0);
      return (bits >> corner) & 1 ? LEAVES : AIR;
    }
    return LEAVES;
  }
  if (dy === trunk) return ax <= 1 && az <= 1 ? LEAVES : AIR;
  if (dy === trunk + 1) return ax + az <= 1 ? LEAVES : AIR;
  return AIR;
}

/**
 * Collects the trees whose block box can reach world box [x0, x1) x [z0, z1) (y ignored) into
 * out (TREE_STRIDE ints each, at most `capacity` trees); returns how many.
 */
export function collectTrees(
  c: GridCache,
  n: TerrainNoise,
  x0: number,
  x1: number,
  z0: number,
  z1: number,
  out: Int32Array,
  capacity: number,
): number {
  const tx0 = (x0 - TREE_RADIUS) >> TREE_CELL_SHIFT;
  const tx1 = (x1 - 1 + TREE_RADIUS) >> TREE_CELL_SHIFT;
  const tz0 = (z0 - TREE_RADIUS) >> TREE_CELL_SHIFT;
  const tz1 = (z1 - 1 + TREE_RADIUS) >> TREE_CELL_SHIFT;
  let count = 0;
  for (let tz = tz0; tz <= tz1; tz++) {
    for (let tx = tx0; tx <= tx1; tx++) {
      if (count >= capacity) throw new Error(`trees: more than ${capacity} tree cells touch the box`);
      if (treeAtCell(c, n, tx, tz, out, count * TREE_STRIDE)) count++;
    }
  }
  return count;
}

/**
 * Stamps tree t (record at trees[t*TREE_STRIDE]) into a region buffer covering world box
 * [x0, x0+sx) x [y0, y0+sy) x [z0, z0+sz), voxel (x, y, z) at
 * offset + (x-x0)*strideX + (y-y0)*strideY + (z-z0)*strideZ. Returns the number of tree blocks inside the box
 * (whether or not they were written); with write = false nothing is written (counting only, for
 * uniformity checks of regions known to be all air).
 */
export function stampTree(
  trees: Int32Array,
  t: number,
  x0: number,
  y0: number,
  z0: number,
  sx: number,
  sy: number,
  sz: number,
  out: Uint16Array | null,
  offset: number,
  strideX: number,
  strideY: number,
  strideZ: number,
): number {
  const o = t * TREE_STRIDE;
  const px = trees[o + TREE_X];
  const pz = trees[o + TREE_Z];
  const base = trees[o + TREE_BASE];
  const trunk = trees[o + TREE_TRUNK];
  const bits = trees[o + TREE_BITS];
  const bx0 = Math.max(px - TREE_RADIUS, x0);
  const bx1 = Math.min(px + TREE_RADIUS + 1, x0 + sx);
  const by0 = Math.max(base, y0);
  const by1 = Math.min(base + trunk + 2, y0 + sy);
  const bz0 = Math.max(pz - TREE_RADIUS, z0);
  const bz1 = Math.min(pz + TREE_RADIUS + 1, z0 + sz);
  let count = 0;
  for (let y = by0; y < by1; y++) {
    for (let z = bz0; z < bz1; z++) {
      for (let x = bx0; x < bx1; x++) {
        const b = treeBlock(trunk, bits, x - px, y - base, z - pz);
        if (b === AIR) continue;
        count++;
        if (out === null) continue;
        const i = offset + (x - x0) * strideX + (y - y0) * strideY + (z - z0) * strideZ;
        const cur = out[i];
        if (cur === AIR || (b === WOOD && cur === LEAVES)) out[i] = b;
      }
    }
  }
  return count;
}
