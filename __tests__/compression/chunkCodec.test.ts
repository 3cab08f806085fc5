import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import {
  ChunkCorruptError,
  HEADER_BYTES,
  MAX_ENCODED_BYTES,
  decodeChunk,
  encodeChunk,
  isChunkCorruptError,
  readChunkHeader,
  voxelChecksum,
} from '@/utils/compression/chunkCodec';
import {
  FLAG_DEFLATE,
  FLAG_PALETTE_RLE,
  FLAG_UNIFORM,
  writeHeader,
} from '@/utils/compression/chunkHeader';
import { CHUNK_VOLUME, CHUNK_VOXEL_BYTES, voxelIndex } from '@/types/chunk';

/** Deterministic PRNG (mulberry32) for fixtures. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A terrain-like chunk: stone, dirt, grass under a wavy surface, water below y 10, sparse ores. */
function terrainLike(seed: number): Uint16Array {
  const r = rng(seed);
  const v = new Uint16Array(CHUNK_VOLUME);
  for (let z = 0; z < 32; z++)
    for (let x = 0; x < 32; x++) {
      const h = 12 + Math.floor(6 * Math.sin(x / 5 + seed) + 5 * Math.cos(z / 7));
      for (let y = 0; y < 32; y++) {
        let id = y < h - 3 ? 1 : y < h - 1 ? 2 : y < h ? 3 : y < 10 ? 7 : 0;
        if (id === 1 && r() < 0.01) id = 10 + Math.floor(r() * 4);
        v[voxelIndex(x, y, z)] = id;
      }
    }
  return v;
}

function checkerboard(a: number, b: number): Uint16Array {
  const v = new Uint16Array(CHUNK_VOLUME);
  for (let y = 0; y < 32; y++)
    for (let z = 0; z < 32; z++) for (let x = 0; x < 32; x++) v[voxelIndex(x, y, z)] = (x + y + z) & 1 ? a : b;
  return v;
}

function roundTrip(v: Uint16Array, compress: boolean): Uint8Array {
  const bytes = encodeChunk(v, compress);
  const out = new Uint16Array(CHUNK_VOLUME).fill(0xbeef);
  expect(decodeChunk(bytes, out)).toBe(-1);
  expect(out).toEqual(v);
  expect(readChunkHeader(bytes).checksum).toBe(voxelChecksum(v));
  expect(bytes.length).toBeLessThanOrEqual(MAX_ENCODED_BYTES);
  return bytes;
}

/** Builds an encoded chunk by hand: header + payload, with the given checksum. */
function build(flags: number, payload: Uint8Array, checksum: number, uniformId = 0, rawLength = CHUNK_VOXEL_BYTES): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  writeHeader(out, flags, uniformId, rawLength, payload.length, checksum);
  out.set(payload, HEADER_BYTES);
  return out;
}

/** A palette/run-length stream (paletteRle.ts layout) from explicit parts. */
function rleStream(palette: number[], runs: [number, number][], extra: number[] = []): Uint8Array {
  const b: number[] = [palette.length & 0xff, palette.length >>> 8];
  for (const id of palette) b.push(id & 0xff, id >>> 8);
  const wide = palette.length > 256;
  for (const [idx, len] of runs) {
    b.push(idx & 0xff);
    if (wide) b.push(idx >>> 8);
    let n = len - 1;
    while (n >= 0x80) {
      b.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    b.push(n);
  }
  return new Uint8Array([...b, ...extra]);
}

function expectCorrupt(bytes: Uint8Array, messagePart: string | RegExp): void {
  let thrown: unknown = null;
  try {
    decodeChunk(bytes, new Uint16Array(CHUNK_VOLUME));
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ChunkCorruptError);
  const err = thrown as ChunkCorruptError;
  expect(err.name).toBe('ChunkCorruptError');
  expect(err.message.startsWith('chunkCodec: ')).toBe(true);
  if (typeof messagePart === 'string') expect(err.message).toContain(messagePart);
  else expect(err.message).toMatch(messagePart);
}

/** Decoding must either throw ChunkCorruptError or give back exactly the original chunk. */
function decodeOrCorrupt(bytes: Uint8Array, original: Uint16Array | number): void {
  const out = new Uint16Array(CHUNK_VOLUME);
  let result: number;
  try {
    result = decodeChunk(bytes, out);
  } catch (e) {
    expect(e).toBeInstanceOf(ChunkCorruptError);
    return;
  }
  if (typeof original === 'number') expect(result).toBe(original);
  else {
    expect(result).toBe(-1);
    expect(out).toEqual(original);
  }
}

/** fast-check: a chunk as runs of ids drawn from a pool of `poolSize` ids, runs of 1..maxRun voxels. */
function runsChunk(poolMax: number, maxRun: number): fc.Arbitrary<Uint16Array> {
  return fc
    .record({
      pool: fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 2, maxLength: poolMax }),
      seed: fc.integer(),
    })
    .map(({ pool, seed }) => {
      const r = rng(seed);
      const v = new Uint16Array(CHUNK_VOLUME);
      let i = 0;
      while (i < CHUNK_VOLUME) {
        const len = 1 + Math.floor(r() * maxRun);
        v.fill(pool[Math.floor(r() * pool.length)], i, Math.min(CHUNK_VOLUME, i + len));
        i += len;
      }
      return v;
    });
}

