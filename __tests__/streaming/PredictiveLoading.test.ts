import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChunkPriority, MovementPatternType } from '@/types/prediction';
import { MAX_PATH_TIME_S, PredictiveLoadingEngine } from '@/utils/streaming/PredictiveLoadingEngine';
import {
  circlePath,
  dist,
  feed,
  feedTrace,
  linePath,
  loadTraces,
  median,
  randomWalk,
  type SyntheticPath,
} from './predictionPaths';

const DT = 1 / 60;
const CHUNK = 32;
/** Horizon indices of the default horizons [1, 2, 5, 10, 20]. */
const H2 = 1;
const H5 = 2;

/** Feeds `seconds` of a path at `hz` and calls `check(engine, t)` after each sample from `fromS` on. */
function run(
  p: SyntheticPath,
  seconds: number,
  check: (e: PredictiveLoadingEngine, t: number) => void,
  opts: { hz?: number; fromS?: number; engine?: PredictiveLoadingEngine } = {},
): PredictiveLoadingEngine {
  const hz = opts.hz ?? 60;
  const e = opts.engine ?? new PredictiveLoadingEngine();
  const n = Math.round(seconds * hz);
  for (let i = 0; i <= n; i++) {
    feed(e, p, i, 1 / hz);
    if (i / hz >= (opts.fromS ?? 0)) check(e, i / hz);
  }
  return e;
}

