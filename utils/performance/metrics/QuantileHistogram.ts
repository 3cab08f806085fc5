/**
 * Fixed-bin log-linear histogram of durations (ms) for whole-run quantiles: O(1) add, no allocation after
 * construction, quantile in at most BLOCK_COUNT + BLOCK_SIZE steps.
 *
 * Bins (values in units of RESOLUTION_MS = 0.01 ms, v = round(ms / 0.01), clamped to [0, MAX_UNITS]):
 *   v <  2^12 (40.96 ms):   one bin per unit: exact to the 0.01 ms rounding (error <= 0.005 ms)
 *   v in [2^e, 2^(e+1)):    2^11 bins of width 2^(e-11) units: relative error <= 2^-12 (0.025 %)
 * MAX_UNITS = 2^31 - 1 (about 5.96 hours); larger values are counted in the last bin, while max() stays exact.
 * Quantiles use the nearest-rank definition: q-quantile = the ceil(q * n)-th smallest value (the smallest
 * for q = 0), reported as its bin's centre, clamped to the exact [min, max] seen.
 */

export const RESOLUTION_MS = 0.01;
const SUB_BITS = 12;
const SUB = 1 << SUB_BITS; // 4096 exact bins
const HALF = SUB >> 1; // 2048 bins per power of two above
const MAX_EXP = 30; // v < 2^31
export const MAX_UNITS = 2 ** 31 - 1;
export const BIN_COUNT = SUB + (MAX_EXP - SUB_BITS + 1) * HALF; // 43,008
const BLOCK_BITS = 8;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_COUNT = Math.ceil(BIN_COUNT / BLOCK_SIZE);

/** Bin index of a value in units (integer in [0, MAX_UNITS]). */
export function binOf(v: number): number {
  if (v < SUB) return v;
  const e = 31 - Math.clz32(v);
  const shift = e - SUB_BITS + 1;
  return SUB + (e - SUB_BITS) * HALF + ((v >>> shift) - HALF);
}

/** Centre of a bin, in units. */
export function binCentre(bin: number): number {
  if (bin < SUB) return bin;
  const k = bin - SUB;
  const e = SUB_BITS + Math.floor(k / HALF);
  const shift = e - SUB_BITS + 1;
  const lower = (HALF + (k % HALF)) * 2 ** shift;
  return lower + (2 ** shift - 1) / 2;
}

export class QuantileHistogram {
  private readonly bins = new Uint32Array(BIN_COUNT);
  private readonly blocks = new Uint32Array(BLOCK_COUNT);
  /** Values added. */
  count = 0;
  /** Exact sum, min and max of the values added (ms); min/max are NaN when empty. */
  sum = 0;
  min = NaN;
  max = NaN;

  add(ms: number): void {
    let v = Math.round(ms / RESOLUTION_MS);
    if (v < 0) v = 0;
    else if (v > MAX_UNITS) v = MAX_UNITS;
    const b = binOf(v);
    this.bins[b]++;
    this.blocks[b >>> BLOCK_BITS]++;
    if (this.count === 0) {
      this.min = ms;
      this.max = ms;
    } else {
      if (ms < this.min) this.min = ms;
      if (ms > this.max) this.max = ms;
    }
    this.count++;
    this.sum += ms;
  }

  /** Mean (ms), NaN when empty. */
  mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /** Nearest-rank q-quantile (ms) for q in [0, 1]; NaN when empty. */
  quantile(q: number): number {
    const n = this.count;
    if (n === 0) return NaN;
    const rank = q <= 0 ? 1 : Math.min(n, Math.ceil(q * n));
    let seen = 0;
    let block = 0;
    while (seen + this.blocks[block] < rank) seen += this.blocks[block++];
    let bin = block << BLOCK_BITS;
    while (seen + this.bins[bin] < rank) seen += this.bins[bin++];
    const ms = binCentre(bin) * RESOLUTION_MS;
    return ms < this.min ? this.min : ms > this.max ? this.max : ms;
  }

  clear(): void {
    if (this.count === 0) return;
    this.bins.fill(0);
    this.blocks.fill(0);
    this.count = 0;
    this.sum = 0;
    this.min = NaN;
    this.max = NaN;
  }
}
