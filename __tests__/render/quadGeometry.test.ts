import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FACE_DIRS } from '@/types/chunk';
import {
  CORNER_MASK,
  FACE_PAIR_AXES,
  QUAD_INDICES,
  UINT16_INDEX_MAX_QUADS,
  cornerOfVertex,
  decodeQuad,
  expandQuadVertices,
  packQuadWord0,
  quadCorners,
  quadIndexArray,
  quadVertex,
  type DecodedQuad,
} from '@/utils/render/quadGeometry';

/** In-plane axes per face as ARCHITECTURE.md states them: (z,y) x faces, (x,z) y faces, (x,y) z faces. */
const SPEC_UV: Record<number, [number, number]> = { 0: [2, 1], 1: [2, 1], 2: [0, 2], 3: [0, 2], 4: [0, 1], 5: [0, 1] };

const quadArb = fc
  .record({
    face: fc.integer({ min: 0, max: 5 }),
    x: fc.integer({ min: 0, max: 31 }),
    y: fc.integer({ min: 0, max: 31 }),
    z: fc.integer({ min: 0, max: 31 }),
    w: fc.integer({ min: 1, max: 32 }),
    h: fc.integer({ min: 1, max: 32 }),
  })
  .filter((q) => {
    // the quad must stay inside the chunk along its in-plane axes
    const [u, v] = SPEC_UV[q.face];
    const p = [q.x, q.y, q.z];
    return p[u] + q.w <= 32 && p[v] + q.h <= 32;
  });