describe('PredictiveLoadingEngine: synthetic paths', () => {
  it.each([
    [600, 60],
    [100, 30],
    [40, 20],
  ])('a circle of radius %d at %d blocks/s is curved and the 2 s prediction is within one chunk', (r, s) => {
    const path = circlePath(r, s);
    let frames = 0;
    run(
      path,
      12,
      (e, t) => {
        const p = e.predict();
        expect(p.movementPattern.type).toBe('curved');
        expect(p.movementPattern.turnRate).toBeCloseTo(s / r, 3);
        expect(dist(p.predictedPositions[H2], path.pos(t + 2))).toBeLessThan(CHUNK);
        // the arc itself is exact: far tighter than a chunk, also at 5 s (a straight guess would be off by
        // v * w * t^2 / 2 = 75 blocks on the 600-block circle)
        expect(dist(p.predictedPositions[H2], path.pos(t + 2))).toBeLessThan(0.5);
        expect(dist(p.predictedPositions[H5], path.pos(t + 5))).toBeLessThan(2);
        frames++;
      },
      { fromS: 2 },
    );
    expect(frames).toBe(601);
  });

  it('a clockwise circle has a negative turn rate', () => {
    run(
      circlePath(100, 30, 50, false),
      4,
      (e) => {
        expect(e.analyze().type).toBe('curved');
        expect(e.analyze().turnRate).toBeCloseTo(-0.3, 3);
      },
      { fromS: 2 },
    );
  });

  it.each([30, 144])('the circle is curved at %d Hz too (windows are by time, not sample count)', (hz) => {
    const path = circlePath(600, 60);
    run(
      path,
      6,
      (e, t) => {
        expect(e.analyze().type).toBe('curved');
        expect(dist(e.predict().predictedPositions[H2], path.pos(t + 2))).toBeLessThan(CHUNK);
      },
      { hz, fromS: 2 },
    );
  });

  it.each([21.6, 100])('a straight line at %d blocks/s is linear and the 5 s prediction is within one chunk', (s) => {
    for (const dir of [
      [1, 0, 0],
      [1, 0, 1],
      [-0.3, 0.2, -1],
    ] as [number, number, number][]) {
      const path = linePath([1000, 64, -5000], dir, s);
      run(
        path,
        8,
        (e, t) => {
          const p = e.predict();
          expect(p.movementPattern.type).toBe('linear');
          expect(p.movementPattern.avgSpeed).toBeCloseTo(s, 6);
          expect(p.movementPattern.directionConsistency).toBeCloseTo(1, 9);
          expect(Math.abs(p.movementPattern.turnRate)).toBeLessThan(1e-6);
          expect(dist(p.predictedPositions[H5], path.pos(t + 5))).toBeLessThan(CHUNK);
          expect(p.confidence).toBeGreaterThan(0.9);
        },
        { fromS: 1.5 },
      );
    }
  });

  it('flying straight up (no horizontal heading) is linear', () => {
    const path = linePath([0, 0, 0], [0, 1, 0], 20);
    run(path, 3, (e, t) => {
      expect(e.analyze().type).toBe('linear');
      expect(dist(e.predict().predictedPositions[H5], path.pos(t + 5))).toBeLessThan(1e-6);
    }, { fromS: 1 });
  });

  it('standing still is stationary and predicts the current position', () => {
    const still: SyntheticPath = { pos: () => [12.5, 70, -3], vel: () => [0, 0, 0] };
    run(
      still,
      5,
      (e) => {
        const p = e.predict();
        expect(p.movementPattern.type).toBe('stationary');
        for (const q of p.predictedPositions) {
          expect([q.x, q.y, q.z]).toEqual([12.5, 70, -3]);
          expect([q.cx, q.cy, q.cz]).toEqual([0, 2, -1]);
        }
        expect(p.confidence).toBeGreaterThan(0.9);
      },
      { fromS: 1.5 },
    );
  });

  it('reports insufficient_data until there is enough history, and empty state before any sample', () => {
    const e = new PredictiveLoadingEngine();
    const p = e.predict();
    expect(p.movementPattern.type).toBe('insufficient_data');
    expect(p.confidence).toBe(0);
    expect(Number.isNaN(p.sampleTimeMs)).toBe(true);
    const path = linePath([0, 0, 0], [1, 0, 0], 10);
    feed(e, path, 0, DT);
    feed(e, path, 1, DT);
    expect(e.analyze().type).toBe('insufficient_data');
    expect(e.predict().predictedPositions[0].x).toBeCloseTo(10 / 60 + 10, 9); // latest velocity, 1 s ahead
    for (let i = 2; i <= 15; i++) feed(e, path, i, DT);
    expect(e.analyze().type).toBe('linear');
  });

  it('a random walk with heading changes every 1.5-5 s is exploratory most of the time', () => {
    for (const seed of [1, 2, 3]) {
      const walk = randomWalk(seed, 60);
      const counts: Record<MovementPatternType, number> = {
        stationary: 0,
        linear: 0,
        curved: 0,
        exploratory: 0,
        insufficient_data: 0,
      };
      run(walk, 60, (e) => counts[e.analyze().type]++, { fromS: 6 });
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      expect(counts.exploratory / total).toBeGreaterThan(0.6);
      expect(counts.stationary).toBe(0);
    }
  });

  it('exploratory confidence is lower than linear and decays faster with the horizon', () => {
    const lin = run(linePath([0, 0, 0], [1, 0, 0], 8), 10, () => {});
    let exp: PredictiveLoadingEngine | null = null;
    run(randomWalk(7, 30), 30, (e) => {
      if (!exp && e.analyze().type === 'exploratory') exp = e;
    }, { fromS: 8 });
    expect(exp).not.toBeNull();
    const pl = lin.predict();
    const pe = exp!.predict();
    expect(pe.confidence).toBeLessThan(pl.confidence);
    for (const p of [pl, pe]) {
      for (let i = 1; i < p.predictedPositions.length; i++) {
        expect(p.predictedPositions[i].confidence).toBeLessThan(p.predictedPositions[i - 1].confidence);
      }
    }
    const ratio = (p: typeof pl) => p.predictedPositions[4].confidence / p.predictedPositions[0].confidence;
    expect(ratio(pe)).toBeLessThan(ratio(pl));
  });
});

