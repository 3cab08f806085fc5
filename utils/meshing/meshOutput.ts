/**
 * Caller-owned, growable quad buffers shared by the binary mesher and the baselines.
 * A MeshOutput is a ChunkMesh (types/streaming.ts): `quads` holds 2 uint32 per quad (quadPacking.ts) and may be
 * longer than 2 * quadCount; quads [0, solidQuadCount) are the solid pass, [solidQuadCount, quadCount) translucent.
 * It grows (doubling, contents kept) only when a mesh does not fit; otherwise it is reused as is.
 */
import type { ChunkMesh } from '@/types/streaming';

export type { ChunkMesh } from '@/types/streaming';

/** A reusable ChunkMesh. Every instance comes from createMeshOutput so all share one hidden class. */
export interface MeshOutput extends ChunkMesh {
  quads: Uint32Array;
  quadCount: number;
  solidQuadCount: number;
}

/** Most quads one 32^3 chunk can produce: every face of every block visible (alternating water and leaves). */
export const MAX_QUADS_PER_CHUNK = 32 * 32 * 32 * 6;
export const DEFAULT_MESH_CAPACITY_QUADS = 4096;

/** A reusable output able to hold `capacityQuads` quads (1..MAX_QUADS_PER_CHUNK) before it grows. */
export function createMeshOutput(capacityQuads: number = DEFAULT_MESH_CAPACITY_QUADS): MeshOutput {
  if (!Number.isInteger(capacityQuads) || capacityQuads < 1 || capacityQuads > MAX_QUADS_PER_CHUNK) {
    throw new RangeError(
      `meshOutput: capacityQuads must be an integer in 1..${MAX_QUADS_PER_CHUNK}, got ${capacityQuads}`,
    );
  }
  return { quads: new Uint32Array(capacityQuads * 2), quadCount: 0, solidQuadCount: 0 };
}

/** Makes room for at least `quadCount` quads, keeping the first out.quadCount ones. */
export function ensureQuadCapacity(out: MeshOutput, quadCount: number): void {
  if (quadCount * 2 <= out.quads.length) return;
  let cap = out.quads.length >>> 1;
  if (cap < 1) cap = 1;
  while (cap < quadCount) cap *= 2;
  if (cap > MAX_QUADS_PER_CHUNK) cap = Math.max(MAX_QUADS_PER_CHUNK, quadCount);
  const grown = new Uint32Array(cap * 2);
  for (let i = 0, n = out.quadCount * 2; i < n; i++) grown[i] = out.quads[i];
  out.quads = grown;
}

/** Appends one packed quad (grows the buffer when full). */
export function pushQuad(out: MeshOutput, word0: number, word1: number): void {
  const n = out.quadCount;
  if ((n << 1) + 2 > out.quads.length) ensureQuadCapacity(out, n + 1);
  const q = out.quads;
  q[n << 1] = word0;
  q[(n << 1) + 1] = word1;
  out.quadCount = n + 1;
}

/**
 * Finishes a two-pass mesh: `out` holds the solid quads, `translucent` the translucent ones; appends the latter,
 * sets solidQuadCount and returns `out`.
 */
export function appendTranslucent(out: MeshOutput, translucent: MeshOutput): MeshOutput {
  const solid = out.quadCount;
  const total = solid + translucent.quadCount;
  ensureQuadCapacity(out, total);
  const dst = out.quads;
  const src = translucent.quads;
  for (let i = 0, n = translucent.quadCount * 2, d = solid * 2; i < n; i++) dst[d + i] = src[i];
  out.solidQuadCount = solid;
  out.quadCount = total;
  return out;
}

/** A standalone ChunkMesh whose `quads` is exactly 2 * quadCount long (safe to keep or transfer). */
export function copyMesh(mesh: ChunkMesh): MeshOutput {
  return {
    quads: mesh.quads.slice(0, mesh.quadCount * 2),
    quadCount: mesh.quadCount,
    solidQuadCount: mesh.solidQuadCount,
  };
}
