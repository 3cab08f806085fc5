/**
 * A chunk and its six border slices (or the slices alone) from one shared preparation (paddedGrids.ts),
 * giving exactly what generateChunk and generateBorder give: the same uniform decisions (boxUniform per box,
 * then a scan of filled boxes it left undecided) and the same voxel ids (boxFill.ts).
 *
 * Border slice of face f (0..5 = +x, -x, +y, -y, +z, -z): the 32x32 layer just outside that face, layout of
 * types/chunk.ts: x faces index z + y*32, y faces x + z*32, z faces x + y*32.
 */
import type { TerrainContext } from './terrainContext';
import { FACE_BOX, beginPadded, prepareBox } from './paddedGrids';
import { fillBox } from './boxFill';
import { NOT_UNIFORM, boxUniform, scanUniform } from './uniformDetection';
import * as TC from './terrainConstants';

// Constants copied into module-local consts once (imported bindings are getter calls under tsx/vitest).
const { AIR } = TC;

const CHUNK_VOLUME = 32768;
const CHUNK_AREA = 1024;

/**
 * Writes the box of border slice `face` of the chunk with min corner (x0, y0, z0) to box[o..o+FACE_BOX):
 * [bx0, by0, bz0, sx, sy, sz, strideX, strideY, strideZ] (strides of the slice layout).
 */
export function borderBox(face: number, x0: number, y0: number, z0: number, box: Int32Array, o: number): void {
  let sx = 32;
  let sy = 32;
  let sz = 32;
  let strideX = 1;
  let strideY = 32;
  let strideZ = 32;
  switch (face) {
    case 0:
    case 1: // x faces: index z + y*32
      x0 = face === 0 ? x0 + 32 : x0 - 1;
      sx = 1;
      strideX = 0;
      strideZ = 1;
      break;
    case 2:
    case 3: // y faces: index x + z*32
      y0 = face === 2 ? y0 + 32 : y0 - 1;
      sy = 1;
      strideY = 0;
      break;
    default: // z faces: index x + y*32
      z0 = face === 4 ? z0 + 32 : z0 - 1;
      sz = 1;
      strideZ = 0;
  }
  box[o] = x0;
  box[o + 1] = y0;
  box[o + 2] = z0;
  box[o + 3] = sx;
  box[o + 4] = sy;
  box[o + 5] = sz;
  box[o + 6] = strideX;
  box[o + 7] = strideY;
  box[o + 8] = strideZ;
}

/**
 * Chunk at world min corner (x0, y0, z0) into out[0..32768) (layout x + z*32 + y*1024) unless out is null, and the
 * border slices of the faces in faceMask (bit f = face f) into borders[f*1024 .. f*1024+1024), their uniform ids
 * or -1 into borderUniform[f] (a uniform slice may be left unfilled; faces outside the mask are untouched).
 * Returns the chunk's uniform id (out untouched) or -1 (out filled); -1 when out is null. With bordersWhenAir false,
 * a chunk decided uniform air from its bounds returns 0 at once (borders and borderUniform untouched).
 */
export function fillChunkWithBorders(
  ctx: TerrainContext,
  x0: number,
  y0: number,
  z0: number,
  out: Uint16Array | null,
  borders: Uint16Array,
  borderUniform: Int32Array,
  faceMask: number,
  bordersWhenAir: boolean,
): number {
  const boxes = ctx.padded.faceBoxes;
  const u = out === null ? NOT_UNIFORM : boxUniform(ctx, x0, y0, z0, 32, 32, 32);
  if (u === AIR && !bordersWhenAir) return AIR;
  const fillChunk = out !== null && u < 0;
  let fillFaces = 0;
  for (let f = 0; f < 6; f++) {
    if (((faceMask >> f) & 1) === 0) continue;
    const o = f * FACE_BOX;
    borderBox(f, x0, y0, z0, boxes, o);
    const fu = boxUniform(ctx, boxes[o], boxes[o + 1], boxes[o + 2], boxes[o + 3], boxes[o + 4], boxes[o + 5]);
    borderUniform[f] = fu;
    if (fu < 0) fillFaces |= 1 << f;
  }
  if (!fillChunk && fillFaces === 0) return out === null ? NOT_UNIFORM : u;

  beginPadded(ctx, x0, y0, z0);
  if (fillChunk) prepareBox(ctx, x0, y0, z0, 32, 32, 32);
  for (let f = 0; f < 6; f++) {
    if ((fillFaces >> f) & 1) {
      const o = f * FACE_BOX;
      prepareBox(ctx, boxes[o], boxes[o + 1], boxes[o + 2], boxes[o + 3], boxes[o + 4], boxes[o + 5]);
    }
  }
  const g = ctx.padded;
  let result = u;
  if (fillChunk) {
    // The y slices to fill share the chunk's columns (column infos, cave levels, overhang runs): one tall box.
    const lo = (fillFaces >> 3) & 1; // face 3 = -y
    const hi = (fillFaces >> 2) & 1; // face 2 = +y
    if (lo + hi === 0) {
      fillBox(ctx, g, x0, y0, z0, 32, 32, 32, out, 0, 1, 1024, 32);
    } else {
      fillBox(ctx, g, x0, y0 - lo, z0, 32, 32 + lo + hi, 32, g.tall, 0, 1, 1024, 32);
      out.set(lo === 1 ? g.tallChunk1 : g.tallChunk0);
      if (lo === 1) borders.set(g.tallLayer0, 3 * CHUNK_AREA);
      if (hi === 1) borders.set(lo === 1 ? g.tallLayer33 : g.tallLayer32, 2 * CHUNK_AREA);
      fillFaces &= ~12;
      if (lo === 1) borderUniform[3] = borderUniform[3] === NOT_UNIFORM ? NOT_UNIFORM : scanUniform(borders, 3 * CHUNK_AREA, CHUNK_AREA);
      if (hi === 1) borderUniform[2] = borderUniform[2] === NOT_UNIFORM ? NOT_UNIFORM : scanUniform(borders, 2 * CHUNK_AREA, CHUNK_AREA);
    }
    // A fill can turn out uniform only in freak cases (solid stone without ore or cave); then out holds that id.
    result = u === NOT_UNIFORM ? NOT_UNIFORM : scanUniform(out, 0, CHUNK_VOLUME);
  }
  for (let f = 0; f < 6; f++) {
    if (((fillFaces >> f) & 1) === 0) continue;
    const o = f * FACE_BOX;
    const off = f * CHUNK_AREA;
    fillBox(ctx, g, boxes[o], boxes[o + 1], boxes[o + 2], boxes[o + 3], boxes[o + 4], boxes[o + 5], borders, off, boxes[o + 6], boxes[o + 7], boxes[o + 8]);
    borderUniform[f] = borderUniform[f] === NOT_UNIFORM ? NOT_UNIFORM : scanUniform(borders, off, CHUNK_AREA);
  }
  return out === null ? NOT_UNIFORM : result;
}
