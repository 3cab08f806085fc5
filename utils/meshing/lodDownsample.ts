/**
 * 2x level of detail for far chunks: every aligned 2x2x2 cell of a 32^3 chunk (voxel index x + z*32 + y*1024,
 * cells at even x, y, z) becomes ONE block id written to all 8 voxels of the cell. The result keeps the
 * 32^3 layout, so the ordinary mesher (BinaryGreedyMesher) meshes it and merges the 2x2 faces.
 *
 * Rule per cell (conservative): if any voxel of the cell is opaque, the cell takes the id of the highest
 * (largest y) opaque voxel (so grass tops stay grass, snow stays snow); else if any voxel is not air, the id of
 * the highest non-air voxel (water, leaves); else air. Ties within one y level go to the lowest voxel index
 * (x before x+1, z before z+1). Border slices (1024 ids, types/chunk.ts layout) are reduced the same way per
 * aligned 2x2 cell: x faces (z + y*32) and z faces (x + y*32) take the highest y first; y faces (x + z*32) have
 * no y axis and take the lowest index first.
 *
 * Why LOD geometry cannot open a see-through gap:
 * - Superset: in each cell the downsampled opaque set contains the real one (a cell with any opaque voxel is
 *   opaque throughout), and the downsampled non-air set contains the real non-air set. So every face the real
 *   chunk culls because something opaque is behind it still has something opaque behind it, and the surface the
 *   mesher draws around the downsampled solid encloses every real solid voxel.
 * - Chunk borders: an LOD chunk's face is culled only against its border slice. A real border (the neighbour's
 *   actual voxels) is always safe: real opaque implies opaque in the neighbour's LOD cells too. A downsampled
 *   border is safe only when the neighbour is itself drawn at LOD: then a 2x2 border cell that is opaque (or
 *   non-air) lies in a 2x2x2 cell of the neighbour that is opaque (non-air) in its LOD geometry. Against a
 *   full-detail neighbour a downsampled border would claim opaque voxels that are really air and hide our faces
 *   behind them: a hole. So borders are downsampled on both sides only where both chunks are LOD, and the
 *   manager passes (and the worker keeps) real borders from full-detail neighbours (worker request
 *   `lodNeighbours`, utils/workers/workerTypes.ts). A full-detail chunk meshed against an LOD neighbour's real
 *   voxels is safe too: where it sees air the LOD neighbour is air or solid, and its own faces are drawn.
 * - Idempotent: a downsampled chunk is constant on each cell, so downsampling it again changes nothing.
 *
 * Allocation-free index loops; imported tables are copied into module-level constants because some loaders
 * (tsx's CommonJS output) turn each access to an imported binding into a getter call.
 */
import { OPAQUE_TABLE } from '@/config/blocks';

const OPAQUE = OPAQUE_TABLE;
const VOLUME = 32768;
const AREA = 1024;

/**
 * Picks a cell's id from its voxels listed highest first (ties: lowest index first): the first opaque id,
 * else the first non-air id, else air (0).
 */
function pick4(a: number, b: number, c: number, d: number): number {
  const opq = OPAQUE;
  if (opq[a] === 1) return a;
  if (opq[b] === 1) return b;
  if (opq[c] === 1) return c;
  if (opq[d] === 1) return d;
  return a !== 0 ? a : b !== 0 ? b : c !== 0 ? c : d;
}

/**
 * Writes the 2x LOD of `voxels` (Uint16Array(32768), index x + z*32 + y*1024) into `out` (same layout, same
 * length). `out` may be `voxels` itself (each cell is read before it is written). Allocates nothing.
 */
export function downsampleVoxels(voxels: Uint16Array, out: Uint16Array): Uint16Array {
  if (!(voxels instanceof Uint16Array) || voxels.length !== VOLUME) {
    throw new RangeError(`lodDownsample: voxels must be a Uint16Array(${VOLUME}), got ${describe(voxels)}`);
  }
  if (!(out instanceof Uint16Array) || out.length !== VOLUME) {
    throw new RangeError(`lodDownsample: out must be a Uint16Array(${VOLUME}), got ${describe(out)}`);
  }
  const opq = OPAQUE;
  for (let y = 0; y < 32; y += 2) {
    for (let z = 0; z < 32; z += 2) {
      const row = (z << 5) + (y << 10);
      for (let x = 0; x < 32; x += 2) {
        const i = row + x; // lower layer: i, i+1, i+32, i+33; upper layer: +1024
        const e = voxels[i];
        const f = voxels[i + 1];
        const g = voxels[i + 32];
        const h = voxels[i + 33];
        const a = voxels[i + 1024];
        const b = voxels[i + 1025];
        const c = voxels[i + 1056];
        const d = voxels[i + 1057];
        const or = a | b | c | d | e | f | g | h;
        let id: number;
        if (or === 0) {
          id = 0;
        } else if ((a & b & c & d & e & f & g & h) === or) {
          id = a; // one id throughout
        } else {
          // Highest layer first (a..d at y+1), then e..h at y.
          id = pick4(a, b, c, d);
          if (opq[id] !== 1) {
            const lower = pick4(e, f, g, h);
            if (opq[lower] === 1 || id === 0) id = lower;
          }
        }
        out[i] = id;
        out[i + 1] = id;
        out[i + 32] = id;
        out[i + 33] = id;
        out[i + 1024] = id;
        out[i + 1025] = id;
        out[i + 1056] = id;
        out[i + 1057] = id;
      }
    }
  }
  return out;
}

/**
 * Writes the 2x LOD of the border slice border[offset .. offset+1024) of face `face` (0..5 = +x,-x,+y,-y,+z,-z;
 * layout x faces z + y*32, y faces x + z*32, z faces x + y*32) into out[outOffset .. outOffset+1024), per aligned
 * 2x2 cell. `out` may be `border` with the same offset (in place). Allocates nothing.
 */
export function downsampleBorder(
  border: Uint16Array,
  offset: number,
  face: number,
  out: Uint16Array,
  outOffset: number,
): Uint16Array {
  if (!(face >= 0 && face <= 5 && (face | 0) === face)) {
    throw new RangeError(`lodDownsample: face must be an integer in 0..5, got ${face}`);
  }
  if (!((offset | 0) === offset && offset >= 0 && offset + AREA <= border.length)) {
    throw new RangeError(`lodDownsample: offset must be an integer in 0..${border.length - AREA}, got ${offset}`);
  }
  if (!((outOffset | 0) === outOffset && outOffset >= 0 && outOffset + AREA <= out.length)) {
    throw new RangeError(`lodDownsample: outOffset must be an integer in 0..${out.length - AREA}, got ${outOffset}`);
  }
  // The slice's second axis (index / 32) is y for x and z faces: take the higher row first there.
  const yAxis = face < 2 || face > 3;
  for (let v = 0; v < 32; v += 2) {
    for (let u = 0; u < 32; u += 2) {
      const j = u + (v << 5);
      const p = border[offset + j];
      const q = border[offset + j + 1];
      const r = border[offset + j + 32];
      const s = border[offset + j + 33];
      const id = yAxis ? pick4(r, s, p, q) : pick4(p, q, r, s);
      const o = outOffset + j;
      out[o] = id;
      out[o + 1] = id;
      out[o + 32] = id;
      out[o + 33] = id;
    }
  }
  return out;
}

function describe(v: unknown): string {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as Uint16Array).length})`;
  return v === null ? 'null' : typeof v;
}
