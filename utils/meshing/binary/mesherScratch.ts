/**
 * Scratch space of the binary greedy mesher, reused across calls (one per worker / thread of meshing).
 *
 * Occupancy masks are 32-bit ints, one per column of 32 voxels, bit i = voxel i along the column's axis:
 * - X masks, bits along x, cell (y, z) at (y+1)*X_ROW + (z+1), y and z in -1..32 (X_CELLS cells).
 *   Cells with y or z = -1 / 32 hold the -y/+y/-z/+z border slices; cells outside both ranges are never read.
 * - Z masks, bits along z, cell (x, y) at (x+1)*32 + y, x in -1..32, y in 0..31 (Z_CELLS cells).
 *   Cells with x = -1 / 32 hold the -x/+x border slices.
 * For each: N = not air, O = opaque, C[k] = see-through class k (cullRules.ts), class k at k*cells + cell.
 */
import { BORDERS_LENGTH } from '../borders';
import { SEE_THROUGH_CLASS_COUNT } from '../cullRules';
import { createMeshOutput, type MeshOutput } from '../meshOutput';

export const X_ROW = 34;
export const X_CELLS = 34 * 34;
export const Z_CELLS = 34 * 32;

export interface MesherScratch {
  readonly xN: Int32Array;
  readonly xO: Int32Array;
  /** SEE_THROUGH_CLASS_COUNT * X_CELLS */
  readonly xC: Int32Array;
  readonly zN: Int32Array;
  readonly zO: Int32Array;
  /** SEE_THROUGH_CLASS_COUNT * Z_CELLS */
  readonly zC: Int32Array;
  /** Face bits of the slice being merged: row v (0..31), bit u. */
  readonly plane: Int32Array;
  /** Border slices gathered from neighbour chunks by meshChunk (borders.ts layout). */
  readonly borders: Uint16Array;
  /** Translucent quads, appended after the solid ones at the end of a call. */
  readonly translucent: MeshOutput;
  /** Voxels of a chunk given as a single id, filled on demand (allocated on first use). */
  uniformVoxels: Uint16Array | null;
  uniformId: number;
}

export function createMesherScratch(): MesherScratch {
  const k = SEE_THROUGH_CLASS_COUNT;
  return {
    xN: new Int32Array(X_CELLS),
    xO: new Int32Array(X_CELLS),
    xC: new Int32Array(k * X_CELLS),
    zN: new Int32Array(Z_CELLS),
    zO: new Int32Array(Z_CELLS),
    zC: new Int32Array(k * Z_CELLS),
    plane: new Int32Array(32),
    borders: new Uint16Array(BORDERS_LENGTH),
    translucent: createMeshOutput(1024),
    uniformVoxels: null,
    uniformId: -1,
  };
}
