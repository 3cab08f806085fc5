import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TerrainGenerator } from '../../utils/world/TerrainGenerator';
import { findRepresentativeChunks } from '../../utils/world/sampleChunks';
import { BLOCK_COUNT, BlockId } from '../../config/blocks';
import { FACE_DIRS } from '../../types/chunk';
import { SEA_LEVEL, SNOW_LINE } from '../../utils/world/terrainConstants';

const SEED = 1337;
const gen = new TerrainGenerator(SEED);
const reps = findRepresentativeChunks(SEED, 6);

/** Full voxels of a chunk (uniform ones expanded). */
function chunk(g: TerrainGenerator, cx: number, cy: number, cz: number): Uint16Array {
  const out = new Uint16Array(32768);
  const u = g.generateChunk(cx, cy, cz, out);
  if (u >= 0) out.fill(u);
  return out;
}

function fnv(a: Uint16Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a[i], 0x01000193);
  return h >>> 0;
}

/** The layer of neighbour voxels `nb` facing across `face`, in the border layout of types/chunk.ts. */
function facingLayer(nb: Uint16Array, face: number): Uint16Array {
  const s = new Uint16Array(1024);
  for (let a = 0; a < 32; a++) {
    for (let b = 0; b < 32; b++) {
      let i: number;
      if (face === 0) i = 0 + a * 32 + b * 1024; // x=0, z=a, y=b -> a + b*32
      else if (face === 1) i = 31 + a * 32 + b * 1024;
      else if (face === 2) i = a + b * 32 + 0 * 1024; // y=0, x=a, z=b
      else if (face === 3) i = a + b * 32 + 31 * 1024;
      else if (face === 4) i = a + 0 * 32 + b * 1024; // z=0, x=a, y=b
      else i = a + 31 * 32 + b * 1024;
      s[a + b * 32] = nb[i];
    }
  }
  return s;
}

function checkBorders(g: TerrainGenerator, cx: number, cy: number, cz: number): void {
  const borders = new Uint16Array(6 * 1024);
  for (let f = 0; f < 6; f++) {
    const [dx, dy, dz] = FACE_DIRS[f];
    const want = facingLayer(chunk(g, cx + dx, cy + dy, cz + dz), f);
    const u = g.generateBorder(cx, cy, cz, f, borders, f * 1024);
    const got = u >= 0 ? new Uint16Array(1024).fill(u) : borders.subarray(f * 1024, f * 1024 + 1024);
    if (u === -1) expect(got.every((v) => v === got[0])).toBe(false);
    expect(Array.from(got), `chunk ${cx},${cy},${cz} face ${f}`).toEqual(Array.from(want));
  }
}

const columnTop = (v: Uint16Array, x: number, z: number, solidOnly = true): number => {
  for (let y = 31; y >= 0; y--) {
    const id = v[x + z * 32 + y * 1024];
    if (!solidOnly ? id !== BlockId.AIR : id !== BlockId.AIR && id !== BlockId.WATER && id !== BlockId.WOOD && id !== BlockId.LEAVES) return y;
  }
  return -1;
};

