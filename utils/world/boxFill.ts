/**
 * The voxel loop of every fill: a world-aligned box of voxels (a whole chunk, or the one-voxel-thick border
 * slice of a neighbour) from coarse data prepared beforehand (FillGrids: column infos, cave and overhang
 * grids, trees). Two preparations feed it: regionFill.ts (grids of the box alone: generateChunk,
 * generateBorder) and paddedGrids.ts (grids of a chunk and its six border slices at once). Every voxel's id
 * is a pure function of the seed and its world position (grid samples are world-aligned, interpolation
 * arithmetic is shared), so whichever preparation covers a box gives the same ids.
 *
 * Box: world x in [x0, x0+sx), y in [y0, y0+sy), z in [z0, z0+sz), each size 1..34 (within the grids). Voxel (x, y, z) goes to
 * out[offset + (x-x0)*strideX + (y-y0)*strideY + (z-z0)*strideZ].
 *
 * Per voxel, in order: y < DEEP_STONE_Y -> stone; terrain-solid -> material by depth in its solid run
 * (top / sub-layer / stone), carved to air by caves at DEEP_STONE_Y <= y < h - CAVE_SURFACE_MARGIN;
 * not solid -> water at y <= SEA_LEVEL, else air; then ores replace stone; then trees replace air.
 *
 * Zero weights: a voxel on a grid line (x, y or z a multiple of 4) interpolates with weight 0 towards the next
 * grid point, which then need not be sampled: the grids hold only finite values (zeros or earlier samples), and
 * a + (g - a) * 0 === a for any finite g, so such entries never change a result.
 */
import type { TerrainContext } from './terrainContext';
import { infoAmp, infoHeight, infoRock } from './heightField';
import { CHEESE_THRESHOLD, TUNNEL_THRESHOLD, columnLevelsRange, overhangSolid } from './volumeFields';
import { subMaterial, topMaterial } from './columnMaterials';
import { clusterHas, clusterId, clusterX, clusterY, clusterZ, oreCluster } from './ores';
import { stampTree } from './trees';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const CHEESE_T = CHEESE_THRESHOLD;
const TUNNEL_T = TUNNEL_THRESHOLD;
const { AIR, CAVE_SURFACE_MARGIN, DEEP_STONE_Y, ORE_CELL_SHIFT, SEA_LEVEL, STONE, SUBLAYER_DEPTH, TREE_MIN_BASE, TREE_TOP_LIMIT, WATER } = TC;

/** Coarse data a box fill reads. Mutable scalars are set by the preparation; arrays are owned scratch. */
export interface FillGrids {
  /** 3D grids (cheese, tunnelA, tunnelB, overhang): grid point (gx, gy, gz) (world 4gx, 4gy, 4gz) at index
   *  (gx - gx0) + (gz - gz0) * nx + (gy - gyOrigin) * nx * nz, gyOrigin = caveGy0 or overGy0. */
  gx0: number;
  gz0: number;
  nx: number;
  nz: number;
  caveGy0: number;
  overGy0: number;
  readonly cheese: Float64Array;
  readonly tunnelA: Float64Array;
  readonly tunnelB: Float64Array;
  readonly overhang: Float64Array;
  /** Packed column infos (heightField packInfo) and snow lines of world columns (x, z), index
   *  (x - colX0) + (z - colZ0) * colSX. */
  colX0: number;
  colZ0: number;
  colSX: number;
  readonly colInfo: Int32Array;
  readonly snowY: Int32Array;
  /** Trees that may reach the boxes filled from these grids (trees.ts records), treeCount of them. */
  readonly trees: Int32Array;
  treeCount: number;
  /** One column's level values per field (scratch of the loop). */
  readonly levCheese: Float64Array;
  readonly levA: Float64Array;
  readonly levB: Float64Array;
  readonly levOverhang: Float64Array;
}

