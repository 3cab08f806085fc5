import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TerrainGenerator } from '../../utils/world/TerrainGenerator';
import { findRepresentativeChunks } from '../../utils/world/sampleChunks';
import { BlockId } from '../../config/blocks';

const SEED = 1337;
const reps = findRepresentativeChunks(SEED, 8);

/** Reference: generateChunk + 6 x generateBorder on a fresh instance. */
function reference(cx: number, cy: number, cz: number) {
  const g = new TerrainGenerator(SEED);
  const out = new Uint16Array(32768);
  const uniform = g.generateChunk(cx, cy, cz, out);
  const borders = new Uint16Array(6 * 1024);
  const bu = new Int32Array(6);
  for (let f = 0; f < 6; f++) bu[f] = g.generateBorder(cx, cy, cz, f, borders, f * 1024);
  return { uniform, out, borders, bu };
}

/** Scratch reused across calls (and poisoned before each) so stale contents cannot pass for results. */
const out = new Uint16Array(32768);
const borders = new Uint16Array(6 * 1024);
const bu = new Int32Array(6);
function poison(): void {
  out.fill(0xbeef);
  borders.fill(0xbeef);
  bu.fill(-7);
}

function expectSameBorders(ref: ReturnType<typeof reference>, label: string, mask = 63): void {
  for (let f = 0; f < 6; f++) {
    if (((mask >> f) & 1) === 0) {
      expect(bu[f], `${label} face ${f} outside the mask untouched`).toBe(-7);
      continue;
    }
    expect(bu[f], `${label} face ${f} uniform`).toBe(ref.bu[f]);
    if (ref.bu[f] < 0) {
      const a = ref.borders.subarray(f * 1024, f * 1024 + 1024);
      const b = borders.subarray(f * 1024, f * 1024 + 1024);
      let diff = -1;
      for (let i = 0; i < 1024 && diff < 0; i++) if (a[i] !== b[i]) diff = i;
      expect(diff, `${label} face ${f} first differing index`).toBe(-1);
    }
  }
}

function checkChunk(g: TerrainGenerator, cx: number, cy: number, cz: number): { uniform: number; mixedFaces: number } {
  const label = `chunk ${cx},${cy},${cz}`;
  const ref = reference(cx, cy, cz);
  poison();
  const u = g.generateChunkWithBorders(cx, cy, cz, out, borders, bu);
  expect(u, `${label} uniform`).toBe(ref.uniform);
  if (u < 0) {
    let diff = -1;
    for (let i = 0; i < 32768 && diff < 0; i++) if (out[i] !== ref.out[i]) diff = i;
    expect(diff, `${label} first differing voxel`).toBe(-1);
  } else {
    expect(out[0], `${label} out untouched when uniform`).toBe(0xbeef);
  }
  expectSameBorders(ref, label);
  poison();
  g.generateBorders(cx, cy, cz, borders, bu);
  expectSameBorders(ref, `${label} (generateBorders)`);
  let mixedFaces = 0;
  for (let f = 0; f < 6; f++) if (ref.bu[f] < 0) mixedFaces++;
  return { uniform: ref.uniform, mixedFaces };
}

