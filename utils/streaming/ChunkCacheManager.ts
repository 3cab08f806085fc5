/**
 * LRU cache of unloaded chunks' encoded bytes (utils/compression/chunkCodec.ts), under a byte budget
 * of `chunkCacheSize` MB (MB = 2^20 bytes). Main thread; encoding and decoding happen in the workers.
 *
 * Accounting: an entry costs bytes.byteLength + ENTRY_OVERHEAD_BYTES (cache/cacheTypes.ts); the sum
 * never exceeds the budget. A `bytes` that is a view into a larger ArrayBuffer is copied on put so the
 * cache never pins memory it does not count.
 *
 * LRU order: two Maps in access order (Map insertion order; a touch is delete + set), one of clean
 * and one of dirty entries, and an access sequence number per entry to compare the two lists'
 * oldest. Every operation is O(1) (eviction O(1) per evicted entry); nothing scans.
 *
 * Dirty entries (unpersisted changes) are never dropped silently:
 * - With an onEvictDirty hook, eviction takes the least recent entry, clean or dirty; a dirty one is
 *   handed to the hook (before it is removed; the hook must not call back into the cache; if it
 *   throws, the entry stays and put() throws).
 * - Without a hook, dirty entries are kept and only clean ones evicted; when evicting every clean
 *   entry would still not make room, put() evicts nothing and rejects the new entry (returns false).
 * - A put() under a key already cached replaces that entry (the new bytes supersede it); dirtiness is
 *   sticky: the new entry is dirty if either is. A refused put() of dirty content hands it to the hook
 *   when one is set; without one put() returns false and the caller keeps it.
 * - remove(key) hands the entry back to the caller (dirty or not); reportCorrupt(key) drops it.
 * - clear() / dispose() hand dirty entries to the hook, or count them in `dirtyDropped` without one.
 */
import type { ChunkStreamingConfig } from '@/config/streamingConfig';
import {
  ENTRY_OVERHEAD_BYTES,
  cacheBudgetBytes,
  checkEntryInput,
  emptyCacheMetrics,
  type CacheEntry,
  type CacheEntryInput,
  type CacheMetrics,
  StoredEntry,
} from './cache/cacheTypes';

export {
  ENTRY_OVERHEAD_BYTES,
  type CacheEntry,
  type CacheEntryInput,
  type CacheMetrics,
} from './cache/cacheTypes';

export type EvictDirtyHook = (entry: CacheEntry) => void;

export interface ChunkCacheOptions {
  /** Clock for `lastAccessed` (ms). Default performance.now. LRU order does not depend on it. */
  now?: () => number;
  onEvictDirty?: EvictDirtyHook;
}

function oldest(map: Map<string, StoredEntry>): StoredEntry | undefined {
  // The first entry in insertion order; the iterator stops after one step.
  for (const e of map.values()) return e;
  return undefined;
}

export class ChunkCacheManager {
  readonly budgetBytes: number;
  private readonly cleanLru = new Map<string, StoredEntry>();
  private readonly dirtyLru = new Map<string, StoredEntry>();
  private readonly now: () => number;
  private hook: EvictDirtyHook | null;
  private seq = 0;
  private totalBytes = 0;
  private cleanBytes = 0;
  /** Sums over full (rawBytes > 0) entries, for compressionRatio. */
  private fullEncodedBytes = 0;
  private fullRawBytes = 0;
  private readonly counters = emptyCacheMetrics();
  private disposed = false;

  /** `config`: the streaming config (only chunkCacheSize, in MB, is used here). */
  constructor(config: Partial<ChunkStreamingConfig> & { chunkCacheSize: number }, options: ChunkCacheOptions = {}) {
    this.budgetBytes = cacheBudgetBytes(config?.chunkCacheSize);
    this.now = options.now ?? (() => performance.now());
    this.hook = options.onEvictDirty ?? null;
  }

  /** Sets the hook that receives dirty entries on eviction; returns its unsubscribe. */
  onEvictDirty(hook: EvictDirtyHook): () => void {
    this.assertLive('onEvictDirty');
    this.hook = hook;
    return () => {
      if (this.hook === hook) this.hook = null;
    };
  }

  get size(): number {
    return this.cleanLru.size + this.dirtyLru.size;
  }

