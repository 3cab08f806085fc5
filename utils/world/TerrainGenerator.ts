/**
 * Deterministic terrain: a pure function of (seed, cx, cy, cz). The class only holds the seed's noise
 * tables, a grid cache and scratch (see terrainContext.ts); the work is in the free-function modules
 * beside it (heightField, volumeFields, columnMaterials, ores, trees, regionFill, uniformDetection).
 *
 * Layout (types/chunk.ts): voxels index = x + z*32 + y*1024; border slices: x faces z + y*32,
 * y faces x + z*32, z faces x + y*32. Faces 0..5 = +x, -x, +y, -y, +z, -z.
 */
import { CHUNK_AREA, CHUNK_SIZE, CHUNK_VOLUME } from '../../types/chunk';
import type { TerrainContext } from './terrainContext';
import { createTerrainContext } from './terrainContext';
import { fillRegion } from './regionFill';
import { NOT_UNIFORM, UNDECIDED, boxUniform, proveChunkNotUniform, scanUniform } from './uniformDetection';
import { columnInfo, infoAmp, infoHeight } from './heightField';
import { FIELD_OVERHANG, overhangSolid, pointField } from './volumeFields';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { CHUNK_COORD_LIMIT } = TC;

const WORLD_LIMIT = CHUNK_COORD_LIMIT * CHUNK_SIZE;

export class TerrainGenerator {
  readonly seed: number;
  private readonly ctx: TerrainContext;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`TerrainGenerator: seed must be an integer in [0, 4294967295], got ${seed}`);
    }
    this.seed = seed;
    this.ctx = createTerrainContext(seed);
  }

  /** Fills out[0..32768) and returns -1, or returns the single block id the chunk is made of. */
  generateChunk(cx: number, cy: number, cz: number, out: Uint16Array): number {
    checkChunk('generateChunk', cx, cy, cz);
    if (out.length < CHUNK_VOLUME) {
      throw new Error(`TerrainGenerator.generateChunk: out.length must be >= ${CHUNK_VOLUME}, got ${out.length}`);
    }
    const x0 = cx * CHUNK_SIZE;
    const y0 = cy * CHUNK_SIZE;
    const z0 = cz * CHUNK_SIZE;
    const u = boxUniform(this.ctx, x0, y0, z0, 32, 32, 32);
    if (u >= 0) return u;
    fillRegion(this.ctx, x0, y0, z0, 32, 32, 32, out, 0, 1, 1024, 32);
    // A fill can turn out uniform only in freak cases (solid stone without ore or cave); then out holds that id.
    return u === NOT_UNIFORM ? NOT_UNIFORM : scanUniform(out, 0, CHUNK_VOLUME);
  }

  /**
   * The 32x32 layer just outside face `face` of chunk (cx, cy, cz), i.e. the facing layer of the neighbour
   * chunk. Fills out[offset..offset+1024) and returns -1, or returns the uniform id of the slice (out may
   * or may not have been filled then).
   */
  generateBorder(cx: number, cy: number, cz: number, face: number, out: Uint16Array, offset = 0): number {
    checkChunk('generateBorder', cx, cy, cz);
    if (!Number.isInteger(face) || face < 0 || face > 5) {
      throw new Error(`TerrainGenerator.generateBorder: face must be an integer in [0, 5], got ${face}`);
    }
    if (!Number.isInteger(offset) || offset < 0 || offset + CHUNK_AREA > out.length) {
      throw new Error(
        `TerrainGenerator.generateBorder: offset must be an integer in [0, ${out.length - CHUNK_AREA}], got ${offset}`,
      );
    }
    let x0 = cx * CHUNK_SIZE;
    let y0 = cy * CHUNK_SIZE;
    let z0 = cz * CHUNK_SIZE;
    let sx = 32;
    let sy = 32;
    let sz = 32;
    let strideX = 1;
    let strideY = 32;
    let strideZ = 32;
    switch (face) {
      case 0:
      case 1: // x faces: index z + y*32
        x0 = face === 0 ? x0 + 32 : x0 - 1;
        sx = 1;
        strideX = 0;
        strideZ = 1;
        break;
      case 2:
      case 3: // y faces: index x + z*32
        y0 = face === 2 ? y0 + 32 : y0 - 1;
        sy = 1;
        strideY = 0;
        break;
      default: // z faces: index x + y*32
        z0 = face === 4 ? z0 + 32 : z0 - 1;
        sz = 1;
        strideZ = 0;
    }
    const u = boxUniform(this.ctx, x0, y0, z0, sx, sy, sz);
    if (u >= 0) return u;
    fillRegion(this.ctx, x0, y0, z0, sx, sy, sz, out, offset, strideX, strideY, strideZ);
    return u === NOT_UNIFORM ? NOT_UNIFORM : scanUniform(out, offset, CHUNK_AREA);
  }

  /** The uniform id of the chunk or -1, without filling voxels (agrees exactly with generateChunk). */
  uniformId(cx: number, cy: number, cz: number): number {
    checkChunk('uniformId', cx, cy, cz);
    const x0 = cx * CHUNK_SIZE;
    const y0 = cy * CHUNK_SIZE;
    const z0 = cz * CHUNK_SIZE;
    const u = boxUniform(this.ctx, x0, y0, z0, 32, 32, 32);
    if (u !== UNDECIDED) return u;
    if (proveChunkNotUniform(this.ctx, cx, cy, cz) === NOT_UNIFORM) return NOT_UNIFORM;
    // Exact fallback (rare): fill the instance's scratch chunk and look.
    const buf = this.ctx.scratch.chunk;
    fillRegion(this.ctx, x0, y0, z0, 32, 32, 32, buf, 0, 1, 1024, 32);
    return scanUniform(buf, 0, CHUNK_VOLUME);
  }

  /** Terrain surface height (top solid block y + 1, trees ignored) at world column (wx, wz). */
  surfaceHeight(wx: number, wz: number): number {
    if (!Number.isFinite(wx) || Math.abs(wx) >= WORLD_LIMIT || !Number.isFinite(wz) || Math.abs(wz) >= WORLD_LIMIT) {
      throw new Error(
        `TerrainGenerator.surfaceHeight: wx and wz must be finite and within +-${WORLD_LIMIT} blocks, got (${wx}, ${wz})`,
      );
    }
    const x = Math.floor(wx);
    const z = Math.floor(wz);
    const info = columnInfo(this.ctx.cache, this.ctx.noise, x, z);
    const h = infoHeight(info);
    const amp = infoAmp(info);
    if (amp === 0) return h;
    for (let y = h + amp - 1; y >= h - amp; y--) {
      if (overhangSolid(y, h, amp, pointField(this.ctx.noise, FIELD_OVERHANG, x, y, z))) return y + 1;
    }
    return h - amp;
  }
}

function checkChunk(method: string, cx: number, cy: number, cz: number): void {
  check(method, 'cx', cx);
  check(method, 'cy', cy);
  check(method, 'cz', cz);
}

function check(method: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < -CHUNK_COORD_LIMIT || v >= CHUNK_COORD_LIMIT) {
    throw new Error(
      `TerrainGenerator.${method}: ${name} must be an integer in [${-CHUNK_COORD_LIMIT}, ${CHUNK_COORD_LIMIT - 1}], got ${v}`,
    );
  }
}
