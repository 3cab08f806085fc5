import { describe, expect, it } from 'vitest';
import { createChunkWorkerApi } from '@/utils/workers/ChunkStreamingWorker';
import { decodeChunk, voxelChecksum } from '@/utils/compression/chunkCodec';
import { findRepresentativeChunks } from '@/utils/world/sampleChunks';

const SEED = 1337;

describe('worker api: encoded voxels (the main thread keeps bytes, not arrays)', () => {
  const kinds = findRepresentativeChunks(SEED, 3);
  const chunks = [...kinds.surface, ...kinds.cave, ...kinds.mountain, ...kinds.uniform];

  it('generate with encode returns bytes that decode to the same voxels, and no array', () => {
    const api = createChunkWorkerApi();
    for (const [cx, cy, cz] of chunks) {
      const plain = api.generate({ seed: SEED, cx, cy, cz, mesh: true });
      const enc = api.generate({ seed: SEED, cx, cy, cz, mesh: true, encode: true, compression: true });
      expect(enc.voxels).toBeNull();
      expect(enc.encoded).toBeDefined();
      const out = new Uint16Array(32768);
      const u = decodeChunk(enc.encoded!.bytes, out);
      expect(u).toBe(plain.uniform);
      if (u < 0) expect(out).toEqual(plain.voxels);
      expect(enc.encoded!.checksum).toBe(voxelChecksum(u < 0 ? out : u));
      expect(enc.encoded!.rawBytes).toBe(u < 0 ? 65536 : 0);
      expect(Array.from(enc.mesh!.quads)).toEqual(Array.from(plain.mesh!.quads));
    }
  });

  it('decompress without returning voxels meshes like generate and may take borders', () => {
    const api = createChunkWorkerApi();
    for (const [cx, cy, cz] of [...kinds.surface, ...kinds.mountain]) {
      const enc = api.generate({ seed: SEED, cx, cy, cz, mesh: true, encode: true, compression: true });
      const dec = api.decompress({ seed: SEED, cx, cy, cz, bytes: enc.encoded!.bytes.slice(), mesh: true, returnVoxels: false });
      expect(dec.voxels).toBeNull();
      expect(Array.from(dec.mesh!.quads)).toEqual(Array.from(enc.mesh!.quads));
      // an all-air border on +y instead of the generated one changes the faces toward +y only if any
      const withAir = api.decompress({
        seed: SEED,
        cx,
        cy,
        cz,
        bytes: enc.encoded!.bytes.slice(),
        mesh: true,
        returnVoxels: false,
        borders: [null, null, 0, null, null, null],
      });
      expect(withAir.mesh!.quadCount).toBeGreaterThanOrEqual(dec.mesh!.quadCount);
    }
    expect(() =>
      api.decompress({ seed: SEED, cx: 0, cy: 0, cz: 0, bytes: new Uint8Array(4), mesh: true, borders: [null] as never }),
    ).toThrow();
  });
});
