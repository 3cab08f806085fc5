/**
 * Chunk byte codec: the bytes a chunk's voxels are cached (and could be stored) as.
 * Runs inside the workers (ChunkStreamingWorker compress / decompress); pure functions over
 * module-level scratch (one set per worker thread), allocating only the output.
 *
 * Voxels: Uint16Array(32768), index = x + z*32 + y*1024 (types/chunk.ts), or a uniform chunk's id.
 * Encoded form: the 20-byte header of chunkHeader.ts, then the payload:
 *   - uniform chunk (a number, or an array whose ids are all the same): header only.
 *   - compress = false: the raw voxels, 65,536 bytes little-endian.
 *   - compress = true: deflate(palette/run-length stream of paletteRle.ts); when that stream would be
 *     larger than the raw voxels (> 256 ids in short runs), deflate(raw voxels) instead; when deflate
 *     does not shrink the payload below 65,536 bytes, the raw voxels. So the output is never larger
 *     than 20 + 65,536 bytes.
 *
 * Deflate level: DEFLATE_LEVEL (below, with the measurement behind the choice).
 *
 * fflate allocates its own working tables per deflate call (its sync API has no reusable state);
 * inflate writes into a reused module buffer (`out` option), so decoding allocates nothing sizeable.
 */
import { deflateSync, inflateSync } from 'fflate';
import { CHUNK_VOLUME as IMPORTED_VOLUME, CHUNK_VOXEL_BYTES as IMPORTED_VOXEL_BYTES } from '@/types/chunk';
import { ChunkCorruptError } from './chunkCorruptError';
import {
  FLAG_DEFLATE,
  FLAG_PALETTE_RLE,
  FLAG_UNIFORM,
  HEADER_BYTES,
  HEADER_VERSION,
  KNOWN_FLAGS,
  MAGIC0,
  MAGIC1,
  hex32,
  readU16,
  readU32,
  writeHeader,
  type ChunkHeaderInfo,
} from './chunkHeader';
import { decodePaletteRle, encodePaletteRle } from './paletteRle';
import { fullVoxelChecksum, uniformIdOf, voxelChecksum } from './voxelChecksum';

// Imported constants copied into module-local consts: under CommonJS transpilers (tsx, vitest) every read
// of an imported binding is a getter call, which would dominate the per-voxel loops.
const CHUNK_VOLUME: number = IMPORTED_VOLUME;
const CHUNK_VOXEL_BYTES: number = IMPORTED_VOXEL_BYTES;

export { ChunkCorruptError, isChunkCorruptError } from './chunkCorruptError';
export { voxelChecksum } from './voxelChecksum';
export { HEADER_BYTES, type ChunkHeaderInfo } from './chunkHeader';

/**
 * fflate deflate level (0..9). The palette/run-length stream of a terrain chunk is ~1.8 KB, so
 * deflate's fixed per-call setup dominates and the level hardly matters for it: on 95 non-uniform
 * surface chunks of seed 1337, levels 1 / 3 / 6 / 9 gave 698 / 682 / 680 / 680 bytes per chunk at
 * 0.12-0.14 ms each (`npm run bench:compress -- --levels` repeats the sweep). 6 (fflate's default)
 * is as small as 9 and much faster than 9 on the rare chunks that fall back to deflating raw voxels.
 */
export const DEFLATE_LEVEL = 6;

/** Largest encoded chunk: header + raw voxels. */
export const MAX_ENCODED_BYTES = HEADER_BYTES + CHUNK_VOXEL_BYTES;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Palette/run-length stream (encode), limit CHUNK_VOXEL_BYTES plus room for one run past it. */
const rleScratch = new Uint8Array(CHUNK_VOXEL_BYTES + 8);
/** Raw little-endian voxels, for big-endian hosts only. */
let rawScratch: Uint8Array | null = null;
/**
 * Inflate target. One byte longer than the longest valid inflated payload (CHUNK_VOXEL_BYTES): fflate
 * silently drops writes past a caller's buffer, so an inflated length equal to its size means "too long".
 */
const inflateScratch = new Uint8Array(CHUNK_VOXEL_BYTES + 1);

function checkId(id: number, fn: string): void {
  if (!Number.isInteger(id) || id < 0 || id > 0xffff) {
    throw new Error(`chunkCodec: ${fn}: uniform id must be an integer in [0, 65535], got ${id}`);
  }
}

