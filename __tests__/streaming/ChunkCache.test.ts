import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ChunkCacheManager,
  ENTRY_OVERHEAD_BYTES,
  type CacheEntry,
  type CacheEntryInput,
} from '@/utils/streaming/ChunkCacheManager';
import { encodeChunk, readChunkHeader } from '@/utils/compression/chunkCodec';
import { CHUNK_VOLUME, CHUNK_VOXEL_BYTES } from '@/types/chunk';

const MB = 1024 * 1024;

/** A cache whose budget is exactly `bytes` (MB is a power of two, so bytes / MB * MB is exact). */
function cacheOf(bytes: number, opts: ConstructorParameters<typeof ChunkCacheManager>[1] = {}): ChunkCacheManager {
  return new ChunkCacheManager({ chunkCacheSize: bytes / MB }, opts);
}

/** A full-chunk entry whose bytes are `size` long (cost = size + ENTRY_OVERHEAD_BYTES). */
function entry(key: string, size: number, dirty = false): CacheEntryInput {
  return { key, bytes: new Uint8Array(size), checksum: 7, rawBytes: CHUNK_VOXEL_BYTES, uniform: -1, dirty };
}

const cost = (size: number) => size + ENTRY_OVERHEAD_BYTES;

describe('ChunkCacheManager: config and input validation', () => {
  it('rejects a chunkCacheSize that is not > 0 MB, naming the value', () => {
    expect(() => new ChunkCacheManager({ chunkCacheSize: -1 })).toThrow('ChunkCacheManager: chunkCacheSize must be > 0 MB, got -1');
    expect(() => new ChunkCacheManager({ chunkCacheSize: 0 })).toThrow('ChunkCacheManager: chunkCacheSize must be > 0 MB, got 0');
    expect(() => new ChunkCacheManager({ chunkCacheSize: NaN })).toThrow('got NaN');
    expect(() => new ChunkCacheManager({ chunkCacheSize: Infinity })).toThrow('got Infinity');
    expect(() => new ChunkCacheManager({ chunkCacheSize: '48' as unknown as number })).toThrow('got 48');
    expect(() => new ChunkCacheManager({ chunkCacheSize: 1e-9 })).toThrow('chunkCacheSize must be at least 1 byte');
    expect(new ChunkCacheManager({ chunkCacheSize: 48 }).budgetBytes).toBe(48 * MB);
    expect(new ChunkCacheManager({ chunkCacheSize: 0.5 }).getCacheMetrics().budgetBytes).toBe(MB / 2);
  });

  it('rejects malformed entries, naming the field', () => {
    const c = cacheOf(100_000);
    expect(() => c.put({ ...entry('a', 10), rawBytes: 5 })).toThrow('ChunkCacheManager: put: rawBytes of "a" must be 65536 for uniform -1, got 5');
    expect(() => c.put({ ...entry('a', 10), uniform: 3 })).toThrow('rawBytes of "a" must be 0 for uniform 3, got 65536');
    expect(() => c.put({ ...entry('a', 10), uniform: 70000, rawBytes: 0 })).toThrow('uniform of "a" must be -1 or an id in [0, 65535], got 70000');
    expect(() => c.put({ ...entry('a', 10), checksum: -1 })).toThrow('checksum of "a" must be a uint32, got -1');
    expect(() => c.put({ ...entry('a', 10), bytes: [1, 2] as unknown as Uint8Array })).toThrow('bytes of "a" must be a Uint8Array, got [object Array]');
    expect(() => c.put({ ...entry('', 10) })).toThrow('key must be a non-empty string');
    expect(c.size).toBe(0);
  });
});

