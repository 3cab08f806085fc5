/**
 * 3D noise fields (caves, overhangs) sampled on the coarse world-aligned grid (every 4 blocks on
 * each axis) and interpolated trilinearly. Every path (whole chunk, border slice, single point) uses the
 * same grid samples and the same arithmetic in the same order, so a voxel gets the same value bits
 * whichever region computes it: first a bilinear blend in x/z at the two grid levels around y, then a
 * linear blend in y.
 */
import type { NoiseFunction3D } from 'simplex-noise';
import type { TerrainNoise } from './terrainNoise';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { GRID_STEP } = TC;

/** Field ids. */
export const FIELD_CHEESE = 0;
export const FIELD_TUNNEL_A = 1;
export const FIELD_TUNNEL_B = 2;
export const FIELD_OVERHANG = 3;

/** Frequencies (1/blocks) per field: horizontal (x, z) and vertical (y). */
const FREQ_XZ = [1 / 52, 1 / 88, 1 / 88, 1 / 22];
const FREQ_Y = [1 / 34, 1 / 56, 1 / 56, 1 / 18];

/** Cheese caves where the cheese field exceeds this. */
export const CHEESE_THRESHOLD = 0.58;
/** Spaghetti tunnels where tunnelA^2 + tunnelB^2 is below this. */
export const TUNNEL_THRESHOLD = 0.0075;

function fieldFn(n: TerrainNoise, field: number): NoiseFunction3D {
  return field === FIELD_CHEESE ? n.cheese : field === FIELD_TUNNEL_A ? n.tunnelA : field === FIELD_TUNNEL_B ? n.tunnelB : n.overhang;
}

/** Value of `field` at grid point (gx, gy, gz) = world (4gx, 4gy, 4gz). */
export function sampleField(n: TerrainNoise, field: number, gx: number, gy: number, gz: number): number {
  const fxz = FREQ_XZ[field];
  return fieldFn(n, field)(gx * GRID_STEP * fxz, gy * GRID_STEP * FREQ_Y[field], gz * GRID_STEP * fxz);
}

/**
 * Fills grid[ix + iz*nx + iy*nx*nz] = field at grid point (gx0 + ix, gy0 + iy, gz0 + iz),
 * for ix < nx, iy < ny, iz < nz.
 */
export function fillFieldGrid(
  n: TerrainNoise,
  field: number,
  gx0: number,
  gy0: number,
  gz0: number,
  nx: number,
  ny: number,
  nz: number,
  grid: Float64Array,
): void {
  const fn = fieldFn(n, field);
  const fxz = FREQ_XZ[field];
  const fy = FREQ_Y[field];
  let i = 0;
  for (let iy = 0; iy < ny; iy++) {
    const y = (gy0 + iy) * GRID_STEP * fy;
    for (let iz = 0; iz < nz; iz++) {
      const z = (gz0 + iz) * GRID_STEP * fxz;
      for (let ix = 0; ix < nx; ix++) grid[i++] = fn((gx0 + ix) * GRID_STEP * fxz, y, z);
    }
  }
}

export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

export function bilerp(a00: number, a10: number, a01: number, a11: number, fx: number, fz: number): number {
  return lerp(lerp(a00, a10, fx), lerp(a01, a11, fx), fz);
}

/**
 * Column levels: levels[k] = bilinear blend at in-cell offsets (fx, fz) = (ox, oz) * 0.25 of grid level k, for
 * k0 <= k <= k1, from a grid laid out as fillFieldGrid writes it (nx * nz points per level); (ix, iz) is the
 * column's cell corner. Offsets come as integers 0..3 so that no double is boxed for the call. A fill reads only
 * the levels its voxels interpolate between, so the grid need not hold the others.
 */
export function columnLevelsRange(
  grid: Float64Array,
  nx: number,
  nz: number,
  ix: number,
  iz: number,
  ox: number,
  oz: number,
  k0: number,
  k1: number,
  levels: Float64Array,
): void {
  const fx = ox * 0.25;
  const fz = oz * 0.25;
  const layer = nx * nz;
  let i = ix + iz * nx + k0 * layer;
  for (let k = k0; k <= k1; k++, i += layer) {
    levels[k] = bilerp(grid[i], grid[i + 1], grid[i + nx], grid[i + nx + 1], fx, fz);
  }
}

/**
 * Samples `field` at grid points (gx, gy0 + k, gz) for every bit k set in `bits` (k < 31) into
 * grid[index0 + k * layer], with the arithmetic of sampleField / fillFieldGrid (same value bits).
 */
export function fillFieldLevels(
  n: TerrainNoise,
  field: number,
  gx: number,
  gy0: number,
  gz: number,
  bits: number,
  grid: Float64Array,
  index0: number,
  layer: number,
): void {
  const fn = fieldFn(n, field);
  const fxz = FREQ_XZ[field];
  const fy = FREQ_Y[field];
  const x = gx * GRID_STEP * fxz;
  const z = gz * GRID_STEP * fxz;
  for (let k = 0; bits >>> k !== 0; k++) {
    if (((bits >>> k) & 1) === 0) continue;
    grid[index0 + k * layer] = fn(x, (gy0 + k) * GRID_STEP * fy, z);
  }
}

/** Trilinear value of `field` at world voxel (wx, wy, wz), same arithmetic as columnLevelsRange + lerp. */
export function pointField(n: TerrainNoise, field: number, wx: number, wy: number, wz: number): number {
  const gx = wx >> 2;
  const gy = wy >> 2;
  const gz = wz >> 2;
  const fx = (wx & 3) * 0.25;
  const fz = (wz & 3) * 0.25;
  const v0 = bilerp(
    sampleField(n, field, gx, gy, gz),
    sampleField(n, field, gx + 1, gy, gz),
    sampleField(n, field, gx, gy, gz + 1),
    sampleField(n, field, gx + 1, gy, gz + 1),
    fx,
    fz,
  );
  const v1 = bilerp(
    sampleField(n, field, gx, gy + 1, gz),
    sampleField(n, field, gx + 1, gy + 1, gz),
    sampleField(n, field, gx, gy + 1, gz + 1),
    sampleField(n, field, gx + 1, gy + 1, gz + 1),
    fx,
    fz,
  );
  return lerp(v0, v1, (wy & 3) * 0.25);
}

/** The cave rule on interpolated field values. */
export function isCaveValue(cheese: number, a: number, b: number): boolean {
  return cheese > CHEESE_THRESHOLD || a * a + b * b < TUNNEL_THRESHOLD;
}

/** Cave rule at a single voxel (the caller checks the vertical band). */
export function isCaveAt(n: TerrainNoise, wx: number, wy: number, wz: number): boolean {
  const c = pointField(n, FIELD_CHEESE, wx, wy, wz);
  if (c > CHEESE_THRESHOLD) return true;
  return isCaveValue(c, pointField(n, FIELD_TUNNEL_A, wx, wy, wz), pointField(n, FIELD_TUNNEL_B, wx, wy, wz));
}

/**
 * Overhang rule: a voxel of a column with height h and amplitude amp (> 0) is solid iff
 * y < h - amp, or y < h + amp and (y - h) < amp * value, value in [-1, 1] being the overhang field.
 */
export function overhangSolid(y: number, h: number, amp: number, value: number): boolean {
  return y < h - amp || (y < h + amp && y - h < amp * value);
}
