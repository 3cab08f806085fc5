/**
 * Requests and results of the chunk worker api (ARCHITECTURE.md "Worker API").
 * Voxels: Uint16Array(32768), index = x + z*32 + y*1024, or a uniform chunk's block id.
 * Borders: face order +x, -x, +y, -y, +z, -z; a border is 1024 ids in the layout of types/chunk.ts.
 * Times in ms (performance.now() inside the worker).
 */
import type { ChunkMesh } from '@/types/streaming';

export interface ChunkCoords {
  /** World seed, uint32. */
  seed: number;
  cx: number;
  cy: number;
  cz: number;
}

/**
 * Level of detail of a mesh request (utils/meshing/lodDownsample.ts): 0 or absent = full detail (unchanged
 * behaviour); 1 = the mesh is built from the 2x downsampled voxels. The voxels returned or handed back are always
 * the full-detail ones, and `borderHashes` are always the hashes of the real (full-detail) borders.
 * Uniform chunks are meshed at full detail whatever is asked (LOD changes nothing there; result `lod` 0).
 */
export interface LodOptions {
  lod?: 0 | 1;
  /**
   * With lod 1: bit f (face order +x,-x,+y,-y,+z,-z) set = the neighbour across face f is drawn at LOD too, so
   * border f is downsampled before culling (fewer quads along the seam). Clear bits (default 0) keep the real
   * border, which is hole-free against any neighbour; a downsampled border against a full-detail neighbour
   * opens see-through gaps, so set a bit only for neighbours whose shown mesh is LOD. Integer in [0, 63].
   */
  lodNeighbours?: number;
}

/** A chunk's voxels as encoded bytes (utils/compression/chunkCodec.ts), what the main thread keeps of a clean chunk. */
export interface EncodedVoxels {
  bytes: Uint8Array;
  /** voxelChecksum of the voxels (from the header). */
  checksum: number;
  /** 65,536 for a full chunk, 0 for a uniform one. */
  rawBytes: number;
}

export interface GenerateRequest extends ChunkCoords, LodOptions {
  /** Also build the mesh (borders from the generator). */
  mesh: boolean;
  /**
   * Return the voxels encoded (result.encoded, palette/run-length + deflate when `compression`) instead of
   * as a 64 KiB array (result.voxels null): the main thread keeps ~1 KiB per clean chunk and never
   * compresses.
   */
  encode?: boolean;
  compression?: boolean;
}

/** Result of generate and decompress. */
export interface ChunkTaskResult {
  /** The block id the chunk is made of, or -1 when `voxels` holds it. */
  uniform: number;
  /** Exact-size Uint16Array(32768) of its own buffer (transferred), or null for a uniform chunk. */
  voxels: Uint16Array | null;
  /** null when not asked for. quads is exact-size (2 * quadCount uint32). */
  mesh: ChunkMesh | null;
  /** Per face, the hash of the border the mesh was built with (utils/workers/borderHash.ts); BORDER_HASH_NONE when no border mattered. */
  borderHashes: Uint32Array;
  /** generate: terrain generation; decompress: decoding. */
  generateMs: number;
  /** Includes the LOD downsample with lod 1. */
  meshMs: number;
  /** 1 when `mesh` was built from downsampled voxels; 0 for full detail, a uniform chunk or no mesh. */
  lod: 0 | 1;
  /** With GenerateRequest.encode: the voxels encoded (and `voxels` null). */
  encoded?: EncodedVoxels;
}

/** One border given by the caller: 1024 ids, a uniform id, or null = from the terrain generator. */
export type BorderInput = Uint16Array | number | null;

export interface MeshRequest extends ChunkCoords, LodOptions {
  voxels: Uint16Array | number;
  /** Six entries in face order. */
  borders: readonly BorderInput[];
}

export interface MeshResult {
  /** The request's voxels, handed back (transferred back from a worker). */
  voxels: Uint16Array | number;
  mesh: ChunkMesh;
  borderHashes: Uint32Array;
  /** Includes the LOD downsample with lod 1. */
  meshMs: number;
  /** 1 when `mesh` was built from downsampled voxels; 0 for full detail or a uniform chunk. */
  lod: 0 | 1;
}

export interface CompressRequest {
  voxels: Uint16Array | number;
  /** true: palette/run-length + deflate; false: raw (see utils/compression/chunkCodec.ts). */
  compression: boolean;
}

export interface CompressResult {
  /** Encoded chunk (chunkCodec), its own exact-size buffer. */
  bytes: Uint8Array;
  /** 65,536 for a full chunk, 0 for a uniform one (spec: compressionRatio). */
  rawBytes: number;
  /** voxelChecksum of the voxels (as stored in the header). */
  checksum: number;
  /** The request's voxels, handed back. */
  voxels: Uint16Array | number;
  compressMs: number;
}

export interface DecompressRequest extends ChunkCoords, LodOptions {
  bytes: Uint8Array;
  /** Also build the mesh (borders from the generator), so a cache hit is one round trip. */
  mesh: boolean;
  /** Expected voxelChecksum (e.g. the cache's record); a mismatch throws ChunkCorruptError. */
  checksum?: number;
  /** false: do not return the decoded voxels (the caller keeps the bytes); default true. */
  returnVoxels?: boolean;
  /** Borders for the mesh (six entries, null = from the generator); default: all from the generator. */
  borders?: readonly BorderInput[];
}

export interface ChunkWorkerApi {
  generate(request: GenerateRequest): ChunkTaskResult;
  mesh(request: MeshRequest): MeshResult;
  compress(request: CompressRequest): CompressResult;
  /** Throws ChunkCorruptError (name 'ChunkCorruptError' across threads) on bad bytes or checksum. */
  decompress(request: DecompressRequest): ChunkTaskResult;
}

/** Wraps a result for sending: Comlink.transfer inside a worker, identity in-process. */
export type WrapResult = <T>(result: T, transfer: Transferable[]) => T;

/** The distinct ArrayBuffers behind the given typed arrays (others skipped): a transfer list. */
export function transferList(...items: unknown[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const it of items) {
    if (!ArrayBuffer.isView(it)) continue;
    const buf = it.buffer;
    if (!(buf instanceof ArrayBuffer) || out.includes(buf)) continue;
    out.push(buf);
  }
  return out;
}
