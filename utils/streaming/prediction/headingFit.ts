/**
 * Least-squares line through unwrapped headings over time: the turn rate (slope, rad/s), the heading now
 * (the line at the reference time) and how far the headings stray from the line (RMS and max residual, rad).
 * A constant turn (a circle) or a straight line fits with ~0 residual; abrupt heading changes do not.
 *
 * Works on any ring of columns (time ms, heading rad in (-pi, pi], speed blocks/s): the movement samples or
 * the path segments of MovementHistory. Entries slower than `minSpeed` have no meaningful heading and are
 * skipped. Two passes over the window, nothing allocated.
 */
import { wrapAngle } from './MovementHistory';

export interface HeadingFit {
  /** Entries with a heading (speed >= minSpeed) used in the fit. */
  n: number;
  /** Seconds between the first and last entry used. */
  spanS: number;
  /** Turn rate (rad/s), 0 when n < 3. */
  slope: number;
  /** Standard error of the slope (rad/s); Infinity when n < 3. */
  slopeStdErr: number;
  /** The fitted heading at the reference time, wrapped into (-pi, pi]. */
  headingAtRef: number;
  /** RMS and largest absolute residual of the headings about the line (rad); 0 when n < 3. */
  rms: number;
  maxAbs: number;
}

export function createHeadingFit(): HeadingFit {
  return { n: 0, spanS: 0, slope: 0, slopeStdErr: Infinity, headingAtRef: 0, rms: 0, maxAbs: 0 };
}

/**
 * Fits the `n` newest entries of a ring (newest at column `newest`, older ones before it, wrapping at
 * `capacity`). Times are in ms; `tRefMs` is the time the fitted heading is reported at.
 */
export function fitHeadings(
  tCol: Float64Array,
  headingCol: Float64Array,
  speedCol: Float64Array,
  capacity: number,
  newest: number,
  n: number,
  tRefMs: number,
  minSpeed: number,
  out: HeadingFit,
): HeadingFit {
  let used = 0;
  let s1 = 0;
  let st = 0;
  let stt = 0;
  let sh = 0;
  let sth = 0;
  let prevRaw = 0;
  let unwrapped = 0;
  let firstT = 0;
  let lastT = 0;
  // Pass 1, oldest to newest: unwrap and accumulate the normal equations (tau in seconds from tRef).
  let idx = (newest - n + 1 + capacity * 2) % capacity;
  for (let k = 0; k < n; k++) {
    if (speedCol[idx] >= minSpeed) {
      const h = headingCol[idx];
      unwrapped = used === 0 ? h : unwrapped + wrapAngle(h - prevRaw);
      prevRaw = h;
      const tau = (tCol[idx] - tRefMs) / 1000;
      if (used === 0) firstT = tCol[idx];
      lastT = tCol[idx];
      used++;
      s1 += 1;
      st += tau;
      stt += tau * tau;
      sh += unwrapped;
      sth += tau * unwrapped;
    }
    idx = idx + 1 === capacity ? 0 : idx + 1;
  }
  out.n = used;
  out.spanS = used > 0 ? (lastT - firstT) / 1000 : 0;
  const sTauTau = stt - (st * st) / (s1 || 1);
  if (used < 3 || !(sTauTau > 1e-12)) {
    out.slope = 0;
    out.slopeStdErr = Infinity;
    out.headingAtRef = used > 0 ? wrapAngle(sh / used) : 0;
    out.rms = 0;
    out.maxAbs = 0;
    return out;
  }
  const slope = (s1 * sth - st * sh) / (s1 * stt - st * st);
  const intercept = (sh - slope * st) / s1;
  // Pass 2: residuals about the line (same unwrapping).
  let sse = 0;
  let maxAbs = 0;
  let seen = 0;
  idx = (newest - n + 1 + capacity * 2) % capacity;
  for (let k = 0; k < n; k++) {
    if (speedCol[idx] >= minSpeed) {
      const h = headingCol[idx];
      unwrapped = seen === 0 ? h : unwrapped + wrapAngle(h - prevRaw);
      prevRaw = h;
      seen++;
      const r = unwrapped - (intercept + slope * ((tCol[idx] - tRefMs) / 1000));
      sse += r * r;
      const a = r < 0 ? -r : r;
      if (a > maxAbs) maxAbs = a;
    }
    idx = idx + 1 === capacity ? 0 : idx + 1;
  }
  out.slope = slope;
  out.slopeStdErr = Math.sqrt(sse / Math.max(1, used - 2) / sTauTau);
  out.headingAtRef = wrapAngle(intercept);
  out.rms = Math.sqrt(sse / used);
  out.maxAbs = maxAbs;
  return out;
}

/** How many of the newest entries of a ring lie within `windowMs` of the newest (at least 1 when count > 0). */
export function countWithin(tCol: Float64Array, capacity: number, newest: number, count: number, windowMs: number): number {
  if (count === 0) return 0;
  const tMin = tCol[newest] - windowMs;
  let n = 1;
  let idx = newest;
  while (n < count) {
    idx = idx === 0 ? capacity - 1 : idx - 1;
    if (tCol[idx] < tMin) break;
    n++;
  }
  return n;
}
