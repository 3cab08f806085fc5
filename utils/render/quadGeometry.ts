/**
 * How a packed quad (ARCHITECTURE.md "Mesher") becomes two triangles: the TypeScript mirror of the
 * vertex shader in chunkMaterial.ts. The shader is built from the constants below, so the two cannot drift.
 *
 * Packing: word0 = x | y<<5 | z<<10 | (w-1)<<15 | (h-1)<<20 | face<<25 (x, y, z in 0..31, w, h in 1..32,
 * face 0..5 = +x, -x, +y, -y, +z, -z); word1 = blockId | layer<<16.
 * In-plane axes (U, V) = (z, y) for x faces, (x, z) for y faces, (x, y) for z faces.
 * The quad of a positive face lies on the plane (coordinate + 1) of its normal axis, a negative face's on
 * the plane (coordinate); it covers blocks (x,y,z) + i*U + j*V for 0 <= i < w, 0 <= j < h.
 *
 * Vertex data (non-instanced, 8 bytes per vertex): quad q of a geometry owns vertices 4q..4q+3, each
 * carrying the quad's two packed words (attribute `quad`, uvec2: expandQuadVertices below); its index
 * entries are 6q..6q+5 = 4q + QUAD_INDICES[k] (quadIndexArray). The shader reads the corner as
 * gl_VertexID & CORNER_MASK (gl_VertexID = the index value in indexed draws).
 * Corner c (0..3) sits at in-plane corner (cu, cv) in {0,1}^2, i.e. at
 * base + cu*w*U + cv*h*V. The unflipped corners (0,0) (1,0) (1,1) (0,1) wind counter-clockwise seen from
 * the side U x V points to; U x V = -x for x faces, -y for y faces, +z for z faces, so faces +x, +y and -z
 * swap cu and cv (flipped order) to keep every face counter-clockwise seen from outside.
 */
import { getBlockId, getFace, getH, getLayer, getW, getX, getY, getZ, type UnpackedQuad } from '@/utils/meshing/quadPacking';

/** Index list of one quad: two triangles over corners 0..3 (4 vertex shader runs per quad with the post-transform cache). */
export const QUAD_INDICES: readonly number[] = [0, 1, 2, 0, 2, 3];
/** Vertices per quad (corners 0..3); vertex v belongs to quad v >> 2. */
export const VERTICES_PER_QUAD = 4;
/** Corner of a vertex = vertex id & CORNER_MASK (the shader uses the same constant). */
export const CORNER_MASK = VERTICES_PER_QUAD - 1;
/** uint32 words per vertex: the quad's word0, word1 (8 bytes per vertex). */
export const WORDS_PER_VERTEX = 2;
/**
 * Most quads a Uint16 index can address: vertex ids up to 4*16383-1 = 65531. 65535 is WebGL2's primitive
 * restart index for UNSIGNED_SHORT (always enabled), so 16384 quads (last id 65535) would not fit.
 */
export const UINT16_INDEX_MAX_QUADS = 16383;
/** Bit c = cu of corner c in the unflipped order (0,1,1,0). */
export const CORNER_U_BITS = 0b0110;
/** Bit c = cv of corner c in the unflipped order (0,0,1,1). */
export const CORNER_V_BITS = 0b1100;
/** Bit f set = face f uses the flipped order (+x, +y, -z). */
export const FLIPPED_FACES_MASK = 0b100101;

/** Axis index (0 = x, 1 = y, 2 = z) per face pair (face >> 1): [normal, U, V]. */
export const FACE_PAIR_AXES: readonly (readonly [number, number, number])[] = [
  [0, 2, 1],
  [1, 0, 2],
  [2, 0, 1],
];

/** Decoded fields of a packed quad (the layout is utils/meshing/quadPacking.ts's). */
export type DecodedQuad = UnpackedQuad;

/** Decodes word0/word1 into `out` (caller-owned; no allocation) and returns it. */
export function decodeQuad(word0: number, word1: number, out: DecodedQuad): DecodedQuad {
  out.x = getX(word0);
  out.y = getY(word0);
  out.z = getZ(word0);
  out.w = getW(word0);
  out.h = getH(word0);
  out.face = getFace(word0);
  out.blockId = getBlockId(word1);
  out.layer = getLayer(word1);
  return out;
}

/** Packs a quad (inverse of decodeQuad for word0). Throws naming the field out of range. */
export function packQuadWord0(x: number, y: number, z: number, w: number, h: number, face: number): number {
  const check = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`quadGeometry: ${name} must be an integer in [${lo}, ${hi}], got ${v}`);
  };
  check('x', x, 0, 31);
  check('y', y, 0, 31);
  check('z', z, 0, 31);
  check('w', w, 1, 32);
  check('h', h, 1, 32);
  check('face', face, 0, 5);
  return (x | (y << 5) | (z << 10) | ((w - 1) << 15) | ((h - 1) << 20) | (face << 25)) >>> 0;
}

/**
 * Chunk-local position (blocks) of corner `vertex` (0..3, gl_VertexID) of the quad `word0`, written to
 * out[offset..offset+3). Mirrors the vertex shader exactly.
 */
