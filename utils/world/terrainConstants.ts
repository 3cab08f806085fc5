/**
 * Terrain constants. Units: blocks (1 block = 1 m), world coordinates, y up. Ranges are inclusive
 * unless written as [a, b).
 *
 * Vertical layout of the generated world:
 * - y < DEEP_STONE_Y: stone only (chunks with cy <= -2 are uniform stone, "deep rock").
 * - DEEP_STONE_Y <= y < column height - CAVE_SURFACE_MARGIN: stone with caves and ores.
 * - the column surface: grass / sand / dirt / gravel / snow / bare stone, 3 blocks of sub-layer below.
 * - terrain air at y <= SEA_LEVEL is water.
 * - nothing solid at y >= MAX_SOLID_Y (chunks with cy >= 8 are uniform air).
 */
import { BlockId } from '../../config/blocks';

/** y of the topmost water block: terrain air at y <= SEA_LEVEL is water (id 7). */
export const SEA_LEVEL = 62;
/** Everything below this y (exclusive) is stone: no caves, no ores. */
export const DEEP_STONE_Y = -32;
/** Nominal snow line: top blocks at y >= SNOW_LINE - 2 + (column hash & 3) are snow. */
export const SNOW_LINE = 150;

/** Spacing (blocks) of the coarse height grid, world-aligned: grid point g sits at world x = g * 4. */
export const GRID_STEP = 4;
export const GRID_SHIFT = 2;
/** Column heights (top solid y + 1 before overhangs) are clamped to [MIN_HEIGHT, MAX_HEIGHT]. */
export const MIN_HEIGHT = -8;
export const MAX_HEIGHT = 236;
/** Largest overhang displacement (blocks) above or below the height field on steep slopes. */
export const MAX_OVERHANG = 8;
/** No terrain block at y >= MAX_SOLID_Y (trees stay far lower, see TREE_MAX_BASE). */
export const MAX_SOLID_Y = MAX_HEIGHT + MAX_OVERHANG;

/** Caves carve only at y < column height - CAVE_SURFACE_MARGIN (and y >= DEEP_STONE_Y). */
export const CAVE_SURFACE_MARGIN = 6;
/** Depth (blocks below the top of a solid run, top = 1) down to which the sub-layer (dirt, sand...) reaches. */
export const SUBLAYER_DEPTH = 4;

/** Trees: one candidate per TREE_CELL x TREE_CELL cell (world-aligned), trunk offset 1..6 inside the cell. */
export const TREE_CELL = 8;
export const TREE_CELL_SHIFT = 3;
/** Horizontal canopy radius (blocks, Chebyshev) around the trunk. */
export const TREE_RADIUS = 2;
/** Trunk heights are TREE_MIN_TRUNK .. TREE_MIN_TRUNK + 2; the tree occupies y in [base, base + trunk + 2). */
export const TREE_MIN_TRUNK = 4;
export const TREE_MAX_HEIGHT = TREE_MIN_TRUNK + 2 + 2;
/** Trees grow only where the column height (the trunk's base y) is in [TREE_MIN_BASE, TREE_MAX_BASE]. */
export const TREE_MIN_BASE = SEA_LEVEL + 4;
export const TREE_MAX_BASE = SNOW_LINE - 12;
/** No tree block at y >= TREE_TOP_LIMIT. */
export const TREE_TOP_LIMIT = TREE_MAX_BASE + TREE_MAX_HEIGHT;

/** Ore cells: one candidate cluster (up to 8 voxels of a 2x2x2 block) per ORE_CELL^3 world-aligned cell. */
export const ORE_CELL = 4;
export const ORE_CELL_SHIFT = 2;

/** Chunk coordinates accepted by the generator: [-CHUNK_COORD_LIMIT, CHUNK_COORD_LIMIT) (= +-67M blocks). */
export const CHUNK_COORD_LIMIT = 1 << 21;

export const AIR = BlockId.AIR;
export const STONE = BlockId.STONE;
export const DIRT = BlockId.DIRT;
export const GRASS = BlockId.GRASS;
export const SAND = BlockId.SAND;
export const GRAVEL = BlockId.GRAVEL;
export const SNOW = BlockId.SNOW;
export const WATER = BlockId.WATER;
export const WOOD = BlockId.WOOD;
export const LEAVES = BlockId.LEAVES;
