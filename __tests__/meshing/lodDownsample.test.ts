/**
 * 2x LOD downsample (utils/meshing/lodDownsample.ts): the rule on hand-made cells, agreement with a brute-force
 * reference on random fields, idempotence, the superset property the no-hole argument rests on, and borders.
 * Voxel index x + z*32 + y*1024; border layouts: x faces z + y*32, y faces x + z*32, z faces x + y*32.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BLOCKS, BlockId } from '@/config/blocks';
import { extractBorder } from '@/utils/meshing/BinaryGreedyMesher';
import { downsampleBorder, downsampleVoxels } from '@/utils/meshing/lodDownsample';

const { AIR, STONE, DIRT, GRASS, SAND, WATER, LEAVES, WOOD, SNOW } = BlockId;
const idx = (x: number, y: number, z: number): number => x + z * 32 + y * 1024;
/** Opacity from the registry itself (not the module's table). */
const opaque = (id: number): boolean => BLOCKS[id]?.opaque ?? true;

/** Deterministic PRNG (mulberry32) for random fields. */
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

const PALETTE = [AIR, STONE, DIRT, GRASS, SAND, WATER, LEAVES, WOOD, SNOW];

/** Random chunk: each voxel air with probability `airP`, else a palette id (air included again). */
function randomField(seed: number, airP: number, n = 32768): Uint16Array {
  const r = rng(seed);
  const v = new Uint16Array(n);
  for (let i = 0; i < n; i++) v[i] = r() < airP ? AIR : PALETTE[Math.floor(r() * PALETTE.length)];
  return v;
}

/** Brute force: candidates listed highest first, ties lowest index first; first opaque, else first non-air, else air. */
function pickRef(ids: number[]): number {
  for (const id of ids) if (opaque(id)) return id;
  for (const id of ids) if (id !== AIR) return id;
  return AIR;
}

function downsampleRef(v: Uint16Array): Uint16Array {
  const out = new Uint16Array(32768);
  for (let y = 0; y < 32; y += 2)
    for (let z = 0; z < 32; z += 2)
      for (let x = 0; x < 32; x += 2) {
        const ids: number[] = [];
        for (const dy of [1, 0]) for (const dz of [0, 1]) for (const dx of [0, 1]) ids.push(v[idx(x + dx, y + dy, z + dz)]);
        const id = pickRef(ids);
        for (let dy = 0; dy < 2; dy++) for (let dz = 0; dz < 2; dz++) for (let dx = 0; dx < 2; dx++) out[idx(x + dx, y + dy, z + dz)] = id;
      }
  return out;
}

/** Brute force for a border slice: (u, v) = index % 32, index / 32; v is y for x and z faces. */
function downsampleBorderRef(b: Uint16Array, face: number): Uint16Array {
  const out = new Uint16Array(1024);
  const yAxis = face !== 2 && face !== 3;
  for (let v = 0; v < 32; v += 2)
    for (let u = 0; u < 32; u += 2) {
      const at = (du: number, dv: number) => b[u + du + (v + dv) * 32];
      const ids = yAxis ? [at(0, 1), at(1, 1), at(0, 0), at(1, 0)] : [at(0, 0), at(1, 0), at(0, 1), at(1, 1)];
      const id = pickRef(ids);
      for (let dv = 0; dv < 2; dv++) for (let du = 0; du < 2; du++) out[u + du + (v + dv) * 32] = id;
    }
  return out;
}

