/**
 * Deciding that a box (chunk or border slice) is made of one block id, or provably is not, from the
 * coarse height grid alone, without filling voxels.
 *
 * Result codes: a block id (>= 0) when the box is uniform, NOT_UNIFORM (-1) when it provably holds two
 * ids, UNDECIDED (-2) when only a fill can tell.
 */
import type { TerrainContext } from './terrainContext';
import { REGION_TREES } from './terrainContext';
import { columnInfo, infoAmp, infoHeight, infoRock } from './heightField';
import { loadRegionGrid } from './regionFill';
import { collectTrees, stampTree } from './trees';
import { isCaveAt } from './volumeFields';
import { snowLineAt, subMaterial, topMaterial } from './columnMaterials';
import { clusterHas, clusterX, clusterY, clusterZ, oreCluster } from './ores';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { AIR, CAVE_SURFACE_MARGIN, DEEP_STONE_Y, MAX_SOLID_Y, ORE_CELL_SHIFT, SEA_LEVEL, STONE, SUBLAYER_DEPTH, TREE_MIN_BASE, TREE_TOP_LIMIT, WATER } = TC;

export const NOT_UNIFORM = -1;
export const UNDECIDED = -2;

/** Lowest y from which every box is air (terrain and trees end below it). */
export const SKY_Y = MAX_SOLID_Y > TREE_TOP_LIMIT ? MAX_SOLID_Y : TREE_TOP_LIMIT;

/**
 * O(1) cases first (sky above SKY_Y: air; below DEEP_STONE_Y: stone), then from the grid bounds of the
 * box: above every column's terrain it is water (top y <= SEA_LEVEL), mixed (straddles SEA_LEVEL) or air
 * (unless a tree reaches into it).
 */
export function boxUniform(
  ctx: TerrainContext,
  x0: number,
  y0: number,
  z0: number,
  sx: number,
  sy: number,
  sz: number,
): number {
  const y1 = y0 + sy;
  if (y0 >= SKY_Y) return AIR;
  if (y1 <= DEEP_STONE_Y) return STONE;
  let highAir: number; // no terrain-solid voxel at y >= maxH + maxAmp
  if (sx === 32 && sz === 32 && (x0 & 31) === 0 && (z0 & 31) === 0) {
    const b = ctx.columnBounds.bounds;
    const s = columnBoundsSlot(ctx, x0 >> 5, z0 >> 5);
    highAir = b[s + 1] + b[s + 2];
  } else {
    loadRegionGrid(ctx, x0, z0, sx, sz);
    const st = ctx.scratch.stats;
    highAir = st[1] + st[2];
  }
  if (y0 < highAir) return UNDECIDED;
  if (y1 - 1 <= SEA_LEVEL) return WATER; // trees start above sea level
  if (y0 <= SEA_LEVEL) return NOT_UNIFORM; // water at y0, air at y1 - 1
  if (y1 <= TREE_MIN_BASE || y0 >= TREE_TOP_LIMIT) return AIR;
  const trees = ctx.scratch.trees;
  const count = collectTrees(ctx.cache, ctx.noise, x0, x0 + sx, z0, z0 + sz, trees, REGION_TREES);
  for (let t = 0; t < count; t++) {
    // A tree block in an air box of 32x32 or more makes it mixed (a canopy is at most 5x5).
    if (stampTree(trees, t, x0, y0, z0, sx, sy, sz, null, 0, 0, 0, 0) > 0) return NOT_UNIFORM;
  }
  return AIR;
}

/** Index into columnBounds.bounds of chunk column (cx, cz), computing it on a miss. */
function columnBoundsSlot(ctx: TerrainContext, cx: number, cz: number): number {
  const cb = ctx.columnBounds;
  const slot = (Math.imul(cx, 0x9e3779b1) ^ Math.imul(cz, 0x85ebca77)) >>> 20 & cb.mask;
  const s = slot * 3;
  if (cb.keyX[slot] !== cx || cb.keyZ[slot] !== cz) {
    loadRegionGrid(ctx, cx * 32, cz * 32, 32, 32);
    const st = ctx.scratch.stats;
    cb.keyX[slot] = cx;
    cb.keyZ[slot] = cz;
    cb.bounds[s] = st[0];
    cb.bounds[s + 1] = st[1];
    cb.bounds[s + 2] = st[2];
  }
  return s;
}

