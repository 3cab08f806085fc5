/**
 * Fills the mesher's occupancy masks (layout in mesherScratch.ts) from a chunk's voxels
 * (index x + z*32 + y*1024) and its six border slices (borders.ts). One pass over the voxels; allocates nothing.
 */
import { OPAQUE_TABLE } from '@/config/blocks';
import { SEE_THROUGH_CLASS } from '../cullRules';
import { X_CELLS, X_ROW, Z_CELLS, type MesherScratch } from './mesherScratch';

/**
 * Writes the N/O/C masks of one border slice: 32 rows of 32 ids (row r at borders[offset + r*32 ..]),
 * row r to cell cellBase + r*cellStride, bit b = id b of the row.
 */
function fillBorderRows(
  borders: Uint16Array,
  offset: number,
  N: Int32Array,
  O: Int32Array,
  C: Int32Array,
  cells: number,
  cellBase: number,
  cellStride: number,
): void {
  const opq = OPAQUE_TABLE;
  const cls = SEE_THROUGH_CLASS;
  for (let r = 0; r < 32; r++) {
    const src = offset + (r << 5);
    const cell = cellBase + r * cellStride;
    let n = 0;
    let o = 0;
    for (let b = 0; b < 32; b++) {
      const v = borders[src + b];
      if (v !== 0) {
        const bit = 1 << b;
        n |= bit;
        if (opq[v] !== 0) o |= bit;
        else C[cls[v] * cells + cell] |= bit;
      }
    }
    N[cell] = n;
    O[cell] = o;
  }
}

export function buildOccupancy(vox: Uint16Array, borders: Uint16Array, s: MesherScratch): void {
  const xN = s.xN;
  const xO = s.xO;
  const xC = s.xC;
  const zN = s.zN;
  const zO = s.zO;
  const zC = s.zC;
  const opq = OPAQUE_TABLE;
  const cls = SEE_THROUGH_CLASS;
  // Z masks and all class masks are built with |=; X N/O cells are all assigned below.
  zN.fill(0);
  zO.fill(0);
  xC.fill(0);
  zC.fill(0);

  for (let y = 0; y < 32; y++) {
    const zRow = 32 + y; // z-mask cell of (x = 0, y); + x*32 per x
    for (let z = 0; z < 32; z++) {
      const vb = (y << 10) | (z << 5);
      const xi = (y + 1) * X_ROW + z + 1;
      const zbit = 1 << z;
      let n = 0;
      let o = 0;
      for (let x = 0; x < 32; x++) {
        const v = vox[vb + x];
        if (v !== 0) {
          const bit = 1 << x;
          const c = zRow + (x << 5);
          n |= bit;
          zN[c] |= zbit;
          if (opq[v] !== 0) {
            o |= bit;
            zO[c] |= zbit;
          } else {
            const k = cls[v];
            xC[k * X_CELLS + xi] |= bit;
            zC[k * Z_CELLS + c] |= zbit;
          }
        }
      }
      xN[xi] = n;
      xO[xi] = o;
    }
  }

  // +x (x = 32) and -x (x = -1): rows y, bits z.
  fillBorderRows(borders, 0, zN, zO, zC, Z_CELLS, 33 * 32, 1);
  fillBorderRows(borders, 1024, zN, zO, zC, Z_CELLS, 0, 1);
  // +y (y = 32) and -y (y = -1): rows z, bits x.
  fillBorderRows(borders, 2048, xN, xO, xC, X_CELLS, 33 * X_ROW + 1, 1);
  fillBorderRows(borders, 3072, xN, xO, xC, X_CELLS, 1, 1);
  // +z (z = 32) and -z (z = -1): rows y, bits x.
  fillBorderRows(borders, 4096, xN, xO, xC, X_CELLS, X_ROW + 33, X_ROW);
  fillBorderRows(borders, 5120, xN, xO, xC, X_CELLS, X_ROW, X_ROW);
}