export function quadVertex(word0: number, vertex: number, out: Float32Array | number[], offset = 0): void {
  const face = (word0 >>> 25) & 7;
  const w = ((word0 >>> 15) & 31) + 1;
  const h = ((word0 >>> 20) & 31) + 1;
  const a = (CORNER_U_BITS >> vertex) & 1;
  const b = (CORNER_V_BITS >> vertex) & 1;
  const flipped = ((FLIPPED_FACES_MASK >> face) & 1) === 1;
  const cu = flipped ? b : a;
  const cv = flipped ? a : b;
  const axes = FACE_PAIR_AXES[face >> 1];
  out[offset] = word0 & 31;
  out[offset + 1] = (word0 >>> 5) & 31;
  out[offset + 2] = (word0 >>> 10) & 31;
  out[offset + axes[0]] += (face & 1) === 0 ? 1 : 0;
  out[offset + axes[1]] += cu * w;
  out[offset + axes[2]] += cv * h;
}

/** The quad's two triangles as drawn (QUAD_INDICES order; 18 numbers: x,y,z per vertex), into `out`. */
export function quadCorners(word0: number, out: Float32Array | number[] = new Float32Array(18)): Float32Array | number[] {
  for (let i = 0; i < 6; i++) quadVertex(word0, QUAD_INDICES[i], out, i * 3);
  return out;
}

/** Corner (0..3) of vertex id `vertexId` (gl_VertexID): mirrors `gl_VertexID & CORNER_MASK` in the shader. */
export function cornerOfVertex(vertexId: number): number {
  return vertexId & CORNER_MASK;
}

/**
 * Expands quads[2*start .. 2*end) into per-vertex words: vertex 4i+c (c = 0..3) of quad start+i gets
 * out[8i + 2c] = word0, out[8i + 2c + 1] = word1. `out` is caller-owned with length >= 8*(end-start);
 * throws naming the range otherwise. One pass, no allocation.
 */
export function expandQuadVertices(quads: Uint32Array, start: number, end: number, out: Uint32Array): Uint32Array {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end * 2 > quads.length) {
    throw new Error(`quadGeometry: quad range must satisfy 0 <= start <= end <= ${quads.length >> 1}, got [${start}, ${end})`);
  }
  const needed = (end - start) * VERTICES_PER_QUAD * WORDS_PER_VERTEX;
  if (out.length < needed) throw new Error(`quadGeometry: out must hold >= ${needed} words for ${end - start} quads, got ${out.length}`);
  let o = 0;
  for (let i = start * 2, last = end * 2; i < last; i += 2) {
    const w0 = quads[i];
    const w1 = quads[i + 1];
    out[o] = w0;
    out[o + 1] = w1;
    out[o + 2] = w0;
    out[o + 3] = w1;
    out[o + 4] = w0;
    out[o + 5] = w1;
    out[o + 6] = w0;
    out[o + 7] = w1;
    o += 8;
  }
  return out;
}

/** Fills out[6q + k] = 4q + QUAD_INDICES[k] for q in [0, quadCount). */
function fillQuadIndices(out: Uint16Array | Uint32Array, quadCount: number): void {
  for (let q = 0; q < quadCount; q++) {
    const v = q * VERTICES_PER_QUAD;
    const o = q * QUAD_INDICES.length;
    for (let k = 0; k < QUAD_INDICES.length; k++) out[o + k] = v + QUAD_INDICES[k];
  }
}

/** Cached index lists (built once, grown geometrically for Uint32); views handed out are never written again. */
let uint16Indices: Uint16Array | null = null;
let uint32Indices: Uint32Array | null = null;

/**
 * Index list of `quadCount` quads (6 per quad, pattern above): a view of a cached array, Uint16 up to
 * UINT16_INDEX_MAX_QUADS quads, Uint32 beyond. Read-only: the cache is shared by every caller.
 */
export function quadIndexArray(quadCount: number): Uint16Array | Uint32Array {
  if (!Number.isInteger(quadCount) || quadCount < 0) throw new Error(`quadGeometry: quadCount must be an integer >= 0, got ${quadCount}`);
  const length = quadCount * QUAD_INDICES.length;
  if (quadCount <= UINT16_INDEX_MAX_QUADS) {
    if (uint16Indices === null) {
      uint16Indices = new Uint16Array(UINT16_INDEX_MAX_QUADS * QUAD_INDICES.length);
      fillQuadIndices(uint16Indices, UINT16_INDEX_MAX_QUADS);
    }
    return uint16Indices.subarray(0, length);
  }
  if (uint32Indices === null || uint32Indices.length < length) {
    const quads = Math.max(quadCount, uint32Indices === null ? 2 * UINT16_INDEX_MAX_QUADS : (uint32Indices.length / QUAD_INDICES.length) * 2);
    // A new array: views of the old one held by existing geometries stay valid.
    uint32Indices = new Uint32Array(quads * QUAD_INDICES.length);
    fillQuadIndices(uint32Indices, quads);
  }
  return uint32Indices.subarray(0, length);
}
