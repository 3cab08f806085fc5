/**
 * Brute-force references and field builders for the mesher tests (no mesher code reused here).
 * Voxel index x + z*32 + y*1024; faces 0..5 = +x,-x,+y,-y,+z,-z; neighbours in face order, null = air.
 */
import { BLOCKS, BlockId, FACE_LAYER_TABLE, TRANSLUCENT_TABLE } from '@/config/blocks';
import { forEachFace } from '@/utils/meshing/BinaryGreedyMesher';
import type { ChunkMesh } from '@/types/streaming';

export type Neighbors = (Uint16Array | null)[];

export const DIRS = [
  [1, 0, 0],
  [-1, 0, 0],
  [0, 1, 0],
  [0, -1, 0],
  [0, 0, 1],
  [0, 0, -1],
] as const;

export const idx = (x: number, y: number, z: number): number => x + z * 32 + y * 1024;

/** Opacity straight from the registry (ids past it count as opaque, as config/blocks.ts says). */
export function opaqueRef(id: number): boolean {
  const b = BLOCKS[id];
  return b === undefined ? true : b.opaque;
}

/** Id of voxel (x,y,z) where coordinates may step one outside the chunk into a neighbour. */
export function voxelAt(vox: Uint16Array, neighbors: Neighbors, x: number, y: number, z: number): number {
  const c = [x, y, z];
  for (let axis = 0; axis < 3; axis++) {
    if (c[axis] === 32 || c[axis] === -1) {
      const face = axis * 2 + (c[axis] === 32 ? 0 : 1);
      const nb = neighbors[face];
      if (nb === null) return 0;
      c[axis] = c[axis] === 32 ? 0 : 31;
      return nb[idx(c[0], c[1], c[2])];
    }
  }
  return vox[idx(x, y, z)];
}

/** expected[face*32768 + voxelIndex] = 1 when that face must be drawn (the spec's rule, brute force). */
export function expectedFaces(vox: Uint16Array, neighbors: Neighbors): Uint8Array {
  const e = new Uint8Array(6 * 32768);
  for (let y = 0; y < 32; y++)
    for (let z = 0; z < 32; z++)
      for (let x = 0; x < 32; x++) {
        const a = vox[idx(x, y, z)];
        if (a === 0) continue;
        for (let f = 0; f < 6; f++) {
          const [dx, dy, dz] = DIRS[f];
          const b = voxelAt(vox, neighbors, x + dx, y + dy, z + dz);
          if (!opaqueRef(b) && b !== a) e[f * 32768 + idx(x, y, z)] = 1;
        }
      }
  return e;
}

/** Borders (6*1024) built from neighbours by direct coordinate lookups. */
export function bordersFromNeighbors(neighbors: Neighbors): Uint16Array {
  const out = new Uint16Array(6 * 1024);
  const none = new Uint16Array(32768); // our own voxels are never read for coordinates outside the chunk
  for (let a = 0; a < 32; a++)
    for (let b = 0; b < 32; b++) {
      // x faces (z=a, y=b) -> a + b*32; y faces (x=a, z=b); z faces (x=a, y=b)
      out[0 * 1024 + a + b * 32] = voxelAt(none, neighbors, 32, b, a);
      out[1 * 1024 + a + b * 32] = voxelAt(none, neighbors, -1, b, a);
      out[2 * 1024 + a + b * 32] = voxelAt(none, neighbors, a, 32, b);
      out[3 * 1024 + a + b * 32] = voxelAt(none, neighbors, a, -1, b);
      out[4 * 1024 + a + b * 32] = voxelAt(none, neighbors, a, b, 32);
      out[5 * 1024 + a + b * 32] = voxelAt(none, neighbors, a, b, -1);
    }
  return out;
}

/**
 * Checks a mesh against the brute-force expectation and returns a list of problems (empty = correct):
 * every expected face covered exactly once with the right block id, nothing else covered, every quad's
 * layer from FACE_LAYER_TABLE, solid quads before translucent ones.
 */
