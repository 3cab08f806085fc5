/**
 * Geometry helpers of the streaming engine. Distances in blocks; a chunk's box spans
 * [c*32, c*32 + 32) on each axis. Nothing here allocates per call except the offset tables,
 * which are built once per radius.
 */
import { CHUNK_SIZE } from '@/types/chunk';

/** Distance (blocks) from point p to the closest point of chunk (cx,cy,cz)'s box; 0 inside. */
export function chunkBoxDistance(px: number, py: number, pz: number, cx: number, cy: number, cz: number): number {
  return Math.sqrt(chunkBoxDistanceSq(px, py, pz, cx, cy, cz));
}

/** Module-local copy: per-call code reads no imported binding. */
const S = CHUNK_SIZE;

export function chunkBoxDistanceSq(px: number, py: number, pz: number, cx: number, cy: number, cz: number): number {
  const x0 = cx * S;
  const y0 = cy * S;
  const z0 = cz * S;
  const dx = px < x0 ? x0 - px : px > x0 + S ? px - x0 - S : 0;
  const dy = py < y0 ? y0 - py : py > y0 + S ? py - y0 - S : 0;
  const dz = pz < z0 ? z0 - pz : pz > z0 + S ? pz - z0 - S : 0;
  return dx * dx + dy * dy + dz * dz;
}

/** Chunk coordinate of a world coordinate (blocks): Math.floor(w / 32). */
export function chunkOf(w: number): number {
  return Math.floor(w / S);
}

/**
 * Chunk offsets (dx,dy,dz) relative to the player's chunk whose box can lie within `radius`
 * blocks of some point of the player's chunk (a superset of the exact sphere set for any
 * position inside that chunk), sorted by their distance from the player's chunk centre.
 * Stored flat: [dx0,dy0,dz0, dx1,dy1,dz1, ...].
 */
export interface ChunkOffsetTable {
  radius: number;
  count: number;
  offsets: Int16Array;
}

const offsetTables = new Map<number, ChunkOffsetTable>();

export function chunkOffsetsWithin(radius: number): ChunkOffsetTable {
  const cached = offsetTables.get(radius);
  if (cached) return cached;
  const r = Math.ceil(radius / CHUNK_SIZE) + 1;
  const list: [number, number, number, number][] = [];
  for (let dy = -r; dy <= r; dy++) {
    for (let dz = -r; dz <= r; dz++) {
      for (let dx = -r; dx <= r; dx++) {
        // closest distance between the player's chunk box and the offset chunk's box
        const gx = Math.max(0, Math.abs(dx) - 1) * CHUNK_SIZE;
        const gy = Math.max(0, Math.abs(dy) - 1) * CHUNK_SIZE;
        const gz = Math.max(0, Math.abs(dz) - 1) * CHUNK_SIZE;
        if (gx * gx + gy * gy + gz * gz > radius * radius) continue;
        list.push([dx, dy, dz, dx * dx + dy * dy + dz * dz]);
      }
    }
  }
  list.sort((a, b) => a[3] - b[3]);
  const offsets = new Int16Array(list.length * 3);
  for (let i = 0; i < list.length; i++) {
    offsets[i * 3] = list[i][0];
    offsets[i * 3 + 1] = list[i][1];
    offsets[i * 3 + 2] = list[i][2];
  }
  const table = { radius, count: list.length, offsets };
  offsetTables.set(radius, table);
  return table;
}

/**
 * A 30-bit hash of chunk coordinates (collisions possible: callers chain). 30 bits keep it a V8 small
 * integer: a larger value would be a heap number, allocated on every call and slower as a Map key.
 */
export function chunkHash(cx: number, cy: number, cz: number): number {
  // Mix in 32-bit space; coordinates beyond +-2^31 never occur (world within +-1e7 blocks).
  let h = Math.imul(cx | 0, 0x8da6b343) ^ Math.imul(cy | 0, 0xd8163841) ^ Math.imul(cz | 0, 0xcb1ab31f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & 0x3fffffff;
}

export function isFiniteVec(x: number, y: number, z: number): boolean {
  return Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z);
}
