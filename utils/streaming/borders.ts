/**
 * Border slices between neighbouring chunks. The border of chunk C across face f is the 32x32 layer
 * of the neighbour's voxels touching C; from the neighbour's side it is its own outer layer across the
 * opposite face. Layout of a slice (1024 ids): x faces z + y*32, y faces x + z*32, z faces x + y*32.
 * Hashes of borders live in utils/workers/borderHash.ts (one function for workers and main thread).
 */

/**
 * Copies the outer layer of `voxels` on side `face` (0..5 = +x,-x,+y,-y,+z,-z) into out[offset..+1024).
 * E.g. face 0 (+x) takes x = 31. This is what the neighbour across that face sees as its border.
 */
export function extractOuterLayer(voxels: Uint16Array, face: number, out: Uint16Array = new Uint16Array(1024), offset = 0): Uint16Array {
  const fixed = face & 1 ? 0 : 31;
  if (face < 2) {
    // x = fixed; slice index z + y*32
    for (let y = 0; y < 32; y++) for (let z = 0; z < 32; z++) out[offset + z + y * 32] = voxels[fixed + z * 32 + y * 1024];
  } else if (face < 4) {
    // y = fixed; slice index x + z*32 (contiguous in voxel order)
    out.set(voxels.subarray(fixed * 1024, fixed * 1024 + 1024), offset);
  } else {
    // z = fixed; slice index x + y*32
    for (let y = 0; y < 32; y++) out.set(voxels.subarray(fixed * 32 + y * 1024, fixed * 32 + y * 1024 + 32), offset + y * 32);
  }
  return out;
}