function checkVoxels(voxels: Uint16Array, fn: string, name: string): void {
  if (!(voxels instanceof Uint16Array) || voxels.length !== CHUNK_VOLUME) {
    const got = voxels instanceof Uint16Array ? `length ${voxels.length}` : Object.prototype.toString.call(voxels);
    throw new Error(`chunkCodec: ${fn}: ${name} must be a Uint16Array(${CHUNK_VOLUME}), got ${got}`);
  }
}

/** The voxels as little-endian bytes: a view on little-endian hosts, else a module scratch copy. */
function rawBytesOf(voxels: Uint16Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(voxels.buffer, voxels.byteOffset, CHUNK_VOXEL_BYTES);
  const b = rawScratch ?? (rawScratch = new Uint8Array(CHUNK_VOXEL_BYTES));
  for (let i = 0, p = 0; i < CHUNK_VOLUME; i++, p += 2) {
    b[p] = voxels[i] & 0xff;
    b[p + 1] = voxels[i] >>> 8;
  }
  return b;
}

/** Reads 65,536 little-endian bytes at src[offset..) into out. */
function readRaw(src: Uint8Array, offset: number, out: Uint16Array): void {
  const at = src.byteOffset + offset;
  if (LITTLE_ENDIAN && (at & 1) === 0) {
    out.set(new Uint16Array(src.buffer, at, CHUNK_VOLUME));
    return;
  }
  for (let i = 0, p = offset; i < CHUNK_VOLUME; i++, p += 2) out[i] = src[p] | (src[p + 1] << 8);
}

/**
 * Encodes a chunk (see the file comment for the forms). `voxels`: Uint16Array(32768) or a uniform id
 * (0..65535). Returns a new, exactly-sized Uint8Array (its own ArrayBuffer, transferable).
 */
export function encodeChunk(voxels: Uint16Array | number, compress: boolean): Uint8Array {
  let uniform: number;
  if (typeof voxels === 'number') {
    checkId(voxels, 'encodeChunk');
    uniform = voxels;
  } else {
    checkVoxels(voxels, 'encodeChunk', 'voxels');
    uniform = uniformIdOf(voxels);
  }
  if (uniform >= 0) {
    const out = new Uint8Array(HEADER_BYTES);
    writeHeader(out, FLAG_UNIFORM, uniform, 0, 0, voxelChecksum(uniform));
    return out;
  }
  const full = voxels as Uint16Array;
  const checksum = fullVoxelChecksum(full);
  if (compress) {
    const n = encodePaletteRle(full, rleScratch, CHUNK_VOXEL_BYTES);
    const usesRle = n >= 0;
    const deflated = deflateSync(usesRle ? rleScratch.subarray(0, n) : rawBytesOf(full), { level: DEFLATE_LEVEL });
    if (deflated.length < CHUNK_VOXEL_BYTES) {
      const out = new Uint8Array(HEADER_BYTES + deflated.length);
      writeHeader(out, usesRle ? FLAG_DEFLATE | FLAG_PALETTE_RLE : FLAG_DEFLATE, 0, CHUNK_VOXEL_BYTES, deflated.length, checksum);
      out.set(deflated, HEADER_BYTES);
      return out;
    }
  }
  const out = new Uint8Array(HEADER_BYTES + CHUNK_VOXEL_BYTES);
  writeHeader(out, 0, 0, CHUNK_VOXEL_BYTES, CHUNK_VOXEL_BYTES, checksum);
  out.set(rawBytesOf(full), HEADER_BYTES);
  return out;
}

function corrupt(message: string): never {
  throw new ChunkCorruptError('chunkCodec: ' + message);
}

/**
 * Checks the header of `bytes` (magic, version, flags, reserved bits, lengths against the actual
 * length) without touching the payload, and returns what it says. Throws ChunkCorruptError.
 */
