/**
 * Expands packed quads (quadPacking.ts) back into the unit faces they cover: the spec's
 * `forEachFace(mesh, visit)`. For tests, checks and tools; allocates nothing.
 */
import type { ChunkMesh } from '@/types/streaming';

/**
 * Calls visit(face, x, y, z, block) once for every unit face covered by the mesh's quads [0, quadCount),
 * with the chunk-local coordinates (0..31) of the block that owns the face. In-plane axes (U, V) per face:
 * (z, y) for x faces, (x, z) for y faces, (x, y) for z faces. Throws on a quad with a face > 5 or one
 * that runs past the chunk.
 */
export function forEachFace(
  mesh: ChunkMesh,
  visit: (face: number, x: number, y: number, z: number, block: number) => void,
): void {
  const q = mesh.quads;
  for (let i = 0, n = mesh.quadCount; i < n; i++) {
    const w0 = q[i * 2];
    const block = q[i * 2 + 1] & 0xffff;
    const x0 = w0 & 31;
    const y0 = (w0 >>> 5) & 31;
    const z0 = (w0 >>> 10) & 31;
    const w = ((w0 >>> 15) & 31) + 1;
    const h = ((w0 >>> 20) & 31) + 1;
    const face = w0 >>> 25;
    if (face > 5) throw new RangeError(`forEachFace: quad ${i} has face ${face}, allowed 0..5`);
    const axis = face >> 1;
    const u0 = axis === 0 ? z0 : x0;
    const v0 = axis === 1 ? z0 : y0;
    if (u0 + w > 32 || v0 + h > 32) {
      throw new RangeError(`forEachFace: quad ${i} (face ${face}, at ${x0},${y0},${z0}, ${w}x${h}) runs past the chunk`);
    }
    for (let j = 0; j < h; j++) {
      for (let k = 0; k < w; k++) {
        if (axis === 0) visit(face, x0, y0 + j, z0 + k, block);
        else if (axis === 1) visit(face, x0 + k, y0, z0 + j, block);
        else visit(face, x0 + k, y0 + j, z0, block);
      }
    }
  }
}