describe('ChunkCacheManager: LRU and byte budget', () => {
  it('evicts least recently used first; get() refreshes, has() and peek() do not', () => {
    const c = cacheOf(cost(100) * 3);
    c.put(entry('a', 100));
    c.put(entry('b', 100));
    c.put(entry('c', 100));
    expect(c.get('a', false)?.key).toBe('a'); // a is now most recent
    expect(c.has('b')).toBe(true);
    expect(c.peek('b')?.key).toBe('b');
    expect(c.keysOldestFirst()).toEqual(['b', 'c', 'a']);
    c.put(entry('d', 100));
    expect(c.keysOldestFirst()).toEqual(['c', 'a', 'd']);
    c.put(entry('e', 100));
    expect(c.keysOldestFirst()).toEqual(['a', 'd', 'e']);
    const m = c.getCacheMetrics();
    expect(m.evictions).toBe(2);
    expect(m.hits).toBe(1); // has/peek are not lookups
    expect(m.misses).toBe(0);
  });

  it('get() keeps the entry; put() under an existing key replaces it and makes it most recent', () => {
    const c = cacheOf(cost(100) * 3);
    c.put(entry('a', 100));
    c.put(entry('b', 100));
    expect(c.get('a', false)).not.toBeNull();
    expect(c.get('a', false)).not.toBeNull();
    expect(c.has('a')).toBe(true);
    c.put(entry('b', 50));
    c.put(entry('a', 60));
    expect(c.keysOldestFirst()).toEqual(['b', 'a']);
    expect(c.bytes).toBe(cost(50) + cost(60));
    expect(c.peek('a')?.bytes.length).toBe(60);
  });

  it('just fits, and one byte over evicts (or rejects when larger than the whole budget)', () => {
    const budget = cost(1000) * 2;
    const c = cacheOf(budget);
    expect(c.put(entry('a', 1000))).toBe(true);
    expect(c.put(entry('b', 1000))).toBe(true);
    expect(c.bytes).toBe(budget); // exactly full
    expect(c.getCacheMetrics().evictions).toBe(0);
    expect(c.put(entry('u', 0))).toBe(true); // one more byte-level entry: must evict a
    expect(c.keysOldestFirst()).toEqual(['b', 'u']);
    // An entry of exactly the whole budget fits alone.
    expect(c.put(entry('whole', budget - ENTRY_OVERHEAD_BYTES))).toBe(true);
    expect(c.keysOldestFirst()).toEqual(['whole']);
    expect(c.bytes).toBe(budget);
    // One byte more than the budget: rejected, and nothing is evicted for it.
    expect(c.put(entry('over', budget - ENTRY_OVERHEAD_BYTES + 1))).toBe(false);
    expect(c.keysOldestFirst()).toEqual(['whole']);
    const m = c.getCacheMetrics();
    expect(m.rejected).toBe(1);
    expect(m.bytes).toBeLessThanOrEqual(m.budgetBytes);
  });

  it('copies a view into a larger buffer so the accounting matches the memory held', () => {
    const c = cacheOf(100_000);
    const big = new Uint8Array(10_000);
    big[100] = 42;
    c.put({ ...entry('v', 0), bytes: big.subarray(100, 200) });
    const e = c.peek('v')!;
    expect(e.bytes.length).toBe(100);
    expect(e.bytes.buffer.byteLength).toBe(100);
    expect(e.bytes[0]).toBe(42);
    expect(c.bytes).toBe(cost(100));
    const own = new Uint8Array(50);
    c.put({ ...entry('w', 0), bytes: own });
    expect(c.peek('w')!.bytes).toBe(own); // not copied
  });

  it('records lastAccessed from the injected clock on put and hit', () => {
    let t = 1000;
    const c = cacheOf(100_000, { now: () => t });
    c.put(entry('a', 10));
    expect(c.peek('a')!.lastAccessed).toBe(1000);
    t = 1500;
    c.get('a', false);
    expect(c.peek('a')!.lastAccessed).toBe(1500);
    t = 2000;
    c.get('zz', false);
    c.has('a');
    expect(c.peek('a')!.lastAccessed).toBe(1500);
  });
});

