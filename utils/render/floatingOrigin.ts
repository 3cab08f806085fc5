/**
 * Floating origin: three.js stores matrices as float32 on the GPU, so world positions (float64 numbers,
 * blocks, up to +-10,000,000) are drawn relative to an origin that follows the player. The origin snaps
 * to the chunk grid (multiples of 32 blocks) so chunk mesh offsets stay exact integers.
 */
import { CHUNK_SIZE } from '@/types/chunk';

/** The player may move this far (blocks, Euclidean) from the origin before it is moved to them. */
export const REBASE_DISTANCE = 512;

interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/**
 * Moves `origin` (in place) to the chunk corner at or below `player` when the player is more than
 * `threshold` blocks from it. Returns true when the origin changed. Non-finite player positions are ignored.
 */
export function rebaseOrigin(origin: Vec3, player: Vec3, threshold = REBASE_DISTANCE): boolean {
  const { x, y, z } = player;
  if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return false;
  const dx = x - origin.x;
  const dy = y - origin.y;
  const dz = z - origin.z;
  if (dx * dx + dy * dy + dz * dz <= threshold * threshold) return false;
  origin.x = Math.floor(x / CHUNK_SIZE) * CHUNK_SIZE;
  origin.y = Math.floor(y / CHUNK_SIZE) * CHUNK_SIZE;
  origin.z = Math.floor(z / CHUNK_SIZE) * CHUNK_SIZE;
  return true;
}
