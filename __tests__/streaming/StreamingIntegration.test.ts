/**
 * The streaming system with its real parts (terrain, mesher, codec, cache, predictor, monitor, pool)
 * running in-process under a hand-stepped clock: tasks run only when the test says so.
 */
import { describe, expect, it } from 'vitest';
import { createStreamingSystem } from '@/utils/streaming/createStreamingSystem';
import { InProcessExecutor } from '@/utils/workers/executors/InProcessExecutor';
import { createChunkWorkerApi } from '@/utils/workers/ChunkStreamingWorker';
import { TerrainGenerator } from '@/utils/world/TerrainGenerator';
import { encodeChunk, voxelChecksum } from '@/utils/compression/chunkCodec';
import { chunkKey } from '@/types/chunk';
import { ChunkLoadState } from '@/types/streaming';
import { HandClock, RecordingSink, SMALL_CONFIG } from '../helpers/streamingHarness';

function setup(extra: Record<string, unknown> = {}) {
  const clock = new HandClock();
  const scheduled: (() => void)[] = [];
  const api = createChunkWorkerApi();
  const log: string[] = [];
  const loggingApi = {
    generate: (r: { cx: number; cy: number; cz: number }) => (log.push('generate ' + chunkKey(r.cx, r.cy, r.cz)), api.generate(r as never)),
    mesh: (r: { cx: number; cy: number; cz: number }) => (log.push('mesh ' + chunkKey(r.cx, r.cy, r.cz)), api.mesh(r as never)),
    compress: (r: unknown) => (log.push('compress'), api.compress(r as never)),
    decompress: (r: { cx: number; cy: number; cz: number }) => (log.push('decompress ' + chunkKey(r.cx, r.cy, r.cz)), api.decompress(r as never)),
  };
  const sink = new RecordingSink(clock);
  const warnings: string[] = [];
  const system = createStreamingSystem({
    config: { ...SMALL_CONFIG, loadingPriority: 'proximity', enablePredictiveLoading: false, ...extra },
    sink,
    clock,
    createExecutor: () => new InProcessExecutor(loggingApi, { defer: 'macrotask', schedule: (fn) => scheduled.push(fn) }),
    warn: (m) => warnings.push(m),
  });
  const flush = async () => {
    for (let i = 0; i < 6; i++) await Promise.resolve();
  };
  const step = async (x: number, y: number, z: number, frames = 1) => {
    for (let f = 0; f < frames; f++) {
      clock.advance(1000 / 60);
      system.manager.updateStreaming({ x, y, z }, { x: 0, y: 0, z: 0 }, 1 / 60, null);
      await flush();
      while (scheduled.length) {
        scheduled.shift()!();
        await flush();
      }
    }
  };
  return { system, sink, clock, log, step, warnings };
}