describe('ChunkCacheManager: dirty entries', () => {
  it('eviction hands dirty entries to the hook in LRU order', () => {
    const handed: CacheEntry[] = [];
    const c = cacheOf(cost(100) * 3, { onEvictDirty: (e) => handed.push(e) });
    c.put(entry('d1', 100, true));
    c.put(entry('c1', 100));
    c.put(entry('d2', 100, true));
    c.put(entry('x', 100));
    expect(handed.map((e) => e.key)).toEqual(['d1']);
    expect(handed[0].dirty).toBe(true);
    c.put(entry('y', 100));
    expect(handed.map((e) => e.key)).toEqual(['d1']); // c1 (clean) was next
    c.put(entry('z', 100));
    expect(handed.map((e) => e.key)).toEqual(['d1', 'd2']);
    const m = c.getCacheMetrics();
    expect(m.dirtyHandedOff).toBe(2);
    expect(m.evictions).toBe(3);
  });

  it('without a hook keeps dirty entries, evicts the next clean one, and rejects when only dirty ones are left', () => {
    const c = cacheOf(cost(100) * 3);
    c.put(entry('d1', 100, true));
    c.put(entry('c1', 100));
    c.put(entry('c2', 100));
    c.put(entry('n', 100));
    expect(c.keysOldestFirst()).toEqual(['d1', 'c2', 'n']);
    c.markDirty('c2');
    c.markDirty('n');
    expect(c.keysOldestFirst()).toEqual(['d1', 'c2', 'n']);
    expect(c.put(entry('new', 100))).toBe(false);
    expect(c.put(entry('newDirty', 100, true))).toBe(false);
    expect(c.keysOldestFirst()).toEqual(['d1', 'c2', 'n']);
    const m = c.getCacheMetrics();
    expect(m.rejected).toBe(2);
    expect(m.evictions).toBe(1);
    expect(m.dirtyEntries).toBe(3);
    // Partial room: evicting all clean entries would not be enough -> nothing is evicted.
    const d = cacheOf(cost(100) * 3);
    d.put(entry('dd', 100, true));
    d.put(entry('cc', 100));
    expect(d.put(entry('huge', 100 * 2 + ENTRY_OVERHEAD_BYTES + 1))).toBe(false);
    expect(d.keysOldestFirst()).toEqual(['dd', 'cc']);
  });

  it('the hook is unsubscribable; a throwing hook leaves the entry in place and put() throws naming it', () => {
    const handed: string[] = [];
    const c = cacheOf(cost(100) * 2);
    const off = c.onEvictDirty((e) => handed.push(e.key));
    c.put(entry('d', 100, true));
    c.put(entry('c', 100));
    off();
    c.put(entry('x', 100)); // no hook: c evicted, d kept
    expect(handed).toEqual([]);
    expect(c.keysOldestFirst()).toEqual(['d', 'x']);
    c.onEvictDirty(() => {
      throw new Error('disk full');
    });
    c.markDirty('x');
    expect(() => c.put(entry('y', 100))).toThrow('ChunkCacheManager: onEvictDirty hook threw for chunk "d": disk full');
    expect(c.keysOldestFirst()).toEqual(['d', 'x']);
    expect(c.bytes).toBe(cost(100) * 2);
  });

  it('dirtiness is sticky across replacement; entry.dirty cannot be assigned', () => {
    const c = cacheOf(100_000);
    c.put(entry('a', 10, true));
    c.put(entry('a', 20, false));
    expect(c.peek('a')!.dirty).toBe(true);
    expect(c.markDirty('missing')).toBe(false);
    const e = c.peek('a')!;
    expect(() => {
      (e as { dirty: boolean }).dirty = false;
    }).toThrow(TypeError);
    expect(c.peek('a')!.dirty).toBe(true);
  });

  it('a refused put of dirty content goes to the hook', () => {
    const handed: string[] = [];
    const c = cacheOf(cost(100), { onEvictDirty: (e) => handed.push(e.key) });
    expect(c.put(entry('big', 1000, true))).toBe(false);
    expect(handed).toEqual(['big']);
    expect(c.getCacheMetrics().dirtyHandedOff).toBe(1);
  });

  it('clear() hands dirty entries to the hook, or counts them dropped; dispose() ends use', () => {
    const handed: string[] = [];
    const c = cacheOf(100_000, { onEvictDirty: (e) => handed.push(e.key) });
    c.put(entry('a', 10, true));
    c.put(entry('b', 10));
    c.clear();
    expect(handed).toEqual(['a']);
    expect(c.size).toBe(0);
    expect(c.bytes).toBe(0);
    const d = cacheOf(100_000);
    d.put(entry('a', 10, true));
    d.dispose();
    d.dispose();
    expect(d.getCacheMetrics().dirtyDropped).toBe(1);
    expect(() => d.get('a', false)).toThrow('ChunkCacheManager: get() called after dispose()');
    expect(() => d.put(entry('a', 1))).toThrow('ChunkCacheManager: put() called after dispose()');
  });
});