/** Fills the box from `g`, which must cover it (columns, and the grid levels its voxels interpolate). */
export function fillBox(
  ctx: TerrainContext,
  g: FillGrids,
  x0: number,
  y0: number,
  z0: number,
  sx: number,
  sy: number,
  sz: number,
  out: Uint16Array,
  offset: number,
  strideX: number,
  strideY: number,
  strideZ: number,
): void {
  const y1 = y0 + sy;
  const nx = g.nx;
  const nz = g.nz;
  const gx0 = g.gx0;
  const gz0 = g.gz0;
  const cgy0 = g.caveGy0;
  const ogy0 = g.overGy0;
  const col = g.colInfo;
  const snow = g.snowY;
  const colSX = g.colSX;
  const colBase = x0 - g.colX0 + (z0 - g.colZ0) * colSX;
  const levC = g.levCheese;
  const levA = g.levA;
  const levB = g.levB;
  const levO = g.levOverhang;
  const cheese = g.cheese;
  const tunA = g.tunnelA;
  const tunB = g.tunnelB;
  const over = g.overhang;
  const caveLo = y0 > DEEP_STONE_Y ? y0 : DEEP_STONE_Y;

  for (let lz = 0; lz < sz; lz++) {
    const wz = z0 + lz;
    const iz = (wz >> 2) - gz0;
    const fz = wz & 3; // in-cell offset 0..3 (weight fz * 0.25)
    for (let lx = 0; lx < sx; lx++) {
      const wx = x0 + lx;
      const ix = (wx >> 2) - gx0;
      const fx = wx & 3;
      const ci = colBase + lx + lz * colSX;
      const info = col[ci];
      const h = infoHeight(info);
      const amp = infoAmp(info);
      const rock = infoRock(info);
      const snowY = snow[ci];
      const caveTop = h - CAVE_SURFACE_MARGIN; // caves at y < caveTop
      let caveReady = false;
      const base = offset + lx * strideX + lz * strideZ;

      if (amp === 0) {
        const top = topMaterial(h - 1, rock, snowY);
        const sub = subMaterial(top, rock);
        for (let ly = 0; ly < sy; ly++) {
          const y = y0 + ly;
          let v: number;
          if (y < DEEP_STONE_Y) v = STONE;
          else if (y < h) {
            const d = h - y;
            v = d === 1 ? top : d <= SUBLAYER_DEPTH ? sub : STONE;
            if (y < caveTop) {
              if (!caveReady) {
                caveLevels(cheese, tunA, tunB, nx, nz, ix, iz, fx, fz, caveLo, y1 < caveTop ? y1 : caveTop, cgy0, levC, levA, levB);
                caveReady = true;
              }
              const k = (y >> 2) - cgy0;
              const t = (y & 3) * 0.25;
              const c = levC[k] + (levC[k + 1] - levC[k]) * t;
              if (c > CHEESE_T) v = AIR;
              else {
                const a = levA[k] + (levA[k + 1] - levA[k]) * t;
                const b = levB[k] + (levB[k + 1] - levB[k]) * t;
                if (a * a + b * b < TUNNEL_T) v = AIR;
              }
            }
          } else v = y <= SEA_LEVEL ? WATER : AIR;
          out[base + ly * strideY] = v;
        }
      } else {
        // Overhang levels for y in [max(y0, h - amp), min(y1 + SUBLAYER_DEPTH, h + amp)), the voxels read them.
        const olo = y0 > h - amp ? y0 : h - amp;
        const ohi = y1 + SUBLAYER_DEPTH < h + amp ? y1 + SUBLAYER_DEPTH : h + amp;
        if (olo < ohi) columnLevelsRange(over, nx, nz, ix, iz, fx, fz, (olo >> 2) - ogy0, ((ohi - 1) >> 2) - ogy0 + 1, levO);
        let run = 0;
        let top: number = STONE;
        let sub: number = STONE;
        for (let y = y1 - 1 + SUBLAYER_DEPTH; y >= y0; y--) {
          let solid: boolean;
          if (y < h - amp) solid = true;
          else if (y >= h + amp) solid = false;
          else {
            const k = (y >> 2) - ogy0;
            solid = overhangSolid(y, h, amp, levO[k] + (levO[k + 1] - levO[k]) * ((y & 3) * 0.25));
          }
          if (solid) {
            run++;
            if (run === 1) {
              top = topMaterial(y, rock, snowY);
              sub = subMaterial(top, rock);
            }
          } else run = 0;
          if (y >= y1) continue;
          let v: number;
          if (y < DEEP_STONE_Y) v = STONE;
          else if (solid) {
            v = run === 1 ? top : run <= SUBLAYER_DEPTH ? sub : STONE;
            if (y < caveTop) {
              if (!caveReady) {
                caveLevels(cheese, tunA, tunB, nx, nz, ix, iz, fx, fz, caveLo, y1 < caveTop ? y1 : caveTop, cgy0, levC, levA, levB);
                caveReady = true;
              }
              const k = (y >> 2) - cgy0;
              const t = (y & 3) * 0.25;
              const c = levC[k] + (levC[k + 1] - levC[k]) * t;
              if (c > CHEESE_T) v = AIR;
              else {
                const a = levA[k] + (levA[k + 1] - levA[k]) * t;
                const b = levB[k] + (levB[k + 1] - levB[k]) * t;
                if (a * a + b * b < TUNNEL_T) v = AIR;
              }
            }
          } else v = y <= SEA_LEVEL ? WATER : AIR;
          out[base + (y - y0) * strideY] = v;
        }
      }
    }
  }

  fillOres(ctx, g, x0, y0, z0, sx, sy, sz, out, offset, strideX, strideY, strideZ);

  if (y1 > TREE_MIN_BASE && y0 < TREE_TOP_LIMIT) {
    const trees = g.trees;
    const count = g.treeCount;
    for (let t = 0; t < count; t++) stampTree(trees, t, x0, y0, z0, sx, sy, sz, out, offset, strideX, strideY, strideZ);
  }
}