/** Index of the first differing element, or -1 (typed-array toEqual is slow on 32768 ids). */
function firstDiff(a: Uint16Array, b: Uint16Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** A chunk of air with the given voxels of the cell at (0,0,0) set; returns the cell's downsampled id. */
function cellOf(set: [number, number, number, number][]): number {
  const v = new Uint16Array(32768);
  for (const [x, y, z, id] of set) v[idx(x, y, z)] = id;
  const out = downsampleVoxels(v, new Uint16Array(32768));
  const id = out[0];
  for (let dy = 0; dy < 2; dy++) for (let dz = 0; dz < 2; dz++) for (let dx = 0; dx < 2; dx++) expect(out[idx(dx, dy, dz)]).toBe(id);
  // Cells outside stay air.
  expect(out[idx(2, 0, 0)]).toBe(AIR);
  expect(out[idx(0, 2, 0)]).toBe(AIR);
  return id;
}

describe('downsampleVoxels: the rule on hand-made cells', () => {
  it('all air stays air', () => {
    expect(cellOf([])).toBe(AIR);
  });

  it('opaque wins over water, leaves and air wherever it is in the cell', () => {
    expect(cellOf([[0, 1, 0, WATER], [1, 1, 1, WATER], [0, 0, 0, WATER], [1, 0, 1, STONE]])).toBe(STONE);
    expect(cellOf([[0, 1, 0, LEAVES], [1, 1, 0, LEAVES], [0, 1, 1, LEAVES], [1, 1, 1, LEAVES], [0, 0, 1, DIRT]])).toBe(DIRT);
    expect(cellOf([[1, 0, 1, SAND]])).toBe(SAND);
  });

  it('takes the highest opaque voxel: grass on dirt stays grass, snow on stone stays snow', () => {
    expect(cellOf([[0, 0, 0, DIRT], [1, 0, 0, DIRT], [0, 0, 1, DIRT], [1, 0, 1, DIRT], [1, 1, 1, GRASS]])).toBe(GRASS);
    expect(cellOf([[0, 0, 0, STONE], [0, 1, 1, SNOW], [1, 1, 0, LEAVES]])).toBe(SNOW);
  });

  it('without opaque voxels takes the highest non-air id (leaves over water)', () => {
    expect(cellOf([[0, 0, 0, WATER], [1, 0, 0, WATER], [1, 1, 1, LEAVES]])).toBe(LEAVES);
    expect(cellOf([[0, 0, 0, LEAVES], [1, 1, 0, WATER]])).toBe(WATER);
    expect(cellOf([[1, 0, 1, WATER]])).toBe(WATER);
  });

  it('ties within a y level go to the lowest voxel index (x before x+1, z before z+1)', () => {
    expect(cellOf([[1, 1, 0, STONE], [0, 1, 1, DIRT]])).toBe(STONE); // index 1 + 1024 < 32 + 1024
    expect(cellOf([[1, 1, 1, STONE], [0, 1, 1, DIRT]])).toBe(DIRT);
    expect(cellOf([[0, 0, 0, GRASS], [1, 0, 0, SAND]])).toBe(GRASS);
  });

  it('a uniform cell keeps its id; odd-aligned structure is merged into the even cells', () => {
    const v = new Uint16Array(32768).fill(STONE);
    expect(downsampleVoxels(v, new Uint16Array(32768)).every((id) => id === STONE)).toBe(true);
    // One grass voxel at (31, 31, 31): the last cell (30..31)^3 becomes grass, nothing else changes.
    const w = new Uint16Array(32768);
    w[idx(31, 31, 31)] = GRASS;
    const out = downsampleVoxels(w, new Uint16Array(32768));
    let grass = 0;
    for (let i = 0; i < 32768; i++) if (out[i] === GRASS) grass++;
    expect(grass).toBe(8);
    expect(out[idx(30, 30, 30)]).toBe(GRASS);
  });
});

describe('downsampleVoxels: properties on random fields', () => {
  const fieldArb = fc.record({ seed: fc.integer({ min: 0, max: 0x7fffffff }), airP: fc.double({ min: 0, max: 1, noNaN: true }) });

  it('equals the brute-force reference, does not touch its input, and works in place', () => {
    fc.assert(
      fc.property(fieldArb, ({ seed, airP }) => {
        const v = randomField(seed, airP);
        const copy = v.slice();
        const out = downsampleVoxels(v, new Uint16Array(32768));
        expect(firstDiff(v, copy)).toBe(-1);
        expect(firstDiff(out, downsampleRef(v))).toBe(-1);
        const inPlace = v.slice();
        downsampleVoxels(inPlace, inPlace);
        expect(firstDiff(inPlace, out)).toBe(-1);
      }),
      { seed: 424242, numRuns: 20 },
    );
  });

  it('is idempotent: downsampling twice equals once', () => {
    fc.assert(
      fc.property(fieldArb, ({ seed, airP }) => {
        const once = downsampleVoxels(randomField(seed, airP), new Uint16Array(32768));
        const twice = downsampleVoxels(once, new Uint16Array(32768));
        expect(firstDiff(twice, once)).toBe(-1);
      }),
      { seed: 777, numRuns: 30 },
    );
  });

  it('superset: every opaque (non-air) input voxel lies in an opaque (non-air) output cell', () => {
    fc.assert(
      fc.property(fieldArb, ({ seed, airP }) => {
        const v = randomField(seed, airP);
        const out = downsampleVoxels(v, new Uint16Array(32768));
        let badOpaque = 0;
        let badSolid = 0;
        for (let i = 0; i < 32768; i++) {
          // Every voxel of a cell carries the cell's id, so out[i] is the id of the cell holding voxel i.
          if (opaque(v[i]) && !opaque(out[i])) badOpaque++;
          if (v[i] !== AIR && out[i] === AIR) badSolid++;
        }
        expect(badOpaque).toBe(0);
        expect(badSolid).toBe(0);
      }),
      { seed: 99, numRuns: 40 },
    );
  });
});

describe('downsampleBorder', () => {
  it('equals the brute-force reference per face (y-first on x/z faces, index order on y faces), in place too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 5 }),
        (seed, airP, face) => {
          const b = randomField(seed, airP, 1024);
          // Embed at an offset to check offset handling; fill the rest with a marker that must stay.
          const src = new Uint16Array(3 * 1024).fill(0xbeef);
          src.set(b, 1024);
          const out = new Uint16Array(3 * 1024).fill(0xbeef);
          downsampleBorder(src, 1024, face, out, 2048);
          expect(out.subarray(2048)).toEqual(downsampleBorderRef(b, face));
          expect(out.subarray(0, 2048).every((x) => x === 0xbeef)).toBe(true);
          downsampleBorder(src, 1024, face, src, 1024);
          expect(src.subarray(1024, 2048)).toEqual(downsampleBorderRef(b, face));
          expect(src[0]).toBe(0xbeef);
          expect(src[2048]).toBe(0xbeef);
        },
      ),
      { seed: 31337, numRuns: 120 },
    );
  });

  it('x and z faces prefer the higher row (y), y faces the lowest index', () => {
    const b = new Uint16Array(1024);
    b[0] = DIRT; // (u0, v0)
    b[33] = GRASS; // (u1, v1): higher v
    for (const face of [0, 1, 4, 5]) expect(downsampleBorder(b, 0, face, new Uint16Array(1024), 0)[0]).toBe(GRASS);
    for (const face of [2, 3]) expect(downsampleBorder(b, 0, face, new Uint16Array(1024), 0)[0]).toBe(DIRT);
  });

  it("a downsampled border is covered by the neighbour's own LOD layer (opaque -> opaque, non-air -> non-air)", () => {
    // The border of face f is the neighbour's layer facing us; the neighbour at LOD draws downsampleVoxels of itself.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, airP) => {
        const nb = randomField(seed, airP);
        const nbLod = downsampleVoxels(nb, new Uint16Array(32768));
        const real = new Uint16Array(1024);
        const lodLayer = new Uint16Array(1024);
        const down = new Uint16Array(1024);
        for (let f = 0; f < 6; f++) {
          extractBorder(nb, f, real, 0);
          extractBorder(nbLod, f, lodLayer, 0);
          downsampleBorder(real, 0, f, down, 0);
          for (let j = 0; j < 1024; j++) {
            if (opaque(down[j])) expect(opaque(lodLayer[j])).toBe(true);
            if (down[j] !== AIR) expect(lodLayer[j]).not.toBe(AIR);
          }
        }
      }),
      { seed: 5150, numRuns: 15 },
    );
  });

  it('rejects bad faces, offsets and arrays with a prefixed message', () => {
    const b = new Uint16Array(1024);
    expect(() => downsampleBorder(b, 0, 6, b, 0)).toThrow('lodDownsample: face must be an integer in 0..5, got 6');
    expect(() => downsampleBorder(b, 1, 0, b, 0)).toThrow('lodDownsample: offset must be an integer in 0..0, got 1');
    expect(() => downsampleBorder(b, 0, 0, new Uint16Array(2048), 1025)).toThrow('lodDownsample: outOffset must be an integer in 0..1024, got 1025');
    expect(() => downsampleVoxels(new Uint16Array(10), new Uint16Array(32768))).toThrow('lodDownsample: voxels must be a Uint16Array(32768), got Uint16Array(10)');
    expect(() => downsampleVoxels(new Uint16Array(32768), new Uint16Array(1))).toThrow('lodDownsample: out must be a Uint16Array(32768), got Uint16Array(1)');
  });
});