const anyChunk: fc.Arbitrary<Uint16Array> = fc.oneof(
  runsChunk(4, 4000), // few ids, long runs
  runsChunk(16, 40), // terrain-like
  runsChunk(300, 3), // > 256 palette entries (wide indexes), short runs
  runsChunk(2, 1), // single-voxel runs
  fc.integer().map((s) => terrainLike(s)),
  fc.integer({ min: 0, max: 65535 }).map((id) => new Uint16Array(CHUNK_VOLUME).fill(id)),
  fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 })).map(([a, b]) => checkerboard(a, b)),
);

describe('chunkCodec round trip', () => {
  it('terrain-like chunks: palette/run-length + deflate, far below 0.1 of raw', () => {
    for (const seed of [1, 2, 3]) {
      const v = terrainLike(seed);
      const bytes = roundTrip(v, true);
      expect(bytes[3]).toBe(FLAG_DEFLATE | FLAG_PALETTE_RLE);
      expect(bytes.length / CHUNK_VOXEL_BYTES).toBeLessThan(0.1);
      const raw = roundTrip(v, false);
      expect(raw.length).toBe(HEADER_BYTES + CHUNK_VOXEL_BYTES);
      expect(raw[3]).toBe(0);
    }
  });

  it('uniform chunks encode to the header only, as a number or as an all-same array', () => {
    for (const id of [0, 1, 7, 65535]) {
      for (const compress of [true, false]) {
        for (const input of [id, new Uint16Array(CHUNK_VOLUME).fill(id)]) {
          const bytes = encodeChunk(input, compress);
          expect(bytes.length).toBe(HEADER_BYTES);
          expect(bytes[3]).toBe(FLAG_UNIFORM);
          const out = new Uint16Array(CHUNK_VOLUME).fill(9);
          expect(decodeChunk(bytes, out)).toBe(id);
          expect(out.every((x) => x === 9)).toBe(true); // untouched
          const h = readChunkHeader(bytes);
          expect(h).toEqual({ flags: FLAG_UNIFORM, uniform: id, rawBytes: 0, payloadBytes: 0, checksum: voxelChecksum(id) });
        }
      }
    }
  });

  it('adversarial fixed cases: checkerboard, 65535 ids, every id distinct, random noise', () => {
    roundTrip(checkerboard(0, 65535), true);
    roundTrip(checkerboard(65535, 65534), false);
    // 32768 distinct ids in order: the run-length stream would exceed 64 KiB -> deflate(raw).
    const distinct = new Uint16Array(CHUNK_VOLUME);
    for (let i = 0; i < CHUNK_VOLUME; i++) distinct[i] = i * 2 + 1;
    const d = roundTrip(distinct, true);
    expect(d[3]).toBe(FLAG_DEFLATE);
    // Incompressible noise over 0..65535: stored raw even with compress = true.
    const r = rng(42);
    const noise = new Uint16Array(CHUNK_VOLUME);
    for (let i = 0; i < CHUNK_VOLUME; i++) noise[i] = Math.floor(r() * 65536);
    const n = roundTrip(noise, true);
    expect(n[3]).toBe(0);
    expect(n.length).toBe(MAX_ENCODED_BYTES);
    // One different voxel at each end.
    for (const at of [0, CHUNK_VOLUME - 1]) {
      const v = new Uint16Array(CHUNK_VOLUME).fill(1);
      v[at] = 2;
      expect(roundTrip(v, true).length).toBeLessThan(64);
    }
  });

  it('property: any chunk round-trips with compression on and off', () => {
    fc.assert(
      fc.property(anyChunk, fc.boolean(), (v, compress) => {
        const bytes = encodeChunk(v, compress);
        const out = new Uint16Array(CHUNK_VOLUME);
        const r = decodeChunk(bytes, out);
        let first = v[0];
        let uniform = true;
        for (let i = 1; i < CHUNK_VOLUME && uniform; i++) if (v[i] !== first) uniform = false;
        if (uniform) expect(r).toBe(first);
        else {
          expect(r).toBe(-1);
          expect(out).toEqual(v);
        }
        expect(readChunkHeader(bytes).checksum).toBe(voxelChecksum(v));
      }),
      { numRuns: 80, seed: 20240601 },
    );
  });

  it('the output is an exactly-sized buffer of its own (transferable)', () => {
    const bytes = encodeChunk(terrainLike(5), true);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });

  it('rejects bad inputs with a plain Error naming the value', () => {
    expect(() => encodeChunk(65536, true)).toThrow('chunkCodec: encodeChunk: uniform id must be an integer in [0, 65535], got 65536');
    expect(() => encodeChunk(-1, true)).toThrow('got -1');
    expect(() => encodeChunk(new Uint16Array(10), true)).toThrow('chunkCodec: encodeChunk: voxels must be a Uint16Array(32768), got length 10');
    const bytes = encodeChunk(terrainLike(1), true);
    expect(() => decodeChunk(bytes, new Uint16Array(5))).toThrow('chunkCodec: decodeChunk: out must be a Uint16Array(32768), got length 5');
  });
});

