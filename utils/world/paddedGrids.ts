/**
 * Coarse data of a chunk and its six border slices at once: one preparation for the padded box
 * [x0-1, x0+33) x [y0-1, y0+33) x [z0-1, z0+33) (x0 = cx*32, ...), so the chunk and the slices share grid
 * infos, column infos, snow lines, trees and every cave/overhang noise sample they have in common.
 *
 * Layout (FillGrids, boxFill.ts): grid point (gx, gy, gz) at (gx - gx0) + (gz - gz0)*PAD_GRID +
 * (gy - gy0)*PAD_GRID^2 with gx0 = x0/4 - 1, gz0 = z0/4 - 1, gy0 = y0/4 - 1 (both field groups share gy0);
 * PAD_GRID = 11 points per horizontal axis (x0-4 .. x0+36), PAD_LEVELS = 12 levels (y0-4 .. y0+40). Column
 * infos of world columns [x0-1, x0+33) x [z0-1, z0+33), index (x - x0 + 1) + (z - z0 + 1)*PAD_COLS.
 *
 * Noise is sampled lazily per box: only the grid points the box's voxels interpolate with a non-zero weight,
 * over the bands where caves or overhangs can be in that box (from its own columns' heights), and only
 * once per call (a per-column bit mask of sampled levels per field group). Points read with weight 0 (on
 * grid lines, see boxFill.ts) are never sampled.
 */
import type { TerrainContext } from './terrainContext';
import type { FillGrids } from './boxFill';
import { combineColumn, gridInfo, infoAmp, infoHeight } from './heightField';
import { FIELD_CHEESE, FIELD_OVERHANG, FIELD_TUNNEL_A, FIELD_TUNNEL_B, fillFieldLevels } from './volumeFields';
import { snowLineAt } from './columnMaterials';
import { TREE_STRIDE, collectTrees } from './trees';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { CAVE_SURFACE_MARGIN, DEEP_STONE_Y, SUBLAYER_DEPTH, TREE_MIN_BASE, TREE_TOP_LIMIT } = TC;

/** Grid points per horizontal axis of the padded box: gx0 = x0/4 - 1 .. x0/4 + 9. */
export const PAD_GRID = 11;
/** Grid levels of the padded box: y0/4 - 1 .. y0/4 + 10 (overhangs read up to y0 + 32 + SUBLAYER_DEPTH). */
export const PAD_LEVELS = 12;
/** World columns per horizontal axis of the padded box: x0 - 1 .. x0 + 32. */
export const PAD_COLS = 34;
/** Max trees reaching the padded box (6 x 6 tree cells). */
const PAD_TREES = 64;

const PAD_LAYER = PAD_GRID * PAD_GRID;

export interface PaddedGrids extends FillGrids {
  /** Packed grid infos, index (gx - gx0) + (gz - gz0) * PAD_GRID. */
  readonly gridInfo: Int32Array;
  /** Per grid column (same index): bit k set = level gy0 + k sampled this call, cave fields / overhang. */
  readonly caveSampled: Int32Array;
  readonly overSampled: Int32Array;
  /** Whether the column infos of the chunk's own 32x32 columns are loaded this call (x/z slices load their own). */
  coreColumns: boolean;
  /** Boxes of the six border slices (chunkWithBorders.ts borderBox), FACE_BOX ints each. */
  readonly faceBoxes: Int32Array;
  /** A chunk with the layers below and above it: voxel (x, y, z) at x + z*32 + (y - y0 + 1)*1024 for y in
   *  [y0-1, y0+33) (TALL_VOLUME ids), with views of 32768 ids at layer 0 and 1 and of 1024 ids at layers 0, 32, 33. */
  readonly tall: Uint16Array;
  readonly tallChunk0: Uint16Array;
  readonly tallChunk1: Uint16Array;
  readonly tallLayer0: Uint16Array;
  readonly tallLayer32: Uint16Array;
  readonly tallLayer33: Uint16Array;
}

/** Ids in PaddedGrids.tall: 34 layers of 32x32. */
export const TALL_VOLUME = 34 * 1024;

/** Ints per box record: [x0, y0, z0, sx, sy, sz, strideX, strideY, strideZ]. */
export const FACE_BOX = 9;

