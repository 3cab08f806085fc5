/**
 * Deterministic search for representative chunks of a seed's world, for benchmarks of generation and
 * meshing: each kind gets up to `count` chunk coordinates [cx, cy, cz].
 * - surface: contains the terrain surface of plains or hills (column height in [SEA_LEVEL + 4, 110)).
 * - cave: underground (cy = -1, y in [-32, 0)) below land, with at least 512 cave-air voxels.
 * - mountain: contains the terrain surface at y >= 128 (so the whole chunk is above y = 120).
 * - uniform: alternately sky air (cy = 9) and deep stone (cy = -3).
 * Candidates are chunk columns drawn by a seeded hash within +-1024 chunks of the origin; a kind the
 * search cannot fill within its budget comes back shorter (never padded).
 */
import { TerrainGenerator } from './TerrainGenerator';
import { hash2 } from './random';
import { SEA_LEVEL } from './terrainConstants';
import { BlockId } from '../../config/blocks';

export type ChunkCoord = readonly [number, number, number];

export interface RepresentativeChunks {
  surface: ChunkCoord[];
  cave: ChunkCoord[];
  mountain: ChunkCoord[];
  uniform: ChunkCoord[];
}

/** Candidate columns examined at most. */
const MAX_COLUMNS = 20000;
/** Chunks fully generated at most while looking for caves. */
const MAX_CAVE_TRIES = 200;
const MIN_CAVE_AIR = 512;

export function findRepresentativeChunks(seed: number, count: number): RepresentativeChunks {
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new Error(`sampleChunks: count must be an integer in [1, 1000], got ${count}`);
  }
  const gen = new TerrainGenerator(seed);
  const res: RepresentativeChunks = { surface: [], cave: [], mountain: [], uniform: [] };
  const voxels = new Uint16Array(32768);
  let caveTries = 0;
  for (let i = 0; i < MAX_COLUMNS; i++) {
    if (
      res.surface.length >= count &&
      res.mountain.length >= count &&
      res.uniform.length >= count &&
      (res.cave.length >= count || caveTries >= MAX_CAVE_TRIES)
    ) {
      break;
    }
    const r = hash2(seed, i, 0x51ced);
    const cx = (r & 2047) - 1024;
    const cz = ((r >>> 11) & 2047) - 1024;
    if (res.uniform.length < count) res.uniform.push(res.uniform.length % 2 === 0 ? [cx, 9, cz] : [cx, -3, cz]);
    const h = gen.surfaceHeight(cx * 32 + 16, cz * 32 + 16);
    const cy = Math.floor((h - 1) / 32);
    if (h >= SEA_LEVEL + 4 && h < 110 && res.surface.length < count) {
      if (gen.uniformId(cx, cy, cz) === -1) res.surface.push([cx, cy, cz]);
    } else if (h >= 136 && res.mountain.length < count) {
      if (gen.uniformId(cx, cy, cz) === -1) res.mountain.push([cx, cy, cz]);
    }
    if (h >= 24 && res.cave.length < count && caveTries < MAX_CAVE_TRIES) {
      caveTries++;
      if (gen.generateChunk(cx, -1, cz, voxels) === -1) {
        let air = 0;
        for (let v = 0; v < voxels.length; v++) if (voxels[v] === BlockId.AIR) air++;
        if (air >= MIN_CAVE_AIR) res.cave.push([cx, -1, cz]);
      }
    }
  }
  return res;
}