describe('voxelChecksum', () => {
  it('is representation-independent for uniform chunks and differs between ids', () => {
    const seen = new Set<number>();
    for (const id of [0, 1, 2, 255, 256, 65535]) {
      expect(voxelChecksum(new Uint16Array(CHUNK_VOLUME).fill(id))).toBe(voxelChecksum(id));
      seen.add(voxelChecksum(id));
    }
    expect(seen.size).toBe(6);
    expect(() => voxelChecksum(1.5)).toThrow('voxelChecksum: uniform id must be an integer in [0, 65535], got 1.5');
    expect(() => voxelChecksum(new Uint16Array(3))).toThrow('got length 3');
  });

  it('the view path (aligned) and the pair path (unaligned) give the same value', () => {
    const v = terrainLike(9);
    const buf = new ArrayBuffer(CHUNK_VOXEL_BYTES + 2);
    const unaligned = new Uint16Array(buf, 2, CHUNK_VOLUME);
    unaligned.set(v);
    expect(voxelChecksum(unaligned)).toBe(voxelChecksum(v));
  });

  it('property: changing any one voxel changes the checksum', () => {
    const base = terrainLike(3);
    const sum = voxelChecksum(base);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: CHUNK_VOLUME - 1 }), fc.integer({ min: 1, max: 65535 }), (i, delta) => {
        const v = base.slice();
        v[i] = (v[i] + delta) & 0xffff;
        expect(voxelChecksum(v)).not.toBe(sum);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('matches a reference value (the format is persistent: a change here breaks stored bytes)', () => {
    const v = new Uint16Array(CHUNK_VOLUME);
    for (let i = 0; i < CHUNK_VOLUME; i++) v[i] = (i * 2654435761) >>> 20;
    expect(voxelChecksum(v)).toBe(REFERENCE_CHECKSUM);
    expect(voxelChecksum(0)).toBe(REFERENCE_UNIFORM_0);
  });
});

// Filled from the implementation at the time the format was fixed (format version 1).
const REFERENCE_CHECKSUM = 0x9a4839d8;
const REFERENCE_UNIFORM_0 = 0xa4dbdf0e;

describe('chunkCodec corruption', () => {
  const terrain = terrainLike(11);
  const compressed = encodeChunk(terrain, true);
  const raw = encodeChunk(terrain, false);
  const uniform = encodeChunk(3, true);

  it('every single-bit flip anywhere in the header is detected', () => {
    for (const bytes of [compressed, raw, uniform]) {
      for (let p = 0; p < HEADER_BYTES; p++) {
        for (let bit = 0; bit < 8; bit++) {
          const b = bytes.slice();
          b[p] ^= 1 << bit;
          expectCorrupt(b, /chunkCodec: /);
        }
      }
    }
  });

  it('names the header field that is wrong', () => {
    const b = compressed.slice();
    b[0] = 0x50;
    expectCorrupt(b, 'bad magic 0x4350, expected 0x4356');
    const v = compressed.slice();
    v[2] = 7;
    expectCorrupt(v, 'format version 7, expected 1');
    const f = compressed.slice();
    f[3] = 0x80 | f[3];
    expectCorrupt(f, 'unknown flag bits 0x80');
    const c = compressed.slice();
    c[16] ^= 0xff;
    expectCorrupt(c, /checksum mismatch: stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}$/);
    const u = uniform.slice();
    u[4] ^= 1;
    expectCorrupt(u, /checksum mismatch: .* \(uniform id 2\)/);
    expectCorrupt(build(FLAG_PALETTE_RLE, new Uint8Array(4), 0), 'invalid flag combination 0x4');
    expectCorrupt(build(FLAG_UNIFORM | FLAG_DEFLATE, new Uint8Array(0), 0), 'invalid flag combination 0x3');
    expectCorrupt(build(0, new Uint8Array(100), 0), 'raw payload of 100 bytes, expected 65536');
    expectCorrupt(build(FLAG_UNIFORM, new Uint8Array(3), voxelChecksum(1), 1, 0), 'uniform chunk with a 3-byte payload, expected 0');
    expectCorrupt(build(FLAG_DEFLATE, new Uint8Array(0), 0), 'empty deflate payload');
    expectCorrupt(build(FLAG_UNIFORM, new Uint8Array(0), voxelChecksum(1), 1, 5), 'raw length 5, expected 0');
    const r = compressed.slice();
    r[6] = 1;
    expectCorrupt(r, 'reserved field is 0x1, expected 0');
  });

  it('every truncation and extension is detected', () => {
    for (const bytes of [compressed, uniform]) {
      for (let len = 0; len < bytes.length; len++) {
        expectCorrupt(bytes.slice(0, len), len < HEADER_BYTES ? `${len} bytes is shorter than the 20-byte header` : 'payload length field says');
      }
      for (const extra of [1, 7, 1000]) {
        const b = new Uint8Array(bytes.length + extra);
        b.set(bytes);
        expectCorrupt(b, `payload length field says ${bytes.length - HEADER_BYTES} bytes, found ${bytes.length - HEADER_BYTES + extra}`);
      }
    }
    expectCorrupt(raw.slice(0, raw.length - 1), 'payload length field says 65536 bytes, found 65535');
  });

  it('flipping any whole payload byte is detected', () => {
    for (let p = HEADER_BYTES; p < compressed.length; p++) {
      const b = compressed.slice();
      b[p] ^= 0xff;
      expectCorrupt(b, /chunkCodec: (inflate failed|checksum mismatch|run|palette|inflated|\d+ trailing)/);
    }
    for (const p of [HEADER_BYTES, HEADER_BYTES + 1, HEADER_BYTES + 30_000, raw.length - 1]) {
      const b = raw.slice();
      b[p] ^= 0x01;
      expectCorrupt(b, 'checksum mismatch');
    }
  });

  it('property: random bit flips never give wrong voxels or another error type', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(compressed, raw, uniform, encodeChunk(checkerboard(1, 300), true)),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }),
        (bytes, flips) => {
          const b = bytes.slice();
          for (const [p, bit] of flips) b[p % b.length] ^= 1 << bit;
          const original =
            bytes === uniform ? 3 : bytes === compressed || bytes === raw ? terrain : checkerboard(1, 300);
          decodeOrCorrupt(b, original);
        },
      ),
      { numRuns: 400, seed: 99 },
    );
  });

  it('property: random garbage after a valid header never throws anything but ChunkCorruptError', () => {
    fc.assert(
      fc.property(fc.constantFrom(FLAG_DEFLATE, FLAG_DEFLATE | FLAG_PALETTE_RLE), fc.uint8Array({ minLength: 1, maxLength: 600 }), (flags, payload) => {
        decodeOrCorrupt(build(flags, payload, 0x12345678), terrain);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('checks the palette/run-length stream structure (valid deflate, bad content)', () => {
    const sum = voxelChecksum(terrain);
    const enc = (s: Uint8Array) => build(FLAG_DEFLATE | FLAG_PALETTE_RLE, deflateSync(s), sum);
    expectCorrupt(enc(rleStream([1, 2, 3], [[0, 100], [5, CHUNK_VOLUME - 100]])), 'palette index 5 out of range [0, 2] at run 1');
    expectCorrupt(enc(rleStream([1, 2], [[0, 100], [1, 100]])), `run lengths sum to 200, expected ${CHUNK_VOLUME} (stream ended at run 2)`);
    expectCorrupt(enc(rleStream([1, 2], [[0, 32000], [1, 1000]])), `run lengths sum past ${CHUNK_VOLUME}: run 1 of 1000 starts at voxel 32000`);
    expectCorrupt(enc(rleStream([1, 2], [[0, 32000], [1, 768]], [0])), '1 trailing bytes after the runs');
    expectCorrupt(enc(rleStream([], [])), 'palette size must be in [1, 32768], got 0');
    expectCorrupt(enc(new Uint8Array([1])), 'run-length stream of 1 bytes has no palette size');
    expectCorrupt(enc(new Uint8Array([5, 0, 1, 0])), 'palette of 5 ids needs 10 bytes, run-length stream has 2 left');
    expectCorrupt(enc(new Uint8Array([2, 0, 1, 0, 2, 0, 0, 0xff, 0xff, 0xff, 0x7f])), 'run 0 length varint longer than 3 bytes');
    expectCorrupt(enc(new Uint8Array([2, 0, 1, 0, 2, 0, 0, 0xff])), 'run 0 truncated in its length');
    const wide = Array.from({ length: 300 }, (_, i) => i);
    const w = rleStream(wide, [[0, 5]]);
    expectCorrupt(enc(w.subarray(0, w.length - 2)), 'run 0 truncated in its palette index');
    // A well-formed stream whose voxels are not the ones the checksum was taken of.
    expectCorrupt(enc(rleStream([1, 2], [[0, 32000], [1, 768]])), 'checksum mismatch');
    // Raw deflate of the wrong length, inflate garbage, an inflate bomb past 64 KiB.
    expectCorrupt(build(FLAG_DEFLATE, deflateSync(new Uint8Array(100)), sum), `inflated raw payload is 100 bytes, expected ${CHUNK_VOXEL_BYTES}`);
    expectCorrupt(build(FLAG_DEFLATE, new Uint8Array([0xff, 0xff, 0xff]), sum), 'inflate failed');
    expectCorrupt(build(FLAG_DEFLATE, deflateSync(new Uint8Array(CHUNK_VOXEL_BYTES + 50)), sum), `inflated payload exceeds ${CHUNK_VOXEL_BYTES} bytes`);
  });

  it('a valid hand-built stream decodes (the fixtures above differ from it only where named)', () => {
    const v = new Uint16Array(CHUNK_VOLUME).fill(1);
    v.fill(2, 32000);
    const bytes = build(FLAG_DEFLATE | FLAG_PALETTE_RLE, deflateSync(rleStream([1, 2], [[0, 32000], [1, 768]])), voxelChecksum(v));
    const out = new Uint16Array(CHUNK_VOLUME);
    expect(decodeChunk(bytes, out)).toBe(-1);
    expect(out).toEqual(v);
  });

  it('non-Uint8Array input is a ChunkCorruptError; isChunkCorruptError also accepts a worker-serialized error', () => {
    expectCorrupt(null as unknown as Uint8Array, 'encoded chunk must be a Uint8Array, got [object Null]');
    const serialized = Object.assign(new Error('chunkCodec: checksum mismatch'), { name: 'ChunkCorruptError' });
    expect(isChunkCorruptError(serialized)).toBe(true);
    expect(isChunkCorruptError(new Error('x'))).toBe(false);
    expect(isChunkCorruptError(new ChunkCorruptError('y'))).toBe(true);
  });
});
