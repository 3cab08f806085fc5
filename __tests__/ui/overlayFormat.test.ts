import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  facing,
  fmtChunk,
  fmtFlags,
  fmtMB,
  fmtPercent,
  fmtQueues,
  graphPoints,
  niceCeiling,
  overlayLines,
  type OverlaySnapshot,
} from '@/components/ui/overlayFormat';
import { RingBuffer } from '@/utils/performance/metrics/RingBuffer';
import { viewDirection } from '@/utils/render/flyMath';
import { loadingFraction } from '@/components/ui/LoadingScreen';

function snapshot(over: Partial<OverlaySnapshot> = {}): OverlaySnapshot {
  return {
    x: 8.5,
    y: 95.25,
    z: -40.125,
    yaw: 0,
    pitch: -0.3,
    fps: 59.6,
    frameMs: 16.8,
    frameMeanMs: 16.7,
    streamingMs: 0.42,
    loadedChunks: 412,
    visibleChunks: 120,
    queues: { generate: 12, mesh: 3 },
    workersBusy: 1,
    workersTotal: 1,
    tasksRunning: 2,
    cacheEntries: 40,
    cacheBytes: 3 * 1048576,
    cacheHitRatio: 0.875,
    revisitHitRatio: NaN,
    compressionRatio: 0.0812,
    heapBytes: 64 * 1048576,
    chunkBytes: 50.5 * 1048576,
    memoryPressure: 0.26,
    predictEnabled: true,
    pattern: 'linear',
    confidence: 0.93,
    readyOnArrival: 1,
    grade: 'B',
    alerts: [],
    flags: { predict: true, loadDistance: 128, priority: 'adaptive' },
    ...over,
  };
}

