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
 * Each quad is 4 vertices drawn through the shared index list QUAD_INDICES (two triangles 0,1,2 and 0,2,3);
 * corner c (0..3, gl_VertexID = the index value) sits at in-plane corner (cu, cv) in {0,1}^2, i.e. at
 * base + cu*w*U + cv*h*V. The unflipped corners (0,0) (1,0) (1,1) (0,1) wind counter-clockwise seen from
 * the side U x V points to; U x V = -x for x faces, -y for y faces, +z for z faces, so faces +x, +y and -z
 * swap cu and cv (flipped order) to keep every face counter-clockwise seen from outside.
 */

/** Index list of one quad: two triangles over corners 0..3 (4 vertex shader runs per quad with the post-transform cache). */
export const QUAD_INDICES: readonly number[] = [0, 1, 2, 0, 2, 3];
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

/** Decoded fields of a packed quad. */
export interface DecodedQuad {
  x: number;
  y: number;
  z: number;
  w: number;
  h: number;
  face: number;
  blockId: number;
  layer: number;
}

/** Decodes word0/word1 into `out` (caller-owned; no allocation) and returns it. */
export function decodeQuad(word0: number, word1: number, out: DecodedQuad): DecodedQuad {
  out.x = word0 & 31;
  out.y = (word0 >>> 5) & 31;
  out.z = (word0 >>> 10) & 31;
  out.w = ((word0 >>> 15) & 31) + 1;
  out.h = ((word0 >>> 20) & 31) + 1;
  out.face = (word0 >>> 25) & 7;
  out.blockId = word1 & 0xffff;
  out.layer = (word1 >>> 16) & 0xffff;
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
