/**
 * Binary greedy mesher with face culling (after cgerikj's binary greedy meshing, on 32-bit JS ints).
 *
 * Contract (../shared/streaming-spec.md "Mesher contract", ARCHITECTURE.md "Mesher"):
 * - voxels: Uint16Array(32768), index x + z*32 + y*1024, id 0 = air (or the single id of a uniform chunk).
 * - Culling: the face of A toward B is drawn iff A != air, B not opaque, B != A; across the chunk border B is
 *   the neighbour's voxel (meshChunk: neighbours in face order +x,-x,+y,-y,+z,-z, null = air;
 *   meshChunkWithBorders: border slices, borders.ts layout).
 * - Output: a ChunkMesh of packed quads (quadPacking.ts, 8 bytes each): solid pass (opaque + cutout) first,
 *   quads [0, solidQuadCount), then translucent (water) [solidQuadCount, quadCount).
 *
 * Steps (binary/): occupancy.ts packs every x column of 32 voxels into 32-bit masks (not air, opaque, per
 * see-through id), with the y/z border slices as padding rows; greedyFaces.ts gets each y/z slice's face bits as
 * A & ~opaque(B) row against row, xFaces.ts the x faces by shifts along the masks (border ids as bit 32 / -1) and
 * a bit transpose into planes; same see-through ids are removed with the class masks. Each 32x32 face plane is
 * then merged greedily by block id (bit runs along a row, extended across rows). A chunk given as one id whose
 * borders hide it returns at once. All scratch lives in a MesherScratch reused across calls; `out` is
 * caller-owned and reused, growing only when a mesh does not fit: no allocation per call otherwise.
 */
import { OPAQUE_TABLE } from '@/config/blocks';
import { CHUNK_VOLUME, type ChunkVoxels } from '@/types/chunk';
import { BORDERS_LENGTH, extractBorders } from './borders';
import { buildOccupancy } from './binary/occupancy';
import { meshAllFaces } from './binary/greedyFaces';
import { createMesherScratch, type MesherScratch } from './binary/mesherScratch';
import { appendTranslucent, copyMesh, createMeshOutput, type MeshOutput } from './meshOutput';
import type { ChunkMesh } from '@/types/streaming';

export type { ChunkMesh } from '@/types/streaming';
export type { MeshOutput } from './meshOutput';
export type { MesherScratch } from './binary/mesherScratch';
export { createMeshOutput, copyMesh, MAX_QUADS_PER_CHUNK } from './meshOutput';
export { createMesherScratch } from './binary/mesherScratch';
export { forEachFace } from './forEachFace';
export { extractBorder, extractBorders, BORDERS_LENGTH } from './borders';

let defaultScratch: MesherScratch | null = null;
let defaultOutput: MeshOutput | null = null;

function resolveVoxels(voxels: ChunkVoxels, s: MesherScratch): Uint16Array | null {
  if (typeof voxels === 'number') {
    if (voxels === 0) return null;
    let u = s.uniformVoxels;
    if (u === null) u = s.uniformVoxels = new Uint16Array(CHUNK_VOLUME);
    if (s.uniformId !== voxels) {
      u.fill(voxels);
      s.uniformId = voxels;
    }
    return u;
  }
  if (!(voxels instanceof Uint16Array) || voxels.length !== CHUNK_VOLUME) {
    throw new RangeError(
      `BinaryGreedyMesher: voxels must be a Uint16Array(${CHUNK_VOLUME}) or a block id, got ${describe(voxels)}`,
    );
  }
  return voxels;
}

function describe(v: unknown): string {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as Uint16Array).length})`;
  return String(v);
}

/**
 * True when a chunk made only of `id` draws nothing: every voxel across its border is opaque or `id` itself
 * (inner faces always touch `id`). Air (0) draws nothing either.
 */
function uniformHidden(id: number, borders: Uint16Array): boolean {
  if (id === 0) return true;
  const opq = OPAQUE_TABLE; // locals: imported bindings may be getter calls (tsx's CommonJS output)
  for (let i = 0, n = BORDERS_LENGTH; i < n; i++) {
    const b = borders[i];
    if (b !== id && opq[b] === 0) return false;
  }
  return true;
}

/**
 * Meshes a chunk against its six border slices (Uint16Array(6*1024), face f at f*1024, borders.ts layout).
 * With `out`, fills and returns it (reused; it grows when too small). Without, returns a fresh ChunkMesh whose
 * quads array is exactly 2*quadCount long.
 */
export function meshChunkWithBorders(
  voxels: ChunkVoxels,
  borders: Uint16Array,
  out?: MeshOutput,
  scratch?: MesherScratch,
): ChunkMesh {
  if (!(borders instanceof Uint16Array) || borders.length < BORDERS_LENGTH) {
    throw new RangeError(`BinaryGreedyMesher: borders must be a Uint16Array(${BORDERS_LENGTH}), got ${describe(borders)}`);
  }
  const s = scratch ?? (defaultScratch ??= createMesherScratch());
  const dst = out ?? (defaultOutput ??= createMeshOutput());
  dst.quadCount = 0;
  dst.solidQuadCount = 0;
  if (typeof voxels === 'number') {
    if (!Number.isInteger(voxels) || voxels < 0 || voxels > 0xffff) {
      throw new RangeError(`BinaryGreedyMesher: a uniform chunk's id must be an integer in 0..65535, got ${voxels}`);
    }
    if (uniformHidden(voxels, borders)) return out ? dst : copyMesh(dst);
  }
  const vox = resolveVoxels(voxels, s);
  if (vox !== null) {
    const trans = s.translucent;
    trans.quadCount = 0;
    buildOccupancy(vox, borders, s);
    meshAllFaces(vox, borders, s, dst, trans);
    appendTranslucent(dst, trans);
  }
  return out ? dst : copyMesh(dst);
}

/**
 * The spec's meshChunk: `neighbors` has six entries in face order (+x,-x,+y,-y,+z,-z), null = air.
 * Same output rules as meshChunkWithBorders.
 */
export function meshChunk(
  voxels: ChunkVoxels,
  neighbors: readonly (Uint16Array | null)[],
  out?: MeshOutput,
  scratch?: MesherScratch,
): ChunkMesh {
  const s = scratch ?? (defaultScratch ??= createMesherScratch());
  extractBorders(neighbors, s.borders);
  return meshChunkWithBorders(voxels, s.borders, out, s);
}
