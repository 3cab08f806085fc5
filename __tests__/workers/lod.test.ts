/**
 * Level of detail in the chunk worker api (workerTypes.ts LodOptions, utils/meshing/lodDownsample.ts):
 * lod 0 / absent is today's behaviour exactly; lod 1 meshes the downsampled voxels (borders downsampled only for
 * faces flagged in lodNeighbours), returns the full voxels and the real borders' hashes, has fewer quads on real
 * terrain (seed 1337), and opens no see-through gap at a seam with a full-detail or an LOD neighbour.
 */
import { describe, expect, it } from 'vitest';
import { BlockId, isOpaque } from '@/config/blocks';
import { CHUNK_AREA, CHUNK_VOLUME, FACE_DIRS, OPPOSITE_FACE } from '@/types/chunk';
import type { ChunkMesh } from '@/types/streaming';
import { extractBorder, extractBorders, forEachFace, meshChunkWithBorders } from '@/utils/meshing/BinaryGreedyMesher';
import { downsampleBorder, downsampleVoxels } from '@/utils/meshing/lodDownsample';
import { encodeChunk, voxelChecksum } from '@/utils/compression/chunkCodec';
import { createChunkWorkerApi, type ChunkTaskResult } from '@/utils/workers/ChunkStreamingWorker';
import { TerrainGenerator } from '@/utils/world/TerrainGenerator';
import { findRepresentativeChunks, type ChunkCoord } from '@/utils/world/sampleChunks';

const SEED = 1337;
const gen = new TerrainGenerator(SEED);
const reps = findRepresentativeChunks(SEED, 6);
const TERRAIN: { kind: string; coords: ChunkCoord[] }[] = [
  { kind: 'surface', coords: reps.surface },
  { kind: 'mountain', coords: reps.mountain },
  { kind: 'cave', coords: reps.cave.slice(0, 3) },
];

function fullChunk(cx: number, cy: number, cz: number): Uint16Array {
  const out = new Uint16Array(CHUNK_VOLUME);
  const u = gen.generateChunk(cx, cy, cz, out);
  if (u >= 0) out.fill(u);
  return out;
}

/** The six real border slices of a chunk (its neighbours generated in full). */
function realBorders(cx: number, cy: number, cz: number): Uint16Array {
  const nb = FACE_DIRS.map(([dx, dy, dz]) => fullChunk(cx + dx, cy + dy, cz + dz));
  return extractBorders(nb, new Uint16Array(6 * CHUNK_AREA));
}

/** Reference LOD mesh: downsampled voxels; borders of the faces in `mask` downsampled. */
function lodReference(voxels: Uint16Array, borders: Uint16Array, mask: number): ChunkMesh {
  const b = borders.slice();
  for (let f = 0; f < 6; f++) if ((mask >> f) & 1) downsampleBorder(borders, f * CHUNK_AREA, f, b, f * CHUNK_AREA);
  return meshChunkWithBorders(downsampleVoxels(voxels, new Uint16Array(CHUNK_VOLUME)), b);
}

function sameMesh(a: ChunkMesh, b: ChunkMesh): void {
  expect(a.quadCount).toBe(b.quadCount);
  expect(a.solidQuadCount).toBe(b.solidQuadCount);
  expect(Array.from(a.quads.subarray(0, 2 * a.quadCount))).toEqual(Array.from(b.quads.subarray(0, 2 * b.quadCount)));
}

