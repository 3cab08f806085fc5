/**
 * Movement history: two fixed-size rings of Float64Array columns, filled in place (nothing allocated per sample).
 *
 * - Sample ring (capacity `historySize`): one row per accepted sample: time (ms, caller's clock), position
 *   (blocks), velocity (blocks/s), horizontal speed (blocks/s) and heading (rad, atan2(-vz, vx), in (-pi, pi]).
 *   Row i of the ring is at column index (head - 1 - i) mod capacity counting back from the newest.
 * - Segment ring (capacity SEGMENT_CAPACITY): the path cut into pieces of at least SEGMENT_MS of time, each
 *   with its end time, horizontal displacement speed and heading measured from the positions (not the
 *   velocities), so long-window heading analysis does not depend on the frame rate or velocity noise.
 */

/** Minimum duration (ms) of one path segment. */
export const SEGMENT_MS = 100;
/** Segments kept: 25.6 s at SEGMENT_MS, more than any analysis window. */
export const SEGMENT_CAPACITY = 256;

export class MovementHistory {
  readonly capacity: number;
  /** Sample columns, each `capacity` long. */
  readonly t: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly vz: Float64Array;
  readonly hSpeed: Float64Array;
  readonly heading: Float64Array;
  /** Next write position in the sample ring. */
  head = 0;
  /** Samples held (<= capacity). */
  count = 0;

  /** Segment columns, each SEGMENT_CAPACITY long: end time (ms), horizontal speed (blocks/s), heading (rad). */
  readonly segT = new Float64Array(SEGMENT_CAPACITY);
  readonly segHSpeed = new Float64Array(SEGMENT_CAPACITY);
  readonly segHeading = new Float64Array(SEGMENT_CAPACITY);
  segHead = 0;
  segCount = 0;
  /** Start of the segment being built (NaN time: none yet). */
  private segStartT = NaN;
  private segStartX = 0;
  private segStartZ = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.t = new Float64Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.z = new Float64Array(capacity);
    this.vx = new Float64Array(capacity);
    this.vy = new Float64Array(capacity);
    this.vz = new Float64Array(capacity);
    this.hSpeed = new Float64Array(capacity);
    this.heading = new Float64Array(capacity);
  }

  /** Column index of the newest sample (count must be > 0). */
  newest(): number {
    return (this.head - 1 + this.capacity) % this.capacity;
  }

  /** Time (ms) of the newest sample, NaN when empty. */
  lastTime(): number {
    return this.count === 0 ? NaN : this.t[this.newest()];
  }

  /** Appends a sample (values already validated: finite, time increasing). */
  push(tMs: number, x: number, y: number, z: number, vx: number, vy: number, vz: number): void {
    const i = this.head;
    this.t[i] = tMs;
    this.x[i] = x;
    this.y[i] = y;
    this.z[i] = z;
    this.vx[i] = vx;
    this.vy[i] = vy;
    this.vz[i] = vz;
    this.hSpeed[i] = Math.sqrt(vx * vx + vz * vz);
    this.heading[i] = Math.atan2(-vz, vx);
    this.head = i + 1 === this.capacity ? 0 : i + 1;
    if (this.count < this.capacity) this.count++;

    if (Number.isNaN(this.segStartT)) {
      this.segStartT = tMs;
      this.segStartX = x;
      this.segStartZ = z;
      return;
    }
    const segMs = tMs - this.segStartT;
    if (segMs >= SEGMENT_MS) {
      const dx = x - this.segStartX;
      const dz = z - this.segStartZ;
      const s = this.segHead;
      this.segT[s] = tMs;
      this.segHSpeed[s] = Math.sqrt(dx * dx + dz * dz) / (segMs / 1000);
      this.segHeading[s] = Math.atan2(-dz, dx);
      this.segHead = s + 1 === SEGMENT_CAPACITY ? 0 : s + 1;
      if (this.segCount < SEGMENT_CAPACITY) this.segCount++;
      this.segStartT = tMs;
      this.segStartX = x;
      this.segStartZ = z;
    }
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
    this.segHead = 0;
    this.segCount = 0;
    this.segStartT = NaN;
  }
}

const TWO_PI = 2 * Math.PI;

/** Wraps an angle into (-pi, pi]; a no-op for angles already in range (most differences of two headings). */
export function wrapAngle(a: number): number {
  if (a > Math.PI || a <= -Math.PI) {
    a -= TWO_PI * Math.floor((a + Math.PI) / TWO_PI); // now in [-pi, pi)
    if (a <= -Math.PI) a += TWO_PI;
  }
  return a;
}
