/**
 * Movement traces in the browser (../shared/streaming-spec.md "Movement traces"): validation of an
 * already-parsed trace object, and the player's state at any wall-clock time of the replay.
 * Sample i is at t = i * dt s; positions in blocks; yaw/pitch in radians (yaw 0 looks toward -z,
 * positive yaw turns toward -x, pitch positive up). Flat layout: positions[i*3 + 0..2], look[i*2 + 0..1].
 */
import { wrapYaw } from '@/utils/render/flyMath';

export interface BrowserTrace {
  name: string;
  dt: number;
  count: number;
  positions: Float64Array;
  /** null: the trace has no look; the view stays as it was (yaw/pitch of the first sample = 0, 0). */
  look: Float64Array | null;
}

export interface TraceState {
  x: number;
  y: number;
  z: number;
  yaw: number;
  pitch: number;
}

function fail(what: string): never {
  throw new Error(`voxel.playTrace: trace ${what}`);
}

function finiteTuple(v: unknown, n: number, where: string): number[] {
  if (!Array.isArray(v) || v.length !== n || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    fail(`${where} must be [${n} finite numbers], got ${JSON.stringify(v)?.slice(0, 60)}`);
  }
  return v as number[];
}

/** Validates a parsed trace object; throws naming the field and the value. */
export function parseTrace(data: unknown): BrowserTrace {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail(`must be an object, got ${typeof data}`);
  const o = data as Record<string, unknown>;
  const dt = o.dt;
  if (typeof dt !== 'number' || !Number.isFinite(dt) || dt <= 0) fail(`dt must be a finite number > 0 s, got ${String(dt)}`);
  if (!Array.isArray(o.positions) || o.positions.length < 2) fail('positions must be an array of at least 2 [x, y, z]');
  const count = o.positions.length;
  const positions = new Float64Array(count * 3);
  for (let i = 0; i < count; i++) positions.set(finiteTuple(o.positions[i], 3, `positions[${i}]`), i * 3);
  let look: Float64Array | null = null;
  if (o.look !== undefined && o.look !== null) {
    if (!Array.isArray(o.look) || o.look.length !== count) fail(`look must have one [yaw, pitch] per position (${count})`);
    look = new Float64Array(count * 2);
    for (let i = 0; i < count; i++) look.set(finiteTuple(o.look[i], 2, `look[${i}]`), i * 2);
  }
  return { name: typeof o.name === 'string' ? o.name : 'unnamed', dt, count, positions, look };
}

/** Seconds of the trace: the time of its last sample. */
export function traceSeconds(t: BrowserTrace): number {
  return (t.count - 1) * t.dt;
}

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
