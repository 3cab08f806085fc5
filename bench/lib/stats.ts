/**
 * Small statistics and timing helpers for the benchmarks (bench/*.ts). Times in microseconds (us) or
 * milliseconds (ms) as each name says; inputs are not modified.
 */

/** Median of `values` (mean of the two middle ones for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Percentile p (0..100, inclusive) with linear interpolation between closest ranks; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`bench/stats: percentile p must be in 0..100, got ${p}`);
  if (values.length === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo] + (s[hi] - s[lo]) * (rank - lo);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let t = 0;
  for (const v of values) t += v;
  return t / values.length;
}

/** Current time in microseconds from a monotonic clock. */
export function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1000;
}

/**
 * Median wall time (us) of one call of `fn`, over `reps` timed calls after `warmup` untimed ones.
 * Each sample times a single call (hrtime resolution is well under a microsecond).
 */
export function timeMedianUs(fn: () => void, reps: number, warmup: number = Math.min(reps, 20)): number {
  if (!(reps >= 1)) throw new RangeError(`bench/stats: reps must be >= 1, got ${reps}`);
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = new Array(reps);
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return median(samples);
}
