/**
 * Everything a generator instance keeps for its lifetime: the seed's noise fields, the grid cache and
 * the scratch of region fills (typed arrays, sized for a whole chunk; reused, never reallocated).
 */
import { CHUNK_AREA } from '../../types/chunk';
import type { TerrainNoise } from './terrainNoise';
import { createTerrainNoise } from './terrainNoise';
import type { GridCache } from './heightField';
import { createGridCache } from './heightField';
import { TREE_STRIDE } from './trees';

/** Grid points per axis of a chunk-sized region (32 / 4 + 1). */
export const REGION_GRID = 9;
/** Max grid levels in y of a region's 3D fields (32 + 4 extra blocks above -> 10, with margin). */
export const REGION_LEVELS = 12;
/** Max trees touching a region (6 x 6 cells for a chunk). */
export const REGION_TREES = 64;

export interface TerrainScratch {
  /** Packed grid infos of the region, index ix + iz * ngx. */
  readonly gridInfo: Int32Array;
  /** Region grid stats: [minH, maxH, maxAmp, ngx, ngz]. */
  readonly stats: Int32Array;
  /** Packed column infos, index lx + lz * sx. */
  readonly colInfo: Int32Array;
  /** Coarse 3D grids, index ix + iz*ngx + iy*ngx*ngz. */
  readonly cheese: Float64Array;
  readonly tunnelA: Float64Array;
  readonly tunnelB: Float64Array;
  readonly overhang: Float64Array;
  /** One column's level values per field. */
  readonly levCheese: Float64Array;
  readonly levA: Float64Array;
  readonly levB: Float64Array;
  readonly levOverhang: Float64Array;
  readonly trees: Int32Array;
  /** A whole chunk, for uniformId's exact fallback. */
  readonly chunk: Uint16Array;
}

/**
 * Direct-mapped memo of chunk-column grid bounds, keyed by (cx, cz): [minH, maxH, maxAmp] over the 9x9 grid
 * points covering the chunk column (what boxUniform needs for a whole chunk), so that only the first
 * chunk of a column pays for its grid.
 */
export interface ColumnBoundsCache {
  readonly mask: number;
  readonly keyX: Int32Array;
  readonly keyZ: Int32Array;
  /** 3 values per slot: minH, maxH, maxAmp. */
  readonly bounds: Int32Array;
}

export const COLUMN_BOUNDS_SLOTS = 4096;

export interface TerrainContext {
  readonly seed: number;
  readonly noise: TerrainNoise;
  readonly cache: GridCache;
  readonly columnBounds: ColumnBoundsCache;
  readonly scratch: TerrainScratch;
}

export function createTerrainContext(seed: number): TerrainContext {
  const g3 = REGION_GRID * REGION_GRID * REGION_LEVELS;
  return {
    seed: seed >>> 0,
    noise: createTerrainNoise(seed),
    cache: createGridCache(16),
    columnBounds: {
      mask: COLUMN_BOUNDS_SLOTS - 1,
      keyX: new Int32Array(COLUMN_BOUNDS_SLOTS).fill(-0x80000000),
      keyZ: new Int32Array(COLUMN_BOUNDS_SLOTS),
      bounds: new Int32Array(COLUMN_BOUNDS_SLOTS * 3),
    },
    scratch: {
      gridInfo: new Int32Array(REGION_GRID * REGION_GRID),
      stats: new Int32Array(5),
      colInfo: new Int32Array(CHUNK_AREA),
      cheese: new Float64Array(g3),
      tunnelA: new Float64Array(g3),
      tunnelB: new Float64Array(g3),
      overhang: new Float64Array(g3),
      levCheese: new Float64Array(REGION_LEVELS),
      levA: new Float64Array(REGION_LEVELS),
      levB: new Float64Array(REGION_LEVELS),
      levOverhang: new Float64Array(REGION_LEVELS),
      trees: new Int32Array(REGION_TREES * TREE_STRIDE),
      chunk: new Uint16Array(32768),
    },
  };
}