function cross(a: number[], b: number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

describe('quadGeometry', () => {
  it('decodes what it packs', () => {
    const out = {} as DecodedQuad;
    const w0 = packQuadWord0(31, 7, 0, 32, 1, 5);
    const w1 = (9 | (10 << 16)) >>> 0;
    expect(decodeQuad(w0, w1, out)).toEqual({ x: 31, y: 7, z: 0, w: 32, h: 1, face: 5, blockId: 9, layer: 10 });
    expect(() => packQuadWord0(0, 0, 0, 33, 1, 0)).toThrow(/w must be an integer in \[1, 32\], got 33/);
    expect(() => packQuadWord0(0, 0, 0, 1, 1, 6)).toThrow(/face must be an integer in \[0, 5\], got 6/);
  });

  it('uses the in-plane axes of the architecture contract', () => {
    for (let f = 0; f < 6; f++) {
      const [n, u, v] = FACE_PAIR_AXES[f >> 1];
      expect([u, v]).toEqual(SPEC_UV[f]);
      expect(FACE_DIRS[f][n]).toBe(f % 2 === 0 ? 1 : -1);
    }
  });

  it('puts a unit +x quad of block (0,0,0) on the plane x = 1 covering y,z in [0,1]', () => {
    const c = Array.from(quadCorners(packQuadWord0(0, 0, 0, 1, 1, 0)));
    const verts = [0, 1, 2, 3, 4, 5].map((i) => c.slice(i * 3, i * 3 + 3));
    for (const p of verts) expect(p[0]).toBe(1);
    expect(new Set(verts.map((p) => p.join(',')))).toEqual(new Set(['1,0,0', '1,0,1', '1,1,1', '1,1,0']));
  });

  it('every face: corners on the face plane, covering exactly the quad blocks, wound counter-clockwise from outside', () => {
    fc.assert(
      fc.property(quadArb, (q) => {
        const word0 = packQuadWord0(q.x, q.y, q.z, q.w, q.h, q.face);
        const c = quadCorners(word0, new Array(18).fill(0));
        const [n, u, v] = FACE_PAIR_AXES[q.face >> 1];
        const base = [q.x, q.y, q.z];
        const plane = base[n] + (q.face % 2 === 0 ? 1 : 0);
        const outward = FACE_DIRS[q.face];
        let area = 0;
        for (let t = 0; t < 2; t++) {
          const a = [c[t * 9], c[t * 9 + 1], c[t * 9 + 2]];
          const b = [c[t * 9 + 3], c[t * 9 + 4], c[t * 9 + 5]];
          const d = [c[t * 9 + 6], c[t * 9 + 7], c[t * 9 + 8]];
          for (const p of [a, b, d]) {
            if (p[n] !== plane) return false;
            // corners are on the quad rectangle's corners
            if (p[u] !== base[u] && p[u] !== base[u] + q.w) return false;
            if (p[v] !== base[v] && p[v] !== base[v] + q.h) return false;
          }
          const nrm = cross([b[0] - a[0], b[1] - a[1], b[2] - a[2]], [d[0] - a[0], d[1] - a[1], d[2] - a[2]]);
          const facing = nrm[0] * outward[0] + nrm[1] * outward[1] + nrm[2] * outward[2];
          if (!(facing > 0)) return false; // counter-clockwise seen from outside
          area += facing / 2;
        }
        // two triangles with no overlap covering the w x h rectangle: total area w*h and all four corners used
        if (area !== q.w * q.h) return false;
        const distinct = new Set<string>();
        for (let i = 0; i < 6; i++) distinct.add(`${c[i * 3]},${c[i * 3 + 1]},${c[i * 3 + 2]}`);
        return distinct.size === 4;
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('the quad covers the unit faces of blocks base + i*U + j*V (brute force over small quads)', () => {
    for (let face = 0; face < 6; face++) {
      const [n, u, v] = FACE_PAIR_AXES[face >> 1];
      const word0 = packQuadWord0(3, 4, 5, 3, 2, face);
      const c = quadCorners(word0);
      let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
      for (let i = 0; i < 6; i++) {
        minU = Math.min(minU, c[i * 3 + u]);
        maxU = Math.max(maxU, c[i * 3 + u]);
        minV = Math.min(minV, c[i * 3 + v]);
        maxV = Math.max(maxV, c[i * 3 + v]);
      }
      const base = [3, 4, 5];
      // every block of the quad: its unit face lies inside the rectangle, and nothing else does
      for (let bu = 0; bu < 40; bu++) {
        for (let bv = 0; bv < 40; bv++) {
          const inside = bu >= minU && bu + 1 <= maxU && bv >= minV && bv + 1 <= maxV;
          const expected = bu >= base[u] && bu < base[u] + 3 && bv >= base[v] && bv < base[v] + 2;
          expect(inside).toBe(expected);
        }
      }
      const plane = c[n];
      expect(plane).toBe(base[n] + (face % 2 === 0 ? 1 : 0));
    }
  });

  it('quadVertex writes at an offset without touching the rest', () => {
    const out = new Float32Array(6).fill(-1);
    quadVertex(packQuadWord0(1, 2, 3, 1, 1, 3), 0, out, 3);
    expect(Array.from(out)).toEqual([-1, -1, -1, 1, 2, 3]);
  });

  it('expandQuadVertices: 4 vertices per quad, each holding the quad words; range and size errors', () => {
    const quads = new Uint32Array([1, 2, 3, 4, 0xffffffff, 0x80000001, 7, 8]);
    const out = new Uint32Array(3 * 8 + 2).fill(9);
    expandQuadVertices(quads, 1, 4, out);
    expect(Array.from(out)).toEqual([
      3, 4, 3, 4, 3, 4, 3, 4,
      0xffffffff, 0x80000001, 0xffffffff, 0x80000001, 0xffffffff, 0x80000001, 0xffffffff, 0x80000001,
      7, 8, 7, 8, 7, 8, 7, 8,
      9, 9, // past the range: untouched
    ]);
    expect(() => expandQuadVertices(quads, 0, 5, out)).toThrow(/^quadGeometry: quad range must satisfy 0 <= start <= end <= 4, got \[0, 5\)/);
    expect(() => expandQuadVertices(quads, 2, 1, out)).toThrow(/quad range/);
    expect(() => expandQuadVertices(quads, 0, 4, new Uint32Array(31))).toThrow(/^quadGeometry: out must hold >= 32 words for 4 quads, got 31/);
    expect(expandQuadVertices(quads, 2, 2, new Uint32Array(0)).length).toBe(0);
  });

  it('quadIndexArray: 4q + (0,1,2,0,2,3) per quad; Uint16 through UINT16_INDEX_MAX_QUADS (max id 65531), Uint32 past it', () => {
    const a = quadIndexArray(3);
    expect(Array.from(a)).toEqual([0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7, 8, 9, 10, 8, 10, 11]);
    expect(quadIndexArray(0).length).toBe(0);
    const max16 = quadIndexArray(UINT16_INDEX_MAX_QUADS);
    expect(max16).toBeInstanceOf(Uint16Array);
    expect(max16.buffer).toBe(a.buffer); // one cached array
    let max = 0;
    for (let i = 0; i < max16.length; i++) max = Math.max(max, max16[i]);
    expect(max).toBe(65531); // below the primitive restart index 65535
    for (const n of [UINT16_INDEX_MAX_QUADS + 1, 98304, 200_000]) {
      const big = quadIndexArray(n);
      expect(big).toBeInstanceOf(Uint32Array);
      expect(big.length).toBe(n * 6);
      for (const q of [0, 16383, n - 1]) {
        for (let k = 0; k < 6; k++) expect(big[q * 6 + k]).toBe(q * 4 + QUAD_INDICES[k]);
      }
    }
    expect(() => quadIndexArray(-1)).toThrow(/^quadGeometry: quadCount must be an integer >= 0, got -1/);
  });

  it('corner from vertex id: every index of quad q names a vertex of q whose corner is the QUAD_INDICES entry', () => {
    expect(CORNER_MASK).toBe(3);
    const idx = quadIndexArray(70_000);
    for (let q = 0; q < 70_000; q += 997) {
      for (let k = 0; k < 6; k++) {
        const v = idx[q * 6 + k];
        expect(v >> 2).toBe(q);
        expect(cornerOfVertex(v)).toBe(QUAD_INDICES[k]);
      }
    }
  });

  it('drawn through vertex data + index + corner from vertex id, each quad gives exactly its mirror triangles', () => {
    fc.assert(
      fc.property(fc.array(quadArb, { minLength: 1, maxLength: 40 }), (list) => {
        const quads = new Uint32Array(list.length * 2);
        list.forEach((q, i) => {
          quads[i * 2] = packQuadWord0(q.x, q.y, q.z, q.w, q.h, q.face);
          quads[i * 2 + 1] = i;
        });
        const words = expandQuadVertices(quads, 0, list.length, new Uint32Array(list.length * 8));
        const index = quadIndexArray(list.length);
        const drawn = new Array(3).fill(0);
        const expected = new Array(18).fill(0);
        for (let q = 0; q < list.length; q++) {
          quadCorners(quads[q * 2], expected);
          for (let k = 0; k < 6; k++) {
            const v = index[q * 6 + k]; // what the GPU does: gl_VertexID = v, attribute quad = words[2v..2v+1]
            if (words[v * 2 + 1] !== q) return false;
            quadVertex(words[v * 2], cornerOfVertex(v), drawn);
            for (let c = 0; c < 3; c++) if (drawn[c] !== expected[k * 3 + c]) return false;
          }
        }
        return true;
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
