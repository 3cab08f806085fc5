/**
 * Header of an encoded chunk (utils/compression/chunkCodec.ts). 20 bytes, all fields little-endian:
 *
 *   offset size field
 *   0      2    magic 0x56 0x43 ("VC")
 *   2      1    format version (HEADER_VERSION)
 *   3      1    flags: bit0 UNIFORM, bit1 DEFLATE, bit2 PALETTE_RLE; bits 3..7 must be 0.
 *               Valid combinations (the payload after the header):
 *                 UNIFORM                  empty payload; the chunk is `uniform id` throughout
 *                 0                        raw voxels, 65,536 bytes (little-endian uint16, voxel order)
 *                 DEFLATE | PALETTE_RLE    deflate(palette/run-length stream, utils/compression/paletteRle.ts)
 *                 DEFLATE                  deflate(raw voxels), used when the run-length stream would be
 *                                          larger than the raw voxels (> 256 ids with short runs)
 *   4      2    uniform id (0..65535); 0 unless UNIFORM
 *   6      2    reserved, 0
 *   8      4    raw length in bytes: 65,536 (CHUNK_VOXEL_BYTES), or 0 when UNIFORM
 *   12     4    payload length in bytes = total length - 20
 *   16     4    checksum (utils/compression/voxelChecksum.ts) of the voxels the payload decodes to
 *               (for UNIFORM: of the id)
 */
export const HEADER_BYTES = 20;
export const MAGIC0 = 0x56;
export const MAGIC1 = 0x43;
export const HEADER_VERSION = 1;

export const FLAG_UNIFORM = 1;
export const FLAG_DEFLATE = 2;
export const FLAG_PALETTE_RLE = 4;
export const KNOWN_FLAGS = FLAG_UNIFORM | FLAG_DEFLATE | FLAG_PALETTE_RLE;

export function readU16(b: Uint8Array, p: number): number {
  return b[p] | (b[p + 1] << 8);
}

export function readU32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}

export function writeU16(b: Uint8Array, p: number, v: number): void {
  b[p] = v & 0xff;
  b[p + 1] = (v >>> 8) & 0xff;
}

export function writeU32(b: Uint8Array, p: number, v: number): void {
  b[p] = v & 0xff;
  b[p + 1] = (v >>> 8) & 0xff;
  b[p + 2] = (v >>> 16) & 0xff;
  b[p + 3] = (v >>> 24) & 0xff;
}

/** Writes the header into out[0..20). */
export function writeHeader(
  out: Uint8Array,
  flags: number,
  uniformId: number,
  rawLength: number,
  payloadLength: number,
  checksum: number,
): void {
  out[0] = MAGIC0;
  out[1] = MAGIC1;
  out[2] = HEADER_VERSION;
  out[3] = flags;
  writeU16(out, 4, uniformId);
  writeU16(out, 6, 0);
  writeU32(out, 8, rawLength);
  writeU32(out, 12, payloadLength);
  writeU32(out, 16, checksum);
}

/** What the header of an encoded chunk says (see readChunkHeader in chunkCodec.ts). */
export interface ChunkHeaderInfo {
  flags: number;
  /** The uniform id, or -1 for a full chunk. */
  uniform: number;
  /** 65,536 for a full chunk, 0 for a uniform one. */
  rawBytes: number;
  payloadBytes: number;
  checksum: number;
}

/** 0x-prefixed 8-digit hex, for error messages. */
export function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}