  /** Bytes charged against the budget. */
  get bytes(): number {
    return this.totalBytes;
  }

  has(key: string): boolean {
    return this.cleanLru.has(key) || this.dirtyLru.has(key);
  }

  /** The entry without counting a lookup or changing its LRU position. */
  peek(key: string): CacheEntry | null {
    return this.cleanLru.get(key) ?? this.dirtyLru.get(key) ?? null;
  }

  /**
   * Looks `key` up, counting a hit or miss (and a revisit hit or miss when `revisit`: the chunk was
   * loaded earlier in the run). A hit becomes the most recent entry; it stays in the cache.
   */
  get(key: string, revisit: boolean): CacheEntry | null {
    this.assertLive('get');
    const c = this.counters;
    const map = this.cleanLru.has(key) ? this.cleanLru : this.dirtyLru;
    const e = map.get(key);
    if (!e) {
      c.misses++;
      if (revisit) c.revisitMisses++;
      return null;
    }
    c.hits++;
    if (revisit) c.revisitHits++;
    this.touch(map, e);
    return e;
  }

  /**
   * Caches an entry, replacing any under the same key and evicting least recent entries until it
   * fits. Returns false (counted in `rejected`; the caller still owns the data) when the entry is
   * larger than the whole budget, or when only dirty entries are left to evict and no hook is set.
   * Throws on a malformed entry, naming the field.
   */
  put(input: CacheEntryInput): boolean {
    this.assertLive('put');
    checkEntryInput(input);
    let bytes = input.bytes;
    if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) bytes = bytes.slice();
    const cost = bytes.byteLength + ENTRY_OVERHEAD_BYTES;
    let dirty = input.dirty === true;
    const old = this.cleanLru.get(input.key) ?? this.dirtyLru.get(input.key);
    if (old) {
      dirty ||= old.isDirty;
      this.unlink(old);
    }
    const evictable = this.hook ? this.totalBytes : this.cleanBytes;
    if (cost > this.budgetBytes || this.totalBytes - evictable + cost > this.budgetBytes) {
      return this.reject(input, bytes, dirty, cost);
    }
    while (this.totalBytes + cost > this.budgetBytes) {
      if (!this.evictOne()) return this.reject(input, bytes, dirty, cost);
    }
    this.link(new StoredEntry(input.key, bytes, input.checksum, input.rawBytes, input.uniform, dirty, cost, this.now(), ++this.seq));
    return true;
  }

  /** Removes `key` and hands its entry back (dirty or not), or null when absent. Not counted. */
  remove(key: string): CacheEntry | null {
    this.assertLive('remove');
    const e = this.cleanLru.get(key) ?? this.dirtyLru.get(key);
    if (!e) return null;
    this.unlink(e);
    return e;
  }

  /** Marks `key` as holding unpersisted changes (counts as an access: it becomes most recent). False when absent. */
  markDirty(key: string): boolean {
    this.assertLive('markDirty');
    const d = this.dirtyLru.get(key);
    if (d) {
      this.touch(this.dirtyLru, d);
      return true;
    }
    const e = this.cleanLru.get(key);
    if (!e) return false;
    this.unlink(e);
    e.isDirty = true;
    e.order = ++this.seq;
    e.lastAccessed = this.now();
    this.link(e);
    return true;
  }

  /**
   * Drops `key` because its bytes failed to decode (ChunkCorruptError); counted in corruptDropped.
   * The caller regenerates the chunk. Returns false when absent.
   */
  reportCorrupt(key: string): boolean {
    this.assertLive('reportCorrupt');
    const e = this.cleanLru.get(key) ?? this.dirtyLru.get(key);
    if (!e) return false;
    this.unlink(e);
    this.counters.corruptDropped++;
    return true;
  }

  /** Keys from least to most recent (clean and dirty merged). Allocates and sorts: for tests and debugging only. */
  keysOldestFirst(): string[] {
    const all = [...this.cleanLru.values(), ...this.dirtyLru.values()];
    all.sort((a, b) => a.order - b.order);
    return all.map((e) => e.key);
  }

  /** Fills `out` (or a new object) with the metrics of cacheTypes.ts CacheMetrics. */
  getCacheMetrics(out?: CacheMetrics): CacheMetrics {
    const m = out ?? emptyCacheMetrics();
    const c = this.counters;
    m.entries = this.size;
    m.dirtyEntries = this.dirtyLru.size;
    m.bytes = this.totalBytes;
    m.budgetBytes = this.budgetBytes;
    m.hits = c.hits;
    m.misses = c.misses;
    m.revisitHits = c.revisitHits;
    m.revisitMisses = c.revisitMisses;
    m.cacheHitRatio = c.hits + c.misses > 0 ? c.hits / (c.hits + c.misses) : NaN;
    m.revisitHitRatio = c.revisitHits + c.revisitMisses > 0 ? c.revisitHits / (c.revisitHits + c.revisitMisses) : NaN;
    m.compressionRatio = this.fullRawBytes > 0 ? this.fullEncodedBytes / this.fullRawBytes : NaN;
    m.compressedBytes = this.fullEncodedBytes;
    m.rawBytes = this.fullRawBytes;
    m.evictions = c.evictions;
    m.rejected = c.rejected;
    m.corruptDropped = c.corruptDropped;
    m.dirtyHandedOff = c.dirtyHandedOff;
    m.dirtyDropped = c.dirtyDropped;
    return m;
  }

  /** Removes every entry (dirty ones to the hook, or counted in dirtyDropped). Counters are kept. */
  clear(): void {
    this.assertLive('clear');
    for (const e of this.dirtyLru.values()) {
      if (this.hook) {
        this.hook(e);
        this.counters.dirtyHandedOff++;
      } else {
        this.counters.dirtyDropped++;
      }
    }
    this.cleanLru.clear();
    this.dirtyLru.clear();
    this.totalBytes = 0;
    this.cleanBytes = 0;
    this.fullEncodedBytes = 0;
    this.fullRawBytes = 0;
  }

  /** clear(), then drops the hook; any later call except getCacheMetrics throws. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.clear();
    this.hook = null;
    this.disposed = true;
  }

  private assertLive(fn: string): void {
    if (this.disposed) throw new Error(`ChunkCacheManager: ${fn}() called after dispose()`);
  }

  private touch(map: Map<string, StoredEntry>, e: StoredEntry): void {
    map.delete(e.key);
    map.set(e.key, e);
    e.order = ++this.seq;
    e.lastAccessed = this.now();
  }

  private link(e: StoredEntry): void {
    (e.isDirty ? this.dirtyLru : this.cleanLru).set(e.key, e);
    this.totalBytes += e.cost;
    if (!e.isDirty) this.cleanBytes += e.cost;
    if (e.rawBytes > 0) {
      this.fullEncodedBytes += e.bytes.byteLength;
      this.fullRawBytes += e.rawBytes;
    }
  }

  private unlink(e: StoredEntry): void {
    (e.isDirty ? this.dirtyLru : this.cleanLru).delete(e.key);
    this.totalBytes -= e.cost;
    if (!e.isDirty) this.cleanBytes -= e.cost;
    if (e.rawBytes > 0) {
      this.fullEncodedBytes -= e.bytes.byteLength;
      this.fullRawBytes -= e.rawBytes;
    }
  }

  /**
   * Counts a refused put. Dirty content that cannot be cached goes to the hook when there is one
   * (never dropped silently); without one the caller, who still holds the data, keeps it.
   */
  private reject(input: CacheEntryInput, bytes: Uint8Array, dirty: boolean, cost: number): false {
    this.counters.rejected++;
    if (dirty && this.hook) {
      this.hook(new StoredEntry(input.key, bytes, input.checksum, input.rawBytes, input.uniform, true, cost, this.now(), ++this.seq));
      this.counters.dirtyHandedOff++;
    }
    return false;
  }

  /** Evicts the least recent evictable entry; false when there is none. */
  private evictOne(): boolean {
    const c = oldest(this.cleanLru);
    const d = this.hook ? oldest(this.dirtyLru) : undefined;
    const victim = d && (!c || d.order < c.order) ? d : c;
    if (!victim) return false;
    if (victim.isDirty) {
      const hook = this.hook!;
      try {
        hook(victim);
      } catch (err) {
        throw new Error(
          `ChunkCacheManager: onEvictDirty hook threw for chunk "${victim.key}": ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
      this.counters.dirtyHandedOff++;
    }
    this.unlink(victim);
    this.counters.evictions++;
    return true;
  }
}