export function readChunkHeader(bytes: Uint8Array, info?: ChunkHeaderInfo): ChunkHeaderInfo {
  if (!(bytes instanceof Uint8Array)) {
    corrupt(`encoded chunk must be a Uint8Array, got ${Object.prototype.toString.call(bytes)}`);
  }
  const length = bytes.length;
  if (length < HEADER_BYTES) corrupt(`${length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  if (bytes[0] !== MAGIC0 || bytes[1] !== MAGIC1) {
    corrupt(`bad magic 0x${readU16(bytes, 0).toString(16).padStart(4, '0')}, expected 0x${(MAGIC0 | (MAGIC1 << 8)).toString(16)}`);
  }
  if (bytes[2] !== HEADER_VERSION) corrupt(`format version ${bytes[2]}, expected ${HEADER_VERSION}`);
  const flags = bytes[3];
  if ((flags & ~KNOWN_FLAGS) !== 0) corrupt(`unknown flag bits 0x${(flags & ~KNOWN_FLAGS).toString(16)} in flags 0x${flags.toString(16)}`);
  const isUniform = (flags & FLAG_UNIFORM) !== 0;
  if (
    (isUniform && flags !== FLAG_UNIFORM) ||
    ((flags & FLAG_PALETTE_RLE) !== 0 && (flags & FLAG_DEFLATE) === 0)
  ) {
    corrupt(`invalid flag combination 0x${flags.toString(16)}`);
  }
  const uniformId = readU16(bytes, 4);
  if (!isUniform && uniformId !== 0) corrupt(`uniform id field is ${uniformId} in a non-uniform chunk, expected 0`);
  const reserved = readU16(bytes, 6);
  if (reserved !== 0) corrupt(`reserved field is 0x${reserved.toString(16)}, expected 0`);
  const rawLength = readU32(bytes, 8);
  const expectedRaw = isUniform ? 0 : CHUNK_VOXEL_BYTES;
  if (rawLength !== expectedRaw) corrupt(`raw length ${rawLength}, expected ${expectedRaw}`);
  const payloadLength = readU32(bytes, 12);
  if (payloadLength !== length - HEADER_BYTES) {
    corrupt(`payload length field says ${payloadLength} bytes, found ${length - HEADER_BYTES}`);
  }
  if (isUniform && payloadLength !== 0) corrupt(`uniform chunk with a ${payloadLength}-byte payload, expected 0`);
  if (flags === 0 && payloadLength !== CHUNK_VOXEL_BYTES) {
    corrupt(`raw payload of ${payloadLength} bytes, expected ${CHUNK_VOXEL_BYTES}`);
  }
  if ((flags & FLAG_DEFLATE) !== 0 && payloadLength === 0) corrupt('empty deflate payload');
  const out = info ?? { flags: 0, uniform: -1, rawBytes: 0, payloadBytes: 0, checksum: 0 };
  out.flags = flags;
  out.uniform = isUniform ? uniformId : -1;
  out.rawBytes = rawLength;
  out.payloadBytes = payloadLength;
  out.checksum = readU32(bytes, 16);
  return out;
}

const headerScratch: ChunkHeaderInfo = { flags: 0, uniform: -1, rawBytes: 0, payloadBytes: 0, checksum: 0 };

/**
 * Decodes `bytes` (from encodeChunk). Returns the uniform id (out untouched) or -1 with the 32768
 * voxels written into `out` (Uint16Array(32768)). Verifies everything, ending with the checksum of
 * the decoded voxels, and throws ChunkCorruptError naming what was wrong; on a throw, out's contents
 * are unspecified. A wrong `out` is a caller bug and throws a plain Error.
 */
export function decodeChunk(bytes: Uint8Array, out: Uint16Array): number {
  checkVoxels(out, 'decodeChunk', 'out');
  const h = readChunkHeader(bytes, headerScratch);
  const stored = h.checksum;
  if (h.uniform >= 0) {
    const computed = voxelChecksum(h.uniform);
    if (computed !== stored) corrupt(`checksum mismatch: stored ${hex32(stored)}, computed ${hex32(computed)} (uniform id ${h.uniform})`);
    return h.uniform;
  }
  if ((h.flags & FLAG_DEFLATE) === 0) {
    readRaw(bytes, HEADER_BYTES, out);
  } else {
    let inflated: Uint8Array;
    try {
      inflated = inflateSync(bytes.subarray(HEADER_BYTES), { out: inflateScratch });
    } catch (e) {
      corrupt(`inflate failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const n = inflated.length;
    if (n >= inflateScratch.length) corrupt(`inflated payload exceeds ${CHUNK_VOXEL_BYTES} bytes`);
    if ((h.flags & FLAG_PALETTE_RLE) !== 0) {
      decodePaletteRle(inflateScratch, n, out);
    } else {
      if (n !== CHUNK_VOXEL_BYTES) corrupt(`inflated raw payload is ${n} bytes, expected ${CHUNK_VOXEL_BYTES}`);
      readRaw(inflateScratch, 0, out);
    }
  }
  const computed = voxelChecksum(out);
  if (computed !== stored) corrupt(`checksum mismatch: stored ${hex32(stored)}, computed ${hex32(computed)}`);
  return -1;
}
