/**
 * Random exploration path for the soak benchmark, as a Trace (so the same sampler and driver replay it).
 * Deterministic for a seed: constant speed (blocks/s, along the 3D path), a new target heading every
 * 2-6 s (up to 135 degrees off the current one) reached at MAX_TURN_RATE, a new target altitude in
 * [MIN_Y, MAX_Y] per leg reached at up to MAX_CLIMB_SPEED; looking along the motion.
 * Yaw / pitch follow the spec's convention (yaw 0 toward -z, positive toward -x; pitch up).
 */
import type { Trace } from './trace';

export const MAX_TURN_RATE = 0.8; // rad/s
export const MAX_CLIMB_SPEED = 10; // blocks/s
export const MIN_Y = 70; // blocks
export const MAX_Y = 150; // blocks

/** mulberry32: uint32 seed -> uniform [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ExplorationOptions {
  seed: number;
  /** Length of the path, s (> 0). */
  seconds: number;
  /** Speed along the path, blocks/s (> 0). */
  speed: number;
  /** Sample spacing, s; default 1/60. */
  dt?: number;
  /** Start position, blocks; default (0, 100, 0). */
  start?: readonly [number, number, number];
}

export function generateExplorationTrace(o: ExplorationOptions): Trace {
  if (!(o.seconds > 0) || !Number.isFinite(o.seconds)) throw new Error(`exploration: seconds must be a finite number > 0, got ${o.seconds}`);
  if (!(o.speed > 0) || !Number.isFinite(o.speed)) throw new Error(`exploration: speed must be a finite number > 0 blocks/s, got ${o.speed}`);
  const dt = o.dt ?? 1 / 60;
  if (!(dt > 0)) throw new Error(`exploration: dt must be > 0 s, got ${dt}`);
  const rand = mulberry32(o.seed);
  const count = Math.floor(o.seconds / dt) + 1;
  const positions = new Float64Array(count * 3);
  const look = new Float64Array(count * 2);
  const [sx, sy, sz] = o.start ?? [0, 100, 0];
  let x = sx;
  let y = sy;
  let z = sz;
  let yaw = rand() * Math.PI * 2 - Math.PI;
  let targetYaw = yaw;
  let targetY = y;
  let legLeft = 0;
  const climbMax = Math.min(MAX_CLIMB_SPEED, o.speed * 0.5);
  for (let i = 0; i < count; i++) {
    if (legLeft <= 0) {
      legLeft = 2 + rand() * 4;
      targetYaw = yaw + (rand() * 2 - 1) * Math.PI * 0.75;
      targetY = MIN_Y + rand() * (MAX_Y - MIN_Y);
    }
    const dy = targetY - y;
    const vy = Math.max(-climbMax, Math.min(climbMax, dy / 1.0));
    const vh = Math.sqrt(o.speed * o.speed - vy * vy);
    positions[i * 3] = x;
    positions[i * 3 + 1] = y;
    positions[i * 3 + 2] = z;
    look[i * 2] = yaw;
    look[i * 2 + 1] = Math.atan2(vy, vh);
    // Advance to sample i + 1: direction of yaw is (-sin yaw, 0, -cos yaw).
    x += -Math.sin(yaw) * vh * dt;
    z += -Math.cos(yaw) * vh * dt;
    y += vy * dt;
    const turn = targetYaw - yaw;
    const maxStep = MAX_TURN_RATE * dt;
    yaw += turn > maxStep ? maxStep : turn < -maxStep ? -maxStep : turn;
    legLeft -= dt;
  }
  return {
    name: `exploration-seed${o.seed}-${o.speed}bps-${o.seconds}s`,
    description: `Random exploration at ${o.speed} blocks/s for ${o.seconds} s (seed ${o.seed}).`,
    dt,
    count,
    positions,
    look,
  };
}
