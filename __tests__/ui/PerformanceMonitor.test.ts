import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LONG_TASK_MS, PerformanceMonitor, quantiles } from '@/utils/performance/PerformanceMonitor';

function manualClock(start = 1000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('PerformanceMonitor with a hand-stepped clock', () => {
  it('frame intervals are the deltas between beginFrame calls; work spans begin..end plus outside ms', () => {
    const clock = manualClock();
    const m = new PerformanceMonitor({ now: clock.now, historyFrames: 4 });
    m.beginFrame(); // first frame: no interval yet
    clock.t += 3;
    m.endFrame(1.5, 0.5);
    expect(m.frameMs.count).toBe(0);
    expect(m.workMs.latest()).toBeCloseTo(3.5, 5);
    expect(m.streamingMs.latest()).toBeCloseTo(1.5, 5);
    clock.t += 13.7; // 16.7 after the first begin
    m.beginFrame();
    clock.t += 2;
    m.endFrame(0.25);
    expect(m.frameMs.latest()).toBeCloseTo(16.7, 4);
    expect(m.workMs.latest()).toBeCloseTo(2, 5);
    expect(m.fps()).toBeCloseTo(1000 / 16.7, 2);
  });

  it('endFrame without beginFrame records nothing; bad streaming ms count as 0', () => {
    const clock = manualClock();
    const m = new PerformanceMonitor({ now: clock.now });
    m.endFrame(5);
    expect(m.workMs.count).toBe(0);
    m.beginFrame();
    m.endFrame(NaN, -3);
    expect(m.streamingMs.latest()).toBe(0);
    expect(m.workMs.latest()).toBe(0);
    m.endFrame(1); // already closed
    expect(m.workMs.count).toBe(1);
  });

  it('rings keep the last historyFrames frames', () => {
    const clock = manualClock();
    const m = new PerformanceMonitor({ now: clock.now, historyFrames: 3 });
    m.beginFrame();
    for (const d of [10, 20, 30, 40, 50]) {
      clock.t += d;
      m.beginFrame();
    }
    expect(m.frameMs.count).toBe(3);
    expect([m.frameMs.at(0), m.frameMs.at(1), m.frameMs.at(2)]).toEqual([30, 40, 50]);
    expect(m.fps()).toBeCloseTo(1000 / 40, 6);
  });

  it('a recording summarises only its own frames and long tasks', () => {
    const clock = manualClock();
    const m = new PerformanceMonitor({ now: clock.now });
    m.beginFrame();
    clock.t += 100;
    m.beginFrame(); // before the recording
    m.recordLongTask(clock.t, 80); // before the recording: counted overall only
    m.startRecording();
    const deltas = [16, 17, 15, 40, 16];
    for (const d of deltas) {
      clock.t += d;
      m.beginFrame();
      clock.t += 1;
      m.endFrame(0.5);
      clock.t -= 1; // keep intervals exact: the work happened inside the interval
    }
    m.recordLongTask(clock.t - 10, 51);
    m.recordLongTask(clock.t - 5, LONG_TASK_MS); // exactly 50 ms is not a long task
    const rec = m.stopRecording();
    expect(rec.frames).toBe(5);
    expect(rec.frameMs.max).toBe(40);
    expect(rec.frameMs.p50).toBe(16);
    expect(rec.workMs.count).toBe(5);
    expect(rec.workTotalMs).toBeCloseTo(5, 9);
    expect(rec.streamingTotalMs).toBeCloseTo(2.5, 9);
    // no PerformanceObserver started: long tasks not observable -> null, still counted overall
    expect(rec.longTasks).toBeNull();
    expect(m.longTaskCount).toBe(2);
    expect(m.isRecording).toBe(false);
  });

  it('rejects a bad history size', () => {
    expect(() => new PerformanceMonitor({ historyFrames: 0 })).toThrow(/PerformanceMonitor: historyFrames must be an integer >= 1, got 0/);
  });
});

describe('quantiles (nearest rank) against brute force', () => {
  it('matches a sorted-array reference', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const q = quantiles(xs);
        const s = [...xs].sort((a, b) => a - b);
        const rank = (p: number) => s[Math.max(0, Math.ceil(p * s.length) - 1)];
        expect(q.count).toBe(xs.length);
        expect(q.p50).toBe(rank(0.5));
        expect(q.p95).toBe(rank(0.95));
        expect(q.p99).toBe(rank(0.99));
        expect(q.max).toBe(s[s.length - 1]);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('empty -> nulls', () => {
    expect(quantiles([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null, mean: null });
  });
});
