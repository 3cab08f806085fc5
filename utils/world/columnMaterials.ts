/**
 * Surface materials of a column, from the top block of a solid run (run depth 1) and the sub-layer
 * beneath it (run depths 2..SUBLAYER_DEPTH); deeper solid blocks are stone.
 */
import * as TC from './terrainConstants';
import { hash2 } from './random';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { DIRT, GRASS, GRAVEL, SAND, SEA_LEVEL, SNOW, SNOW_LINE, STONE } = TC;

const SNOW_SALT = 0x5a0b1e37;

/** y at and above which a top block of column (wx, wz) is snow: SNOW_LINE - 2 .. SNOW_LINE + 1. */
export function snowLineAt(seed: number, wx: number, wz: number): number {
  return SNOW_LINE - 2 + (hash2(seed ^ SNOW_SALT, wx, wz) & 3);
}

/**
 * Material of a top block at height yTop: snow above the snow line, bare stone on rocky slopes,
 * sand within 2 blocks of sea level (beaches), grass above, dirt then gravel deeper under water.
 */
export function topMaterial(yTop: number, rock: number, snowY: number): number {
  if (yTop >= snowY) return SNOW;
  if (rock) return STONE;
  if (yTop > SEA_LEVEL + 2) return GRASS;
  if (yTop >= SEA_LEVEL - 2) return SAND;
  if (yTop >= SEA_LEVEL - 8) return DIRT;
  return GRAVEL;
}

/** Sub-layer material under a top block. */
export function subMaterial(top: number, rock: number): number {
  if (top === GRASS) return DIRT;
  if (top === SNOW) return rock ? STONE : DIRT;
  return top; // sand, dirt, gravel, stone
}