describe('TerrainGenerator.generateChunkWithBorders / generateBorders', () => {
  it('equal generateChunk + 6 x generateBorder on every representative chunk and its neighbours', () => {
    const g = new TerrainGenerator(SEED);
    let mixedChunks = 0;
    let mixedFaces = 0;
    for (const kind of ['surface', 'cave', 'mountain', 'uniform'] as const) {
      for (const [cx, cy, cz] of reps[kind]) {
        for (const [dx, dy, dz] of [[0, 0, 0], [0, 1, 0], [0, -1, 0], [1, 0, 0]]) {
          const r = checkChunk(g, cx + dx, cy + dy, cz + dz);
          if (r.uniform < 0) mixedChunks++;
          mixedFaces += r.mixedFaces;
        }
      }
    }
    // The sample really exercises fills, not only uniform shortcuts.
    expect(mixedChunks).toBeGreaterThan(40);
    expect(mixedFaces).toBeGreaterThan(200);
  });

  it('covers uniform chunks (sky, deep stone, ocean water) and near-uniform ones (the layers next to them)', () => {
    const g = new TerrainGenerator(SEED);
    const [cx, , cz] = reps.surface[0];
    for (let cy = -4; cy <= 9; cy++) checkChunk(g, cx, cy, cz);
    // An ocean column: a chunk of water below sea level (uniform), and the chunks around it.
    let ocean: [number, number] | null = null;
    for (let i = 0; i < 20000 && ocean === null; i++) {
      const x = ((i * 37) % 2048) - 1024;
      const z = (Math.floor(i / 7) % 2048) - 1024;
      if (g.surfaceHeight(x * 32 + 16, z * 32 + 16) < 0 && g.uniformId(x, 0, z) === BlockId.WATER) ocean = [x, z];
    }
    expect(ocean).not.toBeNull();
    const [ox, oz] = ocean as [number, number];
    for (let cy = -2; cy <= 3; cy++) checkChunk(g, ox, cy, oz);
    expect(checkChunk(g, ox, 0, oz).uniform).toBe(BlockId.WATER);
  });

  it('equal the separate calls for random chunks up to 10,000,000 blocks out, in any order on one instance', () => {
    const g = new TerrainGenerator(SEED);
    fc.assert(
      fc.property(
        fc.integer({ min: -312_500, max: 312_499 }),
        fc.integer({ min: -2, max: 6 }),
        fc.integer({ min: -312_500, max: 312_499 }),
        fc.boolean(),
        (cx, cy, cz, bordersFirst) => {
          if (bordersFirst) {
            const ref = reference(cx, cy, cz);
            poison();
            g.generateBorders(cx, cy, cz, borders, bu);
            expectSameBorders(ref, `far ${cx},${cy},${cz}`);
          }
          checkChunk(g, cx, cy, cz);
        },
      ),
      { numRuns: 60, seed: 4242 },
    );
  });

  it('equal the separate calls on chunks whose borders cut trees and caves (random neighbours of samples)', () => {
    const g = new TerrainGenerator(SEED);
    const base = [...reps.surface, ...reps.cave];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: -1, max: 1 }),
        fc.integer({ min: -3, max: 3 }),
        (i, dx, dy, dz) => {
          const [cx, cy, cz] = base[i];
          checkChunk(g, cx + dx, cy + dy, cz + dz);
        },
      ),
      { numRuns: 80, seed: 7 },
    );
  });

  it('generateBorders fills exactly the faces of its mask', () => {
    const g = new TerrainGenerator(SEED);
    for (const [cx, cy, cz] of [...reps.surface.slice(0, 3), ...reps.mountain.slice(0, 3)]) {
      const ref = reference(cx, cy, cz);
      for (const mask of [1, 2, 4, 8, 16, 32, 0b101010, 0b010101, 0]) {
        poison();
        g.generateBorders(cx, cy, cz, borders, bu, mask);
        expectSameBorders(ref, `chunk ${cx},${cy},${cz} mask ${mask}`, mask);
        if (mask === 0) expect(borders.every((v) => v === 0xbeef)).toBe(true);
      }
    }
  });

  it('skips the borders of air chunks only when asked', () => {
    const g = new TerrainGenerator(SEED);
    // An air chunk (decided from its bounds) whose -y slice holds the surface below it.
    let found: [number, number, number] | null = null;
    for (let i = 0; i < 20000 && found === null; i++) {
      const x = ((i * 37) % 2048) - 1024;
      const z = (Math.floor(i / 7) % 2048) - 1024;
      const y = Math.floor(g.surfaceHeight(x * 32 + 16, z * 32 + 16) / 32) + 1;
      out[0] = 0xbeef; // air decided from the bounds leaves out untouched (a fill found all air would not)
      if (g.generateChunk(x, y, z, out) === BlockId.AIR && out[0] === 0xbeef && g.generateBorder(x, y, z, 3, borders) === -1) {
        found = [x, y, z];
      }
    }
    expect(found).not.toBeNull();
    const [cx, ay, cz] = found as [number, number, number];
    const ref = reference(cx, ay, cz);
    poison();
    expect(g.generateChunkWithBorders(cx, ay, cz, out, borders, bu, false)).toBe(BlockId.AIR);
    expect(bu.every((v) => v === -7) && borders.every((v) => v === 0xbeef)).toBe(true);
    poison();
    expect(g.generateChunkWithBorders(cx, ay, cz, out, borders, bu)).toBe(BlockId.AIR);
    expectSameBorders(ref, 'air chunk');
  });

  it('rejects bad arguments with specific messages', () => {
    const g = new TerrainGenerator(SEED);
    expect(() => g.generateChunkWithBorders(0.5, 0, 0, out, borders, bu)).toThrow(
      'TerrainGenerator.generateChunkWithBorders: cx must be an integer in [-2097152, 2097151], got 0.5',
    );
    expect(() => g.generateChunkWithBorders(0, 0, 0, new Uint16Array(100), borders, bu)).toThrow(
      'TerrainGenerator.generateChunkWithBorders: out.length must be >= 32768, got 100',
    );
    expect(() => g.generateChunkWithBorders(0, 0, 0, out, new Uint16Array(1024), bu)).toThrow(
      'TerrainGenerator.generateChunkWithBorders: borders must be a Uint16Array of length >= 6144 (face f at f*1024), got length 1024',
    );
    expect(() => g.generateBorders(0, 0, 0, borders, new Int32Array(5))).toThrow(
      'TerrainGenerator.generateBorders: borderUniform must be an Int32Array of length >= 6, got length 5',
    );
    expect(() => g.generateBorders(0, 0, 0, borders, bu, 64)).toThrow(
      'TerrainGenerator.generateBorders: faceMask must be an integer in [0, 63] (bit f = face f), got 64',
    );
  });
});
