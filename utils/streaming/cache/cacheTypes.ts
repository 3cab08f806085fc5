/**
 * Types, constants and validation of the cache of unloaded chunks (utils/streaming/ChunkCacheManager.ts).
 * Sizes in bytes unless a name says MB (MB = 2^20 bytes).
 */
import { CHUNK_VOXEL_BYTES } from '@/types/chunk';

/**
 * Bytes charged per entry on top of its encoded bytes: what V8 (64-bit, Node 20 / Chrome) holds per
 * entry besides the payload: the Map slot, the entry object, the Uint8Array and ArrayBuffer objects
 * and the key string ("-12,3,456"). Measured: 100,000 uniform entries put into one cache grew
 * heapUsed by 363 bytes per entry (node --expose-gc, after gc), plus the backing store's malloc
 * record outside the heap; rounded up to 384.
 */
export const ENTRY_OVERHEAD_BYTES = 384;

/** What put() takes. `bytes`: from utils/compression/chunkCodec.ts encodeChunk. */
export interface CacheEntryInput {
  /** Chunk key "cx,cy,cz". */
  key: string;
  /** Encoded chunk. The cache keeps it (does not copy it unless it is a view into a larger buffer). */
  bytes: Uint8Array;
  /** voxelChecksum of the chunk (uint32): the header's checksum. */
  checksum: number;
  /** 65,536 (CHUNK_VOXEL_BYTES) for a full chunk, 0 for a uniform one. */
  rawBytes: number;
  /** The uniform id (0..65535), or -1 for a full chunk. */
  uniform: number;
  /** The chunk holds changes not yet persisted (edits). Default false. */
  dirty?: boolean;
}

/** An entry as the cache holds it. Read-only to callers: change dirtiness through markDirty(). */
export interface CacheEntry {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly checksum: number;
  readonly rawBytes: number;
  readonly uniform: number;
  readonly dirty: boolean;
  /** Bytes charged against the budget: bytes.byteLength + ENTRY_OVERHEAD_BYTES. */
  readonly cost: number;
  /** The `now()` of the last put or hit (ms, the cache's clock). */
  readonly lastAccessed: number;
}

/**
 * The cache's own entry. `dirty` is a getter over `isDirty`, so a caller assigning `entry.dirty`
 * gets a TypeError instead of silently desynchronising the clean and dirty lists.
 */
export class StoredEntry implements CacheEntry {
  constructor(
    readonly key: string,
    readonly bytes: Uint8Array,
    readonly checksum: number,
    readonly rawBytes: number,
    readonly uniform: number,
    public isDirty: boolean,
    readonly cost: number,
    public lastAccessed: number,
    /** Access sequence number (larger = more recent): orders entries across the clean and dirty lists. */
    public order: number,
  ) {}

  get dirty(): boolean {
    return this.isDirty;
  }
}

export interface CacheMetrics {
  entries: number;
  /** Entries holding unpersisted changes. */
  dirtyEntries: number;
  /** Bytes charged against the budget (encoded bytes + per-entry overhead). Never above budgetBytes. */
  bytes: number;
  budgetBytes: number;
  /** get() lookups that found / did not find the key. */
  hits: number;
  misses: number;
  /** The same, over lookups of chunks that were loaded earlier in the run (get(key, true)). */
  revisitHits: number;
  revisitMisses: number;
  /** hits / (hits + misses); NaN (not measured) before the first lookup. */
  cacheHitRatio: number;
  /** revisitHits / (revisitHits + revisitMisses); NaN before the first revisit lookup. */
  revisitHitRatio: number;
  /**
   * Encoded bytes (header included) / raw bytes over the entries that are full chunks (rawBytes 65,536);
   * uniform entries count in neither. NaN when the cache holds no full chunk.
   */
  compressionRatio: number;
  /** Numerator and denominator of compressionRatio: encoded bytes and raw bytes of the full entries. */
  compressedBytes: number;
  rawBytes: number;
  /** Entries pushed out to make room (dirty ones handed to the hook included). */
  evictions: number;
  /** put() calls refused: larger than the whole budget, or no room because only dirty entries are left and no hook is set. */
  rejected: number;
  /** Entries dropped by reportCorrupt(). */
  corruptDropped: number;
  /** Dirty entries handed to the onEvictDirty hook (by eviction, clear() or dispose()). */
  dirtyHandedOff: number;
  /** Dirty entries dropped by clear() / dispose() with no hook set. */
  dirtyDropped: number;
}

export function emptyCacheMetrics(): CacheMetrics {
  return {
    entries: 0,
    dirtyEntries: 0,
    bytes: 0,
    budgetBytes: 0,
    hits: 0,
    misses: 0,
    revisitHits: 0,
    revisitMisses: 0,
    cacheHitRatio: NaN,
    revisitHitRatio: NaN,
    compressionRatio: NaN,
    compressedBytes: 0,
    rawBytes: 0,
    evictions: 0,
    rejected: 0,
    corruptDropped: 0,
    dirtyHandedOff: 0,
    dirtyDropped: 0,
  };
}

/** Budget in bytes of `chunkCacheSize` MB; throws naming the value when it is not a number > 0. */
export function cacheBudgetBytes(chunkCacheSize: unknown): number {
  if (typeof chunkCacheSize !== 'number' || !Number.isFinite(chunkCacheSize) || !(chunkCacheSize > 0)) {
    throw new Error(`ChunkCacheManager: chunkCacheSize must be > 0 MB, got ${String(chunkCacheSize)}`);
  }
  const bytes = Math.floor(chunkCacheSize * 1024 * 1024);
  if (bytes < 1) {
    throw new Error(`ChunkCacheManager: chunkCacheSize must be at least 1 byte (${1 / 1048576} MB), got ${chunkCacheSize} MB`);
  }
  return bytes;
}

/** Checks a put() input; throws naming the field, its value and the allowed values. */
export function checkEntryInput(e: CacheEntryInput): void {
  const p = 'ChunkCacheManager: put';
  if (e === null || typeof e !== 'object') throw new Error(`${p}: entry must be an object, got ${String(e)}`);
  if (typeof e.key !== 'string' || e.key.length === 0) throw new Error(`${p}: key must be a non-empty string, got ${String(e.key)}`);
  if (!(e.bytes instanceof Uint8Array)) throw new Error(`${p}: bytes of "${e.key}" must be a Uint8Array, got ${Object.prototype.toString.call(e.bytes)}`);
  if (!Number.isInteger(e.checksum) || e.checksum < 0 || e.checksum > 0xffffffff) {
    throw new Error(`${p}: checksum of "${e.key}" must be a uint32, got ${e.checksum}`);
  }
  if (!Number.isInteger(e.uniform) || e.uniform < -1 || e.uniform > 0xffff) {
    throw new Error(`${p}: uniform of "${e.key}" must be -1 or an id in [0, 65535], got ${e.uniform}`);
  }
  const expectedRaw = e.uniform >= 0 ? 0 : CHUNK_VOXEL_BYTES;
  if (e.rawBytes !== expectedRaw) {
    throw new Error(`${p}: rawBytes of "${e.key}" must be ${expectedRaw} for uniform ${e.uniform}, got ${e.rawBytes}`);
  }
}
