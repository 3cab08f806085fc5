/**
 * Baseline: one 1x1 quad per visible unit face (no merging), same culling rule, packing and pass order as
 * BinaryGreedyMesher. Used by the tests (reference coverage) and by bench/meshBench.ts (quad count baseline).
 */
import { FACE_LAYER_TABLE, OPAQUE_TABLE, TRANSLUCENT_TABLE } from '@/config/blocks';
import type { ChunkMesh } from '@/types/streaming';
import { extractBorders } from '../borders';
import { appendTranslucent, copyMesh, createMeshOutput, pushQuad, type MeshOutput } from '../meshOutput';
import { BASELINE_FACE_PARAMS, checkBaselineInputs, createBaselineScratch, type BaselineScratch } from './baselineCommon';

let defaultScratch: BaselineScratch | null = null;
let defaultOutput: MeshOutput | null = null;

/** Meshes `voxels` (index x + z*32 + y*1024) against its border slices (borders.ts layout). */
export function meshNaiveWithBorders(
  voxels: Uint16Array,
  borders: Uint16Array,
  out?: MeshOutput,
  scratch?: BaselineScratch,
): ChunkMesh {
  checkBaselineInputs('NaiveCulledMesher', voxels, borders);
  const s = scratch ?? (defaultScratch ??= createBaselineScratch());
  const dst = out ?? (defaultOutput ??= createMeshOutput());
  const trans = s.translucent;
  dst.quadCount = 0;
  dst.solidQuadCount = 0;
  trans.quadCount = 0;
  // Imported bindings through locals: some loaders (tsx's CommonJS output) make each access a getter call.
  const opaque = OPAQUE_TABLE;
  const translucent = TRANSLUCENT_TABLE;
  const faceLayers = FACE_LAYER_TABLE;
  const push = pushQuad;
  for (let face = 0; face < 6; face++) {
    const [vSlice, vU, vV, pSlice, pU, pV] = BASELINE_FACE_PARAMS[face];
    const step = (face & 1) === 0 ? vSlice : -vSlice;
    const edge = (face & 1) === 0 ? 31 : 0;
    const fixed = (face << 25) >>> 0; // w = h = 1
    for (let d = 0; d < 32; d++) {
      for (let v = 0; v < 32; v++) {
        for (let u = 0; u < 32; u++) {
          const i = d * vSlice + u * vU + v * vV;
          const a = voxels[i];
          if (a === 0) continue;
          const b = d === edge ? borders[face * 1024 + u + v * 32] : voxels[i + step];
          if (opaque[b] !== 0 || b === a) continue;
          const w0 = (fixed + d * pSlice + u * pU + v * pV) >>> 0;
          const w1 = (a | (faceLayers[a * 6 + face] << 16)) >>> 0;
          push(translucent[a] === 0 ? dst : trans, w0, w1);
        }
      }
    }
  }
  appendTranslucent(dst, trans);
  return out ? dst : copyMesh(dst);
}

/** The spec's signature: neighbours in face order (+x,-x,+y,-y,+z,-z), null = air. */
export function meshNaive(
  voxels: Uint16Array,
  neighbors: readonly (Uint16Array | null)[],
  out?: MeshOutput,
  scratch?: BaselineScratch,
): ChunkMesh {
  const s = scratch ?? (defaultScratch ??= createBaselineScratch());
  extractBorders(neighbors, s.borders);
  return meshNaiveWithBorders(voxels, s.borders, out, s);
}
