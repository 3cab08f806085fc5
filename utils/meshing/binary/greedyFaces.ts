/**
 * Face bits and greedy merging of the binary mesher, one face direction and slice at a time.
 *
 * For face f and slice d (the block coordinate along f's normal) the visible faces form a 32x32 bit plane:
 * row v (the V axis coordinate), bit u (the U axis coordinate), axes as in quadPacking.ts.
 * - y and z faces: X masks have bits along x = U, so a plane row is one mask of the slice (A) against the mask
 *   of the next slice along the normal (B, a border row past 0..31): N_A & ~O_B, minus the bits where A and B
 *   are the same see-through id (class masks).
 * - x faces: planes come ready from xFaces.ts (shifts along x, then a bit transpose).
 * Merging: take the lowest set bit of the lowest row, extend it along u over set bits with the same block id
 * (bit run, then id check), then extend that run across the following rows while they have all its bits set
 * and the same ids; clear what was merged, emit one quad, repeat.
 */
import { FACE_LAYER_TABLE, TRANSLUCENT_TABLE } from '@/config/blocks';
import { SEE_THROUGH_CLASS_COUNT } from '../cullRules';
import { ensureQuadCapacity, type MeshOutput } from '../meshOutput';
import { buildXPlanes } from './xFaces';
import { X_CELLS, X_ROW, type MesherScratch } from './mesherScratch';

// Module-level aliases: imported bindings may be getter calls (see occupancy.ts).
const LAYERS = FACE_LAYER_TABLE;
const TRANSLUCENT = TRANSLUCENT_TABLE;
const CLASS_COUNT = SEE_THROUGH_CLASS_COUNT;
const CELLS = X_CELLS;

/** Per face: [aBase, aSliceStride, aRowStride, delta, vSlice, vU, vV, pSlice, pU, pV] (see file header). */
const FACE_PARAMS: readonly (readonly number[])[] = [
  // x faces: planes from xFaces.ts; voxel d + u*32 + v*1024; pos x=d, z=u, y=v
  [0, 0, 0, 0, 1, 32, 1024, 1, 1 << 10, 1 << 5],
  [0, 0, 0, 0, 1, 32, 1024, 1, 1 << 10, 1 << 5],
  // y faces: cell (y=d, z=v) = (d+1)*34 + v + 1; voxel d*1024 + u + v*32; pos y=d, x=u, z=v
  [X_ROW + 1, X_ROW, 1, X_ROW, 1024, 1, 32, 1 << 5, 1, 1 << 10],
  [X_ROW + 1, X_ROW, 1, -X_ROW, 1024, 1, 32, 1 << 5, 1, 1 << 10],
  // z faces: cell (y=v, z=d) = (v+1)*34 + d + 1; voxel d*32 + u + v*1024; pos z=d, x=u, y=v
  [X_ROW + 1, 1, X_ROW, 1, 32, 1, 1024, 1 << 10, 1, 1 << 5],
  [X_ROW + 1, 1, X_ROW, -1, 32, 1, 1024, 1 << 10, 1, 1 << 5],
];

/** Meshes all six face directions: solid quads appended to `out`, translucent ones to `translucent`. */
export function meshAllFaces(
  vox: Uint16Array,
  borders: Uint16Array,
  s: MesherScratch,
  out: MeshOutput,
  translucent: MeshOutput,
): void {
  buildXPlanes(borders, s);
  for (let face = 0; face < 2; face++) {
    const p = FACE_PARAMS[face];
    for (let d = 0; d < 32; d++) {
      mergePlane(vox, s.xPlanes, face * 1024 + d * 32, face, d * p[4], p[5], p[6], d * p[7], p[8], p[9], out, translucent);
    }
  }
  for (let face = 2; face < 6; face++) meshYZFace(vox, s, face, out, translucent);
}

function meshYZFace(vox: Uint16Array, s: MesherScratch, face: number, out: MeshOutput, translucent: MeshOutput): void {
  const p = FACE_PARAMS[face];
  const N = s.xN;
  const O = s.xO;
  const C = s.xC;
  const plane = s.plane;
  const aBase = p[0];
  const aSlice = p[1];
  const aRow = p[2];
  const delta = p[3];
  const classCount = CLASS_COUNT;
  const cells = CELLS;
  const seeThrough = s.seeThrough;
  for (let d = 0; d < 32; d++) {
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
      let f = a & ~O[ib];
      // A see-through face toward a see-through voxel: culled where both are the same id (same class).
      if (seeThrough && (f & ~O[ia] & N[ib]) !== 0) {
        let same = 0;
        for (let k = 0, ka = ia, kb = ib; k < classCount; k++, ka += cells, kb += cells) same |= C[ka] & C[kb];
        f &= ~same;
      }
      plane[v] = f;
      any |= f;
    }
    if (any !== 0) mergePlane(vox, plane, 0, face, d * p[4], p[5], p[6], d * p[7], p[8], p[9], out, translucent);
  }
}

/**
 * Greedy merge of the plane rows plane[off .. off+32) (row v, bit u; consumed). Voxel of (u, v) at
 * vox0 + u*vU + v*vV; word0 position bits pos0 + u*pU + v*pV.
 */
function mergePlane(
  vox: Uint16Array,
  plane: Int32Array,
  off: number,
  face: number,
  vox0: number,
  vU: number,
  vV: number,
  pos0: number,
  pU: number,
  pV: number,
  out: MeshOutput,
  translucent: MeshOutput,
): void {
  const layers = LAYERS;
  const trans = TRANSLUCENT;
  const posFace = pos0 + (face << 25);
  for (let v = 0; v < 32; v++) {
    let m = plane[off + v];
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
        const next = plane[off + v1];
        if ((next & runMask) !== runMask) break;
        let j = vox0 + v1 * vV + u0 * vU;
        const jEnd = j + w * vU;
        while (j !== jEnd && vox[j] === id) j += vU;
        if (j !== jEnd) break;
        plane[off + v1] = next & ~runMask;
      }
      const h = v1 - v;
      const w0 = (posFace + u0 * pU + v * pV + ((w - 1) << 15) + ((h - 1) << 20)) >>> 0;
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
