/**
 * Movement traces (../shared/streaming-spec.md "Movement traces"):
 * `{ "name", "description", "dt", "positions": [[x,y,z], ...], "look": [[yaw, pitch], ...] }`.
 * Sample i is at time i * dt seconds; positions in blocks, yaw / pitch in radians.
 * Parsed into flat typed arrays: positions[i*3 + 0..2] = x, y, z; look[i*2 + 0..1] = yaw, pitch.
 * Every validation error is one line, prefixed "trace <source>:". No Node APIs: the benchmarks and the
 * browser (window.voxel.playTrace) validate traces with the same code.
 */
/** Fewest samples a trace may have: velocity is a finite difference of two samples. */
export const MIN_TRACE_SAMPLES = 2;

export interface Trace {
  name: string;
  description: string;
  /** Seconds between samples (> 0). */
  dt: number;
  /** Number of samples (>= MIN_TRACE_SAMPLES). */
  count: number;
  /** x, y, z of sample i at [i*3, i*3+3), blocks. */
  positions: Float64Array;
  /** yaw, pitch of sample i at [i*2, i*2+2), radians; null when the trace has no "look". */
  look: Float64Array | null;
}

/** A trace that cannot be used; the message is one line naming the source and the problem. */
export class TraceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceError';
  }
}

/** Trace duration in seconds: the time of the last sample, (count - 1) * dt. */
export function traceDuration(trace: Trace): number {
  return (trace.count - 1) * trace.dt;
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return String(v);
  const s = JSON.stringify(v);
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}

/** Validates already-parsed JSON; throws TraceError. */
export function validateTrace(data: unknown, source: string): Trace {
  const fail = (what: string): never => {
    throw new TraceError(`trace ${source}: ${what}`);
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail(`must be a JSON object, got ${describe(data)}`);
  const obj = data as Record<string, unknown>;
  const dt = obj.dt;
  if (typeof dt !== 'number' || !Number.isFinite(dt) || dt <= 0) fail(`dt must be a finite number > 0 seconds, got ${describe(dt)}`);
  const positions = obj.positions;
  if (!Array.isArray(positions)) fail(`positions must be an array of [x, y, z], got ${describe(positions)}`);
  const pos = positions as unknown[];
  if (pos.length < MIN_TRACE_SAMPLES) fail(`positions must hold at least ${MIN_TRACE_SAMPLES} samples, got ${pos.length}`);
  const count = pos.length;
  const flat = new Float64Array(count * 3);
  for (let i = 0; i < count; i++) {
    const p = pos[i];
    if (!Array.isArray(p) || p.length !== 3) fail(`positions[${i}] must be [x, y, z], got ${describe(p)}`);
    for (let a = 0; a < 3; a++) {
      const v = (p as unknown[])[a];
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(`positions[${i}][${a}] must be a finite number, got ${describe(v)}`);
      flat[i * 3 + a] = v as number;
    }
  }
  let look: Float64Array | null = null;
  if (obj.look !== undefined && obj.look !== null) {
    if (!Array.isArray(obj.look)) fail(`look must be an array of [yaw, pitch], got ${describe(obj.look)}`);
    const lk = obj.look as unknown[];
    if (lk.length !== count) fail(`look must have one [yaw, pitch] per position (${count}), got ${lk.length}`);
    look = new Float64Array(count * 2);
    for (let i = 0; i < count; i++) {
      const l = lk[i];
      if (!Array.isArray(l) || l.length !== 2) fail(`look[${i}] must be [yaw, pitch], got ${describe(l)}`);
      for (let a = 0; a < 2; a++) {
        const v = (l as unknown[])[a];
        if (typeof v !== 'number' || !Number.isFinite(v)) fail(`look[${i}][${a}] must be a finite number, got ${describe(v)}`);
        look[i * 2 + a] = v as number;
      }
    }
  }
  const name = typeof obj.name === 'string' && obj.name.length > 0 ? obj.name : source.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  const description = typeof obj.description === 'string' ? obj.description : '';
  return { name, description, dt: dt as number, count, positions: flat, look };
}

/** Parses and validates trace JSON text; throws TraceError. */
export function parseTrace(text: string, source: string): Trace {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TraceError(`trace ${source}: not valid JSON (${firstLine(e)})`);
  }
  return validateTrace(data, source);
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}
