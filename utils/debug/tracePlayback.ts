/**
 * Movement traces in the browser (../shared/streaming-spec.md "Movement traces"): validation of an
 * already-parsed trace object, and the player's state at any wall-clock time of the replay.
 * Sample i is at t = i * dt s; positions in blocks; yaw/pitch in radians (yaw 0 looks toward -z,
 * positive yaw turns toward -x, pitch positive up). Flat layout: positions[i*3 + 0..2], look[i*2 + 0..1].
 */
import { wrapYaw } from '@/utils/render/flyMath';
import { traceDuration, validateTrace, type Trace } from '@/utils/traces/traceFormat';

/** A validated trace (utils/traces/traceFormat.ts, the benchmarks' format and checks). */
export type BrowserTrace = Trace;

export interface TraceState {
  x: number;
  y: number;
  z: number;
  yaw: number;
  pitch: number;
}

/** Validates a parsed trace object; throws a TraceError naming the field and the value. */
export function parseTrace(data: unknown): BrowserTrace {
  return validateTrace(data, 'given to voxel.playTrace');
}

/** Seconds of the trace: the time of its last sample. */
export const traceSeconds = traceDuration;

/**
 * The state at `seconds` (clamped to the trace): position interpolated linearly between the samples
 * around it, yaw along the shorter arc, pitch linearly. Writes into `out`; allocates nothing.
 */
export function sampleTraceState(t: BrowserTrace, seconds: number, out: TraceState): TraceState {
  const span = traceSeconds(t);
  const s = seconds > 0 ? (seconds < span ? seconds : span) : 0;
  let i = Math.floor(s / t.dt);
  if (i > t.count - 2) i = t.count - 2;
  let f = s / t.dt - i;
  f = f < 0 ? 0 : f > 1 ? 1 : f;
  const p = t.positions;
  const a = i * 3;
  out.x = p[a] + (p[a + 3] - p[a]) * f;
  out.y = p[a + 1] + (p[a + 4] - p[a + 1]) * f;
  out.z = p[a + 2] + (p[a + 5] - p[a + 2]) * f;
  const l = t.look;
  if (l) {
    const ya = l[i * 2];
    out.yaw = wrapYaw(ya + wrapYaw(l[i * 2 + 2] - ya) * f);
    out.pitch = l[i * 2 + 1] + (l[i * 2 + 3] - l[i * 2 + 1]) * f;
  } else {
    out.yaw = 0;
    out.pitch = 0;
  }
  return out;
}
