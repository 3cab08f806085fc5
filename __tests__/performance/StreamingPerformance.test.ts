import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHUNK_STREAMING_TARGETS, gradeFromShare } from '@/config/streamingConfig';
import { StreamingPerformanceMonitor, type StreamingAlertEvent } from '@/utils/performance/StreamingPerformanceMonitor';
import { binCentre, binOf, MAX_UNITS, QuantileHistogram } from '@/utils/performance/metrics/QuantileHistogram';
import { RingBuffer } from '@/utils/performance/metrics/RingBuffer';
import { TARGET_DEFINITIONS } from '@/utils/performance/metrics/targets';

/** Nearest-rank quantile by sorting. */
function bruteQuantile(values: number[], q: number): number {
  const s = values.slice().sort((a, b) => a - b);
  const rank = q <= 0 ? 1 : Math.min(s.length, Math.ceil(q * s.length));
  return s[rank - 1];
}

/** Error bound of the histogram: 0.005 ms of rounding below 40.96 ms, 2^-12 relative above. */
const tolerance = (v: number) => 0.005 + v * 2 ** -12 + 1e-9;

const MB = 1024 * 1024;

function cacheStats(over: Partial<Parameters<StreamingPerformanceMonitor['setCacheStats']>[0]> = {}) {
  return { hits: 0, misses: 0, revisitHits: 0, revisitMisses: 0, compressedBytes: 0, rawBytes: 0, entries: 0, bytes: 0, ...over };
}

/** A monitor past its initial load at t = 1000 ms (run started at 0). */
function started(options?: ConstructorParameters<typeof StreamingPerformanceMonitor>[0]): StreamingPerformanceMonitor {
  const m = new StreamingPerformanceMonitor(options);
  m.markRunStart(0);
  m.recordFrame(500, 3, 0, 0);
  m.markInitialLoadComplete(1000);
  return m;
}

describe('QuantileHistogram', () => {
  it('matches a brute-force sort on random data (nearest rank, 0.01 ms below 40.96 ms, 2^-12 relative above)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 400 }),
          fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
          fc.array(fc.integer({ min: 0, max: 300 }).map((v) => v / 100), { minLength: 1, maxLength: 400 }),
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const h = new QuantileHistogram();
          for (const v of values) h.add(v);
          for (const qq of [q, 0, 0.01, 0.5, 0.9, 0.99, 1]) {
            const bf = bruteQuantile(values, qq);
            expect(Math.abs(h.quantile(qq) - bf)).toBeLessThanOrEqual(tolerance(bf));
          }
          expect(h.max).toBe(Math.max(...values));
          expect(h.min).toBe(Math.min(...values));
          expect(h.count).toBe(values.length);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('is exact for values on the 0.01 ms grid below 40.96 ms', () => {
    const h = new QuantileHistogram();
    for (let i = 1; i <= 100; i++) h.add(i * 0.25);
    expect(h.quantile(0.5)).toBeCloseTo(12.5, 9);
    expect(h.quantile(0.99)).toBeCloseTo(24.75, 9);
    expect(h.quantile(1)).toBe(25);
    expect(h.quantile(0)).toBe(0.25);
  });

  it('bins are contiguous and monotone, and each centre maps back to its bin', () => {
    let prev = -1;
    for (let v = 0; v < 200_000; v += 7) {
      const b = binOf(v);
      expect(b).toBeGreaterThanOrEqual(prev);
      prev = b;
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_UNITS }), (v) => {
        const b = binOf(v);
        expect(binOf(Math.floor(binCentre(b)))).toBe(b);
        expect(Math.abs(binCentre(b) - v)).toBeLessThanOrEqual(Math.max(0, v * 2 ** -12));
      }),
      { seed: 3, numRuns: 2000 },
    );
  });

  it('reports NaN when empty and clamps huge values into the last bin while max stays exact', () => {
    const h = new QuantileHistogram();
    expect(Number.isNaN(h.quantile(0.5))).toBe(true);
    expect(Number.isNaN(h.mean())).toBe(true);
    h.add(1e12);
    expect(h.max).toBe(1e12);
    expect(h.quantile(1)).toBeLessThanOrEqual(1e12);
    h.clear();
    expect(h.count).toBe(0);
  });
});