export function createPaddedGrids(): PaddedGrids {
  const g3 = PAD_LAYER * PAD_LEVELS;
  const cols = PAD_COLS * PAD_COLS;
  const tall = new Uint16Array(TALL_VOLUME);
  return {
    tall,
    tallChunk0: tall.subarray(0, 32768),
    tallChunk1: tall.subarray(1024, 1024 + 32768),
    tallLayer0: tall.subarray(0, 1024),
    tallLayer32: tall.subarray(32 * 1024, 33 * 1024),
    tallLayer33: tall.subarray(33 * 1024, 34 * 1024),
    gx0: 0,
    gz0: 0,
    nx: PAD_GRID,
    nz: PAD_GRID,
    caveGy0: 0,
    overGy0: 0,
    cheese: new Float64Array(g3),
    tunnelA: new Float64Array(g3),
    tunnelB: new Float64Array(g3),
    overhang: new Float64Array(g3),
    colX0: 0,
    colZ0: 0,
    colSX: PAD_COLS,
    colInfo: new Int32Array(cols),
    snowY: new Int32Array(cols),
    trees: new Int32Array(PAD_TREES * TREE_STRIDE),
    treeCount: 0,
    levCheese: new Float64Array(PAD_LEVELS),
    levA: new Float64Array(PAD_LEVELS),
    levB: new Float64Array(PAD_LEVELS),
    levOverhang: new Float64Array(PAD_LEVELS),
    gridInfo: new Int32Array(PAD_LAYER),
    caveSampled: new Int32Array(PAD_LAYER),
    overSampled: new Int32Array(PAD_LAYER),
    coreColumns: false,
    faceBoxes: new Int32Array(6 * FACE_BOX),
  };
}

/**
 * Starts a padded preparation for the chunk whose min corner is world (x0, y0, z0) (multiples of 32): grid
 * infos of the padded box and its trees (when it reaches tree heights); no column infos or noise samples yet
 * (prepareBox loads those a box needs).
 */
export function beginPadded(ctx: TerrainContext, x0: number, y0: number, z0: number): void {
  const { cache, noise, seed } = ctx;
  const g = ctx.padded;
  const gx0 = (x0 >> 2) - 1;
  const gz0 = (z0 >> 2) - 1;
  g.gx0 = gx0;
  g.gz0 = gz0;
  g.caveGy0 = (y0 >> 2) - 1;
  g.overGy0 = g.caveGy0;
  g.colX0 = x0 - 1;
  g.colZ0 = z0 - 1;
  const gi = g.gridInfo;
  for (let iz = 0; iz < PAD_GRID; iz++) {
    for (let ix = 0; ix < PAD_GRID; ix++) gi[ix + iz * PAD_GRID] = gridInfo(cache, noise, gx0 + ix, gz0 + iz);
  }
  g.caveSampled.fill(0);
  g.overSampled.fill(0);
  g.coreColumns = false;
  g.treeCount =
    y0 + 33 > TREE_MIN_BASE && y0 - 1 < TREE_TOP_LIMIT
      ? collectTrees(cache, noise, x0 - 1, x0 + 33, z0 - 1, z0 + 33, g.trees, PAD_TREES)
      : 0;
}

/**
 * Samples the cave and overhang grid points box [bx0, bx0+sx) x [by0, by0+sy) x [bz0, bz0+sz) (inside the padded
 * box of the last beginPadded) interpolates with a non-zero weight, unless sampled already this call.
 */
export function prepareBox(ctx: TerrainContext, bx0: number, by0: number, bz0: number, sx: number, sy: number, sz: number): void {
  const g = ctx.padded;
  if (sx !== 32 || sz !== 32) loadColumns(ctx, bx0, bz0, sx, sz);
  else if (!g.coreColumns) {
    loadColumns(ctx, bx0, bz0, 32, 32);
    g.coreColumns = true;
  }
  const col = g.colInfo;
  const cb = bx0 - g.colX0 + (bz0 - g.colZ0) * PAD_COLS;
  let maxH = -(1 << 30);
  let overLo = 1 << 30; // min h - amp over columns with amp > 0
  let overHi = -(1 << 30); // max h + amp
  for (let lz = 0; lz < sz; lz++) {
    for (let lx = 0; lx < sx; lx++) {
      const info = col[cb + lx + lz * PAD_COLS];
      const h = infoHeight(info);
      const a = infoAmp(info);
      if (h > maxH) maxH = h;
      if (a !== 0) {
        if (h - a < overLo) overLo = h - a;
        if (h + a > overHi) overHi = h + a;
      }
    }
  }
  const by1 = by0 + sy;
  // Caves: voxels y in [max(by0, DEEP), min(by1, h - margin)) of each column.
  const caveLo = by0 > DEEP_STONE_Y ? by0 : DEEP_STONE_Y;
  const caveHi = by1 < maxH - CAVE_SURFACE_MARGIN ? by1 : maxH - CAVE_SURFACE_MARGIN;
  if (caveLo < caveHi) sampleBox(ctx, g.caveSampled, true, bx0, bz0, sx, sz, caveLo, caveHi);
  // Overhangs: voxels y in [max(by0, h - amp), min(by1 + SUBLAYER_DEPTH, h + amp)) of columns with amp > 0.
  const oLo = by0 > overLo ? by0 : overLo;
  const oHi = by1 + SUBLAYER_DEPTH < overHi ? by1 + SUBLAYER_DEPTH : overHi;
  if (oLo < oHi) sampleBox(ctx, g.overSampled, false, bx0, bz0, sx, sz, oLo, oHi);
}

