/**
 * Scratch space of the binary greedy mesher, reused across calls (one per worker / thread of meshing).
 *
 * Occupancy masks are 32-bit ints, one per x column of 32 voxels, bit x = voxel x of the column:
 * cell (y, z) at (y+1)*X_ROW + (z+1), y and z in -1..32 (X_CELLS cells). Cells with y or z = -1 / 32 hold the
 * -y/+y/-z/+z border slices; cells outside both ranges are never read. The +x/-x borders have no cells: the
 * x-face pass reads their ids straight from the border slices as the bit past 31 / before 0.
 * xN = not air, xO = opaque, xC = see-through class k (cullRules.ts) at k*X_CELLS + cell.
 * x faces, whose bits run along their normal, are transposed into xPlanes: face +x at [x*32 + y], -x at
 * [1024 + x*32 + y], bit z.
 */
import { BORDERS_LENGTH } from '../borders';
import { SEE_THROUGH_CLASS_COUNT } from '../cullRules';
import { createMeshOutput, type MeshOutput } from '../meshOutput';

export const X_ROW = 34;
export const X_CELLS = 34 * 34;

export interface MesherScratch {
  readonly xN: Int32Array;
  readonly xO: Int32Array;
  /** SEE_THROUGH_CLASS_COUNT * X_CELLS */
  readonly xC: Int32Array;
  /** +x and -x face planes, bits along z (see header). */
  readonly xPlanes: Int32Array;
  /** Two 32x32 bit matrices being transposed (rows 0..31 and 32..63). */
  readonly transpose: Int32Array;
  /** Face bits of the slice being merged: row v (0..31), bit u. */
  readonly plane: Int32Array;
  /** Border slices gathered from neighbour chunks by meshChunk (borders.ts layout). */
  readonly borders: Uint16Array;
  /** Translucent quads, appended after the solid ones at the end of a call. */
  readonly translucent: MeshOutput;
  /** Voxels of a chunk given as a single id, filled on demand (allocated on first use). */
  uniformVoxels: Uint16Array | null;
  uniformId: number;
  /** Set by buildOccupancy: some voxel or border id is see-through (else no same-id culling is needed). */
  seeThrough: boolean;
}

export function createMesherScratch(): MesherScratch {
  const k = SEE_THROUGH_CLASS_COUNT;
  return {
    xN: new Int32Array(X_CELLS),
    xO: new Int32Array(X_CELLS),
    xC: new Int32Array(k * X_CELLS),
    xPlanes: new Int32Array(2048),
    transpose: new Int32Array(64),
    plane: new Int32Array(32),
    borders: new Uint16Array(BORDERS_LENGTH),
    translucent: createMeshOutput(1024),
    uniformVoxels: null,
    uniformId: -1,
    seeThrough: false,
  };
}
