/**
 * Movement maths of the fly camera (pure, no DOM, no three.js).
 *
 * Look convention (streaming-spec "Movement traces"): yaw in radians, 0 looks toward -z, positive turns
 * toward -x (a three.js camera with rotation order YXZ, rotation.y = yaw, rotation.x = pitch); pitch in
 * radians, positive looks up, clamped to +-PITCH_LIMIT. Speeds in blocks per second.
 */

/** Walking-pace flight speed (blocks/s). */
export const BASE_SPEED = 10.9;
/** Speed with the sprint key (Ctrl) held (blocks/s). */
export const SPRINT_SPEED = 21.6;
/** Travel speeds cycled by the travel key (T), after which it returns to normal flight (blocks/s). */
export const TRAVEL_SPEEDS: readonly number[] = [50, 100, 200];
/** Pitch limit (radians), just short of straight up/down so yaw stays defined. */
export const PITCH_LIMIT = Math.PI / 2 - 0.001;
/** Longest frame step integrated at once (s); longer frames (tab switch, debugger) are clamped. */
export const MAX_DT = 0.1;

export interface MoveInput {
  forward: boolean;
  back: boolean;
  left: boolean;
  right: boolean;
  up: boolean;
  down: boolean;
  sprint: boolean;
}

interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Unit view direction for (yaw, pitch), written to `out`. */
export function viewDirection(yaw: number, pitch: number, out: Vec3): Vec3 {
  const cp = Math.cos(pitch);
  out.x = -Math.sin(yaw) * cp;
  out.y = Math.sin(pitch);
  out.z = -Math.cos(yaw) * cp;
  return out;
}

/** Clamps pitch to [-PITCH_LIMIT, PITCH_LIMIT] and wraps yaw to (-PI, PI]. */
export function clampPitch(pitch: number): number {
  return pitch > PITCH_LIMIT ? PITCH_LIMIT : pitch < -PITCH_LIMIT ? -PITCH_LIMIT : pitch;
}

export function wrapYaw(yaw: number): number {
  const twoPi = Math.PI * 2;
  let y = yaw % twoPi;
  if (y <= -Math.PI) y += twoPi;
  else if (y > Math.PI) y -= twoPi;
  return y;
}

/** Non-finite or negative dt -> 0; longer than MAX_DT -> MAX_DT (seconds). */
export function clampDt(dt: number): number {
  if (!Number.isFinite(dt) || dt <= 0) return 0;
  return dt > MAX_DT ? MAX_DT : dt;
}

/** Speed (blocks/s) for a travel-speed index (-1 = normal flight) and the sprint key. */
export function moveSpeed(travelIndex: number, sprint: boolean): number {
  if (travelIndex >= 0 && travelIndex < TRAVEL_SPEEDS.length) return TRAVEL_SPEEDS[travelIndex];
  return sprint ? SPRINT_SPEED : BASE_SPEED;
}

/** Next travel index: -1 -> 0 -> 1 -> ... -> last -> -1 (normal flight). */
export function nextTravelIndex(travelIndex: number): number {
  const next = travelIndex + 1;
  return next >= TRAVEL_SPEEDS.length ? -1 : next;
}

/**
 * Velocity (blocks/s) for the held keys: forward/back and strafe in the horizontal plane of the yaw,
 * up/down along world y; the combined direction is normalised so diagonals are not faster. Into `out`.
 */
export function moveVelocity(input: MoveInput, yaw: number, speed: number, out: Vec3): Vec3 {
  const f = (input.forward ? 1 : 0) - (input.back ? 1 : 0);
  const r = (input.right ? 1 : 0) - (input.left ? 1 : 0);
  const u = (input.up ? 1 : 0) - (input.down ? 1 : 0);
  const s = Math.sin(yaw);
  const c = Math.cos(yaw);
  // forward = (-sin yaw, 0, -cos yaw); right = (cos yaw, 0, -sin yaw)
  let x = -s * f + c * r;
  let y = u;
  let z = -c * f - s * r;
  const len = Math.hypot(x, y, z);
  if (len > 0) {
    const k = speed / len;
    x *= k;
    y *= k;
    z *= k;
  }
  out.x = x + 0; // + 0 turns -0 into 0
  out.y = y + 0;
  out.z = z + 0;
  return out;
}
