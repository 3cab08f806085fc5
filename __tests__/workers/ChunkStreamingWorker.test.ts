import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isOpaque } from '@/config/blocks';
import { CHUNK_AREA, CHUNK_VOLUME, FACE_DIRS } from '@/types/chunk';
import { createChunkWorkerApi, type ChunkTaskResult } from '@/utils/workers/ChunkStreamingWorker';
import { BORDER_HASH_NONE, hashBorder, hashNeighbourFace, hashUniformBorder } from '@/utils/workers/borderHash';
import { TerrainGenerator } from '@/utils/world/TerrainGenerator';
import { extractBorders, meshChunkWithBorders } from '@/utils/meshing/BinaryGreedyMesher';
import { isChunkCorruptError, voxelChecksum } from '@/utils/compression/chunkCodec';

const SEED = 1337;
const gen = new TerrainGenerator(SEED);

/** Full voxels of a chunk straight from the generator (uniform chunks expanded). */
function fullChunk(cx: number, cy: number, cz: number): Uint16Array {
  const out = new Uint16Array(CHUNK_VOLUME);
  const u = gen.generateChunk(cx, cy, cz, out);
  if (u >= 0) out.fill(u);
  return out;
}

/**
 * Reference: the six neighbour chunks generated in full, their facing layers extracted by the mesher's
 * extractBorders, and the chunk meshed without any shortcut.
 */
function reference(cx: number, cy: number, cz: number) {
  const voxels = fullChunk(cx, cy, cz);
  const neighbours = FACE_DIRS.map(([dx, dy, dz]) => fullChunk(cx + dx, cy + dy, cz + dz));
  const borders = extractBorders(neighbours, new Uint16Array(6 * CHUNK_AREA));
  const mesh = meshChunkWithBorders(voxels, borders);
  return { voxels, neighbours, mesh, borders };
}

// A surface chunk (mixed), one above (air at this seed) and a deep uniform stone chunk (found below).
const SURFACE = [0, Math.floor(gen.surfaceHeight(0, 0) / 32), 0] as const;
const AIR = [0, SURFACE[1] + 4, 0] as const;
const STONE = [0, -2, 0] as const;

