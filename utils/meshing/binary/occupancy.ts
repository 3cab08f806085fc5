/**
 * Fills the mesher's occupancy masks (layout in mesherScratch.ts) from a chunk's voxels
 * (index x + z*32 + y*1024) and the four y/z border slices (borders.ts). One pass over the ids, 8 per step;
 * allocates nothing.
 * Imported tables are aliased once at module level: some loaders (tsx's CommonJS output) turn each access to
 * an imported binding into a getter call, too slow for per-voxel loops.
 */
import { OPAQUE_TABLE } from '@/config/blocks';
import { SEE_THROUGH_CLASS } from '../cullRules';
import { X_CELLS, X_ROW, type MesherScratch } from './mesherScratch';

const OPAQUE = OPAQUE_TABLE;
const CLASS = SEE_THROUGH_CLASS;
const CELLS = X_CELLS;
const ROW = X_ROW;

/**
 * Writes the N/O/C masks of `rows` rows of 32 ids: row r is ids[src0 + r*srcStride + b] for b in 0..31
 * (bit b, along x), stored in cell cell0 + r*cellStride.
 */
function fillRows(
  ids: Uint16Array,
  src0: number,
  srcStride: number,
  rows: number,
  cell0: number,
  cellStride: number,
  s: MesherScratch,
): void {
  const N = s.xN;
  const O = s.xO;
  const opq = OPAQUE;
  for (let r = 0; r < rows; r++) {
    const src = src0 + r * srcStride;
    let n = 0;
    let o = 0;
    // Groups of 8: all air skips everything; one id throughout (AND of the ids = their OR) takes one lookup;
    // otherwise (v + 0xffff) >>> 16 is 1 when v != 0 (v <= 0xffff) and the opacity table gives the rest.
    for (let x = 0; x < 32; x += 8) {
      const i = src + x;
      const v0 = ids[i];
      const v1 = ids[i + 1];
      const v2 = ids[i + 2];
      const v3 = ids[i + 3];
      const v4 = ids[i + 4];
      const v5 = ids[i + 5];
      const v6 = ids[i + 6];
      const v7 = ids[i + 7];
      const any = v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7;
      if (any === 0) continue;
      if ((v0 & v1 & v2 & v3 & v4 & v5 & v6 & v7) === any) {
        n |= 0xff << x;
        o |= (-opq[v0] & 0xff) << x;
        continue;
      }
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
    const cell = cell0 + r * cellStride;
    N[cell] = n;
    O[cell] = o;
    if (n !== o) {
      setClassBits(ids, src, n & ~o, s.xC, cell);
      s.seeThrough = true;
    }
  }
}

/**
 * For each set bit b of `see` (see-through voxels), sets bit b of the class mask of ids[src + b].
 * Works run by run (a run of one id is one mask write), so a row of water costs one id read per voxel.
 */
function setClassBits(ids: Uint16Array, src: number, see: number, C: Int32Array, cell: number): void {
  while (see !== 0) {
    const b0 = 31 - Math.clz32(see & -see);
    const id = ids[src + b0];
    let b = b0 + 1;
    while (b < 32 && ((see >>> b) & 1) !== 0 && ids[src + b] === id) b++;
    const run = b - b0 === 32 ? -1 : ((1 << (b - b0)) - 1) << b0;
    C[CLASS[id] * CELLS + cell] |= run;
    see &= ~run;
  }
}

export function buildOccupancy(vox: Uint16Array, borders: Uint16Array, s: MesherScratch): void {
  s.xC.fill(0); // class bits are set with |=; N/O cells are all assigned
  s.seeThrough = false;
  // Interior: layer y, rows z.
  for (let y = 0; y < 32; y++) fillRows(vox, y << 10, 32, 32, (y + 1) * ROW + 1, 1, s);
  // +y (y = 32) and -y (y = -1): rows z.
  fillRows(borders, 2048, 32, 32, 33 * ROW + 1, 1, s);
  fillRows(borders, 3072, 32, 32, 1, 1, s);
  // +z (z = 32) and -z (z = -1): rows y.
  fillRows(borders, 4096, 32, 32, ROW + 33, ROW, s);
  fillRows(borders, 5120, 32, 32, ROW, ROW, s);
}