export function checkMesh(mesh: ChunkMesh, vox: Uint16Array, neighbors: Neighbors, limit = 10): string[] {
  const problems: string[] = [];
  const report = (msg: string) => {
    if (problems.length < limit) problems.push(msg);
  };
  const expected = expectedFaces(vox, neighbors);
  const count = new Uint8Array(6 * 32768);
  forEachFace(mesh, (face, x, y, z, block) => {
    const i = face * 32768 + idx(x, y, z);
    count[i]++;
    const actual = vox[idx(x, y, z)];
    if (block !== actual) report(`face ${face} at ${x},${y},${z}: quad block ${block}, voxel ${actual}`);
  });
  for (let i = 0; i < count.length; i++) {
    if (count[i] !== expected[i]) {
      const f = Math.floor(i / 32768);
      const v = i % 32768;
      report(
        `face ${f} at ${v & 31},${v >> 10},${(v >> 5) & 31} (block ${vox[v]}): covered ${count[i]}x, expected ${expected[i]}x`,
      );
    }
  }
  if (mesh.solidQuadCount < 0 || mesh.solidQuadCount > mesh.quadCount) {
    report(`solidQuadCount ${mesh.solidQuadCount} outside 0..${mesh.quadCount}`);
  }
  for (let q = 0; q < mesh.quadCount; q++) {
    const w0 = mesh.quads[q * 2];
    const w1 = mesh.quads[q * 2 + 1];
    const id = w1 & 0xffff;
    const face = w0 >>> 25;
    if (w1 >>> 16 !== FACE_LAYER_TABLE[id * 6 + face]) report(`quad ${q}: layer ${w1 >>> 16} for block ${id} face ${face}`);
    const translucent = TRANSLUCENT_TABLE[id] === 1;
    if (translucent !== q >= mesh.solidQuadCount) {
      report(`quad ${q} (block ${id}) is in the ${q >= mesh.solidQuadCount ? 'translucent' : 'solid'} range`);
    }
  }
  return problems;
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ids used by random fields: air, opaque blocks, see-through ones and an id past the registry (opaque). */
export const PALETTE = [
  BlockId.AIR,
  BlockId.STONE,
  BlockId.DIRT,
  BlockId.GRASS,
  BlockId.WATER,
  BlockId.LEAVES,
  BlockId.SNOW,
  BlockId.WOOD,
  700,
];

export type FieldKind = 'noise' | 'blobs' | 'layers' | 'columns';

/**
 * A random chunk: `palette` ids (air first), `density` = chance of non-air; 'noise' independent voxels,
 * 'blobs' a few boxes of one id, 'layers' horizontal slabs, 'columns' terrain-like columns with water.
 */
export function randomField(seed: number, kind: FieldKind, density: number, palette: readonly number[]): Uint16Array {
  const r = rng(seed);
  const v = new Uint16Array(32768);
  const pick = () => palette[1 + Math.floor(r() * (palette.length - 1))] ?? palette[0];
  if (kind === 'noise') {
    for (let i = 0; i < v.length; i++) v[i] = r() < density ? pick() : 0;
  } else if (kind === 'blobs') {
    const n = 1 + Math.floor(density * 20);
    for (let b = 0; b < n; b++) {
      const id = pick();
      const x0 = Math.floor(r() * 32), y0 = Math.floor(r() * 32), z0 = Math.floor(r() * 32);
      const x1 = Math.min(32, x0 + 1 + Math.floor(r() * 20));
      const y1 = Math.min(32, y0 + 1 + Math.floor(r() * 20));
      const z1 = Math.min(32, z0 + 1 + Math.floor(r() * 20));
      for (let y = y0; y < y1; y++) for (let z = z0; z < z1; z++) for (let x = x0; x < x1; x++) v[idx(x, y, z)] = id;
    }
  } else if (kind === 'layers') {
    for (let y = 0; y < 32; y++) {
      const id = r() < density ? pick() : 0;
      for (let i = 0; i < 1024; i++) v[y * 1024 + i] = r() < 0.03 ? pick() : id;
    }
  } else {
    for (let z = 0; z < 32; z++)
      for (let x = 0; x < 32; x++) {
        const hgt = Math.floor(density * 32 + (r() - 0.5) * 8);
        for (let y = 0; y < 32; y++) {
          v[idx(x, y, z)] = y < hgt - 3 ? BlockId.STONE : y < hgt - 1 ? BlockId.DIRT : y < hgt ? BlockId.GRASS : y < 14 ? BlockId.WATER : 0;
        }
      }
  }
  return v;
}

export function filled(id: number): Uint16Array {
  return new Uint16Array(32768).fill(id);
}

export function fromFn(f: (x: number, y: number, z: number) => number): Uint16Array {
  const v = new Uint16Array(32768);
  for (let y = 0; y < 32; y++) for (let z = 0; z < 32; z++) for (let x = 0; x < 32; x++) v[idx(x, y, z)] = f(x, y, z);
  return v;
}

export const NO_NEIGHBORS: Neighbors = [null, null, null, null, null, null];
