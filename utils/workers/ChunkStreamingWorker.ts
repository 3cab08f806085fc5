/**
 * The chunk worker api (ARCHITECTURE.md "Worker API"): generate | mesh | compress | decompress.
 * A plain module: `createChunkWorkerApi()` returns the object, which Node can call directly; the
 * entries chunk.worker.ts (browser) and chunk.node-worker.ts (worker_threads) expose it via Comlink
 * and pass `wrapResult: Comlink.transfer` so result buffers are moved, not copied.
 *
 * Per api instance (= per worker): one TerrainGenerator per seed (at most MAX_GENERATORS), the
 * mesher scratch and a reusable mesh output, a voxel scratch (32768 ids) and a border scratch
 * (6 x 1024 ids, face f at f*1024). Results are copied out of the scratch into exact-size arrays of
 * their own buffers (e.g. quads.slice(0, 2 * quadCount)), which are then transferred.
 *
 * Shortcuts (all produce exactly what meshing would, an empty mesh, without the work):
 * - uniform air chunk: empty mesh, no borders read (borderHashes all BORDER_HASH_NONE);
 * - uniform opaque chunk whose six borders are uniform opaque: empty mesh (every face is culled).
 *
 * Level of detail (request `lod: 1`, workerTypes.ts LodOptions): the chunk's voxels are downsampled into a
 * per-api scratch (utils/meshing/lodDownsample.ts; the voxels returned or handed back stay full detail), the
 * borders of faces flagged in `lodNeighbours` are downsampled in the border scratch after their real hashes are
 * taken, and the mesh is built from those. Uniform chunks skip it (their LOD mesh is their full mesh).
 */
import { isOpaque } from '@/config/blocks';
import { CHUNK_AREA, CHUNK_VOLUME } from '@/types/chunk';
import type { ChunkMesh } from '@/types/streaming';
import { ChunkCorruptError, decodeChunk, encodeChunk, readChunkHeader, voxelChecksum } from '@/utils/compression/chunkCodec';
import type { ChunkHeaderInfo } from '@/utils/compression/chunkCodec';
import { createMesherScratch, createMeshOutput, meshChunkWithBorders } from '@/utils/meshing/BinaryGreedyMesher';
import { downsampleBorder, downsampleVoxels } from '@/utils/meshing/lodDownsample';
import { TerrainGenerator } from '@/utils/world/TerrainGenerator';
import { BORDER_HASH_NONE, hashBorder, hashUniformBorder } from './borderHash';
import {
  transferList,
  type BorderInput,
  type ChunkTaskResult,
  type ChunkWorkerApi,
  type CompressRequest,
  type CompressResult,
  type DecompressRequest,
  type GenerateRequest,
  type LodOptions,
  type MeshRequest,
  type MeshResult,
  type WrapResult,
} from './workerTypes';

export type * from './workerTypes';
export { transferList } from './workerTypes';

/** Seeds whose generator is kept (oldest dropped first). */
export const MAX_GENERATORS = 4;

export interface ChunkWorkerApiOptions {
  /** Wraps each result with its transfer list; Comlink.transfer in a worker, identity (default) in-process. */
  wrapResult?: WrapResult;
}

const identityWrap: WrapResult = (result) => result;

const now = (): number => performance.now();

function fail(msg: string): never {
  throw new Error(`ChunkStreamingWorker: ${msg}`);
}

