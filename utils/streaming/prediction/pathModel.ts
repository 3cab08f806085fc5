/**
 * Predicted path models: where the player is t seconds from now, the path length (blocks) covered by then,
 * its inverse, and the confidence at t. All closed-form, nothing allocated.
 *
 *   stationary   p(t) = p0
 *   linear       p(t) = p0 + v t
 *   arc          horizontal circle at speed hSpeed with turn rate omega (rad/s, about +y, heading convention
 *                of types/prediction.ts: direction (cos h, -sin h) in (x, z)), vertical velocity vy constant:
 *                x = x0 + hSpeed/omega (sin(h0 + omega t) - sin h0), z = z0 + hSpeed/omega (cos(h0 + omega t) - cos h0)
 *   persistent   exploratory movement: the velocity's direction is kept for about tau seconds, after which
 *                heading changes make further displacement unpredictable; the expected position of such a
 *                walk is p0 + v tau (1 - exp(-t / tau)) (mean velocity decaying exponentially)
 * Confidence at t: confidence * exp(-t / confidenceTauS).
 */

export type PathKind = 'stationary' | 'linear' | 'arc' | 'persistent';

export interface PathModel {
  kind: PathKind;
  /** Start position (blocks). */
  x0: number;
  y0: number;
  z0: number;
  /** Velocity at t = 0 (blocks/s); for an arc its tangent. */
  vx: number;
  vy: number;
  vz: number;
  /** Arc: horizontal speed (blocks/s), heading at t = 0 (rad), turn rate (rad/s). */
  hSpeed: number;
  heading0: number;
  omega: number;
  /** Persistent: seconds the direction is kept. */
  tauS: number;
  /** Confidence at t = 0 in [0, 1] and its decay time (s). */
  confidence: number;
  confidenceTauS: number;
}

export function createPathModel(): PathModel {
  return {
    kind: 'stationary',
    x0: 0,
    y0: 0,
    z0: 0,
    vx: 0,
    vy: 0,
    vz: 0,
    hSpeed: 0,
    heading0: 0,
    omega: 0,
    tauS: 1,
    confidence: 0,
    confidenceTauS: 1,
  };
}

/** Path speed (blocks/s) at t = 0. */
export function pathSpeed(m: PathModel): number {
  if (m.kind === 'stationary') return 0;
  if (m.kind === 'arc') return Math.sqrt(m.hSpeed * m.hSpeed + m.vy * m.vy);
  return Math.sqrt(m.vx * m.vx + m.vy * m.vy + m.vz * m.vz);
}

/** Writes the position at t seconds into out[offset..offset+3). */
export function positionAt(m: PathModel, t: number, out: Float64Array, offset: number): void {
  switch (m.kind) {
    case 'linear':
      out[offset] = m.x0 + m.vx * t;
      out[offset + 1] = m.y0 + m.vy * t;
      out[offset + 2] = m.z0 + m.vz * t;
      return;
    case 'arc': {
      const a = m.omega * t;
      if (Math.abs(a) < 1e-9) {
        out[offset] = m.x0 + m.hSpeed * Math.cos(m.heading0) * t;
        out[offset + 2] = m.z0 - m.hSpeed * Math.sin(m.heading0) * t;
      } else {
        const r = m.hSpeed / m.omega;
        out[offset] = m.x0 + r * (Math.sin(m.heading0 + a) - Math.sin(m.heading0));
        out[offset + 2] = m.z0 + r * (Math.cos(m.heading0 + a) - Math.cos(m.heading0));
      }
      out[offset + 1] = m.y0 + m.vy * t;
      return;
    }
    case 'persistent': {
      const f = m.tauS * (1 - Math.exp(-t / m.tauS));
      out[offset] = m.x0 + m.vx * f;
      out[offset + 1] = m.y0 + m.vy * f;
      out[offset + 2] = m.z0 + m.vz * f;
      return;
    }
    default:
      out[offset] = m.x0;
      out[offset + 1] = m.y0;
      out[offset + 2] = m.z0;
  }
}

/** Path length (blocks) covered between 0 and t seconds. */
export function pathLengthAt(m: PathModel, t: number): number {
  const s = pathSpeed(m);
  if (m.kind === 'persistent') return s * m.tauS * (1 - Math.exp(-t / m.tauS));
  return s * t;
}

/** Seconds until the path length reaches `length` blocks; Infinity if it never does. */
export function timeAtLength(m: PathModel, length: number): number {
  if (length <= 0) return 0;
  const s = pathSpeed(m);
  if (!(s > 0)) return Infinity;
  if (m.kind === 'persistent') {
    const f = length / (s * m.tauS);
    return f >= 1 ? Infinity : -m.tauS * Math.log(1 - f);
  }
  return length / s;
}

/** Confidence of the prediction t seconds ahead. */
export function confidenceAt(m: PathModel, t: number): number {
  return m.confidence * Math.exp(-t / m.confidenceTauS);
}
