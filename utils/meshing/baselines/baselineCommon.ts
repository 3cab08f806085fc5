/**
 * Shared plumbing of the baseline meshers (NaiveCulledMesher, ClassicGreedyMesher): scratch, the neighbour
 * lookup across the chunk border and the per-face axis steps. Same culling rule, same packed output
 * (quadPacking.ts) and the same solid-then-translucent order as the binary mesher.
 */
import { CHUNK_VOLUME } from '@/types/chunk';
import { BORDERS_LENGTH } from '../borders';
import { createMeshOutput, type MeshOutput } from '../meshOutput';

export interface BaselineScratch {
  /** Border slices gathered from neighbours (borders.ts layout). */
  readonly borders: Uint16Array;
  /** Translucent quads, appended after the solid ones. */
  readonly translucent: MeshOutput;
  /** The classic mesher's 32x32 slice mask of block ids (0 = no face), index u + v*32. */
  readonly mask: Uint16Array;
}

export function createBaselineScratch(): BaselineScratch {
  return { borders: new Uint16Array(BORDERS_LENGTH), translucent: createMeshOutput(1024), mask: new Uint16Array(1024) };
}

/**
 * Per face: [vSlice, vU, vV, pSlice, pU, pV] where voxel index = d*vSlice + u*vU + v*vV and
 * word0 position bits = d*pSlice + u*pU + v*pV (x faces: U = z, V = y; y faces: U = x, V = z; z faces: U = x, V = y).
 * With these axes every border slice is indexed u + v*32 (types/chunk.ts).
 */
export const BASELINE_FACE_PARAMS: readonly (readonly number[])[] = [
  [1, 32, 1024, 1, 1 << 10, 1 << 5],
  [1, 32, 1024, 1, 1 << 10, 1 << 5],
  [1024, 1, 32, 1 << 5, 1, 1 << 10],
  [1024, 1, 32, 1 << 5, 1, 1 << 10],
  [32, 1, 1024, 1 << 10, 1, 1 << 5],
  [32, 1, 1024, 1 << 10, 1, 1 << 5],
];

export function checkBaselineInputs(name: string, voxels: Uint16Array, borders: Uint16Array): void {
  if (!(voxels instanceof Uint16Array) || voxels.length !== CHUNK_VOLUME) {
    throw new RangeError(`${name}: voxels must be a Uint16Array(${CHUNK_VOLUME}), got length ${voxels?.length}`);
  }
  if (!(borders instanceof Uint16Array) || borders.length < BORDERS_LENGTH) {
    throw new RangeError(`${name}: borders must be a Uint16Array(${BORDERS_LENGTH}), got length ${borders?.length}`);
  }
}
