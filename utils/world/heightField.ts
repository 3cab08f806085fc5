/**
 * The height field: plains, hills and mountains from multi-octave simplex noise plus a low-frequency
 * mountainness mask, computed only at coarse grid points (every GRID_STEP = 4 blocks, world-aligned) as
 * integers and interpolated bilinearly in exact integer arithmetic. So a column's height always lies
 * within the min/max of its 4 grid corners, whichever chunk or slice asks for it.
 *
 * Column height h = top solid y + 1 before overhangs (solid at y < h when the column has no overhang).
 * Per grid point we also derive from the slope: `amp` (overhang displacement 0..MAX_OVERHANG) and
 * `rock` (bare stone surface). Results are memoised in a direct-mapped cache owned by the generator.
 */
import type { TerrainNoise } from './terrainNoise';
import { fbm2, ridged2, smoothstep } from './terrainNoise';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { GRID_STEP, MAX_HEIGHT, MAX_OVERHANG, MIN_HEIGHT } = TC;

/** Raw height (integer, clamped to [MIN_HEIGHT, MAX_HEIGHT]) at world column (wx, wz). */
export function rawHeight(n: TerrainNoise, wx: number, wz: number): number {
  const cont = fbm2(n.continent, wx / 2600, wz / 2600, 2);
  const ocean = smoothstep(-0.12, -0.5, cont); // 0 on land, 1 in deep ocean
  const land = 1 - ocean;
  let h = 69 + 8 * fbm2(n.detail, wx / 240, wz / 240, 3);
  h -= ocean * 80;
  const hillMask = smoothstep(0.05, 0.65, n.hillMask(wx / 900, wz / 900)) * land;
  if (hillMask > 0) h += hillMask * 40 * (0.5 + 0.5 * fbm2(n.hills, wx / 170, wz / 170, 3));
  const mountain = smoothstep(0.2, 0.62, fbm2(n.mountainMask, wx / 2300, wz / 2300, 2)) * land;
  if (mountain > 0) h += mountain * (22 + 118 * ridged2(n.ridges, wx / 460, wz / 460, 4));
  h = Math.round(h);
  return h < MIN_HEIGHT ? MIN_HEIGHT : h > MAX_HEIGHT ? MAX_HEIGHT : h;
}

/** Overhang amplitude and bare rock at a grid point from its height and slope (blocks per block). */
function slopeInfo(h: number, slope: number): number {
  const rock = slope >= 0.95 || (h >= 125 && slope >= 0.55) ? 1 : 0;
  let amp = 0;
  if (h >= 84 && slope > 1.2) {
    amp = Math.round((slope - 1) * 6);
    if (amp > MAX_OVERHANG) amp = MAX_OVERHANG;
  }
  return packInfo(h, amp, rock);
}

/** Packed grid/column info: bits 0..11 h - MIN_HEIGHT, 12..15 amp, 16 rock. */
export function packInfo(h: number, amp: number, rock: number): number {
  return (h - MIN_HEIGHT) | (amp << 12) | (rock << 16);
}
export function infoHeight(info: number): number {
  return (info & 0xfff) + MIN_HEIGHT;
}
export function infoAmp(info: number): number {
  return (info >>> 12) & 15;
}
export function infoRock(info: number): number {
  return (info >>> 16) & 1;
}

/** Direct-mapped memo of grid heights and grid infos, keyed by grid coordinates (gx = wx / 4). */
export interface GridCache {
  readonly mask: number;
  readonly shift: number;
  readonly hKeyX: Int32Array;
  readonly hKeyZ: Int32Array;
  readonly height: Int16Array;
  readonly iKeyX: Int32Array;
  readonly iKeyZ: Int32Array;
  readonly info: Int32Array;
}

const EMPTY = -0x80000000;

