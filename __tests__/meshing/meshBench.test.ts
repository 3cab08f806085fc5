/**
 * bench/meshBench.ts as a module (what `npm run bench` calls) and its bench/lib helpers: structure and
 * quad figures on real terrain, no timing assertions.
 */
import { describe, expect, it } from 'vitest';
import { runMeshBench, formatMeshBench, MESH_KINDS } from '@/bench/meshBench';
import { median, percentile } from '@/bench/lib/stats';
import { checkTarget, formatTable, formatTarget } from '@/bench/lib/table';

describe('bench/lib', () => {
  it('median and percentile interpolate between ranks and leave the input alone', () => {
    const v = [5, 1, 4, 2, 3];
    expect(median(v)).toBe(3);
    expect(v).toEqual([5, 1, 4, 2, 3]);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(percentile([0, 10], 25)).toBe(2.5);
    expect(percentile([7], 99)).toBe(7);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(() => percentile([1], 101)).toThrow('bench/stats: percentile p must be in 0..100, got 101');
  });

  it('checkTarget reports met/missed with the margin as a fraction of the limit', () => {
    const a = checkTarget({ name: 't', value: 75, limit: 150, direction: 'lower', unit: 'us' });
    expect(a.met).toBe(true);
    expect(a.margin).toBeCloseTo(0.5);
    const b = checkTarget({ name: 'r', value: 4, limit: 5, direction: 'higher', unit: 'x' });
    expect(b.met).toBe(false);
    expect(b.margin).toBeCloseTo(-0.2);
    expect(formatTarget(b)).toBe('MISSED  r >= 5.0 x: 4.0 x (20.0% short)');
  });

  it('formatTable aligns columns', () => {
    const t = formatTable(['a', 'n'], [['x', 1.5], ['long', 1234]]);
    expect(t.split('\n')).toEqual(['a           n', '----  -------', 'x         1.5', 'long  1,234.0']);
  });
});

describe('runMeshBench', () => {
  it('measures every kind with all three meshers on the same chunks', async () => {
    const r = await runMeshBench({ seed: 1337, chunks: 2, reps: 1, log: () => {} });
    for (const kind of MESH_KINDS) {
      const k = r.kinds[kind];
      expect(k, kind).toBeDefined();
      if (!k) continue;
      expect(k.chunks).toBe(2);
      const { binary, classic, naive } = k.meshers;
      // Same covered faces (tested elsewhere) with merged quads: never more quads than naive.
      expect(binary.totalQuads).toBeLessThanOrEqual(naive.totalQuads);
      expect(binary.totalQuads).toBe(classic.totalQuads);
      expect(binary.bytesPerChunk).toBe(binary.quadsPerChunk * 8);
      for (const m of [binary, classic, naive]) expect(m.usPerChunk).toBeGreaterThan(0);
      expect(k.generateUs).toBeGreaterThanOrEqual(0);
    }
    expect(r.kinds.uniform?.meshers.binary.totalQuads).toBe(0);
    expect(r.kinds.surface!.meshers.naive.totalQuads).toBeGreaterThan(0);
    expect(r.targets.map((t) => t.name)).toContain('binary mesh, surface median');
    expect(formatMeshBench(r)).toContain('targets:');
  });

  it('rejects bad options naming them', async () => {
    await expect(runMeshBench({ chunks: 0, log: () => {} })).rejects.toThrow('meshBench: chunks must be an integer in 1..1000, got 0');
    await expect(runMeshBench({ reps: 1.5, log: () => {} })).rejects.toThrow('meshBench: reps must be an integer in 1..10000, got 1.5');
  });
});