describe('TerrainGenerator', () => {
  it('finds every kind of representative chunk', () => {
    for (const k of ['surface', 'cave', 'mountain', 'uniform'] as const) expect(reps[k].length).toBe(6);
    for (const [cx, cy, cz] of reps.mountain) expect(cy * 32).toBeGreaterThanOrEqual(120);
  });

  it('gives identical bytes in any order and across instances', () => {
    const coords = [...reps.surface, ...reps.cave, ...reps.mountain, ...reps.uniform.slice(0, 2)];
    const a = new TerrainGenerator(SEED);
    const forward = coords.map(([x, y, z]) => fnv(chunk(a, x, y, z)));
    const b = new TerrainGenerator(SEED);
    const backward = [...coords].reverse().map(([x, y, z]) => fnv(chunk(b, x, y, z))).reverse();
    expect(backward).toEqual(forward);
    // interleaved with unrelated work on the same instance
    const again = coords.map(([x, y, z]) => {
      a.generateChunk(x + 57, y, z - 91, new Uint16Array(32768));
      return fnv(chunk(a, x, y, z));
    });
    expect(again).toEqual(forward);
    // a different seed gives a different world
    const c = new TerrainGenerator(SEED + 1);
    const [sx, sy, sz] = reps.surface[0];
    expect(fnv(chunk(c, sx, sy, sz))).not.toBe(forward[0]);
  });

  it('writes only valid block ids', () => {
    for (const [x, y, z] of [...reps.surface, ...reps.cave, ...reps.mountain]) {
      const v = chunk(gen, x, y, z);
      expect(v.every((id) => id < BLOCK_COUNT)).toBe(true);
    }
  });

  it('border slices equal the neighbours\' facing layers (representative chunks)', () => {
    for (const [x, y, z] of [...reps.surface.slice(0, 3), ...reps.cave.slice(0, 3), ...reps.mountain.slice(0, 3)]) {
      checkBorders(gen, x, y, z);
    }
    checkBorders(gen, ...(reps.uniform[0] as [number, number, number]));
  });

  it('border slices equal the neighbours\' layers for random chunks up to 10,000,000 blocks out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -312500, max: 312499 }),
        fc.integer({ min: -2, max: 6 }),
        fc.integer({ min: -312500, max: 312499 }),
        (cx, cy, cz) => {
          checkBorders(gen, cx, cy, cz);
        },
      ),
      { numRuns: 12, seed: 4242 },
    );
  });

  it('keeps a tree canopy whole across a chunk border', () => {
    // Find a chunk with a trunk 2 blocks from its +x side (trunks stand at offsets 1..6 of 8-block cells,
    // so x = 30 is the closest) whose canopy (radius 2) continues into the +x neighbour.
    let found = false;
    for (const [cx, cy, cz] of reps.surface) {
      for (const dy of [0, 1]) {
        const a = chunk(gen, cx, cy + dy, cz);
        for (let i = 0; i < 32768 && !found; i++) {
          if ((i & 31) !== 30 || a[i] !== BlockId.WOOD) continue;
          const y = i >> 10;
          const z = (i >> 5) & 31;
          // canopy layer: leaves beside the trunk on the +x side, inside the neighbour
          const b = chunk(gen, cx + 1, cy + dy, cz);
          const leavesNb = (yy: number) => b[0 + z * 32 + yy * 1024] === BlockId.LEAVES;
          let ly = -1;
          for (let yy = y; yy < 32; yy++) if (leavesNb(yy)) { ly = yy; break; }
          if (ly < 0) continue;
          found = true;
          const border = new Uint16Array(1024);
          expect(gen.generateBorder(cx, cy + dy, cz, 0, border)).toBe(-1);
          expect(border[z + ly * 32]).toBe(BlockId.LEAVES);
          const back = new Uint16Array(1024);
          expect(gen.generateBorder(cx + 1, cy + dy, cz, 1, back)).toBe(-1);
          // and the neighbour sees this side of the same canopy layer across its -x face
          expect(a[31 + z * 32 + ly * 1024]).toBe(BlockId.LEAVES);
          expect(back[z + ly * 32]).toBe(BlockId.LEAVES);
        }
        if (found) break;
      }
      if (found) break;
    }
    expect(found).toBe(true);
  });

  it('continues a cave across a chunk border', () => {
    let found = false;
    for (const [cx, cy, cz] of reps.cave) {
      const a = chunk(gen, cx, cy, cz);
      const b = chunk(gen, cx, cy, cz + 1);
      const border = new Uint16Array(1024);
      gen.generateBorder(cx, cy, cz, 4, border);
      for (let y = 0; y < 32 && !found; y++) {
        for (let x = 0; x < 32; x++) {
          if (a[x + 31 * 32 + y * 1024] === BlockId.AIR && b[x + y * 1024] === BlockId.AIR) {
            expect(border[x + y * 32]).toBe(BlockId.AIR);
            found = true;
            break;
          }
        }
      }
      if (found) break;
    }
    expect(found).toBe(true);
  });

  it('uniformId agrees with a full fill', () => {
    const cases: [number, number, number][] = [];
    for (const k of ['surface', 'cave', 'mountain', 'uniform'] as const) cases.push(...(reps[k] as [number, number, number][]));
    // sky, deep rock, just above / below the ranges
    cases.push([0, 8, 0], [5, 20, -7], [0, -2, 0], [3, -40, 9], [0, -1, 0]);
    // a uniform water chunk (deep ocean) and chunks above the plains
    let water: [number, number, number] | null = null;
    for (let i = 0; i < 400 && !water; i++) {
      const cx = (i % 20) * 9 - 90;
      const cz = Math.floor(i / 20) * 9 - 90;
      if (gen.uniformId(cx, 0, cz) === BlockId.WATER) water = [cx, 0, cz];
    }
    expect(water).not.toBeNull();
    cases.push(water!);
    for (const [x, , z] of reps.surface) for (let cy = -1; cy <= 7; cy++) cases.push([x, cy, z]);
    for (let i = 0; i < 40; i++) cases.push([(i * 7919) % 601 - 300, (i % 10) - 2, (i * 104729) % 577 - 288]);
    const out = new Uint16Array(32768);
    for (const [x, y, z] of cases) {
      const u = gen.uniformId(x, y, z);
      const g = gen.generateChunk(x, y, z, out);
      expect(u, `chunk ${x},${y},${z}`).toBe(g);
      if (g === -1) expect(out.every((v) => v === out[0])).toBe(false);
    }
    expect(gen.uniformId(water![0], water![1], water![2])).toBe(BlockId.WATER);
    expect(gen.uniformId(0, 9, 0)).toBe(BlockId.AIR);
    expect(gen.uniformId(0, -2, 0)).toBe(BlockId.STONE);
  });

  it('puts water at sea level in an ocean, grass on plains and snow on peaks', () => {
    let ocean = false;
    let plains = false;
    let peak = false;
    for (let i = 0; i < 4000 && !(ocean && plains && peak); i++) {
      const wx = ((i * 7919) % 4001) * 16 - 32000;
      const wz = ((i * 104729) % 3989) * 16 - 32000;
      const h = gen.surfaceHeight(wx, wz);
      const want = h < SEA_LEVEL - 10 ? 'ocean' : h >= 66 && h <= 80 ? 'plains' : h >= SNOW_LINE + 12 ? 'peak' : null;
      if (!want || (want === 'ocean' && ocean) || (want === 'plains' && plains) || (want === 'peak' && peak)) continue;
      const cx = Math.floor(wx / 32);
      const cz = Math.floor(wz / 32);
      const lx = wx - cx * 32;
      const lz = wz - cz * 32;
      const at = (y: number): number => chunk(gen, cx, Math.floor(y / 32), cz)[lx + lz * 32 + (y - Math.floor(y / 32) * 32) * 1024];
      if (want === 'ocean') {
        expect(at(SEA_LEVEL)).toBe(BlockId.WATER);
        expect(at(SEA_LEVEL + 1)).toBe(BlockId.AIR);
        expect(at(h)).toBe(BlockId.WATER);
        expect([BlockId.GRAVEL, BlockId.DIRT, BlockId.SAND]).toContain(at(h - 1));
        ocean = true;
      } else if (want === 'plains') {
        if (at(h - 1) === BlockId.STONE) continue; // a rocky slope
        expect(at(h - 1)).toBe(BlockId.GRASS);
        expect(at(h - 2)).toBe(BlockId.DIRT);
        expect([BlockId.AIR, BlockId.WOOD]).toContain(at(h));
        plains = true;
      } else {
        expect(at(h - 1)).toBe(BlockId.SNOW);
        expect([BlockId.AIR]).toContain(at(h));
        peak = true;
      }
    }
    expect([ocean, plains, peak]).toEqual([true, true, true]);
  });

  it('surfaceHeight is the top terrain block + 1 of the generated column', () => {
    for (const [cx, cy, cz] of [...reps.surface, ...reps.mountain]) {
      const cols: Uint16Array[] = [];
      for (let dy = -1; dy <= 2; dy++) cols.push(chunk(gen, cx, cy + dy, cz));
      for (let k = 0; k < 32; k++) {
        const x = (k * 13) & 31;
        const z = (k * 7 + 3) & 31;
        let top = -1;
        for (let c = cols.length - 1; c >= 0 && top < 0; c--) {
          const t = columnTop(cols[c], x, z);
          if (t >= 0) top = (cy - 1 + c) * 32 + t;
        }
        expect(gen.surfaceHeight(cx * 32 + x, cz * 32 + z)).toBe(top + 1);
      }
    }
  });

  it('rejects bad arguments with specific messages', () => {
    expect(() => new TerrainGenerator(-1)).toThrow(/TerrainGenerator: seed must be an integer in \[0, 4294967295\], got -1/);
    expect(() => gen.generateChunk(0.5, 0, 0, new Uint16Array(32768))).toThrow(/cx must be an integer/);
    expect(() => gen.generateChunk(0, 0, 0, new Uint16Array(10))).toThrow(/out.length must be >= 32768, got 10/);
    expect(() => gen.generateBorder(0, 0, 0, 6, new Uint16Array(1024))).toThrow(/face must be an integer in \[0, 5\], got 6/);
    expect(() => gen.generateBorder(0, 0, 0, 0, new Uint16Array(1024), 1)).toThrow(/offset must be an integer/);
    expect(() => gen.uniformId(0, 1 << 22, 0)).toThrow(/cy must be an integer/);
    expect(() => gen.surfaceHeight(NaN, 0)).toThrow(/surfaceHeight: wx and wz must be finite/);
  });
});