describe('RingBuffer', () => {
  it('keeps the newest `capacity` values with head index and a running mean', () => {
    const r = new RingBuffer(4);
    for (let i = 1; i <= 10; i++) r.push(i);
    expect(r.count).toBe(4);
    expect(r.head).toBe(10 % 4);
    expect([0, 1, 2, 3].map((i) => r.at(i))).toEqual([7, 8, 9, 10]);
    expect(r.latest()).toBe(10);
    expect(r.mean()).toBe(8.5);
    expect(() => new RingBuffer(0)).toThrow('RingBuffer: capacity must be an integer >= 1, got 0');
  });
});

describe('StreamingPerformanceMonitor: counting', () => {
  it('counts holes only from the initial-load mark; earlier frames go to the initial-load stats', () => {
    const m = new StreamingPerformanceMonitor();
    m.markRunStart(1000);
    for (let i = 0; i < 30; i++) m.recordFrame(1000 + i * 16, 4 + i * 0.1, 120, 100 - i); // loading: holes ignored
    m.markInitialLoadComplete(1480);
    m.recordFrame(1496, 1, 120, 0);
    m.recordFrame(1512, 1.5, 121, 3);
    m.recordFrame(1528, 0.5, 119, 0);
    m.recordFrame(1544, 0.75, 119, 1);
    const r = m.getReport();
    expect(r.initialLoadMs).toBe(480);
    expect(r.initialLoadFrames).toBe(30);
    expect(r.initialLoadMainThreadMs.max).toBeCloseTo(6.9, 9);
    expect(r.frames).toBe(4);
    expect(r.requiredChunkFrames).toBe(120 + 121 + 119 + 119);
    expect(r.holeChunkFrames).toBe(4);
    expect(r.holeFrames).toBe(2);
    expect(r.mainThreadMs).toEqual({ count: 4, p50: 0.75, p99: 1.5, max: 1.5, mean: 0.9375 });
  });

  it('readyOnArrival is the ready share of arrivals after the initial load', () => {
    const m = new StreamingPerformanceMonitor();
    m.markRunStart(0);
    m.recordArrival(false); // before the initial load: not an arrival
    m.markInitialLoadComplete(10);
    expect(m.getReport().readyOnArrival).toBeNull();
    expect(m.getMetrics().predictiveAccuracy).toBe(0);
    for (let i = 0; i < 40; i++) m.recordArrival(i % 8 !== 0);
    const r = m.getReport();
    expect(r.arrivals).toBe(40);
    expect(r.readyOnArrival).toBe(35 / 40);
    expect(m.counters.arrivalsBeforeInitialLoad).toBe(1);
    expect(m.getMetrics().predictiveAccuracy).toBe(35 / 40);
  });

  it('wastedWork is wasted generate + mesh results over completed generate + mesh tasks', () => {
    const m = started();
    expect(m.getReport().wastedWork).toBeNull();
    expect(m.getMetrics().streamingEfficiency).toBe(1);
    for (let i = 0; i < 8; i++) m.recordTaskCompleted('generate');
    for (let i = 0; i < 12; i++) m.recordTaskCompleted('mesh');
    for (let i = 0; i < 5; i++) m.recordTaskCompleted('compress');
    for (let i = 0; i < 4; i++) m.recordTaskCompleted('decompress');
    for (let i = 0; i < 3; i++) m.recordWasted('generate');
    for (let i = 0; i < 2; i++) m.recordWasted('mesh');
    m.recordWasted('decompress'); // not generate/mesh: outside wastedWork
    m.recordCancelled();
    m.recordCancelled();
    m.recordFailed();
    const r = m.getReport();
    expect(r.wastedWork).toBe(5 / 20);
    expect(m.getMetrics().streamingEfficiency).toBe(0.75);
    expect([r.chunksGenerated, r.chunksMeshed, r.chunksCompressed, r.chunksDecompressed]).toEqual([8, 12, 5, 4]);
    expect([r.chunksCancelled, r.chunksFailed]).toEqual([2, 1]);
    expect(r.wasted).toEqual({ generate: 3, mesh: 2, compress: 0, decompress: 1 });
    expect(() => m.recordTaskCompleted('render' as never)).toThrow(
      'StreamingPerformanceMonitor: task type must be one of generate | mesh | compress | decompress, got render',
    );
  });

  it('derives cacheHitRatio, revisitHitRatio and compressionRatio from the fed cache stats', () => {
    const m = started();
    expect(m.getReport().compressionRatio).toBeNull();
    m.setCacheStats(
      cacheStats({ hits: 170, misses: 30, revisitHits: 95, revisitMisses: 5, compressedBytes: 6553, rawBytes: 65536, entries: 1, bytes: 7000 }),
    );
    const r = m.getReport();
    expect(r.cacheHitRatio).toBe(0.85);
    expect(r.revisitHitRatio).toBe(0.95);
    expect(r.compressionRatio).toBe(6553 / 65536);
    expect(r.cacheLookups).toBe(200);
    expect(m.getMetrics().cacheHitRatio).toBe(0.85);
    const byName = new Map(m.evaluateTargets().map((t) => [t.name, t]));
    expect(byName.get('cacheHitRatio')!.met).toBe(true);
    expect(byName.get('revisitHitRatio')!.met).toBe(true);
    expect(byName.get('compressionRatio')!.met).toBe(true);
    expect(byName.get('compressionRatio')!.margin).toBeCloseTo(0.1 - 6553 / 65536, 12);
  });

  it('tracks memory pressure, peak memory and peak loaded chunks', () => {
    const m = started();
    m.setMemory(50 * MB, 200 * MB);
    m.setMemory(150 * MB, 200 * MB);
    m.setMemory(80 * MB, 200 * MB);
    m.setCounts({ loaded: 900, queued: 12 });
    m.setCounts({ loaded: 700 });
    const r = m.getReport();
    expect(r.peakMemoryBytes).toBe(150 * MB);
    expect(r.memoryPressure).toBe(0.4);
    expect(r.peakLoadedChunks).toBe(900);
    const metrics = m.getMetrics();
    expect(metrics.memoryPressure).toBe(0.4);
    expect(metrics.loadedChunkCount).toBe(700);
    expect(metrics.loadingQueueSize).toBe(12);
    m.setMemory(300 * MB, 200 * MB);
    expect(m.getMetrics().memoryPressure).toBe(1); // clamped to [0, 1]
  });

  it('averageLoadTime is the mean of the recent chunk loads; chunkLoadMs covers the whole run', () => {
    const m = new StreamingPerformanceMonitor({ recentLoads: 4 });
    m.markRunStart(0);
    for (const ms of [400, 300, 10, 20, 30, 40]) m.recordChunkLoad(ms);
    expect(m.getMetrics().averageLoadTime).toBe(25);
    const r = m.getReport();
    expect(r.chunkLoadMs.count).toBe(6);
    expect(r.chunkLoadMs.p50).toBe(30);
    expect(r.chunkLoadMs.max).toBe(400);
  });

  it('keeps the last frames in rings for the overlay (typed arrays + head index)', () => {
    const m = started({ historyFrames: 240 });
    m.setCounts({ queued: 7 });
    for (let i = 0; i < 300; i++) m.recordFrame(1000 + i * 16, i / 100, 10, i % 2);
    expect(m.frameTimes.values).toBeInstanceOf(Float32Array);
    expect(m.frameTimes.count).toBe(240);
    expect(m.frameTimes.head).toBe((1 + 300) % 240);
    expect(m.frameTimes.at(239)).toBeCloseTo(2.99, 5);
    expect(m.frameTimes.at(0)).toBeCloseTo(0.6, 5);
    expect(m.queueLengths.latest()).toBe(7);
    expect(m.holeCounts.latest()).toBe(1);
  });

  it('markRunStart starts a new run', () => {
    const m = started();
    m.recordFrame(2000, 9, 10, 5);
    m.recordChunkLoad(50);
    m.markRunStart(5000);
    const r = m.getReport();
    expect([r.frames, r.initialLoadFrames, r.holeChunkFrames, r.chunkLoadMs.count]).toEqual([0, 0, 0, 0]);
    expect(r.initialLoadMs).toBeNull();
    m.markInitialLoadComplete(5600);
    expect(m.getReport().initialLoadMs).toBe(600);
  });

  it('rejects bad input with the field and value', () => {
    const m = new StreamingPerformanceMonitor();
    expect(() => m.markInitialLoadComplete(5)).toThrow(
      'StreamingPerformanceMonitor: markInitialLoadComplete called before markRunStart',
    );
    m.markRunStart(0);
    expect(() => m.recordFrame(1, NaN, 0, 0)).toThrow('StreamingPerformanceMonitor: mainThreadMs must be a finite number >= 0, got NaN');
    expect(() => m.recordFrame(1, 1, 5, 6)).toThrow(
      'StreamingPerformanceMonitor: holeCount must be an integer in [0, requiredCount = 5], got 6',
    );
    expect(() => m.recordChunkLoad(-1)).toThrow('StreamingPerformanceMonitor: loadMs must be a finite number >= 0, got -1');
    expect(() => m.setMemory(1, 0)).toThrow('StreamingPerformanceMonitor: memory budgetBytes must be a finite number > 0, got 0');
    expect(() => m.setCacheStats(cacheStats({ hits: -2 }))).toThrow('StreamingPerformanceMonitor: cache hits must be a finite number >= 0, got -2');
    expect(() => new StreamingPerformanceMonitor({ historyFrames: 0 })).toThrow(
      'StreamingPerformanceMonitor: historyFrames must be an integer >= 1, got 0',
    );
  });
});

