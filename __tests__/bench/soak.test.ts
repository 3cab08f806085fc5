import { describe, expect, it } from 'vitest';
import { MAX_Y, MIN_Y, generateExplorationTrace } from '@/bench/stream/exploration';
import { checkStability, formatStability, type SoakSample } from '@/bench/stream/soak';
import { validateTrace } from '@/bench/stream/trace';
import { createTraceSample, sampleTrace, viewFromYawPitch } from '@/bench/stream/traceSampler';

const MB = 1024 * 1024;

function samples(values: [number, number][]): SoakSample[] {
  return values.map(([t, mb]) => ({
    t,
    streamingBytes: mb * MB,
    loadedChunks: 1000,
    renderedChunks: 900,
    cacheEntries: 10,
    cacheBytes: MB,
    gpuBytes: MB,
    heapUsedBytes: 50 * MB,
    rssBytes: 300 * MB,
    arrayBuffersBytes: 0,
    externalBytes: 0,
  }));
}

describe('checkStability', () => {
  it('baseline = first sample at or after 60 s; every later sample within 10%', () => {
    const r = checkStability(samples([[30, 10], [60, 100], [90, 105], [120, 91], [150, 109.5]]), 'streamingBytes');
    expect(r).toMatchObject({ baselineT: 60, baseline: 100 * MB, checked: 3, met: true, maxDeviationT: 150 });
    expect(r.maxDeviation).toBeCloseTo(0.095, 12);
    expect(r.margin).toBeCloseTo(0.005, 12);
    expect(formatStability(r)).toMatch(/^met +streaming memory .* max deviation 9\.5% at 150 s from 100\.0 MB at 60 s \(0\.5% margin; 3 samples\)$/);
  });
  it('misses when a sample leaves the band, either way', () => {
    expect(checkStability(samples([[60, 100], [90, 111]]), 'streamingBytes').met).toBe(false);
    expect(checkStability(samples([[60, 100], [90, 89]]), 'streamingBytes').met).toBe(false);
    expect(checkStability(samples([[60, 100], [90, 110]]), 'streamingBytes').met).toBe(true);
  });
  it('cannot be met without a baseline or a later sample', () => {
    expect(checkStability(samples([[30, 1]]), 'rssBytes')).toMatchObject({ baseline: null, met: false });
    expect(checkStability(samples([[60, 1]]), 'rssBytes')).toMatchObject({ checked: 0, met: false, margin: null });
  });
});

describe('exploration path', () => {
  const t = generateExplorationTrace({ seed: 7, seconds: 120, speed: 60 });

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateExplorationTrace({ seed: 7, seconds: 120, speed: 60 }).positions).toEqual(t.positions);
    expect(generateExplorationTrace({ seed: 8, seconds: 120, speed: 60 }).positions).not.toEqual(t.positions);
  });

  it('is a valid trace moving at the speed, within the altitude band, looking along the motion', () => {
    const json = { dt: t.dt, positions: [] as number[][], look: [] as number[][] };
    for (let i = 0; i < t.count; i++) {
      json.positions.push([t.positions[i * 3], t.positions[i * 3 + 1], t.positions[i * 3 + 2]]);
      json.look.push([t.look![i * 2], t.look![i * 2 + 1]]);
    }
    expect(validateTrace(json, 'gen').count).toBe(t.count);
    expect(t.count).toBe(Math.floor(120 * 60) + 1);
    const s = createTraceSample();
    for (let i = 0; i < t.count - 1; i += 37) {
      sampleTrace(t, (i + 0.5) * t.dt, s);
      const speed = Math.hypot(s.velocity.x, s.velocity.y, s.velocity.z);
      expect(speed).toBeCloseTo(60, 6);
      const y = t.positions[i * 3 + 1];
      expect(y).toBeGreaterThanOrEqual(MIN_Y - 1);
      expect(y).toBeLessThanOrEqual(MAX_Y + 1);
      // The look of sample i points along the step to sample i + 1.
      const d = viewFromYawPitch(t.look![i * 2], t.look![i * 2 + 1], { x: 0, y: 0, z: 0 });
      const sx = t.positions[i * 3 + 3] - t.positions[i * 3];
      const sy = t.positions[i * 3 + 4] - t.positions[i * 3 + 1];
      const sz = t.positions[i * 3 + 5] - t.positions[i * 3 + 2];
      expect((d.x * sx + d.y * sy + d.z * sz) / Math.hypot(sx, sy, sz)).toBeCloseTo(1, 9);
    }
  });

  it('rejects bad options', () => {
    expect(() => generateExplorationTrace({ seed: 1, seconds: 0, speed: 60 })).toThrow(/exploration: seconds must be/);
    expect(() => generateExplorationTrace({ seed: 1, seconds: 10, speed: -1 })).toThrow(/exploration: speed must be/);
  });
});