/** Max ore candidates whose cave test is evaluated before giving up on the ore proof. */
const ORE_PROBES = 6;

/**
 * Proofs that chunk (cx, cy, cz) holds two ids (meant for chunks boxUniform left UNDECIDED).
 * Returns NOT_UNIFORM or UNDECIDED.
 * 1. A grid column without overhang whose surface is inside the chunk: its top block and the air/water
 *    above it differ.
 * 2. A grid column whose top or sub-layer block (not stone) is at the chunk's top y while its stone
 *    depth reaches the chunk's bottom y (stone, ore or cave air there: all differ from the top material).
 * 3. An ore voxel in surely-stone, not carved by a cave (ores are at most 8 voxels of 64).
 */
export function proveChunkNotUniform(ctx: TerrainContext, cx: number, cy: number, cz: number): number {
  const { scratch, noise, seed, cache } = ctx;
  const x0 = cx * 32;
  const y0 = cy * 32;
  const z0 = cz * 32;
  const y1 = y0 + 32;
  loadRegionGrid(ctx, x0, z0, 32, 32);
  const g = scratch.gridInfo;
  const ngx = scratch.stats[3];
  for (let iz = 0; iz < 8; iz++) {
    for (let ix = 0; ix < 8; ix++) {
      const info = g[ix + iz * ngx];
      if (infoAmp(info) !== 0) continue;
      const h = infoHeight(info);
      if (h - 1 >= y0 && h < y1) return NOT_UNIFORM;
      if (h >= y1 && h <= y1 - 1 + SUBLAYER_DEPTH && h - y0 > SUBLAYER_DEPTH) {
        const wx = x0 + ix * 4;
        const wz = z0 + iz * 4;
        const rock = infoRock(info);
        const top = topMaterial(h - 1, rock, snowLineAt(seed, wx, wz));
        const m = h - (y1 - 1) === 1 ? top : subMaterial(top, rock);
        if (m !== STONE) return NOT_UNIFORM;
      }
    }
  }
  const ylo = y0 > DEEP_STONE_Y ? y0 : DEEP_STONE_Y;
  if (ylo >= y1) return UNDECIDED;
  let probes = 0;
  const c0x = x0 >> ORE_CELL_SHIFT;
  const c0z = z0 >> ORE_CELL_SHIFT;
  for (let ccy = ylo >> ORE_CELL_SHIFT; ccy <= (y1 - 1) >> ORE_CELL_SHIFT; ccy++) {
    for (let ccz = c0z; ccz < c0z + 8; ccz++) {
      for (let ccx = c0x; ccx < c0x + 8; ccx++) {
        const c = oreCluster(seed, ccx, ccy, ccz);
        if (c === 0) continue;
        let bit = 0;
        while (!clusterHas(c, bit)) bit++;
        const x = clusterX(c, ccx, bit);
        const y = clusterY(c, ccy, bit);
        const z = clusterZ(c, ccz, bit);
        const info = columnInfo(cache, noise, x, z);
        if (infoAmp(info) !== 0) continue;
        const h = infoHeight(info);
        if (h - y <= SUBLAYER_DEPTH) continue; // not surely stone
        if (y < h - CAVE_SURFACE_MARGIN) {
          if (++probes > ORE_PROBES) return UNDECIDED;
          if (isCaveAt(noise, x, y, z)) continue;
        }
        return NOT_UNIFORM;
      }
    }
  }
  return UNDECIDED;
}

/** The id every voxel of out[offset .. offset + count) equals, or NOT_UNIFORM. */
export function scanUniform(out: Uint16Array, offset: number, count: number): number {
  const v = out[offset];
  for (let i = 1; i < count; i++) if (out[offset + i] !== v) return NOT_UNIFORM;
  return v;
}
