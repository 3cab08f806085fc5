/**
 * Quad packing shared by the meshers (CPU) and the chunk shader (GPU, vertex pulling).
 * Fixed by ARCHITECTURE.md "Mesher"; the shader decodes exactly this layout, so change both or neither.
 *
 * One quad = 2 uint32 = 8 bytes:
 *
 *   word0 bits  0..4   x        chunk-local block x of the quad's min corner block, 0..31
 *             5..9   y        chunk-local block y, 0..31
 *            10..14  z        chunk-local block z, 0..31
 *            15..19  w - 1    width along the face's U axis, w in 1..32
 *            20..24  h - 1    height along the face's V axis, h in 1..32
 *            25..27  face     0..5 = +x, -x, +y, -y, +z, -z
 *            28..31  0
 *   word1 bits  0..15  blockId  the block that owns the faces, 0..65535
 *            16..31  layer    texture layer of that block's face (FACE_LAYER_TABLE), 0..65535
 *
 * The quad covers the `face` side of blocks (x,y,z) + i*U + j*V for 0 <= i < w, 0 <= j < h, where the
 * in-plane axes (U, V) are (z, y) for x faces, (x, z) for y faces and (x, y) for z faces (FACE_U_AXIS,
 * FACE_V_AXIS; axis 0 = x, 1 = y, 2 = z). The quad lies in the plane `normal = min + 1` for + faces and
 * `normal = min` for - faces, in chunk-local block units (1 block = 1 world unit).
 *
 * Decoding in GLSL (uint attributes / texelFetch): x = w0 & 31u; y = (w0 >> 5) & 31u; z = (w0 >> 10) & 31u;
 * w = ((w0 >> 15) & 31u) + 1u; h = ((w0 >> 20) & 31u) + 1u; face = (w0 >> 25) & 7u;
 * blockId = w1 & 0xffffu; layer = w1 >> 16.
 */

export const QUAD_WORDS = 2;
export const QUAD_BYTES = 8;

/** Normal axis of each face (0 = x, 1 = y, 2 = z), in face order. */
export const FACE_AXIS: readonly number[] = [0, 0, 1, 1, 2, 2];
/** +1 for +x/+y/+z faces, -1 for the others, in face order. */
export const FACE_SIGN: readonly number[] = [1, -1, 1, -1, 1, -1];
/** In-plane U axis (width w runs along it), in face order. */
export const FACE_U_AXIS: readonly number[] = [2, 2, 0, 0, 0, 0];
/** In-plane V axis (height h runs along it), in face order. */
export const FACE_V_AXIS: readonly number[] = [1, 1, 2, 2, 1, 1];

/** A decoded quad (tests, tools and debug views; the hot paths use the get* functions). */
export interface UnpackedQuad {
  x: number;
  y: number;
  z: number;
  /** Extent along FACE_U_AXIS[face], 1..32. */
  w: number;
  /** Extent along FACE_V_AXIS[face], 1..32. */
  h: number;
  face: number;
  blockId: number;
  layer: number;
}

function checkRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`quadPacking: ${field} must be an integer in ${min}..${max}, got ${value}`);
  }
}

/** word0 without range checks (hot path): x,y,z in 0..31, w,h in 1..32, face in 0..5. */
export function packWord0(x: number, y: number, z: number, w: number, h: number, face: number): number {
  return (x | (y << 5) | (z << 10) | ((w - 1) << 15) | ((h - 1) << 20) | (face << 25)) >>> 0;
}

/** word1 without range checks (hot path): blockId and layer in 0..65535. */
export function packWord1(blockId: number, layer: number): number {
  return (blockId | (layer << 16)) >>> 0;
}

/** Packs a quad into out[offset], out[offset + 1] after checking every field's range. */
export function packQuad(q: UnpackedQuad, out: Uint32Array, offset: number): void {
  checkRange('x', q.x, 0, 31);
  checkRange('y', q.y, 0, 31);
  checkRange('z', q.z, 0, 31);
  checkRange('w', q.w, 1, 32);
  checkRange('h', q.h, 1, 32);
  checkRange('face', q.face, 0, 5);
  checkRange('blockId', q.blockId, 0, 65535);
  checkRange('layer', q.layer, 0, 65535);
  checkRange('offset', offset, 0, out.length - 2);
  out[offset] = packWord0(q.x, q.y, q.z, q.w, q.h, q.face);
  out[offset + 1] = packWord1(q.blockId, q.layer);
}

export const getX = (w0: number): number => w0 & 31;
export const getY = (w0: number): number => (w0 >>> 5) & 31;
export const getZ = (w0: number): number => (w0 >>> 10) & 31;
export const getW = (w0: number): number => ((w0 >>> 15) & 31) + 1;
export const getH = (w0: number): number => ((w0 >>> 20) & 31) + 1;
export const getFace = (w0: number): number => (w0 >>> 25) & 7;
export const getBlockId = (w1: number): number => w1 & 0xffff;
export const getLayer = (w1: number): number => w1 >>> 16;

/** Decodes quad `index` (not a word offset) of `quads` into `out` (reused) and returns it. */
export function unpackQuad(quads: Uint32Array, index: number, out: UnpackedQuad = createUnpackedQuad()): UnpackedQuad {
  const w0 = quads[index * 2];
  const w1 = quads[index * 2 + 1];
  out.x = getX(w0);
  out.y = getY(w0);
  out.z = getZ(w0);
  out.w = getW(w0);
  out.h = getH(w0);
  out.face = getFace(w0);
  out.blockId = getBlockId(w1);
  out.layer = getLayer(w1);
  return out;
}

export function createUnpackedQuad(): UnpackedQuad {
  return { x: 0, y: 0, z: 0, w: 1, h: 1, face: 0, blockId: 0, layer: 0 };
}
