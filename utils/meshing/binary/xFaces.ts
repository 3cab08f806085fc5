/**
 * The +x/-x face pass of the binary mesher. X masks hold bits along x, the normal of these faces, so the face
 * bits come from shifts: +x faces = N & ~(O >>> 1 | opaque(+x border id) << 31), -x faces likewise with << 1
 * and bit 0 from the -x border, minus the bits where both sides are the same see-through id.
 * Each y layer's face masks (rows z, bits x) are then transposed into rows x, bits z: row y of the slice-x
 * planes the greedy merge reads (s.xPlanes, layout in mesherScratch.ts). Empty layers skip the transpose.
 */
import { OPAQUE_TABLE } from '@/config/blocks';
import { SEE_THROUGH_CLASS, SEE_THROUGH_CLASS_COUNT } from '../cullRules';
import { X_CELLS, X_ROW, type MesherScratch } from './mesherScratch';

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
  const opq = OPAQUE_TABLE;
  const cls = SEE_THROUGH_CLASS;
  const classCount = SEE_THROUGH_CLASS_COUNT;
  const row = X_ROW; // locals: imported bindings may be getters (see occupancy.ts)
  const cells = X_CELLS;
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
    if (anyP !== 0) {
      transpose32(tr, 0);
      for (let x = 0; x < 32; x++) planes[(x << 5) + y] = tr[x];
    }
    if (anyM !== 0) {
      transpose32(tr, 32);
      for (let x = 0; x < 32; x++) planes[1024 + (x << 5) + y] = tr[32 + x];
    }
  }
}