describe('overlay formatting', () => {
  it('facing follows the yaw convention (0 -> -z, positive -> -x) and agrees with the view vector', () => {
    expect(facing(0)).toBe('north (-z)');
    expect(facing(Math.PI / 2)).toBe('west (-x)');
    expect(facing(-Math.PI / 2)).toBe('east (+x)');
    expect(facing(Math.PI)).toBe('south (+z)');
    expect(facing(-Math.PI)).toBe('south (+z)');
    expect(facing(2 * Math.PI + 0.1)).toBe('north (-z)');
    expect(facing(NaN)).toBe('–');
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), (yaw) => {
        const v = viewDirection(yaw, 0, { x: 0, y: 0, z: 0 });
        if (Math.abs(Math.abs(v.x) - Math.abs(v.z)) < 1e-9) return; // exactly diagonal: either sector
        const axis = Math.abs(v.x) > Math.abs(v.z) ? (v.x > 0 ? '(+x)' : '(-x)') : v.z > 0 ? '(+z)' : '(-z)';
        expect(facing(yaw).endsWith(axis)).toBe(true);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('chunk coordinate = floor(world / 32), negatives included', () => {
    expect(fmtChunk(0, 31.99, -0.01)).toBe('0, 0, -1');
    expect(fmtChunk(-32, 32, -33)).toBe('-1, 1, -2');
    expect(fmtChunk(NaN, 0, 0)).toBe('–');
  });

  it('units: MB = 2^20 bytes, percentages, missing values as a dash', () => {
    expect(fmtMB(1048576 * 1.25)).toBe('1.3 MB');
    expect(fmtMB(NaN)).toBe('–');
    expect(fmtPercent(0.875)).toBe('88%');
    expect(fmtPercent(1, 1)).toBe('100.0%');
    expect(fmtPercent(NaN)).toBe('–');
  });

  it('queues list every task type, zero when absent, extra types after', () => {
    expect(fmtQueues({ mesh: 2 })).toBe('generate 0 · mesh 2 · compress 0 · decompress 0');
    expect(fmtQueues({ generate: 1, other: 4 })).toBe('generate 1 · mesh 0 · compress 0 · decompress 0 · other 4');
  });

  it('flags print booleans as 0/1', () => {
    expect(fmtFlags({ predict: false, lod: true, loadDistance: 96, priority: 'direction' })).toBe(
      'predict 0 · lod 1 · loadDistance 96 · priority direction',
    );
  });

  it('overlayLines: the F3 sections in order with the snapshot numbers', () => {
    const lines = overlayLines(snapshot());
    expect(lines[0]).toBe('XYZ: 8.50 / 95.25 / -40.13');
    expect(lines[1]).toBe('Chunk: 0, 2, -2');
    expect(lines[2]).toBe('Facing: north (-z) (yaw 0.0° / pitch -17.2°)');
    expect(lines[3]).toBe('60 fps · frame 16.8 ms (mean 16.7 ms) · streaming 0.42 ms');
    expect(lines[4]).toBe('Chunks: 412 loaded · 120 visible');
    expect(lines[5]).toBe('Queue: generate 12 · mesh 3 · compress 0 · decompress 0');
    expect(lines[6]).toBe('Workers: 1/1 busy · 2 tasks running');
    expect(lines[7]).toBe('Cache: 40 entries · 3.0 MB · hit 88% · revisit –');
    expect(lines[8]).toBe('Compression: 0.081 (compressed / raw)');
    expect(lines[9]).toBe('Memory: heap 64.0 MB · chunks 50.5 MB · pressure 26%');
    expect(lines[10]).toBe('Prediction: linear · confidence 93% · readyOnArrival 100.0%');
    expect(lines[11]).toBe('Grade: B · no alerts');
    expect(lines[12]).toBe('Flags: predict 1 · loadDistance 128 · priority adaptive');
  });

  it('prediction off and alerts are shown', () => {
    const lines = overlayLines(snapshot({ predictEnabled: false, alerts: ['main thread p99 6.1 ms > 2 ms', 'x'] }));
    expect(lines[10]).toBe('Prediction: off · readyOnArrival 100.0%');
    expect(lines[11]).toBe('Grade: B · 2 alerts');
    expect(lines[12]).toBe('  ! main thread p99 6.1 ms > 2 ms');
  });
});

describe('graph helpers', () => {
  it('graphPoints walks the ring oldest to newest, right-aligned, clamped, y up', () => {
    const ring = new RingBuffer(4);
    for (const v of [5, 10, 40, 0, 20]) ring.push(v); // holds 10, 40, 0, 20
    const out = new Float32Array(8);
    const n = graphPoints(ring.values, ring.head, ring.count, ring.capacity, 20, 30, 10, out);
    expect(n).toBe(4);
    expect(Array.from(out)).toEqual([0, 5, 10, 0, 20, 10, 30, 0]);
    const partial = new RingBuffer(4);
    partial.push(10);
    partial.push(0);
    expect(graphPoints(partial.values, partial.head, partial.count, partial.capacity, 10, 30, 10, out)).toBe(2);
    expect(Array.from(out.subarray(0, 4))).toEqual([20, 0, 30, 10]);
    expect(graphPoints(partial.values, partial.head, 0, 4, 10, 30, 10, out)).toBe(0);
  });

  it('niceCeiling is 1/2/5 x 10^k, >= the value and >= min', () => {
    expect(niceCeiling(16.7, 20)).toBe(20);
    expect(niceCeiling(21, 20)).toBe(50);
    expect(niceCeiling(101, 10)).toBe(200);
    expect(niceCeiling(NaN, 10)).toBe(10);
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e6, noNaN: true }), (v) => {
        const c = niceCeiling(v, 1);
        expect(c).toBeGreaterThanOrEqual(Math.max(v, 1) * (1 - 1e-12));
        expect(c).toBeLessThanOrEqual(Math.max(v, 1) * 5 + 1e-9);
      }),
      { seed: 11 },
    );
  });

  it('loading fraction: ready / needed, 1 when complete, 0 before anything is needed', () => {
    expect(loadingFraction({ ready: 5, needed: 20, complete: false, initialLoadMs: null })).toBe(0.25);
    expect(loadingFraction({ ready: 0, needed: 0, complete: false, initialLoadMs: null })).toBe(0);
    expect(loadingFraction({ ready: 20, needed: 20, complete: true, initialLoadMs: 900 })).toBe(1);
  });
});
