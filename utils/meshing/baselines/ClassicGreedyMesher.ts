/**
 * Baseline: the classic sweep-and-mask greedy mesher of Mikola Lysenko's "Meshing in a Minecraft game"
 * (0fps.net, 2012), with the spec's culling rule, quadPacking.ts output and solid-then-translucent order.
 *
 * For each face direction and each slice along its normal, a 32x32 mask of block ids (0 = no visible face) is
 * filled voxel by voxel; then, scanning rows, each non-zero cell is grown along u while the mask holds the
 * same id, then along v while whole rows of that width do, emitted as one quad and cleared from the mask.
 * (Lysenko's version stores both directions of an axis in one signed mask; here the rule can draw both faces
 * of one interface, water beside leaves, so each direction gets its own pass.)
 */
import { FACE_LAYER_TABLE, OPAQUE_TABLE, TRANSLUCENT_TABLE } from '@/config/blocks';
import type { ChunkMesh } from '@/types/streaming';
import { extractBorders } from '../borders';
import { appendTranslucent, copyMesh, createMeshOutput, pushQuad, type MeshOutput } from '../meshOutput';
import { BASELINE_FACE_PARAMS, checkBaselineInputs, createBaselineScratch, type BaselineScratch } from './baselineCommon';

let defaultScratch: BaselineScratch | null = null;
let defaultOutput: MeshOutput | null = null;

/** Meshes `voxels` (index x + z*32 + y*1024) against its border slices (borders.ts layout). */
export function meshClassicGreedyWithBorders(
  voxels: Uint16Array,
  borders: Uint16Array,
  out?: MeshOutput,
  scratch?: BaselineScratch,
): ChunkMesh {
  checkBaselineInputs('ClassicGreedyMesher', voxels, borders);
  const s = scratch ?? (defaultScratch ??= createBaselineScratch());
  const dst = out ?? (defaultOutput ??= createMeshOutput());
  const trans = s.translucent;
  const mask = s.mask;
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
    for (let d = 0; d < 32; d++) {
      // 1. Mask of the slice: mask[u + v*32] = id of the block whose face is visible, else 0.
      let n = 0;
      for (let v = 0; v < 32; v++) {
        for (let u = 0; u < 32; u++, n++) {
          const i = d * vSlice + u * vU + v * vV;
          const a = voxels[i];
          let c = 0;
          if (a !== 0) {
            const b = d === edge ? borders[face * 1024 + n] : voxels[i + step];
            if (opaque[b] === 0 && b !== a) c = a;
          }
          mask[n] = c;
        }
      }
      // 2. Greedy sweep of the mask.
      n = 0;
      for (let v = 0; v < 32; v++) {
        for (let u = 0; u < 32; ) {
          const c = mask[n];
          if (c === 0) {
            u++;
            n++;
            continue;
          }
          let w = 1;
          while (u + w < 32 && mask[n + w] === c) w++;
          let h = 1;
          grow: for (; v + h < 32; h++) {
            for (let k = 0; k < w; k++) if (mask[n + k + h * 32] !== c) break grow;
          }
          for (let l = 0; l < h; l++) for (let k = 0; k < w; k++) mask[n + k + l * 32] = 0;
          const w0 = (d * pSlice + u * pU + v * pV + ((w - 1) << 15) + ((h - 1) << 20) + (face << 25)) >>> 0;
          const w1 = (c | (faceLayers[c * 6 + face] << 16)) >>> 0;
          push(translucent[c] === 0 ? dst : trans, w0, w1);
          u += w;
          n += w;
        }
      }
    }
  }
  appendTranslucent(dst, trans);
  return out ? dst : copyMesh(dst);
}

/** The spec's signature: neighbours in face order (+x,-x,+y,-y,+z,-z), null = air. */
export function meshClassicGreedy(
  voxels: Uint16Array,
  neighbors: readonly (Uint16Array | null)[],
  out?: MeshOutput,
  scratch?: BaselineScratch,
): ChunkMesh {
  const s = scratch ?? (defaultScratch ??= createBaselineScratch());
  extractBorders(neighbors, s.borders);
  return meshClassicGreedyWithBorders(voxels, s.borders, out, s);
}