/** Column infos and snow lines of world columns [x0, x0+sx) x [z0, z0+sz) (inside the padded columns). */
function loadColumns(ctx: TerrainContext, x0: number, z0: number, sx: number, sz: number): void {
  const g = ctx.padded;
  const seed = ctx.seed;
  const gi = g.gridInfo;
  const col = g.colInfo;
  const snow = g.snowY;
  const gx0 = g.gx0;
  const gz0 = g.gz0;
  for (let wz = z0; wz < z0 + sz; wz++) {
    const iz = (wz >> 2) - gz0;
    const fz = wz & 3;
    const row = (wz - g.colZ0) * PAD_COLS - g.colX0;
    for (let wx = x0; wx < x0 + sx; wx++) {
      const i = (wx >> 2) - gx0 + iz * PAD_GRID; // (wx >> 2) - gx0 and iz are in 0..9
      col[row + wx] = combineColumn(gi[i], gi[i + 1], gi[i + PAD_GRID], gi[i + PAD_GRID + 1], wx & 3, fz);
      snow[row + wx] = snowLineAt(seed, wx, wz);
    }
  }
}

/** Last grid index whose weight is non-zero for coordinates in [lo, hi): (hi-1)/4, +1 unless hi-1 is on a grid line. */
function lastPoint(hi: number): number {
  return ((hi - 1) >> 2) + (((hi - 1) & 3) !== 0 ? 1 : 0);
}

function sampleBox(
  ctx: TerrainContext,
  sampled: Int32Array,
  cave: boolean,
  bx0: number,
  bz0: number,
  sx: number,
  sz: number,
  ylo: number,
  yhi: number,
): void {
  const g = ctx.padded;
  const noise = ctx.noise;
  const gy0 = g.caveGy0;
  const ka = (ylo >> 2) - gy0;
  const kb = lastPoint(yhi) - gy0;
  if (ka < 0 || kb >= PAD_LEVELS) {
    throw new Error(`paddedGrids: levels ${ka}..${kb} of box y [${ylo}, ${yhi}) outside 0..${PAD_LEVELS - 1}`);
  }
  const need = ((1 << (kb - ka + 1)) - 1) << ka;
  const ixa = (bx0 >> 2) - g.gx0;
  const ixb = lastPoint(bx0 + sx) - g.gx0;
  const iza = (bz0 >> 2) - g.gz0;
  const izb = lastPoint(bz0 + sz) - g.gz0;
  for (let iz = iza; iz <= izb; iz++) {
    for (let ix = ixa; ix <= ixb; ix++) {
      const c = ix + iz * PAD_GRID;
      const missing = need & ~sampled[c];
      if (missing === 0) continue;
      sampled[c] |= missing;
      const gx = g.gx0 + ix;
      const gz = g.gz0 + iz;
      if (cave) {
        fillFieldLevels(noise, FIELD_CHEESE, gx, gy0, gz, missing, g.cheese, c, PAD_LAYER);
        fillFieldLevels(noise, FIELD_TUNNEL_A, gx, gy0, gz, missing, g.tunnelA, c, PAD_LAYER);
        fillFieldLevels(noise, FIELD_TUNNEL_B, gx, gy0, gz, missing, g.tunnelB, c, PAD_LAYER);
      } else {
        fillFieldLevels(noise, FIELD_OVERHANG, gx, gy0, gz, missing, g.overhang, c, PAD_LAYER);
      }
    }
  }
}