function describeValue(v: unknown): string {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as Uint16Array).length})`;
  return typeof v === 'number' ? String(v) : v === null ? 'null' : typeof v;
}

function checkCoords(method: string, r: { seed: number; cx: number; cy: number; cz: number }): void {
  if (r === null || typeof r !== 'object') fail(`${method} request must be an object, got ${describeValue(r)}`);
  if (!Number.isInteger(r.seed) || r.seed < 0 || r.seed > 0xffffffff) fail(`${method} seed must be an integer in [0, 4294967295], got ${r.seed}`);
  for (const k of ['cx', 'cy', 'cz'] as const) {
    if (!Number.isInteger(r[k])) fail(`${method} ${k} must be an integer, got ${r[k]}`);
  }
}

function checkVoxels(method: string, v: unknown): void {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) fail(`${method} voxels as a block id must be an integer in [0, 65535], got ${v}`);
  } else if (!(v instanceof Uint16Array) || v.length !== CHUNK_VOLUME) {
    fail(`${method} voxels must be a Uint16Array(${CHUNK_VOLUME}) or a block id, got ${describeValue(v)}`);
  }
}

/** Validates the LOD fields; returns the lodNeighbours mask to apply (0 at full detail). */
function checkLod(method: string, r: LodOptions): number {
  const lod = r.lod;
  if (lod !== undefined && lod !== 0 && lod !== 1) fail(`${method} lod must be 0, 1 or absent, got ${describeValue(lod)}`);
  const mask = r.lodNeighbours;
  if (mask !== undefined && !(Number.isInteger(mask) && mask >= 0 && mask <= 63)) {
    fail(`${method} lodNeighbours must be an integer in [0, 63] (bit f = face f), got ${describeValue(mask)}`);
  }
  return lod === 1 ? (mask ?? 0) : 0;
}

function emptyMesh(): ChunkMesh {
  return { quads: new Uint32Array(0), quadCount: 0, solidQuadCount: 0 };
}

export function createChunkWorkerApi(options: ChunkWorkerApiOptions = {}): ChunkWorkerApi {
  const wrap = options.wrapResult ?? identityWrap;
  const generators = new Map<number, TerrainGenerator>();
  const voxelScratch = new Uint16Array(CHUNK_VOLUME);
  const borderScratch = new Uint16Array(6 * CHUNK_AREA);
  /** Per face: the uniform id of the border in borderScratch's slice, or -1 when the slice holds ids. */
  const borderUniform = new Int32Array(6);
  const mesherScratch = createMesherScratch();
  const meshOut = createMeshOutput();
  const headerInfo = {} as ChunkHeaderInfo;
  /** Downsampled voxels of an LOD mesh (allocated on the first LOD request). */
  let lodVoxels: Uint16Array | null = null;

  function generatorFor(seed: number): TerrainGenerator {
    let g = generators.get(seed);
    if (g === undefined) {
      if (generators.size >= MAX_GENERATORS) generators.delete(generators.keys().next().value as number);
      g = new TerrainGenerator(seed);
      generators.set(seed, g);
    }
    return g;
  }

  /**
   * Meshes a chunk (`voxels`, or the uniform id `uniform` when voxels is null) with borders from
   * `borders` (null entries / null array: from the generator, all such faces in one generateBorders call, or
   * already in borderScratch / borderUniform when `generated` is true). Fills `hashes`. Returns a mesh whose
   * quads are an exact-size copy. With `lod`, meshes the downsampled voxels (and the borders of the faces
   * in `lodMask`, downsampled after hashing); uniform chunks ignore it.
   */
  function meshWithBorders(
    gen: TerrainGenerator | null,
    cx: number,
    cy: number,
    cz: number,
    voxels: Uint16Array | null,
    uniform: number,
    borders: readonly BorderInput[] | null,
    hashes: Uint32Array,
    lod: boolean,
    lodMask: number,
    generated: boolean,
  ): ChunkMesh {
    if (voxels === null && uniform === 0) {
      hashes.fill(BORDER_HASH_NONE);
      return emptyMesh();
    }
    if (!generated) {
      let genMask = 0;
      for (let f = 0; f < 6; f++) {
        const src = borders === null ? null : borders[f];
        if (src === null || src === undefined) genMask |= 1 << f;
      }
      if (genMask !== 0) (gen ?? fail('no generator for a null border')).generateBorders(cx, cy, cz, borderScratch, borderUniform, genMask);
    }
    let allOpaque = true;
    for (let f = 0; f < 6; f++) {
      const src = borders === null ? null : borders[f];
      const off = f * CHUNK_AREA;
      let u: number;
      if (typeof src === 'number') {
        if (!Number.isInteger(src) || src < 0 || src > 0xffff) fail(`mesh borders[${f}] as a block id must be an integer in [0, 65535], got ${src}`);
        u = src;
      } else if (src instanceof Uint16Array) {
        if (src.length !== CHUNK_AREA) fail(`mesh borders[${f}] must be a Uint16Array(${CHUNK_AREA}), a block id or null, got ${describeValue(src)}`);
        borderScratch.set(src, off);
        u = -1;
      } else if (src === null || src === undefined) {
        u = borderUniform[f]; // from the generator, above or by the caller
      } else {
        fail(`mesh borders[${f}] must be a Uint16Array(${CHUNK_AREA}), a block id or null, got ${describeValue(src)}`);
      }
      borderUniform[f] = u;
      if (u < 0 || !isOpaque(u)) allOpaque = false;
    }
    if (voxels === null && allOpaque && isOpaque(uniform)) {
      for (let f = 0; f < 6; f++) hashes[f] = hashUniformBorder(borderUniform[f]);
      return emptyMesh();
    }
    for (let f = 0; f < 6; f++) {
      const u = borderUniform[f];
      if (u >= 0) {
        borderScratch.fill(u, f * CHUNK_AREA, (f + 1) * CHUNK_AREA);
        hashes[f] = hashUniformBorder(u);
      } else {
        hashes[f] = hashBorder(borderScratch, f * CHUNK_AREA);
      }
    }
    let src: Uint16Array | number = voxels ?? uniform;
    if (lod && voxels !== null) {
      // In place: each 2x2 cell is read before it is written. A uniform slice is its own downsample.
      for (let f = 0; f < 6; f++) {
        if ((lodMask >> f) & 1 && borderUniform[f] < 0) downsampleBorder(borderScratch, f * CHUNK_AREA, f, borderScratch, f * CHUNK_AREA);
      }
      src = downsampleVoxels(voxels, (lodVoxels ??= new Uint16Array(CHUNK_VOLUME)));
    }
    const m = meshChunkWithBorders(src, borderScratch, meshOut, mesherScratch);
    return { quads: m.quads.slice(0, 2 * m.quadCount), quadCount: m.quadCount, solidQuadCount: m.solidQuadCount };
  }

  /**
   * Shared tail of generate and decompress: voxelScratch holds the chunk when uniform < 0; with `generated`,
   * borderScratch / borderUniform hold the generator's six borders (generateChunkWithBorders).
   */
  function finishChunk(
    r: { seed: number; cx: number; cy: number; cz: number; mesh: boolean; lod?: 0 | 1 },
    uniform: number,
    generateMs: number,
    lodMask: number,
    generated: boolean,
    out: { borders?: readonly BorderInput[] | null; returnVoxels: boolean; encode: boolean; compression: boolean },
  ): ChunkTaskResult {
    const borderHashes = new Uint32Array(6);
    let mesh: ChunkMesh | null = null;
    let meshMs = 0;
    const lod = r.mesh && r.lod === 1 && uniform < 0;
    if (r.mesh) {
      const t = now();
      const gen = uniform === 0 ? null : generatorFor(r.seed);
      mesh = meshWithBorders(gen, r.cx, r.cy, r.cz, uniform < 0 ? voxelScratch : null, uniform, out.borders ?? null, borderHashes, lod, lodMask, generated);
      meshMs = now() - t;
    }
    const voxels = uniform < 0 && out.returnVoxels && !out.encode ? voxelScratch.slice() : null;
    const result: ChunkTaskResult = { uniform, voxels, mesh, borderHashes, generateMs, meshMs, lod: lod ? 1 : 0 };
    if (out.encode) {
      const bytes = encodeChunk(uniform < 0 ? voxelScratch : uniform, out.compression);
      const info = readChunkHeader(bytes, headerInfo);
      result.encoded = { bytes, checksum: info.checksum, rawBytes: info.rawBytes };
      return wrap(result, transferList(bytes, mesh?.quads, borderHashes));
    }
    return wrap(result, transferList(voxels, mesh?.quads, borderHashes));
  }

  return {
    generate(r: GenerateRequest): ChunkTaskResult {
      checkCoords('generate', r);
      const lodMask = checkLod('generate', r);
      const t = now();
      const gen = generatorFor(r.seed);
      // Both decide uniform chunks from their bounds first and then leave voxelScratch untouched. With a mesh to
      // build, the six borders come with the chunk (shared coarse work; generateMs then includes them), except
      // for air chunks, which need none.
      const uniform = r.mesh
        ? gen.generateChunkWithBorders(r.cx, r.cy, r.cz, voxelScratch, borderScratch, borderUniform, false)
        : gen.generateChunk(r.cx, r.cy, r.cz, voxelScratch);
      return finishChunk(r, uniform, now() - t, lodMask, r.mesh && uniform !== 0, {
        returnVoxels: true,
        encode: r.encode === true,
        compression: r.compression !== false,
      });
    },

    mesh(r: MeshRequest): MeshResult {
      checkCoords('mesh', r);
      checkVoxels('mesh', r.voxels);
      if (!Array.isArray(r.borders) || r.borders.length !== 6) fail(`mesh borders must be an array of 6 entries, got ${describeValue(r.borders)}`);
      const lodMask = checkLod('mesh', r);
      const t = now();
      const borderHashes = new Uint32Array(6);
      const isArr = typeof r.voxels !== 'number';
      const uniform = isArr ? -1 : (r.voxels as number);
      const needsGen = uniform !== 0 && r.borders.some((b) => b === null || b === undefined);
      const gen = needsGen ? generatorFor(r.seed) : null;
      const lod = r.lod === 1 && isArr;
      const mesh = meshWithBorders(gen, r.cx, r.cy, r.cz, isArr ? (r.voxels as Uint16Array) : null, uniform, r.borders, borderHashes, lod, lodMask, false);
      const result: MeshResult = { voxels: r.voxels, mesh, borderHashes, meshMs: now() - t, lod: lod ? 1 : 0 };
      return wrap(result, transferList(isArr ? r.voxels : null, mesh.quads, borderHashes));
    },

    compress(r: CompressRequest): CompressResult {
      if (r === null || typeof r !== 'object') fail(`compress request must be an object, got ${describeValue(r)}`);
      checkVoxels('compress', r.voxels);
      const t = now();
      const bytes = encodeChunk(r.voxels, r.compression === true);
      const info = readChunkHeader(bytes, headerInfo);
      const result: CompressResult = {
        bytes,
        rawBytes: info.rawBytes,
        checksum: info.checksum,
        voxels: r.voxels,
        compressMs: now() - t,
      };
      return wrap(result, transferList(bytes, r.voxels));
    },

    decompress(r: DecompressRequest): ChunkTaskResult {
      checkCoords('decompress', r);
      if (!(r.bytes instanceof Uint8Array)) fail(`decompress bytes must be a Uint8Array, got ${describeValue(r.bytes)}`);
      const lodMask = checkLod('decompress', r);
      const t = now();
      const uniform = decodeChunk(r.bytes, voxelScratch);
      if (r.checksum !== undefined) {
        const got = voxelChecksum(uniform < 0 ? voxelScratch : uniform);
        if (got !== r.checksum >>> 0) {
          throw new ChunkCorruptError(
            `ChunkStreamingWorker: decompress of chunk ${r.cx},${r.cy},${r.cz} decoded to voxel checksum 0x${got.toString(16)}, expected 0x${(r.checksum >>> 0).toString(16)} (the cache record)`,
          );
        }
      }
      if (r.borders !== undefined && (!Array.isArray(r.borders) || r.borders.length !== 6)) {
        fail(`decompress borders must be an array of 6 entries, got ${describeValue(r.borders)}`);
      }
      return finishChunk(r, uniform, now() - t, lodMask, false, {
        borders: r.borders ?? null,
        returnVoxels: r.returnVoxels !== false,
        encode: false,
        compression: false,
      });
    },
  };
}