describe('PredictiveLoadingEngine: input handling and memory', () => {
  it('ignores and counts non-finite samples and samples whose time does not increase', () => {
    const path = circlePath(200, 40);
    const clean = new PredictiveLoadingEngine();
    const dirty = new PredictiveLoadingEngine();
    for (let i = 0; i < 300; i++) {
      feed(clean, path, i, DT);
      feed(dirty, path, i, DT);
      if (i % 17 === 0) {
        dirty.record(i * DT * 1000 + 1, NaN, 0, 0, 0, 0, 0);
        dirty.record(i * DT * 1000 + 1, 0, 0, 0, Infinity, 0, 0);
        dirty.record(NaN, 0, 0, 0, 0, 0, 0);
        dirty.record(i * DT * 1000, 1e6, 0, 0, 1, 1, 1); // same time again
        dirty.record(i * DT * 1000 - 5, 1e6, 0, 0, 1, 1, 1); // backwards
      }
    }
    expect(dirty.rejectedNonFinite).toBe(3 * 18);
    expect(dirty.rejectedOutOfOrder).toBe(2 * 18);
    expect(dirty.sampleCount).toBe(clean.sampleCount);
    expect(dirty.predict()).toEqual(clean.predict());
  });

  it('the history ring wraps (more samples than capacity) without changing the answer', () => {
    for (const path of [circlePath(300, 50), randomWalk(11, 40), linePath([5, 5, 5], [1, 2, 3], 30)]) {
      const small = new PredictiveLoadingEngine({ historySize: 128 });
      const big = new PredictiveLoadingEngine({ historySize: 4096 });
      for (let i = 0; i < 2000; i++) {
        feed(small, path, i, DT);
        feed(big, path, i, DT);
        if (i % 97 === 0) expect(small.predict()).toEqual(big.predict());
      }
      expect(small.sampleCount).toBe(128);
      expect(big.sampleCount).toBe(2000);
      expect(small.predict()).toEqual(big.predict());
    }
  });

  it('predict() and analyze() return the same objects every call (no per-frame allocation)', () => {
    const e = new PredictiveLoadingEngine();
    const path = circlePath(100, 20);
    feed(e, path, 0, DT);
    const p = e.predict();
    const list = p.predictedPositions;
    const first = list[0];
    for (let i = 1; i < 400; i++) {
      feed(e, path, i, DT);
      expect(e.predict()).toBe(p);
      expect(e.analyze()).toBe(p.movementPattern);
      expect(e.predict().predictedPositions).toBe(list);
      expect(e.predict().predictedPositions[0]).toBe(first);
    }
    expect(p.movementPattern.type).toBe('curved');
  });

  it('keeps every output finite and every confidence in [0, 1] for arbitrary input', () => {
    const finite = fc.double({ min: -1e7, max: 1e7, noNaN: true });
    const speed = fc.double({ min: -200, max: 200, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.1, max: 200, noNaN: true }), finite, finite, finite, speed, speed, speed), {
          minLength: 1,
          maxLength: 300,
        }),
        (samples) => {
          const e = new PredictiveLoadingEngine({ historySize: 64 });
          let t = 0;
          const out = new Float64Array(5 * 64);
          for (const [dtMs, x, y, z, vx, vy, vz] of samples) {
            t += dtMs;
            e.record(t, x, y, z, vx, vy, vz);
            const p = e.predict();
            expect(p.confidence).toBeGreaterThanOrEqual(0);
            expect(p.confidence).toBeLessThanOrEqual(1);
            for (const q of p.predictedPositions) {
              expect(Number.isFinite(q.x + q.y + q.z)).toBe(true);
              expect(q.confidence).toBeGreaterThanOrEqual(0);
              expect(q.confidence).toBeLessThanOrEqual(1);
            }
            const n = e.samplePath(out, 500, 16);
            for (let i = 0; i < n * 5; i++) expect(Number.isFinite(out[i])).toBe(true);
          }
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });

  it('rejects bad options with the field, value and range', () => {
    expect(() => new PredictiveLoadingEngine({ historySize: 8 })).toThrow(
      'PredictiveLoadingEngine: historySize must be an integer in [16, 65536] samples, got 8',
    );
    expect(() => new PredictiveLoadingEngine({ historySize: 100.5 })).toThrow(/historySize/);
    expect(() => new PredictiveLoadingEngine({ horizons: [1, -2] })).toThrow(
      'PredictiveLoadingEngine: horizons[1] must be in (0, 600] s, got -2',
    );
    expect(() => new PredictiveLoadingEngine({ horizons: [] })).toThrow(/horizons must be a non-empty array/);
    const e = new PredictiveLoadingEngine();
    expect(() => e.samplePath(new Float64Array(10), 100, 0)).toThrow(
      'PredictiveLoadingEngine: stepBlocks must be a finite number > 0 blocks, got 0',
    );
    expect(() => e.samplePath(new Float64Array(10), -1, 8)).toThrow(/maxDistance must be a finite number >= 0/);
  });

  it('uses custom horizons', () => {
    const e = run(linePath([0, 0, 0], [0, 0, -1], 10), 3, () => {}, {
      engine: new PredictiveLoadingEngine({ horizons: [0.5, 3] }),
    });
    const p = e.predict().predictedPositions;
    expect(p.map((q) => q.timeHorizon)).toEqual([0.5, 3]);
    expect(p[1].z).toBeCloseTo(-60, 6);
  });
});

