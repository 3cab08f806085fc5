/**
 * (Hot loops read imported constants through function locals: some module loaders, e.g. tsx's CommonJS
 * output, turn every imported binding into a getter call.)
 * Fills the mesher's occupancy masks (layout in mesherScratch.ts) from a chunk's voxels
 * (index x + z*32 + y*1024) and the four y/z border slices (borders.ts). One pass over the voxels,
 * 8 voxels per step; allocates nothing.
 */
import { OPAQUE_TABLE } from '@/config/blocks';
import { SEE_THROUGH_CLASS } from '../cullRules';
import { X_CELLS, X_ROW, type MesherScratch } from './mesherScratch';

/**
 * Writes the N/O/C masks of one y or z border slice: 32 rows of 32 ids (row r at borders[offset + r*32 ..],
 * bit b = id b of the row, b along x) to cells cellBase + r*cellStride.
 */
function fillBorderRows(borders: Uint16Array, offset: number, s: MesherScratch, cellBase: number, cellStride: number): void {
  const N = s.xN;
  const O = s.xO;
  const C = s.xC;
  const opq = OPAQUE_TABLE;
  const cls = SEE_THROUGH_CLASS;
  for (let r = 0; r < 32; r++) {
    const src = offset + (r << 5);
    const cell = cellBase + r * cellStride;
    let n = 0;
    let o = 0;
    for (let b = 0; b < 32; b++) {
      const v = borders[src + b];
      n |= ((v + 0xffff) >>> 16) << b;
      o |= opq[v] << b;
    }
    N[cell] = n;
    O[cell] = o;
    setClassBits(borders, src, 1, n & ~o, C, cell, cls);
  }
}

/**
 * For each set bit b of `see` (see-through voxels), sets bit b of the class mask of ids[src + b*step].
 * Works run by run (a run of one id is one mask write), so a row of water costs one id read per voxel.
 */
function setClassBits(
  ids: Uint16Array,
  src: number,
  step: number,
  see: number,
  C: Int32Array,
  cell: number,
  cls: Uint8Array,
): void {
  const cells = X_CELLS;
  while (see !== 0) {
    const b0 = 31 - Math.clz32(see & -see);
    const id = ids[src + b0 * step];
    let b = b0 + 1;
    while (b < 32 && ((see >>> b) & 1) !== 0 && ids[src + b * step] === id) b++;
    const run = b - b0 === 32 ? -1 : ((1 << (b - b0)) - 1) << b0;
    C[cls[id] * cells + cell] |= run;
    see &= ~run;
  }
}

export function buildOccupancy(vox: Uint16Array, borders: Uint16Array, s: MesherScratch): void {
  const xN = s.xN;
  const xO = s.xO;
  const xC = s.xC;
  const opq = OPAQUE_TABLE;
  const cls = SEE_THROUGH_CLASS;
  const row = X_ROW;
  xC.fill(0); // class bits are set with |=; N/O cells are all assigned below

  for (let y = 0; y < 32; y++) {
    for (let z = 0; z < 32; z++) {
      const vb = (y << 10) | (z << 5);
      let n = 0;
      let o = 0;
      // 8 voxels per step; (v + 0xffff) >>> 16 is 1 when v != 0 (v <= 0xffff). Groups of air skip the lookups.
      for (let x = 0; x < 32; x += 8) {
        const i = vb + x;
        const v0 = vox[i];
        const v1 = vox[i + 1];
        const v2 = vox[i + 2];
        const v3 = vox[i + 3];
        const v4 = vox[i + 4];
        const v5 = vox[i + 5];
        const v6 = vox[i + 6];
        const v7 = vox[i + 7];
        if ((v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7) !== 0) {
          n |=
            (((v0 + 0xffff) >>> 16) |
              (((v1 + 0xffff) >>> 16) << 1) |
              (((v2 + 0xffff) >>> 16) << 2) |
              (((v3 + 0xffff) >>> 16) << 3) |
              (((v4 + 0xffff) >>> 16) << 4) |
              (((v5 + 0xffff) >>> 16) << 5) |
              (((v6 + 0xffff) >>> 16) << 6) |
              (((v7 + 0xffff) >>> 16) << 7)) <<
            x;
          o |=
            (opq[v0] |
              (opq[v1] << 1) |
              (opq[v2] << 2) |
              (opq[v3] << 3) |
              (opq[v4] << 4) |
              (opq[v5] << 5) |
              (opq[v6] << 6) |
              (opq[v7] << 7)) <<
            x;
        }
      }
      const cell = (y + 1) * row + z + 1;
      xN[cell] = n;
      xO[cell] = o;
      const see = n & ~o;
      if (see !== 0) setClassBits(vox, vb, 1, see, xC, cell, cls);
    }
  }

  // +y (y = 32) and -y (y = -1): rows z.
  fillBorderRows(borders, 2048, s, 33 * X_ROW + 1, 1);
  fillBorderRows(borders, 3072, s, 1, 1);
  // +z (z = 32) and -z (z = -1): rows y.
  fillBorderRows(borders, 4096, s, X_ROW + 33, X_ROW);
  fillBorderRows(borders, 5120, s, X_ROW, X_ROW);
}
