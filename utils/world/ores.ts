/**
 * Ores: one candidate cluster per ORE_CELL^3 (4x4x4) world-aligned cell, decided by an integer hash of
 * the cell. A cluster is a subset (8-bit mask, bit = dx + dy*2 + dz*4) of a 2x2x2 block at offset
 * (ox, oy, oz) in 0..2 inside the cell, so it never leaves its cell. An ore voxel replaces stone only,
 * at DEEP_STONE_Y <= y <= column height - 2.
 */
import { BlockId } from '../../config/blocks';
import { hash3 } from './random';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { DEEP_STONE_Y, ORE_CELL_SHIFT } = TC;

const ORE_SALT = 0x0e5c41d7;

/**
 * Packed ore cluster of cell (ccx, ccy, ccz) (cell coords = world >> 2), or 0 for none:
 * bits 0..7 ore id, 8..9 ox, 10..11 oy, 12..13 oz, 16..23 voxel mask.
 */
export function oreCluster(seed: number, ccx: number, ccy: number, ccz: number): number {
  const y = ccy << ORE_CELL_SHIFT;
  if (y < DEEP_STONE_Y) return 0;
  const h = hash3(seed ^ ORE_SALT, ccx, ccy, ccz);
  const r = h & 1023;
  let id = 0;
  if (r < 5 && y < -12) id = BlockId.DIAMOND_ORE;
  else if (r < 14 && y < 20) id = BlockId.GOLD_ORE;
  else if (r < 40 && y < 72) id = BlockId.IRON_ORE;
  else if (r < 80) id = BlockId.COAL_ORE;
  if (id === 0) return 0;
  const ox = ((h >>> 10) & 3) % 3;
  const oy = ((h >>> 12) & 3) % 3;
  const oz = ((h >>> 14) & 3) % 3;
  const mask = ((h >>> 16) & 0xff) | 1;
  return id | (ox << 8) | (oy << 10) | (oz << 12) | (mask << 16);
}

export function clusterId(c: number): number {
  return c & 0xff;
}
/** World coordinate of voxel `bit` (0..7) of cluster c in cell (ccx, ccy, ccz), per axis. */
export function clusterX(c: number, ccx: number, bit: number): number {
  return (ccx << ORE_CELL_SHIFT) + ((c >>> 8) & 3) + (bit & 1);
}
export function clusterY(c: number, ccy: number, bit: number): number {
  return (ccy << ORE_CELL_SHIFT) + ((c >>> 10) & 3) + ((bit >> 1) & 1);
}
export function clusterZ(c: number, ccz: number, bit: number): number {
  return (ccz << ORE_CELL_SHIFT) + ((c >>> 12) & 3) + ((bit >> 2) & 1);
}
export function clusterHas(c: number, bit: number): boolean {
  return ((c >>> (16 + bit)) & 1) === 1;
}