describe('PredictiveLoadingEngine.samplePath', () => {
  const stepLen = (out: Float64Array, i: number) =>
    Math.hypot(out[i * 5 + 1] - out[i * 5 - 4], out[i * 5 + 2] - out[i * 5 - 3], out[i * 5 + 3] - out[i * 5 - 2]);

  it('walks a straight path in steps of stepBlocks up to maxDistance', () => {
    const e = run(linePath([0, 10, 0], [1, 0, 0], 50), 3, () => {});
    const out = new Float64Array(5 * 100);
    const n = e.samplePath(out, 300, 16);
    expect(n).toBe(20); // 0, 16, ..., 288, then the end at 300
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(150, 6);
    for (let i = 1; i < n - 1; i++) {
      expect(stepLen(out, i)).toBeCloseTo(16, 6);
      expect(out[i * 5]).toBeCloseTo((16 * i) / 50, 9);
      expect(out[i * 5 + 4]).toBeLessThan(out[i * 5 - 1]);
    }
    expect(out[(n - 1) * 5 + 1]).toBeCloseTo(450, 6);
    expect(out[(n - 1) * 5]).toBeCloseTo(6, 9);
  });

  it('stops at 20 s of path when that comes first', () => {
    const e = run(linePath([0, 10, 0], [0, 0, 1], 5), 3, () => {});
    const out = new Float64Array(5 * 100);
    const n = e.samplePath(out, 1000, 10);
    expect(n).toBe(11); // 0..90 then 100 blocks at 20 s
    expect(out[(n - 1) * 5]).toBe(MAX_PATH_TIME_S);
    expect(out[(n - 1) * 5 + 3]).toBeCloseTo(5 * 3 + 100, 6);
  });

  it('follows the arc on a curve: every tuple lies on the circle and steps are ~stepBlocks', () => {
    const r = 200;
    const e = run(circlePath(r, 40), 4, () => {});
    const out = new Float64Array(5 * 64);
    const n = e.samplePath(out, 400, 20);
    expect(n).toBe(21);
    for (let i = 0; i < n; i++) expect(Math.hypot(out[i * 5 + 1], out[i * 5 + 3])).toBeCloseTo(r, 0);
    for (let i = 1; i < n; i++) expect(stepLen(out, i)).toBeLessThanOrEqual(20 + 1e-6);
    for (let i = 1; i < n; i++) expect(stepLen(out, i)).toBeGreaterThan(19.8);
  });

  it('never writes past out.length and writes one tuple when stationary, none without samples', () => {
    const e = run(linePath([0, 0, 0], [1, 1, 0], 30), 3, () => {});
    const backing = new Float64Array(64).fill(-7);
    const view = backing.subarray(0, 23); // room for 4 tuples and 3 spare slots
    expect(e.samplePath(view, 1000, 1)).toBe(4);
    for (let i = 20; i < 64; i++) expect(backing[i]).toBe(-7);
    expect(e.samplePath(new Float64Array(4), 1000, 1)).toBe(0);

    const still = run({ pos: () => [1, 2, 3], vel: () => [0, 0, 0] }, 2, () => {});
    const out = new Float64Array(50);
    expect(still.samplePath(out, 500, 16)).toBe(1);
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 1, 2, 3]);

    expect(new PredictiveLoadingEngine().samplePath(out, 500, 16)).toBe(0);
  });

  it('keeps an exploratory path short: displacement fades after the persistence time', () => {
    let e: PredictiveLoadingEngine | null = null;
    run(randomWalk(5, 40), 40, (x) => {
      if (!e && x.analyze().type === 'exploratory') e = x;
    }, { fromS: 10 });
    expect(e).not.toBeNull();
    const out = new Float64Array(5 * 200);
    const n = e!.samplePath(out, 1000, 1);
    const speed = e!.analyze().avgSpeed;
    const last = (n - 1) * 5;
    expect(out[last]).toBe(MAX_PATH_TIME_S);
    const pathLen = (() => {
      let s = 0;
      for (let i = 1; i < n; i++) s += stepLen(out, i);
      return s;
    })();
    expect(pathLen).toBeLessThan(speed * 6);
    expect(pathLen).toBeGreaterThan(speed * 1);
  });
});

