/**
 * Movement pattern analysis over time windows (by time, not sample count: frame rates vary).
 *
 * Short window (SHORT_WINDOW_MS of samples): speed, direction consistency, smoothed velocity, and a heading
 * fit (turn rate + residual). Long window (LONG_WINDOW_MS of path segments): a heading fit whose residual
 * says whether the heading changed irregularly in the last few seconds.
 *
 * Classification (first match):
 *   insufficient_data  fewer than MIN_SAMPLES samples or less than MIN_SPAN_MS of history in the window
 *   stationary         mean speed < STATIONARY_SPEED (blocks/s)
 *   exploratory        headings stray from a line (constant turn) in either window:
 *                      RMS residual > IRREGULAR_RMS or max residual > IRREGULAR_MAX (rad)
 *   curved             |turn rate| >= MIN_TURN_RATE and >= TURN_SIGNIFICANCE standard errors
 *   linear             otherwise
 * When the motion is mostly vertical or too slow horizontally for headings, the 3D direction consistency
 * decides between linear (>= LINEAR_CONSISTENCY) and exploratory.
 */
import type { MovementPattern } from '@/types/prediction';
import { MovementHistory } from './MovementHistory';
import { countWithin, fitHeadings, type HeadingFit } from './headingFit';

/** Sample window (ms) for speed, direction and turn rate. */
export const SHORT_WINDOW_MS = 1500;
/** Segment window (ms) for heading irregularity. */
export const LONG_WINDOW_MS = 4000;
/** Fewest samples and least time span (ms) in the short window for any pattern but insufficient_data. */
export const MIN_SAMPLES = 4;
export const MIN_SPAN_MS = 200;
/** blocks/s below which the player is stationary. */
export const STATIONARY_SPEED = 0.5;
/** blocks/s of horizontal speed below which a sample or segment has no usable heading. */
export const MIN_HEADING_SPEED = 1;
/** rad: heading residuals beyond these mean the heading changes irregularly. */
export const IRREGULAR_RMS = 0.08;
export const IRREGULAR_MAX = 0.25;
/** rad/s: smallest turn rate called curved (0.02 rad/s bends a 100 blocks/s, 5 s path by ~25 blocks). */
export const MIN_TURN_RATE = 0.02;
/** Standard errors a turn rate must exceed to count as nonzero. */
export const TURN_SIGNIFICANCE = 4;
/** Direction consistency needed for linear when headings cannot be used. */
export const LINEAR_CONSISTENCY = 0.95;
/** Time constant (ms) of the recent-weighted ("smoothed") velocity. */
export const SMOOTHING_MS = 250;

/** Statistics of the short window (reused object). */
export interface WindowStats {
  count: number;
  spanMs: number;
  avgSpeed: number;
  /** Standard deviation of the speed (blocks/s). */
  speedStd: number;
  directionConsistency: number;
  /** Mean horizontal speed (blocks/s). */
  meanHSpeed: number;
  /** Mean vertical velocity (blocks/s). */
  meanVy: number;
  /** Recent-weighted mean velocity, weights exp(-(tNow - t) / SMOOTHING_MS). */
  smoothVx: number;
  smoothVy: number;
  smoothVz: number;
}

export function createWindowStats(): WindowStats {
  return {
    count: 0,
    spanMs: 0,
    avgSpeed: 0,
    speedStd: 0,
    directionConsistency: 0,
    meanHSpeed: 0,
    meanVy: 0,
    smoothVx: 0,
    smoothVy: 0,
    smoothVz: 0,
  };
}

/** Fills `out` from the `n` newest samples of `h`. */
export function computeWindowStats(h: MovementHistory, n: number, out: WindowStats): WindowStats {
  out.count = n;
  if (n === 0) {
    out.spanMs = out.avgSpeed = out.speedStd = out.directionConsistency = 0;
    out.meanHSpeed = out.meanVy = out.smoothVx = out.smoothVy = out.smoothVz = 0;
    return out;
  }
  const cap = h.capacity;
  const newest = h.newest();
  const tNow = h.t[newest];
  let sSum = 0;
  let sSq = 0;
  let dx = 0;
  let dy = 0;
  let dz = 0;
  let hs = 0;
  let vySum = 0;
  let wSum = 0;
  let wx = 0;
  let wy = 0;
  let wz = 0;
  let idx = newest;
  let oldestT = tNow;
  for (let k = 0; k < n; k++) {
    const vx = h.vx[idx];
    const vy = h.vy[idx];
    const vz = h.vz[idx];
    const s = Math.sqrt(vx * vx + vy * vy + vz * vz);
    sSum += s;
    sSq += s * s;
    if (s > 1e-9) {
      dx += vx / s;
      dy += vy / s;
      dz += vz / s;
    }
    hs += h.hSpeed[idx];
    vySum += vy;
    const w = Math.exp(-(tNow - h.t[idx]) / SMOOTHING_MS);
    wSum += w;
    wx += w * vx;
    wy += w * vy;
    wz += w * vz;
    oldestT = h.t[idx];
    idx = idx === 0 ? cap - 1 : idx - 1;
  }
  const mean = sSum / n;
  out.spanMs = tNow - oldestT;
  out.avgSpeed = mean;
  out.speedStd = Math.sqrt(Math.max(0, sSq / n - mean * mean));
  out.directionConsistency = Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / n);
  out.meanHSpeed = hs / n;
  out.meanVy = vySum / n;
  out.smoothVx = wx / wSum;
  out.smoothVy = wy / wSum;
  out.smoothVz = wz / wSum;
  return out;
}

