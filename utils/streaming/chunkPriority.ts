/**
 * Loading priority of a chunk = urgency, higher = more urgent. Every mode expresses urgency as
 * minus the estimated seconds until the chunk is needed (enters the required sphere of radius
 * `requiredRadius` blocks around the player), with a small distance tie-break, so priorities
 * from different modes and frames compare on one scale.
 *
 *   proximity: T = d / REFERENCE_SPEED                      (distance only)
 *   direction: T = d * (1 - 0.5 cos a) / REFERENCE_SPEED    (a = angle between the direction to the
 *              chunk and the motion direction: velocity when moving, else the view direction)
 *   adaptive:  T = min(T_path, T_reach * (1 + 2 c))         (c = prediction confidence in [0,1];
 *              T_path = first time the predicted path brings the chunk into the required sphere;
 *              T_reach = (d - requiredRadius) / max(speed, MIN_REACH_SPEED), the soonest the player
 *              could reach it heading straight for it; confident predictions push off-path chunks back)
 * d = distance (blocks) from the player to the chunk's box.
 */
import type { LoadingPriority } from '@/config/streamingConfig';
import { CHUNK_SIZE } from '@/types/chunk';

/** blocks/s used to turn distances into seconds for the distance-only modes. */
export const REFERENCE_SPEED = 10;
/** blocks/s: below this the player is treated as possibly starting to move at this speed. */
export const MIN_REACH_SPEED = 4;
/** Urgency given to a chunk already inside the required sphere (needed now). */
export const REQUIRED_NOW_SECONDS = 0;

export interface PriorityFrame {
  mode: LoadingPriority;
  px: number;
  py: number;
  pz: number;
  /** Unit motion direction (velocity if moving, else view); zero vector when unknown. */
  dirX: number;
  dirY: number;
  dirZ: number;
  speed: number;
  confidence: number;
  requiredRadius: number;
}

export function createPriorityFrame(): PriorityFrame {
  return { mode: 'adaptive', px: 0, py: 0, pz: 0, dirX: 0, dirY: 0, dirZ: 0, speed: 0, confidence: 0, requiredRadius: 100 };
}

/**
 * @param d distance (blocks) from the player to the chunk box
 * @param pathTime seconds until the predicted path brings the chunk into the required sphere (Infinity if never)
 */
export function chunkUrgency(f: PriorityFrame, cx: number, cy: number, cz: number, d: number, pathTime: number): number {
  let seconds: number;
  if (f.mode === 'proximity') {
    seconds = d / REFERENCE_SPEED;
  } else if (f.mode === 'direction') {
    const half = CHUNK_SIZE / 2;
    const tx = cx * CHUNK_SIZE + half - f.px;
    const ty = cy * CHUNK_SIZE + half - f.py;
    const tz = cz * CHUNK_SIZE + half - f.pz;
    const len = Math.sqrt(tx * tx + ty * ty + tz * tz);
    const cos = len > 1e-9 ? (tx * f.dirX + ty * f.dirY + tz * f.dirZ) / len : 1;
    seconds = (d * (1 - 0.5 * cos)) / REFERENCE_SPEED;
  } else {
    const excess = d - f.requiredRadius;
    if (excess <= 0) seconds = REQUIRED_NOW_SECONDS;
    else {
      const reach = excess / Math.max(f.speed, MIN_REACH_SPEED);
      seconds = Math.min(pathTime, reach * (1 + 2 * f.confidence));
    }
  }
  return -seconds - d * 1e-6;
}