describe('PredictiveLoadingEngine: arrivals and chunk priorities', () => {
  it('readyOnArrival is the fraction of arrivals that were ready', () => {
    const e = new PredictiveLoadingEngine();
    expect(e.getPredictionAccuracy()).toBe(0);
    expect(e.arrivals).toBe(0);
    for (let i = 0; i < 10; i++) e.recordArrival(i % 4 !== 0);
    expect(e.arrivals).toBe(10);
    expect(e.readyArrivals).toBe(7);
    expect(e.getPredictionAccuracy()).toBeCloseTo(0.7, 12);
  });

  it('calculateChunkPriorities fills the current chunk, its neighbours and the predicted chunks', () => {
    const e = run(linePath([16, 16, 16], [1, 0, 0], 32), 2, () => {});
    const out = new Map<string, ChunkPriority>([['stale', { priority: 1, reason: 'neighbor', timeUntilNeeded: 0, confidence: 1 }]]);
    e.calculateChunkPriorities(out);
    expect(out.has('stale')).toBe(false);
    // now at x = 80 (chunk 2); predictions at 112, 144, 240, 400, 720 -> chunks 3 (neighbour), 4, 7, 12, 22
    expect(out.get('2,0,0')?.reason).toBe('current_position');
    expect(out.get('2,0,0')?.priority).toBe(1);
    expect(out.get('1,-1,1')?.reason).toBe('surrounding');
    for (const cx of [4, 7, 12, 22]) {
      const p = out.get(`${cx},0,0`);
      expect(p?.reason).toBe('predicted_movement');
      expect(p!.priority).toBeGreaterThan(0);
      expect(p!.priority).toBeLessThan(1);
    }
    expect(out.get('22,0,0')!.timeUntilNeeded).toBe(20);
    expect(out.size).toBe(27 + 4);
    const objects = new Set(out.values());
    e.calculateChunkPriorities(out);
    for (const v of out.values()) expect(objects.has(v)).toBe(true); // pooled
  });
});

describe('PredictiveLoadingEngine: the shared movement traces', () => {
  const traces = loadTraces();
  const expected: Record<string, MovementPatternType[]> = {
    'linear-fast-100': ['linear'],
    'linear-sprintfly-22': ['linear'],
    'curved-60': ['curved'],
    'stationary-look': ['stationary'],
    'exploratory-walk': ['exploratory', 'curved'],
  };

  it('finds the traces', () => {
    for (const name of Object.keys(expected)) expect(traces.map((t) => t.name)).toContain(name);
  });

  it.each(Object.keys(expected))('%s: dominant pattern and 2 s prediction error', (name) => {
    const tr = traces.find((t) => t.name === name)!;
    const e = new PredictiveLoadingEngine();
    const counts = new Map<MovementPatternType, number>();
    const err2: number[] = [];
    const ahead = Math.round(2 / tr.dt);
    for (let i = 1; i < tr.positions.length; i++) {
      feedTrace(e, tr, i);
      const p = e.predict();
      counts.set(p.movementPattern.type, (counts.get(p.movementPattern.type) ?? 0) + 1);
      if (i + ahead < tr.positions.length) err2.push(dist(p.predictedPositions[H2], tr.positions[i + ahead]));
    }
    const total = tr.positions.length - 1;
    const share = expected[name].reduce((s, type) => s + (counts.get(type) ?? 0), 0) / total;
    expect(share).toBeGreaterThan(name === 'exploratory-walk' ? 0.6 : 0.95);
    if (name !== 'exploratory-walk' && name !== 'stationary-look') {
      expect(median(err2)).toBeLessThan(CHUNK);
      expect(median(err2)).toBeLessThan(1); // positions are rounded to 0.001 blocks; the models are exact
    }
    if (name === 'stationary-look') expect(Math.max(...err2)).toBe(0);
  });
});