describe('ChunkCacheManager: metrics', () => {
  it('counts hits, misses, revisit hits and misses; ratios are NaN before any lookup', () => {
    const c = cacheOf(100_000);
    let m = c.getCacheMetrics();
    expect(m.cacheHitRatio).toBeNaN();
    expect(m.revisitHitRatio).toBeNaN();
    expect(m.compressionRatio).toBeNaN();
    c.put(entry('a', 10));
    c.get('a', true);
    c.get('a', false);
    c.get('b', true);
    c.get('c', false);
    c.get('a', true);
    m = c.getCacheMetrics();
    expect([m.hits, m.misses, m.revisitHits, m.revisitMisses]).toEqual([3, 2, 2, 1]);
    expect(m.cacheHitRatio).toBeCloseTo(3 / 5, 12);
    expect(m.revisitHitRatio).toBeCloseTo(2 / 3, 12);
    const out = c.getCacheMetrics();
    expect(c.getCacheMetrics(out)).toBe(out); // caller-owned result object
  });

  it('compressionRatio = encoded bytes / raw bytes over full entries only', () => {
    const c = cacheOf(10 * MB);
    const v = new Uint16Array(CHUNK_VOLUME);
    for (let i = 0; i < CHUNK_VOLUME; i++) v[i] = i < 20000 ? 1 : (i & 31) < 5 ? 3 : 0;
    const full = encodeChunk(v, true);
    const h = readChunkHeader(full);
    c.put({ key: '0,0,0', bytes: full, checksum: h.checksum, rawBytes: h.rawBytes, uniform: h.uniform });
    const u = encodeChunk(0, true);
    c.put({ key: '0,5,0', bytes: u, checksum: readChunkHeader(u).checksum, rawBytes: 0, uniform: 0 });
    const m = c.getCacheMetrics();
    expect(m.compressionRatio).toBeCloseTo(full.length / CHUNK_VOXEL_BYTES, 12);
    expect(m.compressedBytes).toBe(full.length);
    expect(m.rawBytes).toBe(CHUNK_VOXEL_BYTES);
    expect(m.bytes).toBe(full.length + u.length + 2 * ENTRY_OVERHEAD_BYTES);
    c.remove('0,0,0');
    expect(c.getCacheMetrics().compressionRatio).toBeNaN();
  });

  it('reportCorrupt drops the entry and counts it; remove hands the entry back uncounted', () => {
    const c = cacheOf(100_000);
    c.put(entry('a', 10));
    c.put(entry('b', 10, true));
    expect(c.reportCorrupt('a')).toBe(true);
    expect(c.reportCorrupt('a')).toBe(false);
    expect(c.has('a')).toBe(false);
    expect(c.remove('b')?.dirty).toBe(true);
    expect(c.remove('b')).toBeNull();
    const m = c.getCacheMetrics();
    expect(m.corruptDropped).toBe(1);
    expect(m.entries).toBe(0);
    expect(m.bytes).toBe(0);
    expect(m.evictions).toBe(0);
  });
});

// ------------------------------------------------------------------ brute-force model

interface ModelEntry {
  key: string;
  cost: number;
  dirty: boolean;
}