describe('ChunkStreamingWorker (in-process)', () => {
  const api = createChunkWorkerApi();

  it('the chosen chunks are what the tests assume', () => {
    expect(gen.uniformId(...SURFACE)).toBe(-1);
    expect(gen.uniformId(...AIR)).toBe(0);
    const u = gen.uniformId(...STONE);
    expect(u).toBeGreaterThan(0);
    expect(isOpaque(u)).toBe(true);
  });

  it('generate matches the generator and a full-neighbour reference mesh; hashes match the neighbours', () => {
    const [cx, cy, cz] = SURFACE;
    const r = api.generate({ seed: SEED, cx, cy, cz, mesh: true });
    const ref = reference(cx, cy, cz);
    expect(r.uniform).toBe(-1);
    expect(r.voxels).toEqual(ref.voxels);
    expect(r.voxels!.buffer.byteLength).toBe(CHUNK_VOLUME * 2); // exact-size, own buffer
    expect(r.mesh!.quadCount).toBeGreaterThan(0);
    expect(r.mesh!.quadCount).toBe(ref.mesh.quadCount);
    expect(r.mesh!.solidQuadCount).toBe(ref.mesh.solidQuadCount);
    expect(r.mesh!.quads.length).toBe(2 * r.mesh!.quadCount);
    expect(r.mesh!.quads.buffer.byteLength).toBe(8 * r.mesh!.quadCount);
    expect(Array.from(r.mesh!.quads)).toEqual(Array.from(ref.mesh.quads.subarray(0, 2 * ref.mesh.quadCount)));
    for (let f = 0; f < 6; f++) {
      expect(r.borderHashes[f]).toBe(hashNeighbourFace(ref.neighbours[f], f));
      expect(r.borderHashes[f]).toBe(hashBorder(ref.borders, f * CHUNK_AREA));
    }
    expect(r.generateMs).toBeGreaterThanOrEqual(0);
    expect(r.meshMs).toBeGreaterThanOrEqual(0);
  });

  it('a second call reuses scratch but returns independent arrays', () => {
    const [cx, cy, cz] = SURFACE;
    const a = api.generate({ seed: SEED, cx, cy, cz, mesh: true });
    const b = api.generate({ seed: SEED, cx: cx + 1, cy, cz, mesh: true });
    const again = api.generate({ seed: SEED, cx, cy, cz, mesh: true });
    expect(a.voxels).not.toBe(again.voxels);
    expect(again.voxels).toEqual(a.voxels);
    expect(again.mesh!.quads).toEqual(a.mesh!.quads);
    expect(b.voxels).not.toEqual(a.voxels);
  });

  it('uniform air: no voxels, empty mesh, no border read', () => {
    const r = api.generate({ seed: SEED, cx: AIR[0], cy: AIR[1], cz: AIR[2], mesh: true });
    expect(r).toMatchObject({ uniform: 0, voxels: null, mesh: { quadCount: 0, solidQuadCount: 0 } });
    expect(r.mesh!.quads.length).toBe(0);
    expect(Array.from(r.borderHashes)).toEqual([0, 0, 0, 0, 0, 0].map(() => BORDER_HASH_NONE));
  });

  it('uniform stone: no voxels and the same mesh as the reference (empty when enclosed by opaque borders)', () => {
    const [cx, cy, cz] = STONE;
    const r = api.generate({ seed: SEED, cx, cy, cz, mesh: true });
    const ref = reference(cx, cy, cz);
    expect(r.uniform).toBe(gen.uniformId(cx, cy, cz));
    expect(r.voxels).toBeNull();
    expect(r.mesh!.quadCount).toBe(ref.mesh.quadCount);
    for (let f = 0; f < 6; f++) expect(r.borderHashes[f]).toBe(hashNeighbourFace(ref.neighbours[f], f));
  });

  it('generate without mesh: voxels only', () => {
    const [cx, cy, cz] = SURFACE;
    const r = api.generate({ seed: SEED, cx, cy, cz, mesh: false });
    expect(r.mesh).toBeNull();
    expect(r.meshMs).toBe(0);
    expect(r.voxels).toEqual(fullChunk(cx, cy, cz));
  });

  it('mesh with caller borders (arrays, ids, null = generator) equals the reference; voxels handed back', () => {
    const [cx, cy, cz] = SURFACE;
    const ref = reference(cx, cy, cz);
    const voxels = ref.voxels.slice();
    const borders = [0, 1, 2, 3, 4, 5].map((f) => (f % 2 === 0 ? ref.borders.slice(f * CHUNK_AREA, (f + 1) * CHUNK_AREA) : null));
    const r = api.mesh({ seed: SEED, cx, cy, cz, voxels, borders });
    expect(r.voxels).toBe(voxels);
    expect(r.mesh.quadCount).toBe(ref.mesh.quadCount);
    expect(Array.from(r.mesh.quads)).toEqual(Array.from(ref.mesh.quads.subarray(0, 2 * ref.mesh.quadCount)));
    for (let f = 0; f < 6; f++) expect(r.borderHashes[f]).toBe(hashBorder(ref.borders, f * CHUNK_AREA));

    // An edited neighbour: air across +y changes the mesh and its hash.
    const open = api.mesh({ seed: SEED, cx, cy, cz, voxels, borders: [null, null, 0, null, null, null] });
    expect(open.borderHashes[2]).toBe(hashUniformBorder(0));
    const refBorders = ref.borders.slice();
    refBorders.fill(0, 2 * CHUNK_AREA, 3 * CHUNK_AREA);
    expect(open.mesh.quadCount).toBe(meshChunkWithBorders(ref.voxels, refBorders).quadCount);
  });

  it('mesh of a uniform opaque chunk: empty when all borders are opaque, one 32x32 quad per open face', () => {
    const stone = 1;
    expect(isOpaque(stone)).toBe(true);
    const closed = api.mesh({ seed: SEED, cx: 0, cy: 0, cz: 0, voxels: stone, borders: [1, 1, 1, 1, 1, 1] });
    expect(closed.mesh.quadCount).toBe(0);
    expect(closed.voxels).toBe(stone);
    expect(Array.from(closed.borderHashes)).toEqual(new Array(6).fill(hashUniformBorder(1)));
    const open = api.mesh({ seed: SEED, cx: 0, cy: 0, cz: 0, voxels: stone, borders: [1, 1, 0, 1, 1, 1] });
    expect(open.mesh.quadCount).toBe(1); // the whole +y face merges into one quad
    expect(open.mesh.quads[0] >>> 25).toBe(2); // face bits: +y
  });

  it('compress / decompress round trip, with mesh in one call', () => {
    const [cx, cy, cz] = SURFACE;
    const gr = api.generate({ seed: SEED, cx, cy, cz, mesh: true });
    const voxels = gr.voxels!;
    for (const compression of [true, false]) {
      const c = api.compress({ voxels, compression });
      expect(c.voxels).toBe(voxels);
      expect(c.rawBytes).toBe(CHUNK_VOLUME * 2);
      expect(c.checksum).toBe(voxelChecksum(voxels));
      if (compression) expect(c.bytes.length).toBeLessThan(CHUNK_VOLUME * 2 * 0.4);
      const d: ChunkTaskResult = api.decompress({ seed: SEED, cx, cy, cz, bytes: c.bytes, mesh: true, checksum: c.checksum });
      expect(d.uniform).toBe(-1);
      expect(d.voxels).toEqual(voxels);
      expect(d.mesh!.quads).toEqual(gr.mesh!.quads);
      expect(d.borderHashes).toEqual(gr.borderHashes);
    }
    const u = api.compress({ voxels: 0, compression: true });
    expect(u.rawBytes).toBe(0);
    const du = api.decompress({ seed: SEED, cx: AIR[0], cy: AIR[1], cz: AIR[2], bytes: u.bytes, mesh: true });
    expect(du).toMatchObject({ uniform: 0, voxels: null, mesh: { quadCount: 0 } });
  });

  it('decompress of corrupt bytes or a wrong checksum throws ChunkCorruptError naming the problem', () => {
    const [cx, cy, cz] = SURFACE;
    const voxels = fullChunk(cx, cy, cz);
    const c = api.compress({ voxels, compression: true });
    const bad = c.bytes.slice();
    bad[bad.length - 5] ^= 0x5a;
    let err: unknown;
    try {
      api.decompress({ seed: SEED, cx, cy, cz, bytes: bad, mesh: true });
    } catch (e) {
      err = e;
    }
    expect(isChunkCorruptError(err)).toBe(true);
    expect((err as Error).message).toMatch(/^chunkCodec: /);
    expect(() => api.decompress({ seed: SEED, cx, cy, cz, bytes: c.bytes, mesh: false, checksum: (c.checksum + 1) >>> 0 })).toThrow(
      /ChunkStreamingWorker: decompress of chunk .* decoded to voxel checksum 0x[0-9a-f]+, expected 0x[0-9a-f]+/,
    );
  });

  it('wrapResult receives each result with the distinct buffers to transfer', () => {
    const calls: { result: unknown; transfer: Transferable[] }[] = [];
    const wrapped = createChunkWorkerApi({
      wrapResult: (result, transfer) => {
        calls.push({ result, transfer });
        return result;
      },
    });
    const [cx, cy, cz] = SURFACE;
    const r = wrapped.generate({ seed: SEED, cx, cy, cz, mesh: true });
    expect(calls[0].transfer).toEqual([r.voxels!.buffer, r.mesh!.quads.buffer, r.borderHashes.buffer]);
    const c = wrapped.compress({ voxels: r.voxels!, compression: true });
    expect(calls[1].transfer).toEqual([c.bytes.buffer, r.voxels!.buffer]);
    wrapped.generate({ seed: SEED, cx: AIR[0], cy: AIR[1], cz: AIR[2], mesh: false });
    expect(calls[2].transfer).toHaveLength(1); // borderHashes only
  });

  it('rejects bad requests naming the field and value', () => {
    expect(() => api.generate({ seed: -1, cx: 0, cy: 0, cz: 0, mesh: true })).toThrow(
      'ChunkStreamingWorker: generate seed must be an integer in [0, 4294967295], got -1',
    );
    expect(() => api.generate({ seed: 1, cx: 0.5, cy: 0, cz: 0, mesh: true })).toThrow('ChunkStreamingWorker: generate cx must be an integer, got 0.5');
    expect(() => api.mesh({ seed: 1, cx: 0, cy: 0, cz: 0, voxels: new Uint16Array(10), borders: [] })).toThrow(
      'ChunkStreamingWorker: mesh voxels must be a Uint16Array(32768) or a block id, got Uint16Array(10)',
    );
    expect(() => api.mesh({ seed: 1, cx: 0, cy: 0, cz: 0, voxels: 1, borders: [null] })).toThrow(/mesh borders must be an array of 6 entries/);
    expect(() => api.mesh({ seed: 1, cx: 0, cy: 0, cz: 0, voxels: 1, borders: [new Uint16Array(5), 1, 1, 1, 1, 1] })).toThrow(
      'ChunkStreamingWorker: mesh borders[0] must be a Uint16Array(1024), a block id or null, got Uint16Array(5)',
    );
    expect(() => api.compress({ voxels: 70000, compression: true })).toThrow(/compress voxels as a block id must be an integer in \[0, 65535\], got 70000/);
  });
});