/** A cache of 2^bits entries per table (bits in [4, 20]). */
export function createGridCache(bits = 14): GridCache {
  if (!Number.isInteger(bits) || bits < 4 || bits > 20) {
    throw new Error(`heightField: cache bits must be an integer in [4, 20], got ${bits}`);
  }
  const size = 1 << bits;
  return {
    mask: size - 1,
    shift: 32 - bits,
    hKeyX: new Int32Array(size).fill(EMPTY),
    hKeyZ: new Int32Array(size),
    height: new Int16Array(size),
    iKeyX: new Int32Array(size).fill(EMPTY),
    iKeyZ: new Int32Array(size),
    info: new Int32Array(size),
  };
}

function slot(c: GridCache, gx: number, gz: number): number {
  return (Math.imul(gx, 0x9e3779b1) ^ Math.imul(gz, 0x85ebca77)) >>> c.shift;
}

/** Height of grid point (gx, gz) (world (gx*4, gz*4)). */
export function gridHeight(c: GridCache, n: TerrainNoise, gx: number, gz: number): number {
  const s = slot(c, gx, gz);
  if (c.hKeyX[s] === gx && c.hKeyZ[s] === gz) return c.height[s];
  const h = rawHeight(n, gx * GRID_STEP, gz * GRID_STEP);
  c.hKeyX[s] = gx;
  c.hKeyZ[s] = gz;
  c.height[s] = h;
  return h;
}

/** Packed info (height, overhang amplitude, rock) of grid point (gx, gz). */
export function gridInfo(c: GridCache, n: TerrainNoise, gx: number, gz: number): number {
  const s = (slot(c, gx, gz) + 1) & c.mask;
  if (c.iKeyX[s] === gx && c.iKeyZ[s] === gz) return c.info[s];
  const h = gridHeight(c, n, gx, gz);
  const dx = Math.abs(gridHeight(c, n, gx + 1, gz) - gridHeight(c, n, gx - 1, gz));
  const dz = Math.abs(gridHeight(c, n, gx, gz + 1) - gridHeight(c, n, gx, gz - 1));
  const info = slopeInfo(h, (dx > dz ? dx : dz) / (2 * GRID_STEP));
  c.iKeyX[s] = gx;
  c.iKeyZ[s] = gz;
  c.info[s] = info;
  return info;
}

/**
 * Floor of the bilinear interpolation of integer corner values at in-cell offsets fx, fz in 0..3
 * (exact integer arithmetic: the result lies within [min, max] of the corners).
 */
export function bilerpInt(v00: number, v10: number, v01: number, v11: number, fx: number, fz: number): number {
  const gx = 4 - fx;
  const gz = 4 - fz;
  return (v00 * gx * gz + v10 * fx * gz + v01 * gx * fz + v11 * fx * fz) >> 4;
}

/**
 * Packed info of the world column (wx, wz): height and amp interpolated (bilerpInt), rock when the
 * interpolated rock weight is at least half.
 */
export function columnInfo(c: GridCache, n: TerrainNoise, wx: number, wz: number): number {
  const gx = wx >> 2;
  const gz = wz >> 2;
  const fx = wx & 3;
  const fz = wz & 3;
  const i00 = gridInfo(c, n, gx, gz);
  const i10 = gridInfo(c, n, gx + 1, gz);
  const i01 = gridInfo(c, n, gx, gz + 1);
  const i11 = gridInfo(c, n, gx + 1, gz + 1);
  return combineColumn(i00, i10, i01, i11, fx, fz);
}

/** Column info from the 4 packed grid infos around it and the in-cell offsets (0..3). */
export function combineColumn(i00: number, i10: number, i01: number, i11: number, fx: number, fz: number): number {
  const h = bilerpInt(infoHeight(i00), infoHeight(i10), infoHeight(i01), infoHeight(i11), fx, fz);
  const amp = bilerpInt(infoAmp(i00), infoAmp(i10), infoAmp(i01), infoAmp(i11), fx, fz);
  const rockW = bilerpInt(infoRock(i00) * 16, infoRock(i10) * 16, infoRock(i01) * 16, infoRock(i11) * 16, fx, fz);
  return packInfo(h, amp, rockW >= 8 ? 1 : 0);
}