describe('streaming system (real parts, in-process)', () => {
  it('loads every chunk within the responsive distance and reports the initial load', async () => {
    const s = setup();
    await s.step(16, 80, 16, 120);
    const progress = s.system.manager.getLoadingProgress();
    expect(progress.complete).toBe(true);
    expect(progress.needed).toBeGreaterThan(20);
    const report = s.system.monitor.getReport();
    expect(report.initialLoadMs).toBeGreaterThan(0);
    expect(report.holeChunkFrames).toBe(0);
    // terrain around y=80 makes real geometry
    let quads = 0;
    for (const m of s.sink.chunks.values()) quads += m.quadCount;
    expect(quads).toBeGreaterThan(1000);
    s.system.dispose();
    expect(s.sink.chunks.size).toBe(0);
  });

  it('a revisit reads the cache (decompress) instead of regenerating', async () => {
    const s = setup({ unloadingLatency: 0 });
    await s.step(16, 80, 16, 60);
    await s.step(16 + 600, 80, 16, 60); // far away: the first area is unloaded and cached
    expect(s.system.cache.getCacheMetrics().entries).toBeGreaterThan(20);
    const generatedBefore = s.log.filter((l) => l.startsWith('generate ')).length;
    const logBefore = s.log.length;
    await s.step(16, 80, 16, 60); // back
    const back = s.log.slice(logBefore);
    expect(back.filter((l) => l.startsWith('decompress ')).length).toBeGreaterThan(20);
    const m = s.system.cache.getCacheMetrics();
    expect(m.revisitHits).toBeGreaterThan(20);
    expect(m.revisitHitRatio).toBeGreaterThan(0.9);
    expect(s.system.manager.getChunkState(0, 2, 0)).toBe(ChunkLoadState.RENDERED);
    expect(s.log.filter((l) => l.startsWith('generate ')).length - generatedBefore).toBeLessThan(20);
    s.system.dispose();
  });

  it('a corrupted cache entry is detected, dropped, counted and regenerated', async () => {
    const s = setup();
    const g = new TerrainGenerator(SMALL_CONFIG.worldSeed ?? 1337);
    const voxels = new Uint16Array(32768);
    expect(g.generateChunk(0, 2, 0, voxels)).toBe(-1);
    const bytes = encodeChunk(voxels, true);
    bytes[bytes.length - 3] ^= 0xff; // flip bits in the payload
    s.system.cache.put({ key: '0,2,0', bytes, checksum: voxelChecksum(voxels), rawBytes: 65536, uniform: -1, dirty: false });
    await s.step(16, 80, 16, 60);
    expect(s.log).toContain('decompress 0,2,0');
    expect(s.log).toContain('generate 0,2,0');
    expect(s.system.manager.getChunkState(0, 2, 0)).toBe(ChunkLoadState.RENDERED);
    expect(s.system.cache.getCacheMetrics().corruptDropped).toBe(1);
    expect(s.warnings.some((w) => /cached chunk 0,2,0 could not be read/.test(w))).toBe(true);
    s.system.dispose();
  });

  it('remeshes a chunk when an edited neighbour arrives whose shared border differs, and only then', async () => {
    const g = new TerrainGenerator(SMALL_CONFIG.worldSeed ?? 1337);
    const edited = (lx: number) => {
      const v = new Uint16Array(32768);
      expect(g.generateChunk(-1, 2, 0, v)).toBe(-1);
      for (let y = 0; y < 32; y++) for (let z = 0; z < 32; z++) v[lx + z * 32 + y * 1024] = v[lx + z * 32 + y * 1024] === 0 ? 1 : 0;
      return v;
    };
    for (const [lx, expectRemesh] of [
      [31, true], // the layer touching chunk 0,2,0
      [15, false], // an inner layer: the border is unchanged
    ] as const) {
      const s = setup();
      const v = edited(lx);
      s.system.cache.put({ key: '-1,2,0', bytes: encodeChunk(v, true), checksum: voxelChecksum(v), rawBytes: 65536, uniform: -1, dirty: true });
      await s.step(16, 80, 16, 60);
      const iCentre = s.log.indexOf('generate 0,2,0');
      const iEdited = s.log.indexOf('decompress -1,2,0');
      expect(iCentre).toBeGreaterThanOrEqual(0);
      expect(iEdited).toBeGreaterThan(iCentre); // the neighbour arrives after the centre chunk
      // a remesh of the clean centre chunk: its encoded bytes decoded and meshed again on a worker
      const remeshed = s.log.slice(iEdited).some((l) => l === 'mesh 0,2,0' || l === 'decompress 0,2,0');
      expect(remeshed).toBe(expectRemesh);
      s.system.dispose();
    }
  });

  it('an edit at a chunk border remeshes both chunks', async () => {
    const s = setup();
    await s.step(16, 80, 16, 60);
    const before = s.log.length;
    expect(s.system.manager.setBlock(31, 70, 5, 1)).toBe(true);
    await s.step(16, 80, 16, 2);
    const after = s.log.slice(before);
    // the edited chunk's voxels are decoded on a worker, edited, and it is meshed from them; its clean
    // neighbour across the border is remeshed from its encoded bytes
    expect(after.indexOf('decompress 0,2,0')).toBeLessThan(after.indexOf('mesh 0,2,0'));
    expect(after).toContain('mesh 0,2,0');
    expect(after).toContain('decompress 1,2,0');
    expect(s.system.manager.getBlock(31, 70, 5)).toBe(1);
    s.system.dispose();
  });
});
