/**
 * Chunk layout, units and keys (../shared/streaming-spec.md):
 * - 1 block = 1 world unit; a chunk is 32 x 32 x 32 blocks; chunk coordinate = Math.floor(world / 32).
 * - Voxels: Uint16Array(32768) of block ids, local index = x + z*32 + y*1024 (x, y, z in 0..31). Id 0 is air.
 * - A chunk made of one block id throughout may be held as that id alone (a `number`).
 * - Faces and neighbours in order 0..5 = +x, -x, +y, -y, +z, -z.
 * - Border slice of face f (1024 ids): the layer of voxels just outside the chunk across face f,
 *   indexed by the two remaining axes in voxel-index order: x faces (z, y) -> z + y*32,
 *   y faces (x, z) -> x + z*32, z faces (x, y) -> x + y*32.
 */
export const CHUNK_SIZE = 32;
export const CHUNK_SHIFT = 5;
export const CHUNK_AREA = 1024;
export const CHUNK_VOLUME = 32768;
/** Bytes of a full (non-uniform) chunk's voxels. */
export const CHUNK_VOXEL_BYTES = CHUNK_VOLUME * 2;

export const FACE_PX = 0;
export const FACE_NX = 1;
export const FACE_PY = 2;
export const FACE_NY = 3;
export const FACE_PZ = 4;
export const FACE_NZ = 5;

/** Unit offset of each face, in face order. */
export const FACE_DIRS: readonly (readonly [number, number, number])[] = [
  [1, 0, 0],
  [-1, 0, 0],
  [0, 1, 0],
  [0, -1, 0],
  [0, 0, 1],
  [0, 0, -1],
];

/** The face opposite each face (+x <-> -x ...). */
export const OPPOSITE_FACE: readonly number[] = [1, 0, 3, 2, 5, 4];

/** Voxels of one chunk: a full array, or the single block id it is made of. */
export type ChunkVoxels = Uint16Array | number;

export function voxelIndex(x: number, y: number, z: number): number {
  return x + (z << 5) + (y << 10);
}

export function chunkKey(cx: number, cy: number, cz: number): string {
  return cx + ',' + cy + ',' + cz;
}

/** Parses "cx,cy,cz"; throws naming the key when it is not three integers. */
export function parseChunkKey(key: string): [number, number, number] {
  const parts = key.split(',');
  if (parts.length === 3) {
    const cx = Number(parts[0]);
    const cy = Number(parts[1]);
    const cz = Number(parts[2]);
    if (Number.isInteger(cx) && Number.isInteger(cy) && Number.isInteger(cz)) return [cx, cy, cz];
  }
  throw new Error(`chunk: key must be "cx,cy,cz" with integer parts, got "${key}"`);
}

export function worldToChunk(w: number): number {
  return Math.floor(w / CHUNK_SIZE);
}
