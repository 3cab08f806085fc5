/**
 * The binary greedy mesher and both baselines against brute-force culling (meshTestUtils.ts): every expected
 * face covered exactly once with its block id, nothing else, solid quads before translucent ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BlockId } from '@/config/blocks';
import {
  createMeshOutput,
  createMesherScratch,
  forEachFace,
  meshChunk,
  meshChunkWithBorders,
} from '@/utils/meshing/BinaryGreedyMesher';
import { transpose32 } from '@/utils/meshing/binary/xFaces';
import { isFaceVisible, SEE_THROUGH_CLASS } from '@/utils/meshing/cullRules';
import { meshNaive } from '@/utils/meshing/baselines/NaiveCulledMesher';
import { meshClassicGreedy } from '@/utils/meshing/baselines/ClassicGreedyMesher';
import type { ChunkMesh } from '@/types/streaming';
import {
  NO_NEIGHBORS,
  PALETTE,
  checkMesh,
  filled,
  fromFn,
  idx,
  opaqueRef,
  randomField,
  type FieldKind,
  type Neighbors,
} from './meshTestUtils';

const { STONE, DIRT, GRASS, WATER, LEAVES } = BlockId;

type Mesher = (v: Uint16Array, n: Neighbors) => ChunkMesh;
const MESHERS: [string, Mesher][] = [
  ['binary', (v, n) => meshChunk(v, n)],
  ['naive', (v, n) => meshNaive(v, n)],
  ['classic', (v, n) => meshClassicGreedy(v, n)],
];

const single = (x: number, y: number, z: number, id: number) => {
  const v = new Uint16Array(32768);
  v[idx(x, y, z)] = id;
  return v;
};

const ADVERSARIAL: [string, Uint16Array][] = [
  ['air', filled(0)],
  ['full stone', filled(STONE)],
  ['full water', filled(WATER)],
  ['full leaves', filled(LEAVES)],
  ['full unknown id (opaque)', filled(700)],
  ['checkerboard stone/air', fromFn((x, y, z) => ((x + y + z) & 1 ? STONE : 0))],
  ['checkerboard water/leaves', fromFn((x, y, z) => ((x + y + z) & 1 ? WATER : LEAVES))],
  ['checkerboard stone/water', fromFn((x, y, z) => ((x + y + z) & 1 ? STONE : WATER))],
  ['checkerboard stone/dirt', fromFn((x, y, z) => ((x + y + z) & 1 ? STONE : DIRT))],
  ['slab y<16 stone', fromFn((_x, y) => (y < 16 ? STONE : 0))],
  ['slab x<16 water', fromFn((x) => (x < 16 ? WATER : 0))],
  ['slab z>=20 leaves', fromFn((_x, _y, z) => (z >= 20 ? LEAVES : 0))],
  ['stone | water halves along x', fromFn((x) => (x < 16 ? STONE : WATER))],
  ['layers stone/water/leaves/air along y', fromFn((_x, y) => [STONE, WATER, LEAVES, 0][y & 3])],
  ['layers along z', fromFn((_x, _y, z) => [WATER, WATER, STONE, LEAVES, 0][z % 5])],
  ['stripes grass/dirt along x', fromFn((x, y) => (y < 10 ? (x % 3 === 0 ? GRASS : DIRT) : 0))],
  ['water over leaves over stone', fromFn((_x, y) => (y < 8 ? STONE : y < 16 ? LEAVES : y < 24 ? WATER : 0))],
  ['water/leaves mix', fromFn((x, y, z) => ((x * 7 + y * 3 + z * 5) % 4 === 0 ? LEAVES : (x ^ z) & 4 ? WATER : 0))],
  ['sparse edge frame', fromFn((x, y, z) => ((x % 31 === 0 ? 1 : 0) + (y % 31 === 0 ? 1 : 0) + (z % 31 === 0 ? 1 : 0) >= 2 ? STONE : 0))],
];
for (const [x, y, z] of [
  [0, 0, 0], [31, 0, 0], [0, 31, 0], [0, 0, 31], [31, 31, 0], [31, 0, 31], [0, 31, 31], [31, 31, 31],
  [15, 0, 0], [0, 15, 31], [31, 31, 15], [15, 16, 17],
]) {
  ADVERSARIAL.push([`single stone at ${x},${y},${z}`, single(x, y, z, STONE)]);
  ADVERSARIAL.push([`single water at ${x},${y},${z}`, single(x, y, z, WATER)]);
}

const NEIGHBOR_SETS: [string, Neighbors][] = [
  ['all air', NO_NEIGHBORS],
  ['all stone', Array.from({ length: 6 }, () => filled(STONE))],
  ['all water', Array.from({ length: 6 }, () => filled(WATER))],
  ['all leaves', Array.from({ length: 6 }, () => filled(LEAVES))],
  [
    'mixed',
    [
      filled(STONE),
      null,
      filled(WATER),
      fromFn((x, y, z) => ((x + y + z) & 1 ? LEAVES : 0)),
      fromFn((x, y, z) => ((x + y + z) & 1 ? STONE : WATER)),
      randomField(99, 'noise', 0.5, PALETTE),
    ],
  ],
];

describe('meshers against brute-force culling', () => {
  for (const [mesherName, mesh] of MESHERS) {
    describe(mesherName, () => {
      it('adversarial fields x neighbour sets', () => {
        for (const [fieldName, vox] of ADVERSARIAL) {
          for (const [nbName, nbs] of NEIGHBOR_SETS) {
            const problems = checkMesh(mesh(vox, nbs), vox, nbs);
            expect(problems, `${fieldName} / neighbours ${nbName}`).toEqual([]);
          }
        }
      });

      it('each neighbour present alone (the others air)', () => {
        const vox = randomField(5, 'noise', 0.6, PALETTE);
        for (let f = 0; f < 6; f++) {
          const nbs: Neighbors = [null, null, null, null, null, null];
          nbs[f] = randomField(100 + f, 'noise', 0.5, PALETTE);
          expect(checkMesh(mesh(vox, nbs), vox, nbs), `neighbour ${f}`).toEqual([]);
        }
      });

      it('random fields and neighbours (fast-check, fixed seed)', () => {
        const kinds: FieldKind[] = ['noise', 'blobs', 'layers', 'columns'];
        fc.assert(
          fc.property(
            fc.integer({ min: 0, max: 0x7fffffff }),
            fc.constantFrom(...kinds),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.subarray(PALETTE.slice(1), { minLength: 1 }),
            fc.array(fc.constantFrom('null', 'random', 'stone', 'water'), { minLength: 6, maxLength: 6 }),
            (seed, kind, density, ids, nbKinds) => {
              const palette = [0, ...ids];
              const vox = randomField(seed, kind, density, palette);
              const nbs: Neighbors = nbKinds.map((k, f) =>
                k === 'null' ? null : k === 'stone' ? filled(STONE) : k === 'water' ? filled(WATER) : randomField(seed + f + 1, kind, density, palette),
              );
              expect(checkMesh(mesh(vox, nbs), vox, nbs)).toEqual([]);
            },
          ),
          { seed: 20240611, numRuns: 40 },
        );
      });
    });
  }

  it('the baselines cover exactly the unit faces the binary mesher covers; greedy halves naive on smooth terrain', () => {
    // Smooth terrain: stone, dirt, grass, sea water up to y = 13.
    const vox = fromFn((x, y, z) => {
      const hgt = 12 + Math.floor(4 * Math.sin(x / 5) + 3 * Math.cos(z / 7));
      return y < hgt - 3 ? STONE : y < hgt - 1 ? DIRT : y < hgt ? GRASS : y < 14 ? WATER : 0;
    });
    const nbs = NEIGHBOR_SETS[4][1];
    const binary = meshChunk(vox, nbs);
    const naive = meshNaive(vox, nbs);
    const classic = meshClassicGreedy(vox, nbs);
    const coverage = (m: ChunkMesh) => {
      const c = new Uint8Array(6 * 32768);
      forEachFace(m, (face, x, y, z) => c[face * 32768 + idx(x, y, z)]++);
      return c;
    };
    const expected = coverage(naive);
    expect(naive.quadCount).toBeGreaterThan(1000);
    expect(coverage(binary)).toEqual(expected);
    expect(coverage(classic)).toEqual(expected);
    expect(binary.quadCount).toBeLessThan(naive.quadCount / 2);
    expect(binary.quadCount).toBeLessThanOrEqual(classic.quadCount);
  });
});

describe('BinaryGreedyMesher contract', () => {
  it('a full chunk with air around is exactly 6 quads of 32x32', () => {
    for (const id of [STONE, WATER, LEAVES]) {
      const m = meshChunk(filled(id), NO_NEIGHBORS);
      expect(m.quadCount).toBe(6);
      for (let i = 0; i < 6; i++) {
        const w0 = m.quads[i * 2];
        expect(((w0 >>> 15) & 31) + 1).toBe(32);
        expect(((w0 >>> 20) & 31) + 1).toBe(32);
      }
      expect(m.solidQuadCount).toBe(id === WATER ? 0 : 6);
      expect(m.quads.length).toBe(12);
    }
  });

  it('a full stone chunk inside stone is empty; water inside water is empty', () => {
    expect(meshChunk(filled(STONE), Array.from({ length: 6 }, () => filled(STONE))).quadCount).toBe(0);
    expect(meshChunk(filled(WATER), Array.from({ length: 6 }, () => filled(WATER))).quadCount).toBe(0);
    // Water beside stone: stone hides water's faces.
    expect(meshChunk(filled(WATER), Array.from({ length: 6 }, () => filled(STONE))).quadCount).toBe(0);
    // Leaves beside water: both are see-through and different, so leaves draw all 6 sides.
    expect(meshChunk(filled(LEAVES), Array.from({ length: 6 }, () => filled(WATER))).quadCount).toBe(6);
  });

  it('meshChunk(voxels, neighbours) equals meshChunkWithBorders with borders taken from the neighbours', async () => {
    const { bordersFromNeighbors } = await import('./meshTestUtils');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (seed, present) => {
          const vox = randomField(seed, 'noise', 0.5, PALETTE);
          const nbs: Neighbors = present.map((p, f) => (p ? randomField(seed ^ (f + 1) * 7919, 'noise', 0.5, PALETTE) : null));
          const a = meshChunk(vox, nbs);
          const b = meshChunkWithBorders(vox, bordersFromNeighbors(nbs));
          expect(b.quadCount).toBe(a.quadCount);
          expect(b.solidQuadCount).toBe(a.solidQuadCount);
          expect(Array.from(b.quads.subarray(0, b.quadCount * 2))).toEqual(Array.from(a.quads.subarray(0, a.quadCount * 2)));
        },
      ),
      { seed: 42, numRuns: 15 },
    );
  });

  it('reuses a caller-owned output: same result twice, no stale quads after a smaller mesh, growth from 1 quad', () => {
    const out = createMeshOutput(1);
    const scratch = createMesherScratch();
    const big = fromFn((x, y, z) => ((x + y + z) & 1 ? WATER : LEAVES)); // 196,608 unit faces
    const small = single(3, 4, 5, STONE);
    const r1 = meshChunk(big, NO_NEIGHBORS, out, scratch);
    expect(r1).toBe(out);
    expect(checkMesh(out, big, NO_NEIGHBORS)).toEqual([]);
    const firstCount = out.quadCount;
    const firstQuads = Array.from(out.quads.subarray(0, firstCount * 2));
    meshChunk(big, NO_NEIGHBORS, out, scratch);
    expect(out.quadCount).toBe(firstCount);
    expect(Array.from(out.quads.subarray(0, firstCount * 2))).toEqual(firstQuads);
    const capacity = out.quads.length;
    meshChunk(small, NO_NEIGHBORS, out, scratch);
    expect(out.quads.length).toBe(capacity); // no shrink, no reallocation
    expect(out.quadCount).toBe(6);
    expect(out.solidQuadCount).toBe(6);
    expect(checkMesh(out, small, NO_NEIGHBORS)).toEqual([]);
    // Meshing air leaves nothing behind.
    meshChunk(filled(0), NO_NEIGHBORS, out, scratch);
    expect(out.quadCount).toBe(0);
    expect(out.solidQuadCount).toBe(0);
  });

  it('without an output returns an exactly sized, independent mesh', () => {
    const a = meshChunk(single(1, 2, 3, STONE), NO_NEIGHBORS);
    const b = meshChunk(single(4, 5, 6, WATER), NO_NEIGHBORS);
    expect(a.quads.length).toBe(12);
    expect(checkMesh(a, single(1, 2, 3, STONE), NO_NEIGHBORS)).toEqual([]);
    expect(checkMesh(b, single(4, 5, 6, WATER), NO_NEIGHBORS)).toEqual([]);
  });

  it('meshes a uniform chunk given as its id like the filled array', () => {
    for (const [, nbs] of NEIGHBOR_SETS) {
      for (const id of [0, STONE, WATER, LEAVES, 700]) {
        const a = meshChunk(id, nbs);
        const b = meshChunk(filled(id), nbs);
        expect(Array.from(a.quads)).toEqual(Array.from(b.quads));
        expect(a.solidQuadCount).toBe(b.solidQuadCount);
      }
    }
    // Stone inside stone but one air voxel across +y: exactly that one face.
    const nbs = Array.from({ length: 6 }, () => filled(STONE));
    nbs[2] = filled(STONE);
    nbs[2][idx(5, 0, 7)] = 0;
    const m = meshChunk(STONE, nbs);
    expect(m.quadCount).toBe(1);
    expect(checkMesh(m, filled(STONE), nbs)).toEqual([]);
  });

  it('isFaceVisible and the see-through classes follow the registry', () => {
    const ids = [0, ...Array.from({ length: 13 }, (_, i) => i + 1), 700];
    for (const a of ids)
      for (const b of ids) expect(isFaceVisible(a, b), `${a} -> ${b}`).toBe(a !== 0 && !opaqueRef(b) && a !== b);
    expect(SEE_THROUGH_CLASS[WATER]).not.toBe(SEE_THROUGH_CLASS[LEAVES]);
    for (const id of [0, STONE, DIRT, 700]) expect(SEE_THROUGH_CLASS[id]).toBe(255);
  });

  it('transpose32 transposes 32x32 bit matrices (fast-check against bit-by-bit)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -0x80000000, max: 0x7fffffff }), { minLength: 32, maxLength: 32 }), (rows) => {
        const a = new Int32Array(40);
        a.set(rows, 5);
        transpose32(a, 5);
        for (let r = 0; r < 32; r++)
          for (let c = 0; c < 32; c++) expect((a[5 + r] >>> c) & 1).toBe((rows[c] >>> r) & 1);
        expect([a[0], a[4], a[37], a[39]]).toEqual([0, 0, 0, 0]);
      }),
      { seed: 7, numRuns: 50 },
    );
  });

  it('rejects bad inputs with specific messages', () => {
    expect(() => meshChunk(new Uint16Array(10), NO_NEIGHBORS)).toThrow(
      'BinaryGreedyMesher: voxels must be a Uint16Array(32768) or a block id, got Uint16Array(10)',
    );
    expect(() => meshChunk(-1, NO_NEIGHBORS)).toThrow("BinaryGreedyMesher: a uniform chunk's id must be an integer in 0..65535, got -1");
    expect(() => meshChunk(filled(1), [null, null])).toThrow('borders: neighbors must have 6 entries');
    expect(() => meshChunkWithBorders(filled(1), new Uint16Array(100))).toThrow(
      'BinaryGreedyMesher: borders must be a Uint16Array(6144), got Uint16Array(100)',
    );
    expect(() => createMeshOutput(0)).toThrow('meshOutput: capacityQuads must be an integer in 1..196608, got 0');
  });
});
