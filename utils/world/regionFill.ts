/**
 * Fills of a single world-aligned box (generateChunk, generateBorder, uniformId's fallback): the coarse data of
 * the box alone (grid infos, column infos, cave and overhang grids over the bands where they matter, trees)
 * into ctx.region, then the voxel loop of boxFill.ts. Box conventions as in boxFill.ts.
 */
import type { TerrainContext } from './terrainContext';
import { REGION_LEVELS, REGION_TREES } from './terrainContext';
import { combineColumn, gridInfo, infoAmp, infoHeight } from './heightField';
import { FIELD_CHEESE, FIELD_OVERHANG, FIELD_TUNNEL_A, FIELD_TUNNEL_B, fillFieldGrid } from './volumeFields';
import { snowLineAt } from './columnMaterials';
import { collectTrees } from './trees';
import { fillBox } from './boxFill';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { CAVE_SURFACE_MARGIN, DEEP_STONE_Y, SUBLAYER_DEPTH, TREE_MIN_BASE, TREE_TOP_LIMIT } = TC;

/**
 * Loads the packed grid infos covering columns [x0, x0+sx) x [z0, z0+sz) into scratch.gridInfo and
 * writes scratch.stats = [minH, maxH, maxAmp, ngx, ngz]. Every column of the box has
 * minH <= h <= maxH and amp <= maxAmp.
 */
export function loadRegionGrid(ctx: TerrainContext, x0: number, z0: number, sx: number, sz: number): void {
  const { cache, noise, scratch } = ctx;
  const gx0 = x0 >> 2;
  const gz0 = z0 >> 2;
  const ngx = ((x0 + sx - 1) >> 2) - gx0 + 2;
  const ngz = ((z0 + sz - 1) >> 2) - gz0 + 2;
  let minH = 1 << 30;
  let maxH = -(1 << 30);
  let maxAmp = 0;
  const g = scratch.gridInfo;
  for (let iz = 0; iz < ngz; iz++) {
    for (let ix = 0; ix < ngx; ix++) {
      const info = gridInfo(cache, noise, gx0 + ix, gz0 + iz);
      g[ix + iz * ngx] = info;
      const h = infoHeight(info);
      const a = infoAmp(info);
      if (h < minH) minH = h;
      if (h > maxH) maxH = h;
      if (a > maxAmp) maxAmp = a;
    }
  }
  const st = scratch.stats;
  st[0] = minH;
  st[1] = maxH;
  st[2] = maxAmp;
  st[3] = ngx;
  st[4] = ngz;
}

export function fillRegion(
  ctx: TerrainContext,
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
  prepareRegion(ctx, x0, y0, z0, sx, sy, sz);
  fillBox(ctx, ctx.region, x0, y0, z0, sx, sy, sz, out, offset, strideX, strideY, strideZ);
}

/** Coarse data of the box alone into ctx.region (grids indexed from the box's own first grid point). */
function prepareRegion(ctx: TerrainContext, x0: number, y0: number, z0: number, sx: number, sy: number, sz: number): void {
  const { noise, scratch, seed } = ctx;
  const g = ctx.region;
  const y1 = y0 + sy;
  loadRegionGrid(ctx, x0, z0, sx, sz);
  const st = scratch.stats;
  const minH = st[0];
  const maxH = st[1];
  const maxAmp = st[2];
  const ngx = st[3];
  const ngz = st[4];
  const gx0 = x0 >> 2;
  const gz0 = z0 >> 2;
  const gi = scratch.gridInfo;
  g.gx0 = gx0;
  g.gz0 = gz0;
  g.nx = ngx;
  g.nz = ngz;
  g.colX0 = x0;
  g.colZ0 = z0;
  g.colSX = sx;

  // Column infos and snow lines, index lx + lz * sx.
  const col = g.colInfo;
  const snow = g.snowY;
  for (let lz = 0; lz < sz; lz++) {
    const wz = z0 + lz;
    const iz = (wz >> 2) - gz0;
    const fz = wz & 3;
    for (let lx = 0; lx < sx; lx++) {
      const wx = x0 + lx;
      const i = (wx >> 2) - gx0 + iz * ngx;
      col[lx + lz * sx] = combineColumn(gi[i], gi[i + 1], gi[i + ngx], gi[i + ngx + 1], wx & 3, fz);
      snow[lx + lz * sx] = snowLineAt(seed, wx, wz);
    }
  }

  // Cave grids over the band where caves can be: [max(y0, DEEP), min(y1, maxH - margin)).
  const caveLo = y0 > DEEP_STONE_Y ? y0 : DEEP_STONE_Y;
  const caveHi = y1 < maxH - CAVE_SURFACE_MARGIN ? y1 : maxH - CAVE_SURFACE_MARGIN;
  g.caveGy0 = 0;
  if (caveLo < caveHi) {
    const cgy0 = caveLo >> 2;
    const cny = ((caveHi - 1) >> 2) - cgy0 + 2;
    checkLevels(cny);
    g.caveGy0 = cgy0;
    fillFieldGrid(noise, FIELD_CHEESE, gx0, cgy0, gz0, ngx, cny, ngz, g.cheese);
    fillFieldGrid(noise, FIELD_TUNNEL_A, gx0, cgy0, gz0, ngx, cny, ngz, g.tunnelA);
    fillFieldGrid(noise, FIELD_TUNNEL_B, gx0, cgy0, gz0, ngx, cny, ngz, g.tunnelB);
  }

  // Overhang grid over [max(y0, minH - maxAmp), min(y1 + SUBLAYER_DEPTH, maxH + maxAmp)).
  g.overGy0 = 0;
  if (maxAmp > 0) {
    const lo = y0 > minH - maxAmp ? y0 : minH - maxAmp;
    const hi = y1 + SUBLAYER_DEPTH < maxH + maxAmp ? y1 + SUBLAYER_DEPTH : maxH + maxAmp;
    if (lo < hi) {
      const ogy0 = lo >> 2;
      const ony = ((hi - 1) >> 2) - ogy0 + 2;
      checkLevels(ony);
      g.overGy0 = ogy0;
      fillFieldGrid(noise, FIELD_OVERHANG, gx0, ogy0, gz0, ngx, ony, ngz, g.overhang);
    }
  }

  g.treeCount =
    y1 > TREE_MIN_BASE && y0 < TREE_TOP_LIMIT ? collectTrees(ctx.cache, noise, x0, x0 + sx, z0, z0 + sz, g.trees, REGION_TREES) : 0;
}

function checkLevels(n: number): void {
  if (n > REGION_LEVELS) throw new Error(`regionFill: region needs ${n} grid levels, scratch holds ${REGION_LEVELS}`);
}
