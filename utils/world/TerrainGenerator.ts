/**
 * Deterministic terrain: a pure function of (seed, cx, cy, cz). The class only holds the seed's noise
 * tables, a grid cache and scratch (see terrainContext.ts); the work is in the free-function modules
 * beside it (heightField, volumeFields, columnMaterials, ores, trees, boxFill, regionFill, paddedGrids,
 * chunkWithBorders, uniformDetection).
 *
 * Layout (types/chunk.ts): voxels index = x + z*32 + y*1024; border slices: x faces z + y*32,
 * y faces x + z*32, z faces x + y*32. Faces 0..5 = +x, -x, +y, -y, +z, -z.
 */
import { CHUNK_AREA, CHUNK_SIZE, CHUNK_VOLUME } from '../../types/chunk';
import type { TerrainContext } from './terrainContext';
import { createTerrainContext } from './terrainContext';
import { fillRegion } from './regionFill';
import { borderBox, fillChunkWithBorders } from './chunkWithBorders';
import { NOT_UNIFORM, UNDECIDED, boxUniform, proveChunkNotUniform, scanUniform } from './uniformDetection';
import { columnInfo, infoAmp, infoHeight } from './heightField';
import { FIELD_OVERHANG, overhangSolid, pointField } from './volumeFields';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once: under CommonJS transpilers (tsx, vitest) every read of an
// imported binding is a getter call, which would dominate the per-voxel loops.
const { CHUNK_COORD_LIMIT } = TC;

const WORLD_LIMIT = CHUNK_COORD_LIMIT * CHUNK_SIZE;
/** faceMask of all six faces. */
const ALL_FACES = 63;

export class TerrainGenerator {
  readonly seed: number;
  private readonly ctx: TerrainContext;
  /** generateBorder's box record (chunkWithBorders.ts borderBox). */
  private readonly box = new Int32Array(9);

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
    const b = this.box;
    borderBox(face, cx * CHUNK_SIZE, cy * CHUNK_SIZE, cz * CHUNK_SIZE, b, 0);
    const u = boxUniform(this.ctx, b[0], b[1], b[2], b[3], b[4], b[5]);
    if (u >= 0) return u;
    fillRegion(this.ctx, b[0], b[1], b[2], b[3], b[4], b[5], out, offset, b[6], b[7], b[8]);
    return u === NOT_UNIFORM ? NOT_UNIFORM : scanUniform(out, offset, CHUNK_AREA);
  }

  /**
   * generateChunk and the six generateBorder slices in one call, sharing their coarse work (grid infos, column
   * infos, trees, cave and overhang noise samples): returns what generateChunk returns (-1 = voxels in out,
   * else the uniform id, out untouched), fills borders[f*1024 .. f*1024+1024) with slice f as generateBorder
   * does and sets borderUniform[f] to what generateBorder returns (-1 = the slice holds ids, else the uniform
   * id; a uniform slice may be left unfilled). Byte-identical to the separate calls.
   * With bordersWhenAir = false, a uniform air chunk returns 0 without touching borders and borderUniform (a mesher
   * needs no borders for it).
   */
  generateChunkWithBorders(
    cx: number,
    cy: number,
    cz: number,
    out: Uint16Array,
    borders: Uint16Array,
    borderUniform: Int32Array,
    bordersWhenAir = true,
  ): number {
    checkChunk('generateChunkWithBorders', cx, cy, cz);
    if (out.length < CHUNK_VOLUME) {
      throw new Error(`TerrainGenerator.generateChunkWithBorders: out.length must be >= ${CHUNK_VOLUME}, got ${out.length}`);
    }
    checkBorderOut('generateChunkWithBorders', borders, borderUniform);
    return fillChunkWithBorders(this.ctx, cx * CHUNK_SIZE, cy * CHUNK_SIZE, cz * CHUNK_SIZE, out, borders, borderUniform, ALL_FACES, bordersWhenAir);
  }

  /**
   * The border slices of the faces in faceMask (bit f = face f; default all six) sharing their coarse work:
   * slice f into borders[f*1024 .. f*1024+1024) and borderUniform[f] as generateBorder(cx, cy, cz, f, borders,
   * f*1024) gives them; faces outside the mask are left untouched.
   */
  generateBorders(cx: number, cy: number, cz: number, borders: Uint16Array, borderUniform: Int32Array, faceMask = ALL_FACES): void {
    checkChunk('generateBorders', cx, cy, cz);
    checkBorderOut('generateBorders', borders, borderUniform);
    if (!Number.isInteger(faceMask) || faceMask < 0 || faceMask > ALL_FACES) {
      throw new Error(`TerrainGenerator.generateBorders: faceMask must be an integer in [0, 63] (bit f = face f), got ${faceMask}`);
    }
    fillChunkWithBorders(this.ctx, cx * CHUNK_SIZE, cy * CHUNK_SIZE, cz * CHUNK_SIZE, null, borders, borderUniform, faceMask, true);
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

function checkBorderOut(method: string, borders: Uint16Array, borderUniform: Int32Array): void {
  if (!(borders instanceof Uint16Array) || borders.length < 6 * CHUNK_AREA) {
    throw new Error(`TerrainGenerator.${method}: borders must be a Uint16Array of length >= ${6 * CHUNK_AREA} (face f at f*1024), got length ${borders?.length}`);
  }
  if (!(borderUniform instanceof Int32Array) || borderUniform.length < 6) {
    throw new Error(`TerrainGenerator.${method}: borderUniform must be an Int32Array of length >= 6, got length ${borderUniform?.length}`);
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
