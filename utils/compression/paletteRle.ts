/**
 * Palette + run-length stream of a full chunk (Uint16Array(32768), index = x + z*32 + y*1024), the
 * stage before deflate in chunkCodec.ts. Chunks hold few distinct ids, and along the index order
 * runs are long (a row of 32 x, then the next z row, then the next y layer), so the stream is small
 * and deflate then finds the repeated row patterns in it.
 *
 * Layout (little-endian):
 *   u16              P = palette size, 1..32768 (distinct ids, in order of first appearance)
 *   P x u16          palette ids
 *   runs, in voxel order until they cover 32,768 voxels, each:
 *     index          palette index: u8 when P <= 256, else u16
 *     varint         run length - 1 (0..32767): LEB128, 7 bits per byte, low bits first, 1..3 bytes
 *
 * Scratch is module-level (one set per worker): encoding allocates nothing.
 */
import { CHUNK_VOLUME as IMPORTED_VOLUME } from '@/types/chunk';
import { ChunkCorruptError } from './chunkCorruptError';

// Imported constants copied into module-local consts: under CommonJS transpilers (tsx, vitest) every read
// of an imported binding is a getter call, which would dominate the per-voxel loops.
const CHUNK_VOLUME: number = IMPORTED_VOLUME;

/** Largest palette the stream can describe (every voxel a different id). */
export const MAX_PALETTE = CHUNK_VOLUME;

/** id -> palette index, -1 when absent. Entries set by one call are reset before it returns. */
const paletteIndexOf = new Int32Array(65536).fill(-1);
const paletteIds = new Uint16Array(MAX_PALETTE);
const runIndex = new Uint16Array(CHUNK_VOLUME);
const runLength = new Uint16Array(CHUNK_VOLUME);

/**
 * Writes the stream of `voxels` (a Uint16Array(32768)) into out[0..) and returns its length, or -1
 * when it would be longer than `limit` bytes (out must hold at least limit + 5 bytes; the caller then
 * falls back to another form). `paletteSizeOut[0]` receives P when given.
 */
export function encodePaletteRle(voxels: Uint16Array, out: Uint8Array, limit: number, paletteSizeOut?: Int32Array): number {
  // Pass 1: runs and palette together (palette lookups only at run starts).
  let p = 0;
  let runs = 0;
  let prev = voxels[0];
  let start = 0;
  for (let i = 1; i <= CHUNK_VOLUME; i++) {
    const v = i < CHUNK_VOLUME ? voxels[i] : -1;
    if (v === prev) continue;
    let idx = paletteIndexOf[prev];
    if (idx < 0) {
      idx = p;
      paletteIndexOf[prev] = p;
      paletteIds[p++] = prev;
    }
    runIndex[runs] = idx;
    runLength[runs++] = i - start;
    start = i;
    prev = v;
  }
  for (let k = 0; k < p; k++) paletteIndexOf[paletteIds[k]] = -1;
  if (paletteSizeOut) paletteSizeOut[0] = p;

  // Pass 2: write. Bail out as soon as the stream passes `limit`.
  let pos = 0;
  if (2 + 2 * p > limit) return -1;
  out[pos++] = p & 0xff;
  out[pos++] = p >>> 8;
  for (let k = 0; k < p; k++) {
    const id = paletteIds[k];
    out[pos++] = id & 0xff;
    out[pos++] = id >>> 8;
  }
  const wide = p > 256;
  for (let r = 0; r < runs; r++) {
    if (pos > limit) return -1;
    const idx = runIndex[r];
    out[pos++] = idx & 0xff;
    if (wide) out[pos++] = idx >>> 8;
    let n = runLength[r] - 1;
    while (n >= 0x80) {
      out[pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    out[pos++] = n;
  }
  return pos > limit ? -1 : pos;
}

/**
 * Decodes stream[0..length) into out (Uint16Array(32768)). Throws ChunkCorruptError naming the
 * problem: palette size out of range, stream ending early, a palette index >= P, a varint longer
 * than 3 bytes, runs summing past or short of 32,768, trailing bytes.
 */
export function decodePaletteRle(stream: Uint8Array, length: number, out: Uint16Array): void {
  if (length < 2) throw new ChunkCorruptError(`chunkCodec: run-length stream of ${length} bytes has no palette size`);
  const p = stream[0] | (stream[1] << 8);
  if (p < 1 || p > MAX_PALETTE) {
    throw new ChunkCorruptError(`chunkCodec: palette size must be in [1, ${MAX_PALETTE}], got ${p}`);
  }
  let pos = 2;
  if (pos + 2 * p > length) {
    throw new ChunkCorruptError(
      `chunkCodec: palette of ${p} ids needs ${2 * p} bytes, run-length stream has ${length - pos} left`,
    );
  }
  for (let k = 0; k < p; k++, pos += 2) paletteIds[k] = stream[pos] | (stream[pos + 1] << 8);
  const wide = p > 256;
  let v = 0;
  let run = 0;
  while (v < CHUNK_VOLUME) {
    if (pos >= length) {
      throw new ChunkCorruptError(`chunkCodec: run lengths sum to ${v}, expected ${CHUNK_VOLUME} (stream ended at run ${run})`);
    }
    let idx = stream[pos++];
    if (wide) {
      if (pos >= length) throw new ChunkCorruptError(`chunkCodec: run ${run} truncated in its palette index`);
      idx |= stream[pos++] << 8;
    }
    if (idx >= p) {
      throw new ChunkCorruptError(`chunkCodec: palette index ${idx} out of range [0, ${p - 1}] at run ${run}`);
    }
    let n = 0;
    let shift = 0;
    for (;;) {
      if (pos >= length) throw new ChunkCorruptError(`chunkCodec: run ${run} truncated in its length`);
      const b = stream[pos++];
      n |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
      if (shift > 14) throw new ChunkCorruptError(`chunkCodec: run ${run} length varint longer than 3 bytes`);
    }
    const len = n + 1;
    if (v + len > CHUNK_VOLUME) {
      throw new ChunkCorruptError(
        `chunkCodec: run lengths sum past ${CHUNK_VOLUME}: run ${run} of ${len} starts at voxel ${v}`,
      );
    }
    const id = paletteIds[idx];
    const end = v + len;
    if (len < 16) {
      for (; v < end; v++) out[v] = id;
    } else {
      out.fill(id, v, end);
      v = end;
    }
    run++;
  }
  if (pos !== length) {
    throw new ChunkCorruptError(`chunkCodec: ${length - pos} trailing bytes after the runs in the run-length stream`);
  }
}
