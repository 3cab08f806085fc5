import { describe, expect, it } from 'vitest';
import { ChunkStreamingManager, WANTED_RECOMPUTE_FRAMES } from '@/components/world/ChunkStreamingManager';
import { chunkBoxDistance } from '@/utils/streaming/StreamingUtils';
import { parseChunkKey } from '@/types/chunk';
import { ChunkLoadState } from '@/types/streaming';
import { createHarness, createLoggingApi, RecordingSink, SMALL_CONFIG } from '../helpers/streamingHarness';

const generated = (log: string[]) => log.filter((l) => l.startsWith('generate ')).map((l) => parseChunkKey(l.slice(9)));

async function loadAll(h: ReturnType<typeof createHarness>, x: number, y: number, z: number, frames = 400) {
  for (let i = 0; i < frames; i++) {
    h.frame(x, y, z);
    await h.runTasks();
  }
}

describe('ChunkStreamingManager: loading order', () => {
  it('proximity loads nearest first: box distances never decrease', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { loadingPriority: 'proximity', enablePredictiveLoading: false } });
    await loadAll(h, 16, 16, 16, 60);
    const d = generated(api.log).map(([cx, cy, cz]) => chunkBoxDistance(16, 16, 16, cx, cy, cz));
    expect(d.length).toBeGreaterThan(50);
    for (let i = 1; i < d.length; i++) expect(d[i]).toBeGreaterThanOrEqual(d[i - 1] - 1e-9);
    // everything within loadDistance is in the sink, nothing beyond
    for (const key of h.sink.chunks.keys()) {
      const [cx, cy, cz] = parseChunkKey(key);
      expect(chunkBoxDistance(16, 16, 16, cx, cy, cz)).toBeLessThanOrEqual(64);
    }
  });

  it('direction loads chunks ahead of the motion before equally distant ones behind', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { loadingPriority: 'direction', enablePredictiveLoading: false } });
    for (let i = 0; i < 40; i++) {
      h.frame(16, 16, 16, 20, 0, 0);
      await h.runTasks(1);
    }
    const order = generated(api.log).map((c) => c.join(','));
    const ahead = order.indexOf('2,0,0');
    const behind = order.indexOf('-2,0,0');
    expect(ahead).toBeGreaterThanOrEqual(0);
    expect(behind === -1 || behind > ahead).toBe(true);
    // the first few chunks beyond the player's own are all ahead or level, not behind
    const first = generated(api.log).slice(1, 6);
    for (const [cx] of first) expect(cx).toBeGreaterThanOrEqual(0);
  });
});

describe('ChunkStreamingManager: cancellation', () => {
  it('cancels queued work of chunks no longer wanted and drops late results', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { loadingPriority: 'proximity', enablePredictiveLoading: false } });
    for (let i = 0; i < WANTED_RECOMPUTE_FRAMES; i++) h.frame(16, 16, 16); // the wanted set, then submission
    await h.flush();
    expect(h.scheduled.length).toBe(1); // one task running, the rest queued
    expect(h.processor.queuedCount).toBeGreaterThan(10);
    h.frame(100_016, 16, 16); // teleport far away
    await h.flush();
    const queuedNearOrigin = h.processor.queuedCount;
    // run everything: nothing near the origin may reach the sink
    await loadAll(h, 100_016, 16, 16, 100);
    for (const key of h.sink.chunks.keys()) expect(parseChunkKey(key)[0]).toBeGreaterThan(3000);
    const nearOriginGenerated = generated(api.log).filter(([cx]) => cx < 100);
    expect(nearOriginGenerated.length).toBe(1); // only the one already running
    expect(queuedNearOrigin).toBeGreaterThan(0);
  });
});

