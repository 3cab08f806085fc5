/**
 * The player's state at any time of a trace, for a replay at a frame rate other than the trace's:
 * - position: linear interpolation between samples i and i+1 (sample i at t = i * dt), blocks;
 * - velocity: finite difference of the same two samples, (p[i+1] - p[i]) / dt, blocks/s;
 * - view: unit vector from (yaw, pitch) interpolated between the samples (yaw along the shorter arc).
 * t is clamped to [0, (count-1) * dt]. Writes into caller-owned vectors; allocates nothing.
 *
 * View convention (spec "Movement traces", a three.js camera with rotation order YXZ):
 * yaw 0 looks toward -z, positive yaw turns toward -x; pitch positive looks up:
 *   view = (-sin(yaw) cos(pitch), sin(pitch), -cos(yaw) cos(pitch)).
 */
import type { Trace } from './trace';

export interface MutableVec3 {
  x: number;
  y: number;
  z: number;
}

export interface TraceSample {
  position: MutableVec3;
  velocity: MutableVec3;
  /** Unit view direction; (0, 0, -1) when the trace has no look. */
  view: MutableVec3;
}

export function createTraceSample(): TraceSample {
  return { position: { x: 0, y: 0, z: 0 }, velocity: { x: 0, y: 0, z: 0 }, view: { x: 0, y: 0, z: -1 } };
}

/** Unit view direction of (yaw, pitch) radians, written into `out`. */
export function viewFromYawPitch(yaw: number, pitch: number, out: MutableVec3): MutableVec3 {
  const cp = Math.cos(pitch);
  out.x = -Math.sin(yaw) * cp;
  out.y = Math.sin(pitch);
  out.z = -Math.cos(yaw) * cp;
  return out;
}

const TWO_PI = Math.PI * 2;

/** Shortest signed angle from a to b, in (-pi, pi]. */
export function angleDelta(a: number, b: number): number {
  let d = (b - a) % TWO_PI;
  if (d > Math.PI) d -= TWO_PI;
  else if (d <= -Math.PI) d += TWO_PI;
  return d;
}

/** Fills `out` with the state at `tSeconds` (clamped to the trace's span). Returns `out`. */
export function sampleTrace(trace: Trace, tSeconds: number, out: TraceSample): TraceSample {
  const last = trace.count - 1;
  const span = last * trace.dt;
  const t = tSeconds > 0 ? (tSeconds < span ? tSeconds : span) : 0;
  let i = Math.floor(t / trace.dt);
  if (i > last - 1) i = last - 1;
  let f = t / trace.dt - i;
  if (f < 0) f = 0;
  else if (f > 1) f = 1;
  const p = trace.positions;
  const a = i * 3;
  const b = a + 3;
  const inv = 1 / trace.dt;
  const pos = out.position;
  const vel = out.velocity;
  pos.x = p[a] + (p[b] - p[a]) * f;
  pos.y = p[a + 1] + (p[b + 1] - p[a + 1]) * f;
  pos.z = p[a + 2] + (p[b + 2] - p[a + 2]) * f;
  vel.x = (p[b] - p[a]) * inv;
  vel.y = (p[b + 1] - p[a + 1]) * inv;
  vel.z = (p[b + 2] - p[a + 2]) * inv;
  const look = trace.look;
  if (look) {
    const ya = look[i * 2];
    const pa = look[i * 2 + 1];
    const yaw = ya + angleDelta(ya, look[i * 2 + 2]) * f;
    const pitch = pa + (look[i * 2 + 3] - pa) * f;
    viewFromYawPitch(yaw, pitch, out.view);
  } else {
    out.view.x = 0;
    out.view.y = 0;
    out.view.z = -1;
  }
  return out;
}