/** The documented semantics, written the slow obvious way: one array, oldest first. */
class Model {
  list: ModelEntry[] = [];
  hits = 0;
  misses = 0;
  evictions = 0;
  rejected = 0;
  corrupt = 0;
  handed: string[] = [];
  constructor(
    readonly budget: number,
    readonly hooked: boolean,
  ) {}
  bytes(): number {
    return this.list.reduce((s, e) => s + e.cost, 0);
  }
  find(key: string): number {
    return this.list.findIndex((e) => e.key === key);
  }
  get(key: string): void {
    const i = this.find(key);
    if (i < 0) {
      this.misses++;
      return;
    }
    this.hits++;
    this.list.push(...this.list.splice(i, 1));
  }
  put(key: string, size: number, dirtyIn: boolean): boolean {
    const c = size + ENTRY_OVERHEAD_BYTES;
    let dirty = dirtyIn;
    const i = this.find(key);
    if (i >= 0) {
      dirty = dirty || this.list[i].dirty;
      this.list.splice(i, 1);
    }
    const evictable = this.list.filter((e) => this.hooked || !e.dirty).reduce((s, e) => s + e.cost, 0);
    if (c > this.budget || this.bytes() - evictable + c > this.budget) {
      this.rejected++;
      if (dirty && this.hooked) this.handed.push(key);
      return false;
    }
    while (this.bytes() + c > this.budget) {
      const j = this.list.findIndex((e) => this.hooked || !e.dirty);
      const [v] = this.list.splice(j, 1);
      if (v.dirty) this.handed.push(v.key);
      this.evictions++;
    }
    this.list.push({ key, cost: c, dirty });
    return true;
  }
  remove(key: string): void {
    const i = this.find(key);
    if (i >= 0) this.list.splice(i, 1);
  }
  markDirty(key: string): void {
    const i = this.find(key);
    if (i < 0) return;
    const [e] = this.list.splice(i, 1);
    e.dirty = true;
    this.list.push(e);
  }
  reportCorrupt(key: string): void {
    const i = this.find(key);
    if (i < 0) return;
    this.list.splice(i, 1);
    this.corrupt++;
  }
}

type Op =
  | { op: 'put'; key: number; size: number; dirty: boolean }
  | { op: 'get' | 'remove' | 'markDirty' | 'reportCorrupt'; key: number };

const keyArb = fc.integer({ min: 0, max: 11 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('put' as const), key: keyArb, size: fc.integer({ min: 0, max: 3000 }), dirty: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('get' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('markDirty' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reportCorrupt' as const), key: keyArb }) },
);

describe('ChunkCacheManager: property against a brute-force model', () => {
  it('same contents, order, bytes and counters after every op; bytes never above the budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12_000 }),
        fc.boolean(),
        fc.array(opArb, { minLength: 1, maxLength: 80 }),
        (budget, hooked, ops) => {
          const handed: string[] = [];
          const c = cacheOf(budget, hooked ? { onEvictDirty: (e) => handed.push(e.key) } : {});
          const m = new Model(budget, hooked);
          for (const o of ops) {
            const key = 'k' + o.key;
            if (o.op === 'put') {
              expect(c.put(entry(key, o.size, o.dirty))).toBe(m.put(key, o.size, o.dirty));
            } else if (o.op === 'get') {
              expect(c.get(key, false)?.key ?? null).toBe(m.find(key) >= 0 ? key : null);
              m.get(key);
            } else if (o.op === 'remove') {
              c.remove(key);
              m.remove(key);
            } else if (o.op === 'markDirty') {
              c.markDirty(key);
              m.markDirty(key);
            } else {
              c.reportCorrupt(key);
              m.reportCorrupt(key);
            }
            const got = c.getCacheMetrics();
            expect(got.bytes).toBeLessThanOrEqual(budget);
            expect(got.bytes).toBe(m.bytes());
            expect(c.keysOldestFirst()).toEqual(m.list.map((e) => e.key));
            expect(m.list.filter((e) => e.dirty).map((e) => e.key).sort()).toEqual(
              c.keysOldestFirst().filter((k) => c.peek(k)!.dirty).sort(),
            );
            expect([got.hits, got.misses, got.evictions, got.rejected, got.corruptDropped, got.dirtyHandedOff]).toEqual([
              m.hits,
              m.misses,
              m.evictions,
              m.rejected,
              m.corrupt,
              m.handed.length,
            ]);
            expect(handed).toEqual(m.handed);
          }
        },
      ),
      { numRuns: 300, seed: 424242 },
    );
  });
});
