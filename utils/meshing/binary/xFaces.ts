/**
 * The +x/-x face pass of the binary mesher. X masks hold bits along x, the normal of these faces, so the face
 * bits come from shifts: +x faces = N & ~(O >>> 1 | opaque(+x border id) << 31), -x faces likewise with << 1
 * and bit 0 from the -x border, minus the bits where both sides are the same see-through id.
 * Each y layer's face masks (rows z, bits x) are then transposed into rows x, bits z: row y of the slice-x
 * planes the greedy merge reads (s.xPlanes, layout in mesherScratch.ts). Empty layers are skipped; sparse
 * ones (up to SCATTER_LIMIT face bits, most surface layers) scatter their bits one by one instead, which
 * costs less than the ~1,000 operations of a full transpose.
 */
import { OPAQUE_TABLE } from '@/config/blocks';
import { SEE_THROUGH_CLASS, SEE_THROUGH_CLASS_COUNT } from '../cullRules';
import { X_CELLS, X_ROW, type MesherScratch } from './mesherScratch';

// Module-level aliases: imported bindings may be getter calls (see occupancy.ts).
const OPAQUE = OPAQUE_TABLE;
const CLASS = SEE_THROUGH_CLASS;
const CLASS_COUNT = SEE_THROUGH_CLASS_COUNT;
const CELLS = X_CELLS;
const ROW = X_ROW;
/** Face bits of one layer up to which scattering beats transposing. */
const SCATTER_LIMIT = 48;

/**
 * Writes the transpose of the 32 face masks src[off .. off+32) (rows z, bits x) into row y of the x-face
 * planes at dst[base + x*32 + y] (bit z), which must be zero there beforehand.
 */
function placeLayer(src: Int32Array, off: number, dst: Int32Array, base: number, y: number): void {
  let budget = SCATTER_LIMIT;
  for (let z = 0; z < 32; z++) {
    let m = src[off + z];
    while (m !== 0) {
      if (--budget < 0) {
        // Dense layer: transpose the whole matrix and assign its rows (overwrites the partial scatter).
        transpose32(src, off);
        for (let x = 0; x < 32; x++) dst[base + (x << 5) + y] = src[off + x];
        return;
      }
      const bit = m & -m;
      dst[base + ((31 - Math.clz32(bit)) << 5) + y] |= 1 << z;
      m ^= bit;
    }
  }
}

/**
 * In-place transpose of the 32x32 bit matrix a[off .. off+32): afterwards bit c of row r = old bit r of row c
 * (bit 0 = least significant). Block-swap algorithm (Hacker's Delight 7-3), 5 rounds of 16 row pairs.
 */
export function transpose32(a: Int32Array, off: number): void {
  let m = 0x0000ffff;
  for (let j = 16; j !== 0; j >>>= 1, m ^= m << j) {
    for (let k = 0; k < 32; k = ((k | j) + 1) & ~j) {
      const p = off + k;
      const q = p + j;
      const t = ((a[p] >>> j) ^ a[q]) & m;
      a[q] ^= t;
      a[p] ^= t << j;
    }
  }
}

export function buildXPlanes(borders: Uint16Array, s: MesherScratch): void {
  const xN = s.xN;
  const xO = s.xO;
  const xC = s.xC;
  const planes = s.xPlanes;
  const tr = s.transpose; // rows 0..31: +x faces of the layer, 32..63: -x faces
  const opq = OPAQUE;
  const cls = CLASS;
  const classCount = CLASS_COUNT;
  const row = ROW;
  const cells = CELLS;
  planes.fill(0);

  for (let y = 0; y < 32; y++) {
    let anyP = 0;
    let anyM = 0;
    for (let z = 0; z < 32; z++) {
      const cell = (y + 1) * row + z + 1;
      const n = xN[cell];
      if (n === 0) {
        tr[z] = 0;
        tr[32 + z] = 0;
        continue;
      }
      const o = xO[cell];
      const bP = borders[z + (y << 5)]; // voxel at x = 32
      const bM = borders[1024 + z + (y << 5)]; // voxel at x = -1
      let fP = n & ~((o >>> 1) | (opq[bP] << 31));
      let fM = n & ~((o << 1) | opq[bM]);
      const see = n & ~o;
      if (((fP | fM) & see) !== 0) {
        // A face of a see-through voxel toward a see-through one: culled when both are the same id.
        const nP = (n >>> 1) | (((bP + 0xffff) >>> 16) << 31);
        const nM = (n << 1) | ((bM + 0xffff) >>> 16);
        if ((fP & see & nP) !== 0 || (fM & see & nM) !== 0) {
          const kP = cls[bP];
          const kM = cls[bM];
          let sameP = 0;
          let sameM = 0;
          for (let k = 0; k < classCount; k++) {
            const c = xC[k * cells + cell];
            if (c === 0) continue;
            sameP |= c & ((c >>> 1) | ((kP === k ? 1 : 0) << 31));
            sameM |= c & ((c << 1) | (kM === k ? 1 : 0));
          }
          fP &= ~sameP;
          fM &= ~sameM;
        }
      }
      tr[z] = fP;
      tr[32 + z] = fM;
      anyP |= fP;
      anyM |= fM;
    }
    if (anyP !== 0) placeLayer(tr, 0, planes, 0, y);
    if (anyM !== 0) placeLayer(tr, 32, planes, 1024, y);
  }
}
