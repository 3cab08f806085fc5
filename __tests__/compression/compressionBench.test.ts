import { describe, expect, it } from 'vitest';
import { parseCompressionBenchArgs, runCompressionBench } from '@/bench/compressionBench';

describe('compression benchmark', () => {
  it('parses its arguments and names a bad one', () => {
    expect(parseCompressionBenchArgs(['--seed', '7', '--count', '3', '--reps', '2', '--json', 'out.json', '--levels'])).toEqual({
      seed: 7,
      count: 3,
      reps: 2,
      json: 'out.json',
      levels: true,
    });
    expect(() => parseCompressionBenchArgs(['--count', 'x'])).toThrow('compressionBench: --count needs an integer, got "x"');
    expect(() => parseCompressionBenchArgs(['--json'])).toThrow('compressionBench: --json needs a file name');
    expect(() => parseCompressionBenchArgs(['--fast'])).toThrow('compressionBench: unknown argument "--fast"');
  });

  it('measures all three methods on real chunks (sizes only are checked, never times)', async () => {
    const lines: string[] = [];
    const r = await runCompressionBench({ seed: 1337, count: 2, reps: 1, log: (l) => lines.push(l) });
    expect(r.methods.map((m) => m.method)).toEqual(['codec', 'fflate', 'none']);
    expect(r.chunks).toBeGreaterThan(0);
    const [codec, fflate, none] = r.methods;
    expect(none.compressionRatio).toBeCloseTo((65536 + 20) / 65536, 12);
    expect(codec.compressionRatio).toBeLessThan(fflate.compressionRatio);
    expect(codec.compressionRatio).toBeLessThanOrEqual(0.1);
    expect(r.target.met).toBe(true);
    expect(r.vsFflate.size).toBeCloseTo(codec.compressionRatio / fflate.compressionRatio, 12);
    expect(lines.join('\n')).toContain('codec vs fflate alone');
    await expect(runCompressionBench({ count: 0, log: () => {} })).rejects.toThrow('compressionBench: count must be an integer in [1, 1000], got 0');
  });
});
