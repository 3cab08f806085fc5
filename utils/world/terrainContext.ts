/**
 * Everything a generator instance keeps for its lifetime: the seed's noise fields, the grid cache and
 * the scratch of fills (typed arrays, sized for a whole chunk or a chunk with its border slices; reused,
 * never reallocated).
 */
import { CHUNK_AREA } from '../../types/chunk';
import type { TerrainNoise } from './terrainNoise';
import { createTerrainNoise } from './terrainNoise';
import type { GridCache } from './heightField';
import { createGridCache } from './heightField';
import { TREE_STRIDE } from './trees';
import type { FillGrids } from './boxFill';
import type { PaddedGrids } from './paddedGrids';
import { createPaddedGrids } from './paddedGrids';

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
  /** Trees of uniformity checks (boxUniform). */
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
  /** Coarse data of single-box fills (regionFill.ts), sized for a chunk. */
  readonly region: FillGrids;
  /** Coarse data of a chunk and its six border slices (paddedGrids.ts). */
  readonly padded: PaddedGrids;
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
      trees: new Int32Array(REGION_TREES * TREE_STRIDE),
      chunk: new Uint16Array(32768),
    },
    region: {
      gx0: 0,
      gz0: 0,
      nx: 0,
      nz: 0,
      caveGy0: 0,
      overGy0: 0,
      cheese: new Float64Array(g3),
      tunnelA: new Float64Array(g3),
      tunnelB: new Float64Array(g3),
      overhang: new Float64Array(g3),
      colX0: 0,
      colZ0: 0,
      colSX: 0,
      colInfo: new Int32Array(CHUNK_AREA),
      snowY: new Int32Array(CHUNK_AREA),
      trees: new Int32Array(REGION_TREES * TREE_STRIDE),
      treeCount: 0,
      levCheese: new Float64Array(REGION_LEVELS),
      levA: new Float64Array(REGION_LEVELS),
      levB: new Float64Array(REGION_LEVELS),
      levOverhang: new Float64Array(REGION_LEVELS),
    },
    padded: createPaddedGrids(),
  };
}