describe('borderHash', () => {
  it('hashNeighbourFace equals hashBorder of the extracted layer, for every face (random chunks)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer(), fc.integer({ min: 1, max: 6 }), (face, seed, ids) => {
        let s = seed | 0;
        const chunk = new Uint16Array(CHUNK_VOLUME);
        for (let i = 0; i < CHUNK_VOLUME; i++) {
          s = (Math.imul(s, 1664525) + 1013904223) | 0;
          chunk[i] = (s >>> 24) % ids;
        }
        const neighbours: (Uint16Array | null)[] = [null, null, null, null, null, null];
        neighbours[face] = chunk;
        const borders = extractBorders(neighbours, new Uint16Array(6 * CHUNK_AREA));
        expect(hashNeighbourFace(chunk, face)).toBe(hashBorder(borders, face * CHUNK_AREA));
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('a uniform border hashes like 1024 copies of its id and never as BORDER_HASH_NONE', () => {
    for (const id of [0, 1, 9, 65535]) {
      expect(hashUniformBorder(id)).toBe(hashBorder(new Uint16Array(CHUNK_AREA).fill(id)));
      expect(hashNeighbourFace(id, 3)).toBe(hashUniformBorder(id));
      expect(hashUniformBorder(id)).not.toBe(BORDER_HASH_NONE);
    }
    const a = new Uint16Array(CHUNK_AREA);
    const b = a.slice();
    b[517] = 1;
    expect(hashBorder(a)).not.toBe(hashBorder(b));
    expect(() => hashNeighbourFace(new Uint16Array(CHUNK_VOLUME), 6)).toThrow('borderHash: face must be an integer in [0, 5], got 6');
  });
});
