/**
 * 32-bit hashes of border slices (ARCHITECTURE.md, worker API `borderHashes`). Shared by the worker
 * (hash of the border a mesh was built with) and the main thread (hash of a neighbour's facing layer
 * that arrives later), so both sides compute exactly the same function.
 *
 * Border slice of face f (types/chunk.ts): 1024 ids, x faces (z, y) -> z + y*32, y faces (x, z) ->
 * x + z*32, z faces (x, y) -> x + y*32. Hash: FNV-1a with one step per 16-bit id, then murmur3's
 * fmix32 finaliser; a result of 0 is mapped to 1 so BORDER_HASH_NONE (0) never collides with a
 * real border. A uniform slice hashes exactly like 1024 copies of its id.
 */
import { CHUNK_AREA } from '@/types/chunk';

/** borderHashes entry of a face whose border did not affect the mesh (air chunk, or no mesh built). */
export const BORDER_HASH_NONE = 0;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h >>>= 0;
  return h === BORDER_HASH_NONE ? 1 : h;
}

/** Hash of the 1024 ids border[offset .. offset+1024). */
export function hashBorder(border: Uint16Array, offset = 0): number {
  let h = FNV_OFFSET;
  const end = offset + CHUNK_AREA;
  for (let i = offset; i < end; i++) h = Math.imul(h ^ border[i], FNV_PRIME);
  return finish(h);
}

/** Hash of a border made of one id throughout (equal to hashBorder of 1024 copies). */
export function hashUniformBorder(id: number): number {
  let h = FNV_OFFSET;
  const v = id & 0xffff;
  for (let i = 0; i < CHUNK_AREA; i++) h = Math.imul(h ^ v, FNV_PRIME);
  return finish(h);
}

/**
 * Hash of the border across face `face` of a chunk, read from the neighbour chunk on that side
 * (its voxels or uniform id) without copying: the neighbour's layer touching the chunk
 * (x=0 for face +x, x=31 for -x, y=0 for +y, y=31 for -y, z=0 for +z, z=31 for -z), in border order.
 */
export function hashNeighbourFace(neighbour: Uint16Array | number, face: number): number {
  if (typeof neighbour === 'number') return hashUniformBorder(neighbour);
  let h = FNV_OFFSET;
  switch (face) {
    case 0:
    case 1: {
      const x = face === 0 ? 0 : 31;
      for (let y = 0; y < 32; y++) for (let z = 0; z < 32; z++) h = Math.imul(h ^ neighbour[x + (z << 5) + (y << 10)], FNV_PRIME);
      break;
    }
    case 2:
    case 3: {
      const base = (face === 2 ? 0 : 31) << 10;
      for (let i = 0; i < CHUNK_AREA; i++) h = Math.imul(h ^ neighbour[base + i], FNV_PRIME); // x + z*32
      break;
    }
    case 4:
    case 5: {
      const zo = (face === 4 ? 0 : 31) << 5;
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) h = Math.imul(h ^ neighbour[x + zo + (y << 10)], FNV_PRIME);
      break;
    }
    default:
      throw new Error(`borderHash: face must be an integer in [0, 5], got ${String(face)}`);
  }
  return finish(h);
}