function sameVoxels(a: Uint16Array, b: Uint16Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Marks (border layout of face f) of the unit faces `mesh` draws on its own boundary layer toward face f. */
function boundaryFaces(mesh: ChunkMesh, f: number): Uint8Array {
  const m = new Uint8Array(CHUNK_AREA);
  const axis = f >> 1;
  const edge = f & 1 ? 0 : 31;
  forEachFace(mesh, (face, x, y, z) => {
    if (face !== f) return;
    if ((axis === 0 ? x : axis === 1 ? y : z) !== edge) return;
    m[axis === 0 ? z + y * 32 : axis === 1 ? x + z * 32 : x + y * 32] = 1;
  });
  return m;
}

/**
 * See-through gaps across face f of chunk A toward its neighbour B, from what each side shows (its voxels as
 * meshed: downsampled at LOD) and its mesh: a square where one side shows a non-air block X, the other a
 * non-opaque block Y, X is opaque or Y is air, and X's side draws no face there.
 */
function seamGaps(shownA: Uint16Array, meshA: ChunkMesh, shownB: Uint16Array, meshB: ChunkMesh, f: number): number {
  const la = new Uint16Array(CHUNK_AREA);
  const lb = new Uint16Array(CHUNK_AREA);
  extractBorder(shownA, OPPOSITE_FACE[f], la, 0); // A's own layer toward f
  extractBorder(shownB, f, lb, 0); // B's layer facing A
  const fa = boundaryFaces(meshA, f);
  const fb = boundaryFaces(meshB, OPPOSITE_FACE[f]);
  const must = (x: number, y: number) => x !== 0 && !isOpaque(y) && (isOpaque(x) || y === 0);
  let gaps = 0;
  for (let j = 0; j < CHUNK_AREA; j++) {
    if (must(la[j], lb[j]) && fa[j] === 0) gaps++;
    if (must(lb[j], la[j]) && fb[j] === 0) gaps++;
  }
  return gaps;
}

/** Voxels a task result shows: its mesh was built from these (downsampled when lod 1). */
function shown(r: ChunkTaskResult): Uint16Array {
  const v = r.voxels ?? new Uint16Array(CHUNK_VOLUME).fill(r.uniform);
  return r.lod === 1 ? downsampleVoxels(v, new Uint16Array(CHUNK_VOLUME)) : v;
}

describe('ChunkStreamingWorker level of detail', () => {
  const api = createChunkWorkerApi();
  const [sx, sy, sz] = reps.surface[0];

  it('finds the terrain it needs (seed 1337)', () => {
    expect(reps.surface.length).toBe(6);
    expect(reps.mountain.length).toBe(6);
    expect(reps.cave.length).toBeGreaterThanOrEqual(3);
  });

  it('lod 0 and absent are today\'s behaviour exactly (generate, mesh, decompress)', () => {
    const base = api.generate({ seed: SEED, cx: sx, cy: sy, cz: sz, mesh: true });
    const borders = realBorders(sx, sy, sz);
    sameMesh(base.mesh!, meshChunkWithBorders(fullChunk(sx, sy, sz), borders));
    expect(base.lod).toBe(0);
    for (const opts of [{ lod: 0 as const }, { lod: 0 as const, lodNeighbours: 63 }, { lodNeighbours: 63 }]) {
      const r = api.generate({ seed: SEED, cx: sx, cy: sy, cz: sz, mesh: true, ...opts });
      expect(r.lod).toBe(0);
      expect(r.uniform).toBe(-1);
      expect(sameVoxels(r.voxels!, base.voxels!)).toBe(true);
      sameMesh(r.mesh!, base.mesh!);
      expect(Array.from(r.borderHashes)).toEqual(Array.from(base.borderHashes));

      const slices = [0, 1, 2, 3, 4, 5].map((f) => borders.slice(f * CHUNK_AREA, (f + 1) * CHUNK_AREA));
      const m = api.mesh({ seed: SEED, cx: sx, cy: sy, cz: sz, voxels: base.voxels!.slice(), borders: slices, ...opts });
      expect(m.lod).toBe(0);
      sameMesh(m.mesh, base.mesh!);
      expect(Array.from(m.borderHashes)).toEqual(Array.from(base.borderHashes));

      const bytes = encodeChunk(base.voxels!, true);
      const d = api.decompress({ seed: SEED, cx: sx, cy: sy, cz: sz, bytes, mesh: true, ...opts });
      expect(d.lod).toBe(0);
      sameMesh(d.mesh!, base.mesh!);
    }
  });

  it('lod 1 on real terrain: fewer quads, full voxels returned, real border hashes, equals the reference', () => {
    const lines: string[] = [];
    for (const { kind, coords } of TERRAIN) {
      const full: number[] = [];
      const lod: number[] = [];
      const lodAll: number[] = [];
      for (const [cx, cy, cz] of coords) {
        const f = api.generate({ seed: SEED, cx, cy, cz, mesh: true });
        const l = api.generate({ seed: SEED, cx, cy, cz, mesh: true, lod: 1 });
        const la = api.generate({ seed: SEED, cx, cy, cz, mesh: true, lod: 1, lodNeighbours: 63 });
        const voxels = fullChunk(cx, cy, cz);
        const borders = realBorders(cx, cy, cz);
        for (const r of [l, la]) {
          expect(r.lod).toBe(1);
          expect(r.uniform).toBe(-1);
          expect(sameVoxels(r.voxels!, voxels)).toBe(true); // never downsampled in place
          expect(Array.from(r.borderHashes)).toEqual(Array.from(f.borderHashes));
          expect(r.mesh!.quads.length).toBe(2 * r.mesh!.quadCount);
        }
        sameMesh(l.mesh!, lodReference(voxels, borders, 0));
        sameMesh(la.mesh!, lodReference(voxels, borders, 63));
        expect(l.mesh!.quadCount).toBeLessThan(f.mesh!.quadCount);
        expect(la.mesh!.quadCount).toBeLessThan(f.mesh!.quadCount);
        full.push(f.mesh!.quadCount);
        lod.push(l.mesh!.quadCount);
        lodAll.push(la.mesh!.quadCount);
      }
      const mf = median(full);
      lines.push(
        `${kind.padEnd(8)} n=${coords.length} median quads full ${mf}, LOD (real borders) ${median(lod)} ` +
          `(${(median(lod) / mf).toFixed(2)}x), LOD (all borders downsampled) ${median(lodAll)} (${(median(lodAll) / mf).toFixed(2)}x)`,
      );
    }
    console.log(`LOD quads, seed ${SEED}:\n  ${lines.join('\n  ')}`);
  });

  it('mesh with lod 1 hands back the caller\'s voxels untouched and leaves its borders alone', () => {
    const voxels = fullChunk(sx, sy, sz);
    const copy = voxels.slice();
    const borders = realBorders(sx, sy, sz);
    const slices = [0, 1, 2, 3, 4, 5].map((f) => borders.slice(f * CHUNK_AREA, (f + 1) * CHUNK_AREA));
    const sliceCopies = slices.map((s) => s.slice());
    const mask = 0b100101; // +x, +y, -z neighbours at LOD
    const r = api.mesh({ seed: SEED, cx: sx, cy: sy, cz: sz, voxels, borders: slices, lod: 1, lodNeighbours: mask });
    expect(r.lod).toBe(1);
    expect(r.voxels).toBe(voxels);
    expect(sameVoxels(voxels, copy)).toBe(true);
    for (let f = 0; f < 6; f++) expect(sameVoxels(slices[f], sliceCopies[f])).toBe(true);
    sameMesh(r.mesh, lodReference(copy, borders, mask));
    const full = api.generate({ seed: SEED, cx: sx, cy: sy, cz: sz, mesh: true });
    expect(Array.from(r.borderHashes)).toEqual(Array.from(full.borderHashes));
    // Null borders (from the generator) downsample the same way.
    const g = api.mesh({ seed: SEED, cx: sx, cy: sy, cz: sz, voxels: copy.slice(), borders: [null, null, null, null, null, null], lod: 1, lodNeighbours: mask });
    sameMesh(g.mesh, r.mesh);
  });

  it('decompress with lod 1 gives the generate lod 1 result', () => {
    const [cx, cy, cz] = reps.mountain[0];
    const g = api.generate({ seed: SEED, cx, cy, cz, mesh: true, lod: 1, lodNeighbours: 21 });
    const bytes = encodeChunk(g.voxels!, true);
    const d = api.decompress({ seed: SEED, cx, cy, cz, bytes, mesh: true, lod: 1, lodNeighbours: 21, checksum: voxelChecksum(g.voxels!) });
    expect(d.lod).toBe(1);
    expect(sameVoxels(d.voxels!, g.voxels!)).toBe(true);
    sameMesh(d.mesh!, g.mesh!);
    expect(Array.from(d.borderHashes)).toEqual(Array.from(g.borderHashes));
    // No mesh asked: no LOD either.
    const n = api.decompress({ seed: SEED, cx, cy, cz, bytes: encodeChunk(g.voxels!, true), mesh: false, lod: 1 });
    expect(n.mesh).toBeNull();
    expect(n.lod).toBe(0);
  });

  it('uniform chunks are unchanged by LOD (result lod 0, same mesh)', () => {
    const stone = [reps.uniform[1][0], reps.uniform[1][1], reps.uniform[1][2]] as const;
    const air = [reps.uniform[0][0], reps.uniform[0][1], reps.uniform[0][2]] as const;
    expect(gen.uniformId(...stone)).toBeGreaterThan(0);
    expect(gen.uniformId(...air)).toBe(0);
    for (const [cx, cy, cz] of [stone, air]) {
      const f = api.generate({ seed: SEED, cx, cy, cz, mesh: true });
      const l = api.generate({ seed: SEED, cx, cy, cz, mesh: true, lod: 1, lodNeighbours: 63 });
      expect(l.lod).toBe(0);
      expect(l.voxels).toBeNull();
      sameMesh(l.mesh!, f.mesh!);
      expect(Array.from(l.borderHashes)).toEqual(Array.from(f.borderHashes));
    }
    // A uniform chunk with a mixed border still draws faces: same as at full detail.
    const b = new Uint16Array(CHUNK_AREA);
    b[5] = BlockId.STONE;
    const borders = [b, 0, 0, 0, 0, 0];
    const f = api.mesh({ seed: SEED, cx: 0, cy: 0, cz: 0, voxels: BlockId.DIRT, borders });
    const l = api.mesh({ seed: SEED, cx: 0, cy: 0, cz: 0, voxels: BlockId.DIRT, borders, lod: 1, lodNeighbours: 63 });
    expect(l.lod).toBe(0);
    expect(l.mesh.quadCount).toBeGreaterThan(0);
    sameMesh(l.mesh, f.mesh);
  });

  it('no see-through gap at seams: LOD chunk vs full-detail neighbours (real borders), and LOD vs LOD (both downsampled)', () => {
    let checkedSquares = 0;
    for (const [cx, cy, cz] of [reps.surface[0], reps.surface[1], reps.mountain[0], reps.cave[0]]) {
      const lodReal = api.generate({ seed: SEED, cx, cy, cz, mesh: true, lod: 1 });
      const lodAll = api.generate({ seed: SEED, cx, cy, cz, mesh: true, lod: 1, lodNeighbours: 63 });
      for (let f = 0; f < 6; f++) {
        const [dx, dy, dz] = FACE_DIRS[f];
        const nFull = api.generate({ seed: SEED, cx: cx + dx, cy: cy + dy, cz: cz + dz, mesh: true });
        const nLod = api.generate({ seed: SEED, cx: cx + dx, cy: cy + dy, cz: cz + dz, mesh: true, lod: 1, lodNeighbours: 63 });
        expect(seamGaps(shown(lodReal), lodReal.mesh!, shown(nFull), nFull.mesh!, f)).toBe(0);
        expect(seamGaps(shown(lodAll), lodAll.mesh!, shown(nLod), nLod.mesh!, f)).toBe(0);
        checkedSquares += 2 * CHUNK_AREA;
      }
    }
    expect(checkedSquares).toBe(4 * 6 * 2 * CHUNK_AREA);
  });

  it('why lodNeighbours defaults to 0: a downsampled border against a full-detail neighbour opens gaps', () => {
    // A: stone throughout but one air voxel (so it is not uniform). B across +x: air but one stone voxel at
    // its x = 0, z = 0, y = 1: one stone in the 2x2 border cell (z 0..1, y 0..1) of A's +x face.
    const a = new Uint16Array(CHUNK_VOLUME).fill(BlockId.STONE);
    a[10 + 10 * 32 + 10 * 1024] = BlockId.AIR;
    const bVox = new Uint16Array(CHUNK_VOLUME);
    bVox[0 + 0 * 32 + 1 * 1024] = BlockId.STONE;
    const aBorder = new Uint16Array(CHUNK_AREA);
    extractBorder(bVox, 0, aBorder, 0);
    const bBorder = new Uint16Array(CHUNK_AREA);
    extractBorder(a, 1, bBorder, 0);
    const bMesh = api.mesh({ seed: SEED, cx: 1, cy: 0, cz: 0, voxels: bVox.slice(), borders: [0, bBorder, 0, 0, 0, 0] }).mesh;
    const safe = api.mesh({ seed: SEED, cx: 0, cy: 0, cz: 0, voxels: a.slice(), borders: [aBorder.slice(), 0, 0, 0, 0, 0], lod: 1 });
    const wrong = api.mesh({ seed: SEED, cx: 0, cy: 0, cz: 0, voxels: a.slice(), borders: [aBorder.slice(), 0, 0, 0, 0, 0], lod: 1, lodNeighbours: 1 });
    const shownA = downsampleVoxels(a, new Uint16Array(CHUNK_VOLUME));
    expect(seamGaps(shownA, safe.mesh, bVox, bMesh, 0)).toBe(0);
    expect(seamGaps(shownA, wrong.mesh, bVox, bMesh, 0)).toBe(3); // the three air voxels of that cell
  });

  it('rejects a bad lod or lodNeighbours naming the method, field and allowed values', () => {
    const bad = { seed: SEED, cx: 0, cy: 0, cz: 0, mesh: true };
    expect(() => api.generate({ ...bad, lod: 2 as unknown as 1 })).toThrow('ChunkStreamingWorker: generate lod must be 0, 1 or absent, got 2');
    expect(() => api.generate({ ...bad, lod: 1, lodNeighbours: 64 })).toThrow(
      'ChunkStreamingWorker: generate lodNeighbours must be an integer in [0, 63] (bit f = face f), got 64',
    );
    expect(() => api.mesh({ seed: SEED, cx: 0, cy: 0, cz: 0, voxels: 1, borders: [0, 0, 0, 0, 0, 0], lodNeighbours: 1.5 })).toThrow(
      'ChunkStreamingWorker: mesh lodNeighbours must be an integer in [0, 63] (bit f = face f), got 1.5',
    );
    expect(() => api.decompress({ seed: SEED, cx: 0, cy: 0, cz: 0, bytes: new Uint8Array(0), mesh: true, lod: -1 as unknown as 0 })).toThrow(
      'ChunkStreamingWorker: decompress lod must be 0, 1 or absent, got -1',
    );
  });
});