/**
 * Cave levels of one column (in-cell offsets fx, fz in 0..3) for the voxels y in [lo, hi) (lo < hi): grid levels
 * (lo>>2) .. ((hi-1)>>2) + 1.
 */
function caveLevels(
  cheese: Float64Array,
  tunA: Float64Array,
  tunB: Float64Array,
  nx: number,
  nz: number,
  ix: number,
  iz: number,
  fx: number,
  fz: number,
  lo: number,
  hi: number,
  gy0: number,
  levC: Float64Array,
  levA: Float64Array,
  levB: Float64Array,
): void {
  const k0 = (lo >> 2) - gy0;
  const k1 = ((hi - 1) >> 2) - gy0 + 1;
  columnLevelsRange(cheese, nx, nz, ix, iz, fx, fz, k0, k1, levC);
  columnLevelsRange(tunA, nx, nz, ix, iz, fx, fz, k0, k1, levA);
  columnLevelsRange(tunB, nx, nz, ix, iz, fx, fz, k0, k1, levB);
}

/** Ore clusters of the cells meeting the box replace stone at DEEP_STONE_Y <= y <= column h - 2. */
function fillOres(
  ctx: TerrainContext,
  g: FillGrids,
  x0: number,
  y0: number,
  z0: number,
  sx: number,
  sy: number,
  sz: number,
  out: Uint16Array,
  offset: number,
  strideX: number,
  strideY: number,
  strideZ: number,
): void {
  const ylo = y0 > DEEP_STONE_Y ? y0 : DEEP_STONE_Y;
  const y1 = y0 + sy;
  if (ylo >= y1) return;
  const x1 = x0 + sx;
  const z1 = z0 + sz;
  const col = g.colInfo;
  const colSX = g.colSX;
  const colX0 = g.colX0;
  const colZ0 = g.colZ0;
  const seed = ctx.seed;
  const cx0 = x0 >> ORE_CELL_SHIFT;
  const cx1 = (x1 - 1) >> ORE_CELL_SHIFT;
  const cy0 = ylo >> ORE_CELL_SHIFT;
  const cy1 = (y1 - 1) >> ORE_CELL_SHIFT;
  const cz0 = z0 >> ORE_CELL_SHIFT;
  const cz1 = (z1 - 1) >> ORE_CELL_SHIFT;
  for (let ccy = cy0; ccy <= cy1; ccy++) {
    for (let ccz = cz0; ccz <= cz1; ccz++) {
      for (let ccx = cx0; ccx <= cx1; ccx++) {
        const c = oreCluster(seed, ccx, ccy, ccz);
        if (c === 0) continue;
        const id = clusterId(c);
        for (let bit = 0; bit < 8; bit++) {
          if (!clusterHas(c, bit)) continue;
          const x = clusterX(c, ccx, bit);
          const y = clusterY(c, ccy, bit);
          const z = clusterZ(c, ccz, bit);
          if (x < x0 || x >= x1 || y < ylo || y >= y1 || z < z0 || z >= z1) continue;
          if (y > infoHeight(col[x - colX0 + (z - colZ0) * colSX]) - 2) continue;
          const i = offset + (x - x0) * strideX + (y - y0) * strideY + (z - z0) * strideZ;
          if (out[i] === STONE) out[i] = id;
        }
      }
    }
  }
}