describe('ChunkStreamingManager: hysteresis and unloadingLatency', () => {
  it('keeps chunks between load and unload distance, unloads beyond it only after the latency', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { loadingPriority: 'proximity', enablePredictiveLoading: false } });
    await loadAll(h, 16, 16, 16, 80);
    expect(h.sink.chunks.has('0,0,0')).toBe(true);
    // chunk 0,0,0 at distance 80 (between 64 and 96): kept
    const xMid = 32 + 80;
    for (let i = 0; i < 300; i++) {
      h.frame(xMid, 16, 16);
      await h.runTasks();
    }
    expect(chunkBoxDistance(xMid, 16, 16, 0, 0, 0)).toBeCloseTo(80);
    expect(h.sink.chunks.has('0,0,0')).toBe(true);
    // beyond 96: still there just before 2 s, gone after
    const xFar = 32 + 100;
    const startT = h.clock.t;
    while (h.clock.t - startT < 1700) {
      h.frame(xFar, 16, 16);
      await h.runTasks();
    }
    expect(h.sink.chunks.has('0,0,0')).toBe(true);
    while (h.clock.t - startT < 2500) {
      h.frame(xFar, 16, 16);
      await h.runTasks();
    }
    expect(h.sink.chunks.has('0,0,0')).toBe(false);
    expect(h.manager.getChunkState(0, 0, 0)).toBe(ChunkLoadState.UNLOADED);
  });

  it('still unloads at a low frame rate, when every frame carries a wanted-set recompute', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { loadingPriority: 'proximity', enablePredictiveLoading: false } });
    await loadAll(h, 16, 16, 16, 80);
    expect(h.sink.chunks.has('0,0,0')).toBe(true);
    // 150 ms frames: the 250 ms refresh makes every other frame start a recompute and the next finish it
    for (let i = 0; i < 40; i++) {
      h.frame(16 + 400, 16, 16, 0, 0, 0, 150);
      await h.runTasks();
    }
    expect(h.sink.chunks.has('0,0,0')).toBe(false);
    for (const key of h.sink.chunks.keys()) expect(chunkBoxDistance(416, 16, 16, ...parseChunkKey(key))).toBeLessThanOrEqual(96);
  });

  it('rejects an unloadDistance that is not larger than loadDistance', () => {
    const api = createLoggingApi();
    expect(() => createHarness(api, { config: { loadDistance: 96, unloadDistance: 96 } })).toThrow(
      /unloadDistance must be > loadDistance \(96 blocks\).*got 96/,
    );
  });
});

describe('ChunkStreamingManager: per-frame budget', () => {
  it('applies finished results for at most maxQueueProcessingTime per frame, at least one', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, {
      config: { loadingPriority: 'proximity', enablePredictiveLoading: false },
      tasksInFlight: 64,
    });
    for (let i = 0; i < WANTED_RECOMPUTE_FRAMES; i++) h.frame(16, 16, 16);
    await h.runTasks(); // complete many results before the next frame
    h.sink.costMs = 0.5; // each mesh hand-over costs 0.5 ms
    const before = h.sink.adds;
    h.frame(16, 16, 16);
    expect(h.sink.adds - before).toBe(3); // 1.5 ms budget / 0.5 ms
    h.sink.costMs = 10; // a single over-budget hand-over still happens
    const b2 = h.sink.adds;
    h.frame(16, 16, 16);
    expect(h.sink.adds - b2).toBe(1);
  });

  it('applies results most urgent first', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, {
      config: { loadingPriority: 'proximity', enablePredictiveLoading: false },
      tasksInFlight: 64,
    });
    for (let i = 0; i < WANTED_RECOMPUTE_FRAMES; i++) h.frame(16, 16, 16);
    await h.runTasks();
    h.sink.costMs = 0.5;
    h.frame(16, 16, 16);
    const d = h.sink.addOrder.map((k) => {
      const [cx, cy, cz] = parseChunkKey(k);
      return chunkBoxDistance(16, 16, 16, cx, cy, cz);
    });
    for (let i = 1; i < d.length; i++) expect(d[i]).toBeGreaterThanOrEqual(d[i - 1]);
  });
});

describe('ChunkStreamingManager: hard limits', () => {
  it('never holds more than maxLoadedChunks, keeping the nearest', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { loadingPriority: 'proximity', enablePredictiveLoading: false, maxLoadedChunks: 30 } });
    await loadAll(h, 16, 16, 16, 120);
    expect(h.manager.loadedChunkCount).toBeLessThanOrEqual(30);
    expect(h.sink.chunks.size).toBeLessThanOrEqual(30);
    // the 27 chunks within 32 blocks (own, faces, edges, corners) all stay; the rest are the next nearest
    const ds = [...h.sink.chunks.keys()].map((k) => chunkBoxDistance(16, 16, 16, ...parseChunkKey(k)));
    expect(ds.filter((d) => d <= 32).length).toBe(27);
    expect(Math.max(...ds)).toBeLessThanOrEqual(48);
  });
});

