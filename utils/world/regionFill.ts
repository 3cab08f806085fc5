/**
 * Fills a world-aligned box of voxels: a whole chunk, or the one-voxel-thick border slice of a
 * neighbour. Every voxel's id is a pure function of the seed and its world position (grid samples are
 * world-aligned, interpolation arithmetic is shared), so a slice equals the same voxels of a chunk.
 *
 * Box: world x in [x0, x0+sx), y in [y0, y0+sy), z in [z0, z0+sz), each size 1..32. Voxel (x, y, z) goes to
 * out[offset + (x-x0)*strideX + (y-y0)*strideY + (z-z0)*strideZ].
 *
 * Per voxel, in order: y < DEEP_STONE_Y -> stone; terrain-solid -> material by depth in its solid run
 * (top / sub-layer / stone), carved to air by caves at DEEP_STONE_Y <= y < h - CAVE_SURFACE_MARGIN;
 * not solid -> water at y <= SEA_LEVEL, else air; then ores replace stone; then trees replace air.
 */
import type { TerrainContext } from './terrainContext';
import { REGION_LEVELS, REGION_TREES } from './terrainContext';
import { combineColumn, gridInfo, infoAmp, infoHeight, infoRock } from './heightField';
import {
  FIELD_CHEESE,
  FIELD_OVERHANG,
  FIELD_TUNNEL_A,
  FIELD_TUNNEL_B,
  CHEESE_THRESHOLD,
  TUNNEL_THRESHOLD,
  columnLevels,
  fillFieldGrid,
  overhangSolid,
} from './volumeFields';
import { snowLineAt, subMaterial, topMaterial } from './columnMaterials';
import { clusterHas, clusterId, clusterX, clusterY, clusterZ, oreCluster } from './ores';
import { collectTrees, stampTree } from './trees';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const CHEESE_T = CHEESE_THRESHOLD;
const TUNNEL_T = TUNNEL_THRESHOLD;
const { AIR, CAVE_SURFACE_MARGIN, DEEP_STONE_Y, ORE_CELL_SHIFT, SEA_LEVEL, STONE, SUBLAYER_DEPTH, TREE_MIN_BASE, TREE_TOP_LIMIT, WATER } = TC;

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
  const { noise, scratch, seed } = ctx;
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
  const g = scratch.gridInfo;

  // Column infos.
  const col = scratch.colInfo;
  for (let lz = 0; lz < sz; lz++) {
    const wz = z0 + lz;
    const iz = (wz >> 2) - gz0;
    const fz = wz & 3;
    for (let lx = 0; lx < sx; lx++) {
      const wx = x0 + lx;
      const i = (wx >> 2) - gx0 + iz * ngx;
      col[lx + lz * sx] = combineColumn(g[i], g[i + 1], g[i + ngx], g[i + ngx + 1], wx & 3, fz);
    }
  }

  // Cave grids over the band where caves can be: [max(y0, DEEP), min(y1, maxH - margin)).
  const caveLo = y0 > DEEP_STONE_Y ? y0 : DEEP_STONE_Y;
  const caveHi = y1 < maxH - CAVE_SURFACE_MARGIN ? y1 : maxH - CAVE_SURFACE_MARGIN;
  let cgy0 = 0;
  let cny = 0;
  if (caveLo < caveHi) {
    cgy0 = caveLo >> 2;
    cny = ((caveHi - 1) >> 2) - cgy0 + 2;
    checkLevels(cny);
    fillFieldGrid(noise, FIELD_CHEESE, gx0, cgy0, gz0, ngx, cny, ngz, scratch.cheese);
    fillFieldGrid(noise, FIELD_TUNNEL_A, gx0, cgy0, gz0, ngx, cny, ngz, scratch.tunnelA);
    fillFieldGrid(noise, FIELD_TUNNEL_B, gx0, cgy0, gz0, ngx, cny, ngz, scratch.tunnelB);
  }

  // Overhang grid over [max(y0, minH - maxAmp), min(y1 + SUBLAYER_DEPTH, maxH + maxAmp)).
  let ogy0 = 0;
  let ony = 0;
  if (maxAmp > 0) {
    const lo = y0 > minH - maxAmp ? y0 : minH - maxAmp;
    const hi = y1 + SUBLAYER_DEPTH < maxH + maxAmp ? y1 + SUBLAYER_DEPTH : maxH + maxAmp;
    if (lo < hi) {
      ogy0 = lo >> 2;
      ony = ((hi - 1) >> 2) - ogy0 + 2;
      checkLevels(ony);
      fillFieldGrid(noise, FIELD_OVERHANG, gx0, ogy0, gz0, ngx, ony, ngz, scratch.overhang);
    }
  }

  const levC = scratch.levCheese;
  const levA = scratch.levA;
  const levB = scratch.levB;
  const levO = scratch.levOverhang;
  const cheese = scratch.cheese;
  const tunA = scratch.tunnelA;
  const tunB = scratch.tunnelB;

  for (let lz = 0; lz < sz; lz++) {
    const wz = z0 + lz;
    const iz = (wz >> 2) - gz0;
    const fz = (wz & 3) * 0.25;
    for (let lx = 0; lx < sx; lx++) {
      const wx = x0 + lx;
      const ix = (wx >> 2) - gx0;
      const fx = (wx & 3) * 0.25;
      const info = col[lx + lz * sx];
      const h = infoHeight(info);
      const amp = infoAmp(info);
      const rock = infoRock(info);
      const snowY = snowLineAt(seed, wx, wz);
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
                columnLevels(cheese, ngx, ngz, cny, ix, iz, fx, fz, levC);
                columnLevels(tunA, ngx, ngz, cny, ix, iz, fx, fz, levA);
                columnLevels(tunB, ngx, ngz, cny, ix, iz, fx, fz, levB);
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
        columnLevels(scratch.overhang, ngx, ngz, ony, ix, iz, fx, fz, levO);
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
                columnLevels(cheese, ngx, ngz, cny, ix, iz, fx, fz, levC);
                columnLevels(tunA, ngx, ngz, cny, ix, iz, fx, fz, levA);
                columnLevels(tunB, ngx, ngz, cny, ix, iz, fx, fz, levB);
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

  fillOres(ctx, x0, y0, z0, sx, sy, sz, out, offset, strideX, strideY, strideZ);

  if (y1 > TREE_MIN_BASE && y0 < TREE_TOP_LIMIT) {
    const trees = scratch.trees;
    const count = collectTrees(ctx.cache, noise, x0, x0 + sx, z0, z0 + sz, trees, REGION_TREES);
    for (let t = 0; t < count; t++) stampTree(trees, t, x0, y0, z0, sx, sy, sz, out, offset, strideX, strideY, strideZ);
  }
}

function checkLevels(n: number): void {
  if (n > REGION_LEVELS) throw new Error(`regionFill: region needs ${n} grid levels, scratch holds ${REGION_LEVELS}`);
}

/** Ore clusters of the cells meeting the box replace stone at DEEP_STONE_Y <= y <= column h - 2. */
function fillOres(
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
  const ylo = y0 > DEEP_STONE_Y ? y0 : DEEP_STONE_Y;
  const y1 = y0 + sy;
  if (ylo >= y1) return;
  const x1 = x0 + sx;
  const z1 = z0 + sz;
  const col = ctx.scratch.colInfo;
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
          if (y > infoHeight(col[x - x0 + (z - z0) * sx]) - 2) continue;
          const i = offset + (x - x0) * strideX + (y - y0) * strideY + (z - z0) * strideZ;
          if (out[i] === STONE) out[i] = id;
        }
      }
    }
  }
}
