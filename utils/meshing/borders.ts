/**
 * Border slices: the layer of voxels just outside a chunk across each face (types/chunk.ts).
 * A borders array is a Uint16Array(6 * 1024); the slice of face f is [f*1024, f*1024 + 1024), indexed
 * x faces (z, y) -> z + y*32, y faces (x, z) -> x + z*32, z faces (x, y) -> x + y*32.
 * The neighbour across face f contributes its layer facing us: +x -> its x = 0, -x -> its x = 31, and so on.
 */
import { CHUNK_AREA, CHUNK_VOLUME } from '@/types/chunk';

export const BORDERS_LENGTH = 6 * CHUNK_AREA;

/**
 * Copies the layer of `neighbor` (the chunk across face `face` of ours, voxel index x + z*32 + y*1024) that
 * touches our chunk into out[offset .. offset+1024). `null` means air (zeros). Allocates nothing.
 */
export function extractBorder(
  neighbor: Uint16Array | null,
  face: number,
  out: Uint16Array,
  offset: number = face * CHUNK_AREA,
): void {
  if (!(face >= 0 && face <= 5 && (face | 0) === face)) {
    throw new RangeError(`borders: face must be an integer in 0..5, got ${face}`);
  }
  if (offset < 0 || offset + CHUNK_AREA > out.length) {
    throw new RangeError(`borders: offset must be in 0..${out.length - CHUNK_AREA}, got ${offset}`);
  }
  if (neighbor === null) {
    out.fill(0, offset, offset + CHUNK_AREA);
    return;
  }
  if (neighbor.length !== CHUNK_VOLUME) {
    throw new RangeError(`borders: neighbor ${face} must hold ${CHUNK_VOLUME} voxels, got ${neighbor.length}`);
  }
  switch (face) {
    case 0: // +x: neighbour's x = 0, slice index z + y*32
    case 1: {
      // -x: neighbour's x = 31
      const x = face === 0 ? 0 : 31;
      for (let y = 0; y < 32; y++) {
        for (let z = 0; z < 32; z++) out[offset + z + (y << 5)] = neighbor[x + (z << 5) + (y << 10)];
      }
      return;
    }
    case 2: // +y: neighbour's y = 0, slice index x + z*32 (contiguous)
    case 3: {
      const src = face === 2 ? 0 : 31 << 10;
      for (let i = 0; i < 1024; i++) out[offset + i] = neighbor[src + i];
      return;
    }
    default: {
      // +z: neighbour's z = 0; -z: z = 31; slice index x + y*32
      const z = face === 4 ? 0 : 31;
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) out[offset + x + (y << 5)] = neighbor[x + (z << 5) + (y << 10)];
      }
    }
  }
}

/** Fills all six slices of `out` (length >= 6*1024) from `neighbors` (six entries in face order, null = air). */
export function extractBorders(neighbors: readonly (Uint16Array | null)[], out: Uint16Array): Uint16Array {
  if (neighbors.length !== 6) {
    throw new RangeError(`borders: neighbors must have 6 entries (face order +x,-x,+y,-y,+z,-z), got ${neighbors.length}`);
  }
  if (out.length < BORDERS_LENGTH) {
    throw new RangeError(`borders: out must hold ${BORDERS_LENGTH} ids, got ${out.length}`);
  }
  for (let f = 0; f < 6; f++) extractBorder(neighbors[f] ?? null, f, out, f * CHUNK_AREA);
  return out;
}