describe('ChunkStreamingManager: bad input and failures', () => {
  it('skips a NaN position with a warning naming the values and keeps streaming', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { enablePredictiveLoading: false } });
    expect(() => h.frame(NaN, 16, 16)).not.toThrow();
    expect(h.warnings[0]).toMatch(/ChunkStreamingManager: position and velocity must be finite.*NaN/);
    await loadAll(h, 16, 16, 16, 30);
    expect(h.sink.chunks.has('0,0,0')).toBe(true);
    expect(h.manager.invalidInputCount).toBe(1);
  });

  it('names the field of a bad config value', () => {
    expect(() => createHarness(createLoggingApi(), { config: { loadDistance: -5 } })).toThrow(
      /ChunkStreamingManager: loadDistance must be a number in \[32, 1024\] blocks, got -5/,
    );
    expect(() => createHarness(createLoggingApi(), { config: { loadingPriority: 'nearest' as never } })).toThrow(
      /loadingPriority must be one of proximity \| direction \| adaptive, got "nearest"/,
    );
  });

  it('retries a failing generation with backoff and loads the chunk', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { enablePredictiveLoading: false, loadingPriority: 'proximity' } });
    api.failTimes('0,0,0', 2);
    for (let i = 0; i < WANTED_RECOMPUTE_FRAMES; i++) h.frame(16, 16, 16);
    await h.runTasks(1); // first attempt fails
    const attempts = () => api.log.filter((l) => l === 'generate 0,0,0').length;
    expect(attempts()).toBe(1);
    await h.runTasks();
    h.clock.advance(99); // first retry is due 100 ms after the failure
    await h.runTasks();
    expect(attempts()).toBe(1);
    h.clock.advance(1);
    await h.runTasks(); // second attempt fails
    expect(attempts()).toBe(2);
    h.clock.advance(199); // second retry 200 ms after
    await h.runTasks();
    expect(attempts()).toBe(2);
    h.clock.advance(1);
    await h.runTasks();
    expect(attempts()).toBe(3);
    h.frame(16, 16, 16);
    expect(h.sink.chunks.has('0,0,0')).toBe(true);
  });

  it('marks a chunk failed after maxRetries and keeps streaming the others', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { enablePredictiveLoading: false, loadingPriority: 'proximity' } });
    api.failTimes('0,0,0', 3);
    for (let i = 0; i < WANTED_RECOMPUTE_FRAMES; i++) h.frame(16, 16, 16);
    for (let i = 0; i < 3; i++) {
      await h.runTasks();
      h.clock.advance(1000);
    }
    await loadAll(h, 16, 16, 16, 60);
    expect(h.manager.getChunkState(0, 0, 0)).toBe(ChunkLoadState.FAILED);
    expect(h.manager.failedChunkCount).toBe(1);
    expect(h.warnings.some((w) => /chunk 0,0,0 failed to load: generator exploded/.test(w))).toBe(true);
    expect(h.sink.chunks.size).toBeGreaterThan(50);
  });
});

describe('ChunkStreamingManager: steady state', () => {
  it('does no work when nothing changed', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { enablePredictiveLoading: false } });
    await loadAll(h, 16, 16, 16, 100);
    const logLen = api.log.length;
    const adds = h.sink.adds;
    for (let i = 0; i < 120; i++) {
      h.frame(16, 16, 16);
      await h.runTasks();
    }
    expect(api.log.length).toBe(logLen);
    expect(h.sink.adds).toBe(adds);
    expect(h.manager.getLoadingProgress().complete).toBe(true);
  });

  it('dispose removes every mesh from the sink', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { enablePredictiveLoading: false } });
    await loadAll(h, 16, 16, 16, 50);
    expect(h.sink.chunks.size).toBeGreaterThan(0);
    h.manager.dispose();
    expect(h.sink.chunks.size).toBe(0);
  });
});

describe('ChunkStreamingManager: level of detail', () => {
  it('meshes far chunks at LOD and remeshes them at full detail as the player comes closer', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, {
      config: { enablePredictiveLoading: false, loadingPriority: 'proximity', loadDistance: 256, unloadDistance: 288, enableLevelOfDetail: true },
    });
    expect(h.manager.lodDistance).toBe(128); // max(32 + 64, 256 / 2)
    await loadAll(h, 16, 16, 16, 120);
    expect(api.lodLog).toContain('generate 0,0,0 lod0');
    expect(api.lodLog).toContain('generate 6,0,0 lod1'); // box distance 176 > 128
    expect(api.lodLog).not.toContain('mesh 6,0,0 lod0');
    // fly to x = 16 + 80: chunk 6,0,0 is now 96 blocks away (< 128 - 16)
    for (let i = 0; i < 30; i++) {
      h.frame(96, 16, 16);
      await h.runTasks();
    }
    expect(api.lodLog).toContain('mesh 6,0,0 lod0');
    expect(h.sink.chunks.has('6,0,0')).toBe(true);
  });

  it('asks for full detail everywhere when LOD is off', async () => {
    const api = createLoggingApi();
    const h = createHarness(api, { config: { enablePredictiveLoading: false, loadDistance: 256, unloadDistance: 288 } });
    await loadAll(h, 16, 16, 16, 60);
    expect(api.lodLog.every((l) => l.endsWith('lod0'))).toBe(true);
  });
});

describe('ChunkStreamingManager: construction', () => {
  it('uses the defaults when no config is given', () => {
    const m = new ChunkStreamingManager({
      sink: new RecordingSink(),
      processor: { submit: () => ({ id: 1 }), setPriority: () => {}, cancel: () => true },
      clock: { now: () => 0 },
    });
    expect(m.config.loadDistance).toBe(208);
    expect(SMALL_CONFIG.loadDistance).toBe(64);
  });
});