describe('StreamingPerformanceMonitor: targets and grade', () => {
  it('each target definition reads its limit from CHUNK_STREAMING_TARGETS', () => {
    for (const d of TARGET_DEFINITIONS) {
      const [group, key] = d.targetPath.split('.');
      const value = (CHUNK_STREAMING_TARGETS as unknown as Record<string, Record<string, number>>)[group][key];
      expect(d.target).toBe(value);
    }
  });

  it('evaluates only targets with a measured value', () => {
    const m = new StreamingPerformanceMonitor();
    m.markRunStart(0);
    expect(m.evaluateTargets()).toEqual([]);
    expect(m.performanceGrade).toBe('F');
    m.recordChunkLoad(20);
    expect(m.evaluateTargets().map((t) => t.name)).toEqual(['chunkLoadTime']);
    expect(m.performanceGrade).toBe('A');
  });

  /** Feeds a run where every target is measured; `worse` pushes the named ones just past their limit. */
  function scenario(worse: ReadonlySet<string>) {
    const m = new StreamingPerformanceMonitor();
    const x = (name: string, inside: number, outside: number) => (worse.has(name) ? outside : inside);
    m.markRunStart(0);
    m.markInitialLoadComplete(x('initialLoad', 1500, 1500.01));
    const p99 = worse.has('queueProcessingTime') ? 5.01 : x('mainThreadP99', 1.99, 2.01);
    for (let i = 0; i < 100; i++) m.recordFrame(2000 + i * 16, p99, 100, 0);
    m.recordFrame(4000, x('mainThreadMax', 8, 8.01), 100, x('loadingInterruptions', 0, 1));
    for (let i = 0; i < 9; i++) m.recordChunkLoad(x('chunkLoadTime', 100, 100.02));
    m.recordChunkLoad(1);
    for (let i = 0; i < 10; i++) m.recordArrival(i < x('predictiveAccuracy', 7, 6));
    for (let i = 0; i < 4; i++) m.recordTaskCompleted('generate');
    m.recordWasted('generate');
    if (worse.has('streamingEfficiency')) m.recordWasted('generate');
    m.setCacheStats(
      cacheStats({
        hits: x('cacheHitRatio', 85, 84),
        misses: x('cacheHitRatio', 15, 16),
        revisitHits: x('revisitHitRatio', 95, 94),
        revisitMisses: x('revisitHitRatio', 5, 6),
        compressedBytes: x('compressionRatio', 6553.6, 6554),
        rawBytes: 65536,
        bytes: x('cacheSize', 500 * MB, 500 * MB + 1),
      }),
    );
    const memory = x('peakMemory', 160 * MB, 200 * MB + 1);
    // pressure exactly 0.8 (inside), or just above it; twice the memory when only the peak is pushed out
    const budget = worse.has('memoryPressure') ? memory / 0.8 - 1 : worse.has('peakMemory') ? 2 * memory : memory / 0.8;
    m.setMemory(memory, budget);
    m.setCounts({ loaded: x('loadedChunks', 4096, 4097) });
    return m;
  }

  it('every target just inside its limit is met; just outside it is missed', () => {
    const inside = scenario(new Set());
    const evals = inside.evaluateTargets();
    expect(evals.map((e) => e.name).sort()).toEqual(TARGET_DEFINITIONS.map((d) => d.name).sort());
    for (const e of evals) {
      expect(e.met, e.name).toBe(true);
      expect(e.margin, e.name).toBeGreaterThanOrEqual(0);
    }
    expect(inside.performanceGrade).toBe('A');
    for (const d of TARGET_DEFINITIONS) {
      // queueProcessingTime (p99 <= 5) and mainThreadP99 (p99 <= 2) read the same value: 2.01 misses only
      // the latter, 5.01 both.
      const m = scenario(new Set([d.name]));
      const missed = m.evaluateTargets().filter((e) => !e.met).map((e) => e.name);
      expect(missed, d.name).toEqual(d.name === 'queueProcessingTime' ? [d.name, 'mainThreadP99'] : [d.name]);
      const e = m.evaluateTargets().find((t) => t.name === d.name)!;
      expect(e.margin).toBeLessThan(0);
    }
  });

  it('the grade is gradeFromShare(met / measured), derived from the evaluations', () => {
    const names = TARGET_DEFINITIONS.map((d) => d.name).filter((n) => n !== 'queueProcessingTime');
    const seen = new Set<string>();
    for (let k = 0; k <= names.length; k++) {
      const m = scenario(new Set(names.slice(0, k)));
      const evals = m.evaluateTargets();
      const met = evals.filter((e) => e.met).length;
      expect(met).toBe(evals.length - k);
      expect(m.performanceGrade).toBe(gradeFromShare(met / evals.length));
      expect(m.getMetrics().performanceGrade).toBe(m.performanceGrade);
      expect(m.getReport().performanceGrade).toBe(m.performanceGrade);
      seen.add(m.performanceGrade);
    }
    expect([...seen].sort()).toEqual(['A', 'B', 'C', 'D', 'F']);
  });

  it('the report carries every field of the benchmark JSON', () => {
    const r = scenario(new Set()).getReport();
    for (const key of [
      'frames',
      'initialLoadMs',
      'requiredChunkFrames',
      'holeChunkFrames',
      'holeFrames',
      'readyOnArrival',
      'mainThreadMs',
      'chunkLoadMs',
      'chunksGenerated',
      'chunksMeshed',
      'chunksCancelled',
      'wastedWork',
      'cacheHitRatio',
      'revisitHitRatio',
      'compressionRatio',
      'peakMemoryBytes',
    ]) {
      expect(r, key).toHaveProperty(key);
      expect((r as unknown as Record<string, unknown>)[key], key).not.toBeNull();
    }
    expect(Object.keys(r.mainThreadMs)).toEqual(expect.arrayContaining(['p50', 'p99', 'max']));
    expect(Object.keys(r.chunkLoadMs)).toEqual(expect.arrayContaining(['p50', 'p99']));
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('StreamingPerformanceMonitor: alerts', () => {
  it('raises an alert after 3 s of misses, not before, worded with the numbers, and clears it when met', () => {
    const m = started();
    const events: StreamingAlertEvent[] = [];
    const unsubscribe = m.subscribe((e) => events.push(e));
    let t = 1000;
    for (; t <= 3900; t += 100) m.recordFrame(t, 6.1, 50, 0); // missed since t = 1000
    expect(m.getAlerts()).toEqual([]); // 2900 ms: not yet
    m.recordFrame(4000, 6.1, 50, 0); // 3000 ms
    const messages = m.getAlerts().map((a) => a.message);
    expect(messages).toEqual(['main thread p99 6.1 ms > 5 ms', 'main thread p99 6.1 ms > 2 ms']);
    expect(events.map((e) => [e.type, e.alert.name])).toEqual([
      ['raised', 'queueProcessingTime'],
      ['raised', 'mainThreadP99'],
    ]);
    expect(m.getAlerts()[1].missSinceMs).toBe(1000);
    expect(m.getAlerts()[1].raisedAtMs).toBe(4000);
    expect(m.getReport().alerts).toEqual(messages);

    // Fast frames until the run's p99 is back under 2 ms.
    let frames = 0;
    while (m.getAlerts().length > 0 && frames < 10_000) {
      t += 16;
      m.recordFrame(t, 0.5, 50, 0);
      frames++;
    }
    expect(m.getAlerts()).toEqual([]);
    expect(m.getReport().mainThreadMs.p99).toBe(0.5);
    expect(events.map((e) => e.type)).toEqual(['raised', 'raised', 'cleared', 'cleared']);
    unsubscribe();
    for (let i = 0; i < 40; i++) m.recordFrame((t += 100), 0.5, 50, 50); // holes for 4 s
    expect(m.getAlerts().map((a) => a.message)).toEqual([`hole chunk-frames 2000 > 0`]);
    expect(events).toHaveLength(4); // unsubscribed
  });

  it('a miss that recovers within 3 s raises nothing, and the 3 s restart after recovery', () => {
    const m = started({ alertCheckIntervalMs: 0 });
    m.recordFrame(1000, 1, 10, 0);
    m.setCacheStats(cacheStats({ hits: 1, misses: 9 })); // 0.1 < 0.85
    for (let t = 1100; t <= 3900; t += 100) m.recordFrame(t, 1, 10, 0);
    m.setCacheStats(cacheStats({ hits: 90, misses: 9 })); // met again
    m.recordFrame(4000, 1, 10, 0);
    m.setCacheStats(cacheStats({ hits: 90, misses: 90 })); // 0.5: missed again from 4100
    for (let t = 4100; t < 7100; t += 100) m.recordFrame(t, 1, 10, 0);
    expect(m.getAlerts()).toEqual([]);
    m.recordFrame(7100, 1, 10, 0);
    expect(m.getAlerts().map((a) => a.message)).toEqual(['cache hit ratio 0.5 < 0.85']);
  });
});

describe('StreamingPerformanceMonitor: no work when nothing changed', () => {
  it('returns cached outputs and does not recompute until an input changes something', () => {
    const m = started();
    m.setCacheStats(cacheStats({ hits: 3, misses: 1 }));
    m.setMemory(10 * MB, 100 * MB);
    m.setCounts({ loaded: 10, queued: 2 });
    const metrics = m.getMetrics();
    const targets = m.evaluateTargets();
    const report = m.getReport();
    const evaluations = m.evaluations;
    for (let i = 0; i < 5; i++) {
      expect(m.getMetrics()).toBe(metrics);
      expect(m.evaluateTargets()).toBe(targets);
      expect(m.getReport()).toBe(report);
      void m.performanceGrade;
      // the manager re-sends unchanged gauges every frame
      m.setCacheStats(cacheStats({ hits: 3, misses: 1 }));
      m.setMemory(10 * MB, 100 * MB);
      m.setCounts({ loaded: 10, queued: 2 });
    }
    expect(m.evaluations).toBe(evaluations);
    m.setCounts({ queued: 3 });
    expect(m.getReport()).not.toBe(report);
    expect(m.getMetrics()).toBe(metrics); // same object, refreshed
    expect(metrics.loadingQueueSize).toBe(3);
    expect(m.evaluations).toBe(evaluations + 1);
  });
});
