/**
 * The seed's chunk priority map, for the debug overlay (string keys "cx,cy,cz" are allocated: not for the
 * per-frame path; the manager works from samplePath instead). Priority objects come from a caller-kept pool.
 */
import type { ChunkPrediction, ChunkPriority } from '@/types/prediction';
import { chunkKey, worldToChunk } from '@/types/chunk';

/** Priority of the 26 chunks around the player's. */
export const SURROUNDING_PRIORITY = 0.5;

function take(pool: ChunkPriority[], used: number): ChunkPriority {
  if (used < pool.length) return pool[used];
  const p: ChunkPriority = { priority: 0, reason: 'surrounding', timeUntilNeeded: 0, confidence: 0 };
  pool.push(p);
  return p;
}

/**
 * Clears `out` and fills it: the player's chunk (priority 1, 'current_position'), its 26 neighbours
 * ('surrounding'), then the chunk of each predicted position with priority confidence / (1 + 0.1 t)
 * ('predicted_movement') where that beats the chunk's entry. Nothing is added when `hasSample` is false.
 */
export function fillChunkPriorities(
  prediction: ChunkPrediction,
  hasSample: boolean,
  out: Map<string, ChunkPriority>,
  pool: ChunkPriority[],
): Map<string, ChunkPriority> {
  out.clear();
  if (!hasSample) return out;
  let used = 0;
  const cx = worldToChunk(prediction.x);
  const cy = worldToChunk(prediction.y);
  const cz = worldToChunk(prediction.z);
  for (let dy = -1; dy <= 1; dy++) {
    for (let dz = -1; dz <= 1; dz++) {
      for (let dx = -1; dx <= 1; dx++) {
        const p = take(pool, used++);
        const center = dx === 0 && dy === 0 && dz === 0;
        p.priority = center ? 1 : SURROUNDING_PRIORITY;
        p.reason = center ? 'current_position' : 'surrounding';
        p.timeUntilNeeded = 0;
        p.confidence = 1;
        out.set(chunkKey(cx + dx, cy + dy, cz + dz), p);
      }
    }
  }
  for (const e of prediction.predictedPositions) {
    const priority = e.confidence / (1 + e.timeHorizon * 0.1);
    const key = chunkKey(e.cx, e.cy, e.cz);
    const existing = out.get(key);
    if (existing && existing.priority >= priority) continue;
    const p = existing ?? take(pool, used++);
    p.priority = priority;
    p.reason = 'predicted_movement';
    p.timeUntilNeeded = e.timeHorizon;
    p.confidence = e.confidence;
    out.set(key, p);
  }
  return out;
}
