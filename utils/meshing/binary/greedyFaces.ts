/**
 * Face bits and greedy merging of the binary mesher, one face direction at a time.
 *
 * For face f and slice d (the block coordinate along f's normal) the visible faces form a 32x32 bit plane:
 * row v (the V axis coordinate), bit u (the U axis coordinate), axes as in quadPacking.ts. A row is one
 * occupancy mask of the slice (A) against the mask of the next slice along the normal (B, a border slice past
 * 0..31): faces = N_A & ~O_B, minus the bits where A and B are the same see-through id (class masks).
 * Merging: take the lowest set bit of the lowest row, extend it along u over set bits with the same block id
 * (bit run, then id check), then extend that run across the following rows while they have all its bits set
 * and the same ids; clear what was merged, emit one quad, repeat.
 */
import { FACE_LAYER_TABLE, TRANSLUCENT_TABLE } from '@/config/blocks';
import { SEE_THROUGH_CLASS_COUNT } from '../cullRules';
import { ensureQuadCapacity, type MeshOutput } from '../meshOutput';
import { X_CELLS, X_ROW, Z_CELLS, type MesherScratch } from './mesherScratch';

/** Per face: [aBase, aSliceStride, aRowStride, delta, vSlice, vU, vV, pSlice, pU, pV] (see file header). */
const FACE_PARAMS: readonly (readonly number[])[] = [
  // x faces: z masks, cell (x=d, y=v) = (d+1)*32 + v; voxel d + u*32 + v*1024; pos x=d, z=u, y=v
  [32, 32, 1, 32, 1, 32, 1024, 1, 1 << 10, 1 << 5],
  [32, 32, 1, -32, 1, 32, 1024, 1, 1 << 10, 1 << 5],
  // y faces: x masks, cell (y=d, z=v) = (d+1)*34 + v + 1; voxel d*1024 + u + v*32; pos y=d, x=u, z=v
  [X_ROW + 1, X_ROW, 1, X_ROW, 1024, 1, 32, 1 << 5, 1, 1 << 10],
  [X_ROW + 1, X_ROW, 1, -X_ROW, 1024, 1, 32, 1 << 5, 1, 1 << 10],
  // z faces: x masks, cell (y=v, z=d) = (v+1)*34 + d + 1; voxel d*32 + u + v*1024; pos z=d, x=u, y=v
  [X_ROW + 1, 1, X_ROW, 1, 32, 1, 1024, 1 << 10, 1, 1 << 5],
  [X_ROW + 1, 1, X_ROW, -1, 32, 1, 1024, 1 << 10, 1, 1 << 5],
];

/** Meshes all six face directions: solid quads appended to `out`, translucent ones to `translucent`. */
export function meshAllFaces(vox: Uint16Array, s: MesherScratch, out: MeshOutput, translucent: MeshOutput): void {
  for (let face = 0; face < 6; face++) {
    const p = FACE_PARAMS[face];
    const xFace = face < 2;
    meshFace(
      vox,
      xFace ? s.zN : s.xN,
      xFace ? s.zO : s.xO,
      xFace ? s.zC : s.xC,
      xFace ? Z_CELLS : X_CELLS,
      face,
      p,
      s.plane,
      out,
      translucent,
    );
  }
}

function meshFace(
  vox: Uint16Array,
  N: Int32Array,
  O: Int32Array,
  C: Int32Array,
  cells: number,
  face: number,
  p: readonly number[],
  plane: Int32Array,
  out: MeshOutput,
  translucent: MeshOutput,
): void {
  const aBase = p[0];
  const aSlice = p[1];
  const aRow = p[2];
  const delta = p[3];
  const vSlice = p[4];
  const vU = p[5];
  const vV = p[6];
  const pSlice = p[7];
  const pU = p[8];
  const pV = p[9];
  const classCount = SEE_THROUGH_CLASS_COUNT;
  const faceBits = face << 25;
  const layers = FACE_LAYER_TABLE;
  const trans = TRANSLUCENT_TABLE;

  for (let d = 0; d < 32; d++) {
    // Face bits of slice d.
    let any = 0;
    const a0 = aBase + d * aSlice;
    for (let v = 0; v < 32; v++) {
      const ia = a0 + v * aRow;
      const a = N[ia];
      if (a === 0) {
        plane[v] = 0;
        continue;
      }
      const ib = ia + delta;
      const bO = O[ib];
      let f = a & ~bO;
      // Both see-through: culled where they are the same id (same class).
      if ((f & ~O[ia] & N[ib]) !== 0) {
        let same = 0;
        for (let k = 0, ka = ia, kb = ib; k < classCount; k++, ka += cells, kb += cells) same |= C[ka] & C[kb];
        f &= ~same;
      }
      plane[v] = f;
      any |= f;
    }
    if (any === 0) continue;

    const vox0 = d * vSlice;
    const pos0 = d * pSlice + faceBits;
    for (let v = 0; v < 32; v++) {
      let m = plane[v];
      if (m === 0) continue;
      const row = vox0 + v * vV;
      while (m !== 0) {
        const u0 = 31 - Math.clz32(m & -m);
        const id = vox[row + u0 * vU];
        // Run of set bits from u0, then cut at the first different id.
        const rest = ~(m >>> u0);
        const runEnd = rest === 0 ? 32 : u0 + 31 - Math.clz32(rest & -rest);
        let u1 = u0 + 1;
        let vi = row + u1 * vU;
        while (u1 < runEnd && vox[vi] === id) {
          u1++;
          vi += vU;
        }
        const w = u1 - u0;
        const runMask = w === 32 ? -1 : ((1 << w) - 1) << u0;
        m &= ~runMask;
        // Extend across rows while the whole run is there with the same id.
        let v1 = v + 1;
        for (; v1 < 32; v1++) {
          const next = plane[v1];
          if ((next & runMask) !== runMask) break;
          let j = vox0 + v1 * vV + u0 * vU;
          const jEnd = j + w * vU;
          while (j !== jEnd && vox[j] === id) j += vU;
          if (j !== jEnd) break;
          plane[v1] = next & ~runMask;
        }
        const h = v1 - v;
        const w0 = (pos0 + u0 * pU + v * pV + ((w - 1) << 15) + ((h - 1) << 20)) >>> 0;
        const w1 = (id | (layers[id * 6 + face] << 16)) >>> 0;
        const dst = trans[id] === 0 ? out : translucent;
        const n = dst.quadCount;
        if ((n << 1) + 2 > dst.quads.length) ensureQuadCapacity(dst, n + 1);
        const q = dst.quads;
        q[n << 1] = w0;
        q[(n << 1) + 1] = w1;
        dst.quadCount = n + 1;
      }
    }
  }
}