/** Short-window heading fit over the `n` newest samples, referenced to the newest sample's time. */
export function fitSampleHeadings(h: MovementHistory, n: number, out: HeadingFit): HeadingFit {
  const newest = h.newest();
  return fitHeadings(h.t, h.heading, h.hSpeed, h.capacity, newest, n, h.t[newest], MIN_HEADING_SPEED, out);
}

/** Long-window heading fit over the path segments of the last LONG_WINDOW_MS before `tNowMs`. */
export function fitSegmentHeadings(h: MovementHistory, tNowMs: number, out: HeadingFit): HeadingFit {
  if (h.segCount === 0) return fitHeadings(h.segT, h.segHeading, h.segHSpeed, h.segT.length, 0, 0, tNowMs, MIN_HEADING_SPEED, out);
  const cap = h.segT.length;
  const newest = (h.segHead - 1 + cap) % cap;
  // Segments ending within the window (measured back from the newest sample, not the newest segment).
  let n = 0;
  let idx = newest;
  while (n < h.segCount && h.segT[idx] >= tNowMs - LONG_WINDOW_MS) {
    n++;
    idx = idx === 0 ? cap - 1 : idx - 1;
  }
  return fitHeadings(h.segT, h.segHeading, h.segHSpeed, cap, newest, n, tNowMs, MIN_HEADING_SPEED, out);
}

/** Number of samples in the short window. */
export function shortWindowCount(h: MovementHistory): number {
  return h.count === 0 ? 0 : countWithin(h.t, h.capacity, h.newest(), h.count, SHORT_WINDOW_MS);
}

/** True when the fit's headings stray from a constant-turn line. */
export function isIrregular(fit: HeadingFit): boolean {
  return fit.n >= 3 && (fit.rms > IRREGULAR_RMS || fit.maxAbs > IRREGULAR_MAX);
}

/** True when the short-window headings are usable (enough of them, and the motion is not mostly vertical). */
export function headingsUsable(stats: WindowStats, shortFit: HeadingFit): boolean {
  return shortFit.n >= MIN_SAMPLES && shortFit.n * 2 >= stats.count && stats.meanHSpeed >= 0.25 * stats.avgSpeed;
}

/**
 * Classifies and scores the movement. `confidence` multiplies:
 *   coverage  min(1, window span / SHORT_WINDOW_MS)        (less history, less trust)
 *   speed     1 / (1 + 2 * speedStd / avgSpeed)             (steady speed)
 *   heading   exp(-(short RMS residual / 0.1)^2)             (smooth heading now), or the direction
 *             consistency when headings are not usable
 *   history   0.25 + 0.75 * exp(-(long RMS residual / 0.15)^2)  (no irregular turns in the last seconds)
 * Stationary: coverage * (1 - 0.5 * avgSpeed / STATIONARY_SPEED).
 */
export function classifyMovement(
  stats: WindowStats,
  shortFit: HeadingFit,
  longFit: HeadingFit,
  out: MovementPattern,
): MovementPattern {
  out.avgSpeed = stats.avgSpeed;
  out.directionConsistency = stats.directionConsistency;
  out.turnRate = shortFit.n >= 3 ? shortFit.slope : 0;
  if (stats.count < MIN_SAMPLES || stats.spanMs < MIN_SPAN_MS) {
    out.type = 'insufficient_data';
    out.confidence = 0;
    return out;
  }
  const coverage = Math.min(1, stats.spanMs / SHORT_WINDOW_MS);
  if (stats.avgSpeed < STATIONARY_SPEED) {
    out.type = 'stationary';
    out.turnRate = 0;
    out.confidence = coverage * (1 - (0.5 * stats.avgSpeed) / STATIONARY_SPEED);
    return out;
  }
  const speedTerm = 1 / (1 + (2 * stats.speedStd) / stats.avgSpeed);
  const longRms = longFit.n >= 3 ? longFit.rms : 0;
  const historyTerm = 0.25 + 0.75 * Math.exp(-((longRms / 0.15) ** 2));
  if (headingsUsable(stats, shortFit)) {
    const headingTerm = Math.exp(-((shortFit.rms / 0.1) ** 2));
    out.confidence = coverage * speedTerm * headingTerm * historyTerm;
    const turn = Math.abs(shortFit.slope);
    if (isIrregular(shortFit) || isIrregular(longFit)) out.type = 'exploratory';
    else if (turn >= MIN_TURN_RATE && turn >= TURN_SIGNIFICANCE * shortFit.slopeStdErr) out.type = 'curved';
    else out.type = 'linear';
    return out;
  }
  out.turnRate = 0;
  out.confidence = coverage * speedTerm * stats.directionConsistency * historyTerm;
  out.type = stats.directionConsistency >= LINEAR_CONSISTENCY ? 'linear' : 'exploratory';
  return out;
}
